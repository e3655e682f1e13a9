// Turns the paragraphs a reader finds, one after another, into blocks: numbered and bulleted
// paragraphs into nested lists (an indented paragraph between two items stays in the list,
// and numbering that goes on after an interruption keeps its number), headings by style or
// by their numbering, the title, captions onto their tables, and manual spacing dropped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "import/document.h"

namespace kiosk::import {

// One paragraph as a reader found it.
struct ParagraphFacts {
  Inlines inlines;
  std::string location;    // "paragraph 12"
  int outline_level = 0;   // a heading by its style: 1 for the top level; 0 for none
  bool title = false;      // in the Title style
  bool caption = false;    // in a caption style
  std::string list;        // the numbered sequence it is an item of; empty for none
  int list_level = 0;      // 0 for the outermost
  bool decimal = false;    // numbered "1." "2." …: a Markdown ordered list
  std::string label;       // the number as shown ("3.", "一、", "(1)"); empty for a bullet
  int number = 0;          // the item's number
  bool continues_item = false;  // a further paragraph of the list item before it
  int indent = 0;          // left indent, in twentieths of a point
};

class BlockBuilder {
 public:
  // `body`: the document's body, where headings and the title are found; in table cells
  // and notes every paragraph stays a paragraph.
  explicit BlockBuilder(bool body) : body_(body) {}

  void Add(ParagraphFacts paragraph);
  void Add(Table table);
  // The blocks. `title_known`: the document's properties give its title; otherwise the
  // first paragraph in the Title style, or else the first heading, is taken as the title.
  Blocks Finish(bool title_known = true);
  // The title found in the body (after Finish), or empty.
  const std::string& title() const { return title_; }

 private:
  void AddToList(ParagraphFacts& paragraph);
  bool ContinuesList(const ParagraphFacts& paragraph) const;
  void CloseList();
  void Flush(Block block);

  bool body_;
  Blocks blocks_;
  std::string title_;
  std::optional<List> list_;  // the list being built, not yet in blocks_
  std::string list_id_;
  int list_base_level_ = 0;
  std::vector<int> level_indents_;  // the indent of each open level's items
  std::optional<Paragraph> caption_;  // a caption waiting for its table
  // The headings in blocks_: where, and the outline level of their style (0: by numbering).
  std::vector<size_t> heading_blocks_;
  std::vector<int> outline_levels_;
};

// A number as it goes before its paragraph's text: "一、" joins the text, "1." and "(1)"
// take a space.
std::string LabelBefore(const std::string& label);

// Tidies a paragraph's runs: tabs and line ends as spaces, runs of spaces as one, no space at
// either end, letter-spaced Chinese ("推 動 作 法") joined, neighbouring runs of the same
// formatting joined.
void TidyInlines(Inlines& inlines);

}  // namespace kiosk::import
