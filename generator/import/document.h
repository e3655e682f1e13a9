// The document model that both readers (ODF, OOXML) produce and the Markdown writer takes:
// what a document says, without how one format or the other stores it.
#pragma once

#include <optional>
#include "base/diagnostic.h"
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::import {

// A run of inline content.
struct Span {
  enum class Kind { kText, kLineBreak, kFootnote, kImage };
  Kind kind = Kind::kText;
  std::string text;  // kText
  bool bold = false;
  bool italic = false;
  std::string href;  // the link the span is part of, if any
  int number = 0;    // kFootnote: the note's number; kImage: the image's (from 1)
};
using Inlines = std::vector<Span>;

struct Block;
using Blocks = std::vector<Block>;

struct Paragraph {
  Inlines inlines;
  std::string location;  // "paragraph 12", for messages
};

struct Heading {
  int level = 2;  // 2 for "##": the page's title is its only <h1>
  Inlines inlines;
  std::string location;
};

struct ListItem {
  // The number or bullet as the document shows it ("一、", "(1)"), for an unordered
  // Markdown list that keeps it; empty for bullets and for items of an ordered list.
  std::string label;
  Blocks blocks;
};

struct List {
  bool ordered = false;  // numbered 1. 2. 3. (Markdown's own numbers)
  int start = 1;         // the first item's number, when ordered
  std::vector<ListItem> items;
  std::string location;
};

struct TableCell {
  Blocks blocks;
  int row_span = 1;
  int col_span = 1;
};

// A table as its logical grid: rows × columns slots, each holding the cell that starts there
// or nothing where a merged cell covers it.
struct Table {
  int number = 0;  // from 1, in document order (for messages: "table 2 row 3 cell 1")
  std::string caption;
  int columns = 0;
  int header_rows = 0;
  std::vector<std::vector<std::optional<TableCell>>> rows;
};

struct Block {
  std::variant<Paragraph, Heading, List, Table> content;
};

struct Image {
  int number = 0;        // from 1, in document order
  std::string alt;       // the document's description of it (may be empty)
  std::string part;      // where it is in the archive (never used as a path on disk)
  std::string extension; // from its bytes: "png", "jpg", "gif", "svg", "webp"
  std::string bytes;
  std::string file_name;  // given by the importer: "<page>-<number>.<extension>"
  std::string src;        // how the page links to it
};

struct Document {
  std::string title;
  Blocks blocks;
  std::vector<Blocks> footnotes;  // footnotes[n - 1] is note n
  std::vector<Image> images;      // images[n - 1] is image n
};

// Adds a picture found in the document's part `part` (a path inside the archive), described
// by `description` or else `title`, and returns the span that shows it where it stands.
Span AddImage(Document& document, std::string_view description, std::string_view title,
              std::string part);

// The plain text of inline content (for titles, captions and matching).
std::string PlainText(const Inlines& inlines);

// Where a table's covered slots get their content from: for each slot, the row and column of
// the cell covering it (the slot itself for the cell that starts there).
struct SlotOrigin {
  int row = 0;
  int column = 0;
};
std::vector<std::vector<SlotOrigin>> SlotOrigins(const Table& table);

// The plain text of blocks, paragraphs joined by a space (for matching cells).
std::string PlainText(const Blocks& blocks);

// What both readers do once a table is read: slots of a short row that no merged cell
// covers become empty cells; a table with no header rows marked gets its
// first row as header; a header row is extended down while a cell of it spans further; a
// body row that repeats the header's text (typed again at a page break) is left out.
void FinishTable(Table& table, const std::string& document, Diagnostics& warnings);

// "DOCUMENT:LOCATION: warning: message — hint".
void Warn(Diagnostics& warnings, const std::string& document, const std::string& location,
          std::string message, std::string hint);

}  // namespace kiosk::import
