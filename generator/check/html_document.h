// HtmlDocument: a page parsed by tidy-html5 into an immutable DOM of our own, every node
// carrying the line and column it was written at, plus the page's validity problems (what
// the W3C validator would reject: duplicate ids, bad nesting, unclosed tags…) for HM1410100C.
//
// Nothing of tidy leaves html_document.cpp. Elements that tidy invents while recovering from
// errors (an implicit <p> for a stray </p>) are left out, so that the tree is what the author
// wrote; only <html>, <head> and <body> are kept when implied, as HTML5 allows omitting them.
// <template> elements are left out with their content, which browsers do not render.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace kiosk::check {

// What a page may hold for the checker to read it: deeper nesting overflowed tidy's recursive
// parser (a <div> 100,000 deep), and tidy's time grows with the square of an element's
// attributes (100,000 took minutes). Far beyond real pages; browsers stop nesting at 512.
inline constexpr int kMaxElementDepth = 1000;
inline constexpr int kMaxAttributesPerElement = 1000;

struct HtmlAttribute {
  std::string name;  // lower-case
  std::string value;
};

struct HtmlNode {
  enum class Kind { kDocument, kElement, kText };

  Kind kind = Kind::kElement;
  std::string name;                       // elements: lower-case tag name
  std::vector<HtmlAttribute> attributes;  // elements: in source order
  std::string text;                       // text nodes: with character references decoded
  int line = 0;                           // 1-based: the '<' of the start tag, or the text's start
  int column = 0;                         // 1-based, in characters
  int parent = -1;                        // index in HtmlDocument::nodes(); -1 for the document
  std::vector<int> children;

  bool is_element() const { return kind == Kind::kElement; }
  bool is_text() const { return kind == Kind::kText; }
  // The value of an attribute, or nullptr when the element does not have it.
  const std::string* Find(std::string_view attribute) const;
  bool Has(std::string_view attribute) const { return Find(attribute) != nullptr; }
};

// A conformance error in the page's markup, as a validator would report it.
struct HtmlProblem {
  int line = 0;
  int column = 0;
  std::string kind;        // tidy's message key, e.g. "ANCHOR_NOT_UNIQUE"
  std::string message_en;  // e.g. `<p> anchor "a" already defined`
  std::string message_zh;  // what kind of problem it is, in Chinese
};

class HtmlDocument {
 public:
  // Parses UTF-8 HTML. Fails when tidy cannot read the text at all, or when elements are
  // nested deeper than kMaxElementDepth or one has more than kMaxAttributesPerElement
  // attributes (at its line and column in `file`); markup errors are recovered from and
  // listed in problems().
  static Result<HtmlDocument> Parse(std::string_view html, const std::string& file = {});

  // Every node in document order (a parent before its children); node 0 is the document.
  const std::vector<HtmlNode>& nodes() const { return nodes_; }
  const HtmlNode& node(int id) const { return nodes_[id]; }
  int html() const { return html_; }  // the root element, or -1
  int head() const { return head_; }
  int body() const { return body_; }
  const std::vector<HtmlProblem>& problems() const { return problems_; }
  std::string_view source() const { return source_; }

  // The start tag of an element as written in the source, with runs of white space folded,
  // shortened to about `max_chars` characters ("…" marks a cut), without the data-sourcepos
  // mark kiosk's Markdown carries while it is checked.
  std::string Snippet(int element, size_t max_chars = 120) const;
  // The text of a node and its descendants, as DOM textContent.
  std::string TextContent(int node) const;
  // Where the value of an attribute starts in the source (1-based line and column), or the
  // element's own position when it cannot be found.
  std::pair<int, int> AttributePosition(int element, std::string_view attribute) const;
  // The first element with this id, or -1.
  int ElementById(std::string_view id) const;
  // True when `ancestor` is `node` or one of its ancestors.
  bool Contains(int ancestor, int node) const;

 private:
  friend class HtmlDocumentBuilder;

  // Byte offset in source_ of a 1-based line and column, or npos.
  size_t Offset(int line, int column) const;
  // The 1-based line and column of a byte offset in source_.
  std::pair<int, int> PositionOf(size_t offset) const;

  std::string source_;
  std::vector<size_t> line_starts_;
  // The last position Offset found (a document is read by one thread at a time).
  mutable int last_line_ = 0;
  mutable int last_column_ = 0;
  mutable size_t last_offset_ = 0;
  std::vector<HtmlNode> nodes_;
  std::unordered_map<std::string, int> ids_;  // the first element of each id
  std::vector<HtmlProblem> problems_;
  int html_ = -1;
  int head_ = -1;
  int body_ = -1;
};

// True for text that shows nothing: ASCII white space, no-break and ideographic spaces and
// zero-width characters.
bool IsBlank(std::string_view text);
// Trims IsBlank characters at both ends and folds inner runs of them into one space.
std::string CollapseSpace(std::string_view text);
// ASCII lower case.
std::string Lower(std::string_view text);

}  // namespace kiosk::check
