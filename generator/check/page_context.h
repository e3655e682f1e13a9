// Internal to the checker: what the rule functions share about one page. Not for use
// outside generator/check/.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.h"
#include "check/html_document.h"
#include "check/style.h"
#include "base/text.h"

namespace kiosk::check {

class PageContext {
 public:
  // With a cascade cache, styles are looked up in its memo (see style.h).
  PageContext(const HtmlDocument& page, const std::vector<PageStylesheet>& sheets,
              const CheckOptions& options, CascadeCache* cascade = nullptr);

  const HtmlDocument& page() const { return page_; }
  const HtmlNode& node(int id) const { return page_.node(id); }
  const std::vector<PageStylesheet>& sheets() const { return sheets_; }
  const CheckOptions& options() const { return options_; }
  // The cascade, computed on first use.
  const StyleResolver& styles();
  // The root element's lang, trimmed; empty when it has none.
  const std::string& root_lang() const { return root_lang_; }

  // What browsers do not render, or Freego treats as absent, is not checked: elements with
  // the hidden attribute, aria-hidden="true", an inline display:none or visibility:hidden,
  // and the content of <slot>. (<template> never reaches the tree: see html_document.h.)
  bool Skipped(int node) const { return skipped_[node] != 0; }
  // The elements that are not skipped, in document order; with a name, only those.
  const std::vector<int>& Elements() const { return elements_; }
  std::vector<int> Elements(std::string_view name) const;
  // Nodes are in document order, so the descendants of a node are the ids after it, up to
  // (not including) SubtreeEnd(node).
  int SubtreeEnd(int node) const { return subtree_end_[node]; }
  bool InBody(int node) const;
  // True inside <svg> or <math>.
  bool InForeign(int node) const;

  // A non-blank attribute value, trimmed; empty when absent or blank.
  std::string Attr(int element, std::string_view name) const;
  // The name of an element from its content: text, the alt of images, the names of nested
  // SVG images, aria-label of descendants; skipped descendants and form controls' content
  // left out. White space collapsed.
  std::string ContentName(int element) const;
  // The text of elements named by an aria-labelledby value (even hidden ones, as browsers do).
  std::string LabelledByText(const std::string& ids) const;
  // aria-labelledby, else aria-label, else the alt of an image, else the content (for
  // `from_content`), else title.
  // The content is read only when the labels give no name.
  std::string AccessibleName(int element, bool from_content) const;
  // The same for an element named from its content, whose ContentName the caller has.
  std::string AccessibleNameFrom(int element, const std::string& content_name) const;
  // The first element with this id, or -1.
  int ById(const std::string& id) const;

  // Adds a finding about an element (its start tag's line, column and snippet). `code` is
  // the 115.11 code; under edition 110.07 it is renamed, and dropped if 110.07 lacks it.
  void Report(std::string_view code, int element, std::string message_zh, std::string message_en);
  // Adds a finding at a place of the page, or of a linked stylesheet. `snippet` is called
  // only when the finding is described (its level is within CheckOptions::describe_up_to).
  void ReportAt(std::string_view code, int line, int column,
                const std::function<std::string()>& snippet, std::string message_zh,
                std::string message_en, std::string stylesheet = {});
  // The findings, and for each rule past kMaxFindingsPerRule one that counts the rest.
  std::vector<Finding> TakeFindings();

 private:
  // The rule a finding of `code` counts under in this edition, or nullptr when the check is
  // not made.
  const Rule* RuleOf(std::string_view code) const;
  void Add(const Rule& rule, int line, int column, const std::function<std::string()>& snippet,
           std::string message_zh, std::string message_en, std::string stylesheet);
  // aria-labelledby, else aria-label: the name an author gave, or empty.
  std::string LabelName(int element) const;

  const HtmlDocument& page_;
  const std::vector<PageStylesheet>& sheets_;
  const CheckOptions& options_;
  CascadeCache* cascade_;
  std::unique_ptr<StyleResolver> styles_;
  std::string root_lang_;
  std::vector<char> skipped_;
  std::vector<int> elements_;
  std::vector<int> subtree_end_;
  std::vector<Finding> findings_;
  FindingLimit limit_;
};

// The rule groups, each adding its findings to the context.
void CheckImages(PageContext& context);      // HM11101xx, KS1110100C
void CheckStructure(PageContext& context);   // headings, tables, forms, HM1130200C
void CheckLinkRules(PageContext& context);   // HM12404xx, HM1240102C, HM3240900C, ME1320200C
void CheckPageRules(PageContext& context);   // title, languages, ARIA, frames, validity, headings
void CheckCss(PageContext& context);         // CS2140401C, CS31408xx, KS2140300C
void CheckGuideTiles(PageContext& context);  // KS1240100C

// True for the elements of running text: a, em, span and the like (not img, br or controls).
bool IsPhrasing(const std::string& name);

// True for an inline style that hides the element (display:none, visibility:hidden).
bool InlineStyleHides(const std::string& style);

}  // namespace kiosk::check
