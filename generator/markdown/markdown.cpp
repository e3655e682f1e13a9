#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "base/text.h"
#include "markdown/alt_placeholder.h"
#include "markdown/cmark_tree.h"
#include "markdown/tables.h"

namespace kiosk {

namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist",
                                       "tagfilter"};

// Every node of the document in order, or the first that is nested deeper than
// kMaxMarkdownNesting (then `nodes` is incomplete).
cmark_node* CollectNodes(cmark_node* root, std::vector<cmark_node*>& nodes) {
  cmark_iter* iter = cmark_iter_new(root);
  cmark_node* too_deep = nullptr;
  std::vector<cmark_node*> ancestors;  // of the node entered, from the document down
  for (cmark_event_type event; !too_deep && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter);
    nodes.push_back(node);
    while (!ancestors.empty() && ancestors.back() != cmark_node_parent(node)) ancestors.pop_back();
    ancestors.push_back(node);
    // The document's own blocks are at depth 1.
    if (ancestors.size() - 1 > kMaxMarkdownNesting) too_deep = node;
  }
  cmark_iter_free(iter);
  return too_deep;
}

void ReportTooDeep(cmark_node* too_deep, const std::string& file, int first_line,
                   Diagnostics& diagnostics) {
  // Blocks know their place; inlines take their block's.
  cmark_node* block = too_deep;
  while (block && cmark_node_get_start_line(block) == 0) block = cmark_node_parent(block);
  const SourceLocation where =
      block ? SourceLocation{file, cmark_node_get_start_line(block),
                             cmark_node_get_start_column(block)}
            : SourceLocation{file, first_line, 1};
  diagnostics.error(where,
                    "lists, quotes, emphasis or links are nested more than " +
                        std::to_string(kMaxMarkdownNesting) + " deep here, kiosk's limit",
                    "nest them less deeply: split the list or quote, or write it as a table");
}

// A line break in the source between two Chinese characters is no word break: drop it, as
// browsers would otherwise show a space there.
void JoinCjkSoftBreak(cmark_node* softbreak) {
  cmark_node* before = cmark_node_previous(softbreak);
  cmark_node* after = cmark_node_next(softbreak);
  if (!before || !after) return;
  if (IsWideCjk(LastCodePoint(PlainText(before))) && IsWideCjk(FirstCodePoint(PlainText(after)))) {
    cmark_node_free(softbreak);  // also unlinks it
  }
}

bool IsBlock(cmark_node* node) {
  return (cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

bool InHeading(cmark_node* node) {
  for (cmark_node* at = node; at; at = cmark_node_parent(at)) {
    if (cmark_node_get_type(at) == CMARK_NODE_HEADING) return true;
  }
  return false;
}

// The names of the tags in raw HTML as written, each once: "<b>報名</b>" -> "b"; a comment
// is "!--".
std::vector<std::string> TagNames(std::string_view html) {
  std::vector<std::string> names;
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    std::string name;
    if (html.substr(at, 4) == "<!--") {
      name = "!--";
    } else {
      size_t pos = at + 1 + (at + 1 < html.size() && html[at + 1] == '/');
      while (pos < html.size() &&
             (std::isalnum(static_cast<unsigned char>(html[pos])) || html[pos] == '-')) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[pos++])));
      }
    }
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  return names;
}

// How to write what an HTML tag does in Markdown.
std::string MarkdownFormOf(const std::string& tag) {
  static const std::vector<std::pair<std::vector<std::string_view>, std::string_view>> kForms = {
      {{"b", "strong"}, "**bold**"},
      {{"i", "em"}, "*emphasis*"},
      {{"a"}, "[text](address)"},
      {{"img"}, "![what it shows](picture.png)"},
      {{"br"}, "a backslash \\ at the end of the line"},
      {{"p", "div"}, "a blank line between paragraphs"},
      {{"h1", "h2", "h3", "h4", "h5", "h6"}, "## heading"},
      {{"ul", "li"}, "lines starting with '- '"},
      {{"ol"}, "lines starting with '1. '"},
      {{"table", "thead", "tbody", "tr", "th", "td", "caption"}, "a table of | cells |"},
      {{"code"}, "`code`"},
      {{"pre"}, "a ``` fence"},
      {{"hr"}, "a line '---'"},
      {{"blockquote"}, "lines starting with '> '"},
      {{"!--"}, "no comment: delete it"},
  };
  for (const auto& [tags, form] : kForms) {
    if (std::find(tags.begin(), tags.end(), tag) != tags.end()) return std::string(form);
  }
  return "plain text: Markdown has no styling, leave the tag out";
}

// Raw HTML shown as text (markdown.unsafe_html is false): one warning per block that holds
// some, at its first tag, naming the Markdown to write instead.
class RawHtmlWarnings {
 public:
  explicit RawHtmlWarnings(const std::string& file) : file_(file) {}

  // `html` stands at `line` and `column` of the file.
  void Add(cmark_node* html, int line, int column) {
    cmark_node* block = html;
    while (!IsBlock(block)) block = cmark_node_parent(block);
    if (blocks_.empty() || blocks_.back().block != block)
      blocks_.push_back({block, line, column, {}});
    for (std::string& tag : TagNames(cmark_node_get_literal(html))) {
      std::vector<std::string>& tags = blocks_.back().tags;
      if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    }
  }

  void Report(Diagnostics& diagnostics) const {
    for (const Block& block : blocks_) {
      if (block.tags.empty()) continue;
      std::string tags;
      std::string forms;
      for (const std::string& tag : block.tags) {
        tags += (tags.empty() ? "<" : ", <") + tag + (tag == "!--" ? " -->" : ">");
        const std::string form = tag + ": " + MarkdownFormOf(tag);
        forms += (forms.empty() ? "" : "; ") + form;
      }
      diagnostics.warning({file_, block.line, block.column},
                          "the HTML " + tags + " is shown as text, as markdown.unsafe_html is off",
                          "write it in Markdown (" + forms +
                              "), or convert a pasted Word or web page with `kiosk import`");
    }
  }

 private:
  struct Block {
    cmark_node* block;
    int line;
    int column;
    std::vector<std::string> tags;
  };
  const std::string& file_;
  std::vector<Block> blocks_;
};

// A relative image address: not absolute, not a page fragment, not data.
bool IsRelativeAddress(std::string_view url) {
  return !url.empty() && url[0] != '/' && url[0] != '#' && url[0] != '?' && !HasUrlScheme(url);
}

// Raw HTML of our own, before `node`: a table cell, unlike other containers, holds no custom
// nodes, but HTML.
void InsertHtmlBefore(cmark_node* node, const std::string& html) {
  cmark_node* inserted = cmark_node_new(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(inserted, html.c_str());
  cmark_node_insert_before(node, inserted);
}

void AppendHtml(cmark_node* parent, const std::string& html) {
  cmark_node* appended = cmark_node_new(CMARK_NODE_HTML_INLINE);
  cmark_node_set_literal(appended, html.c_str());
  cmark_node_append_child(parent, appended);
}

// `… {lang=en}` at the end of a paragraph or table cell: its text is in that language, and
// is wrapped in <span lang="en">, so that screen readers switch voice (HM2310200C).
void MarkLanguage(cmark_node* block, const std::string& file, Diagnostics& diagnostics) {
  cmark_node* last = cmark_node_last_child(block);
  if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT) return;
  const std::string literal = cmark_node_get_literal(last);
  const std::string_view trimmed = Trim(literal);
  const size_t open = trimmed.rfind("{lang=");
  if (open == std::string_view::npos || !EndsWith(trimmed, "}")) return;
  const std::string tag(trimmed.substr(open + 6, trimmed.size() - open - 7));
  // A BCP 47 tag's shape: a language of 2-3 letters, then subtags of 1-8 letters or digits.
  bool valid = true;
  size_t start = 0;
  for (size_t i = 0; i <= tag.size() && valid; ++i) {
    if (i < tag.size() && tag[i] != '-') {
      valid = start == 0 ? std::isalpha(static_cast<unsigned char>(tag[i])) != 0
                         : std::isalnum(static_cast<unsigned char>(tag[i])) != 0;
      continue;
    }
    const size_t length = i - start;
    valid = start == 0 ? length >= 2 && length <= 3 : length >= 1 && length <= 8;
    start = i + 1;
  }
  if (!valid) {
    diagnostics.error({file, cmark_node_get_start_line(last), 1},
                      "'{lang=" + tag + "}' is not a language tag",
                      "write e.g. {lang=en}, {lang=ja} or {lang=id}");
    return;
  }
  const std::string text(Trim(std::string_view(literal).substr(0, literal.rfind("{lang="))));
  if (text.empty()) {
    // "{lang=en}" on a line of its own: the break before it goes too.
    cmark_node* previous = cmark_node_previous(last);
    cmark_node_free(last);
    if (previous && (cmark_node_get_type(previous) == CMARK_NODE_SOFTBREAK ||
                     cmark_node_get_type(previous) == CMARK_NODE_LINEBREAK)) {
      cmark_node_free(previous);
    }
  } else {
    cmark_node_set_literal(last, text.c_str());
  }
  if (cmark_node* first = cmark_node_first_child(block)) {
    InsertHtmlBefore(first, "<span lang=\"" + tag + "\">");
    AppendHtml(block, "</span>");
  }
}

// data-sourcepos on a link or image, so that the checker finds its exact line in a paragraph
// of many. The element is rendered as cmark renders it, with the mark added (and removed
// again by StripSourcePositions); a link's content stays nodes, between its tags, for the
// headings and captions that read its text.
void MarkSourcePosition(cmark_node* node, cmark_parser* parser, int options) {
  const std::string mark = " data-sourcepos=\"" + std::to_string(cmark_node_get_start_line(node)) +
                           ":" + std::to_string(cmark_node_get_start_column(node)) + "-" +
                           std::to_string(cmark_node_get_end_line(node)) + ":" +
                           std::to_string(cmark_node_get_end_column(node)) + "\"";
  if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
    std::string html = RenderHtml(node, parser, options);  // <img … />
    html.insert(4, mark);
    InsertHtmlBefore(node, html);
  } else {
    NodePtr empty(cmark_node_new(CMARK_NODE_LINK));
    cmark_node_set_url(empty.get(), cmark_node_get_url(node));
    cmark_node_set_title(empty.get(), cmark_node_get_title(node));
    std::string open = RenderHtml(empty.get(), parser, options);  // <a href="…" title="…"></a>
    open.resize(open.size() - 5);
    InsertHtmlBefore(node, open + mark + ">");
    while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
    InsertHtmlBefore(node, "</a>");
  }
  cmark_node_free(node);
}

// Replaces an HTML node written by the author with text, so that it shows as written.
void EscapeRawHtml(cmark_node* node) {
  const std::string literal = cmark_node_get_literal(node);
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  if (cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE) {
    cmark_node_set_literal(text, literal.c_str());
    cmark_node_insert_before(node, text);
  } else {
    cmark_node_set_literal(text, std::string(Trim(literal)).c_str());
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(paragraph, text);
    cmark_node_insert_before(node, paragraph);
  }
  cmark_node_free(node);
}

// A root-relative link or image below `from` ("/office/faq/…") moved below `to`
// ("/pr-7/faq/…"); others, and "//host/…", are left as written.
void MoveRootRelativeUrl(cmark_node* node, const std::string& from, const std::string& to) {
  const std::string_view url = cmark_node_get_url(node);
  if (from == to || !StartsWith(url, from) || StartsWith(url, "//")) return;
  const std::string moved = to + std::string(url.substr(from.size()));
  cmark_node_set_url(node, moved.c_str());
}

// An image `kiosk import` found no description for keeps its placeholder until a person
// writes one: said at its line, also when the accessibility check is off.
void WarnOfAltPlaceholder(cmark_node* image, const SourceLocation& where,
                          Diagnostics& diagnostics) {
  if (Trim(PlainText(image)) != kMissingAltText) return;
  diagnostics.warning(where,
                      "the image '" + std::string(cmark_node_get_url(image)) +
                          "' has no alt text yet, only the placeholder '" +
                          std::string(kMissingAltText) + "'",
                      "write what the image shows in its place");
}

// What every node needs, in a page and in a block table's cell: Chinese lines joined, the
// author's HTML shown as text (with a warning) unless the site allows it, links given a
// title, root-relative links and images moved with the site, images listed for the build to
// find their files, `{lang=…}` read, and links and images marked with their line.
class Tidier {
 public:
  // The page's Markdown `source` starts on line `first_line` of `file`.
  Tidier(std::string_view source, int first_line, const std::string& file,
         const MarkdownOptions& options, Diagnostics& diagnostics,
         std::vector<MarkdownImage>& images)
      : source_(source),
        first_line_(first_line),
        file_(file),
        options_(options),
        diagnostics_(diagnostics),
        images_(images) {}

  // `nodes`, in document order, of a document parsed by `parser`: the page, or a cell.
  void Tidy(const std::vector<cmark_node*>& nodes, cmark_parser* parser, int render_options) {
    std::vector<cmark_node*> text_blocks;  // paragraphs and table cells, for {lang=…}
    std::vector<cmark_node*> to_mark;      // links and images outside headings
    RawHtmlWarnings raw_html(file_);
    for (cmark_node* node : nodes) {
      if (std::string_view(cmark_node_get_type_string(node)) == "table_cell") {
        text_blocks.push_back(node);
      }
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH:
          text_blocks.push_back(node);
          break;
        case CMARK_NODE_SOFTBREAK:
          JoinCjkSoftBreak(node);
          break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          if (!options_.unsafe_html) {
            const std::string_view literal = cmark_node_get_literal(node);
            const int line = cmark_node_get_start_line(node);
            raw_html.Add(node, line,
                         Column(line, cmark_node_get_start_column(node),
                                literal.substr(0, literal.find('\n'))));
            EscapeRawHtml(node);
          }
          break;
        case CMARK_NODE_LINK:
          MoveRootRelativeUrl(node, options_.written_base_path, options_.built_base_path);
          // Taiwan's rules (HM1240401C) ask a link inside running text for a title; the
          // author's own title wins, else the link's text serves.
          if (std::string_view(cmark_node_get_title(node)).empty()) {
            const std::string text(Trim(PlainText(node)));
            cmark_node_set_title(node, text.c_str());
          }
          if (options_.source_positions && !InHeading(node)) to_mark.push_back(node);
          break;
        case CMARK_NODE_IMAGE: {
          const int line = cmark_node_get_start_line(node);
          const int column = Column(line, cmark_node_get_start_column(node), "![");
          images_.push_back({cmark_node_get_url(node), line, column});
          WarnOfAltPlaceholder(node, {file_, line, column}, diagnostics_);
          MoveRootRelativeUrl(node, options_.written_base_path, options_.built_base_path);
          if (!options_.image_base.empty() && IsRelativeAddress(cmark_node_get_url(node))) {
            cmark_node_set_url(node, (options_.image_base + cmark_node_get_url(node)).c_str());
          }
          if (options_.source_positions && !InHeading(node)) to_mark.push_back(node);
          break;
        }
        default:
          break;
      }
    }
    raw_html.Report(diagnostics_);
    for (cmark_node* block : text_blocks) MarkLanguage(block, file_, diagnostics_);
    // Innermost first: an image in a link is marked before the link takes it in.
    for (auto node = to_mark.rbegin(); node != to_mark.rend(); ++node) {
      MarkSourcePosition(*node, parser, render_options);
    }
  }

 private:
  // The column in characters, in the file, of what cmark places at `byte_column` of `line`
  // and starts with `text`. A block table's cell is parsed without what stands before it
  // on each line ("| ", an indentation, "::: table "), so `text` is looked for from there.
  int Column(int line, int byte_column, std::string_view text) const {
    size_t start = 0;
    for (int at = first_line_; at < line && start != std::string_view::npos; ++at) {
      start = source_.find('\n', start);
      if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos || byte_column < 1) return byte_column;
    const std::string_view file_line = source_.substr(start, source_.find('\n', start) - start);
    const size_t at = file_line.find(text, byte_column - 1);
    return CharacterColumn(file_line, at == std::string_view::npos ? byte_column - 1 : at);
  }

  std::string_view source_;
  int first_line_;
  const std::string& file_;
  const MarkdownOptions& options_;
  Diagnostics& diagnostics_;
  std::vector<MarkdownImage>& images_;
};

// A table's cell holds no table of its own.
enum class Extensions { kAll, kWithoutTables };

ParserPtr NewParser(Extensions extensions) {
  static std::once_flag registered;
  std::call_once(registered, cmark_gfm_core_extensions_ensure_registered);
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE));
  for (const char* name : kExtensions) {
    if (extensions == Extensions::kWithoutTables && std::string_view(name) == "table") continue;
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
  }
  return parser;
}

// Parses `markdown`, which starts on line `first_line` of its file.
NodePtr Parse(cmark_parser* parser, std::string_view markdown, int first_line) {
  // Blank lines in front make cmark count lines as the file does (they change nothing else).
  const std::string lines_before(std::max(first_line - 1, 0), '\n');
  cmark_parser_feed(parser, lines_before.data(), lines_before.size());
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return NodePtr(cmark_parser_finish(parser));
}

// The Markdown of a block table's cell. A cell of one paragraph is written without <p>, as
// the cells of pipe tables are.
// `parser` (kWithoutTables) serves every cell of a page: cmark resets it when a document is
// finished.
// A cell nested too deep is an error, and renders as nothing.
RenderedCell RenderCell(std::string_view markdown, int first_line, cmark_parser* parser,
                        Tidier& tidier, int render_options, const std::string& file,
                        Diagnostics& diagnostics) {
  NodePtr document = Parse(parser, markdown, first_line);
  std::vector<cmark_node*> nodes;
  if (cmark_node* too_deep = CollectNodes(document.get(), nodes)) {
    ReportTooDeep(too_deep, file, first_line, diagnostics);
    return {};
  }
  tidier.Tidy(nodes, parser, render_options);
  RenderedCell cell{RenderHtml(document.get(), parser, render_options), PlainText(document.get())};
  cmark_node* first = cmark_node_first_child(document.get());
  if (first && !cmark_node_next(first) && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
    cell.html.erase(0, cell.html.find('>') + 1);  // "<p>" or "<p data-sourcepos=…>"
    cell.html.resize(cell.html.rfind("</p>"));
  }
  return cell;
}

// Gives headings their ids. The heading is rendered on its own and put back as HTML with
// the id, since cmark's renderer has no attributes.
class HeadingIds {
 public:
  HeadingIds(const std::string& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  void Assign(cmark_node* heading, cmark_parser* parser, int options,
              std::vector<Heading>& headings) {
    Heading entry;
    entry.level = cmark_node_get_heading_level(heading);
    entry.line = cmark_node_get_start_line(heading);
    std::string id = TakeExplicitId(heading, entry.line);
    entry.text = std::string(Trim(PlainText(heading)));
    if (id.empty()) {
      id = SlugifyHeading(entry.text);
      if (id.empty()) id = "section";
      const std::string base = id;
      for (int n = 1; used_.count(id); ++n) id = base + "-" + std::to_string(n);
    } else if (used_.count(id)) {
      diagnostics_.error({file_, entry.line, 1}, "the heading id '" + id + "' is used twice",
                         "give each heading its own {#id}");
    }
    used_.insert(id);
    entry.id = id;

    std::string html = RenderHtml(heading, parser, options);
    const std::string open = "<h" + std::to_string(entry.level);
    html.insert(open.size(), " id=\"" + EscapeHtml(id) + "\"");
    cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
    cmark_node_set_literal(block, html.c_str());
    cmark_node_insert_before(heading, block);
    cmark_node_free(heading);
    headings.push_back(std::move(entry));
  }

 private:
  // `## 申請資格 {#eligibility}`: the author's own id, removed from the heading's text. Read
  // by a scanner: authors' text never goes through a backtracking regex.
  std::string TakeExplicitId(cmark_node* heading, int line) {
    cmark_node* last = cmark_node_last_child(heading);
    if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT) return {};
    const std::string_view literal = cmark_node_get_literal(last);
    // "{#" and an id without '}', then '}' and nothing but white space.
    const std::string_view trimmed = TrimEnd(literal);
    if (!trimmed.ends_with('}')) return {};
    const size_t open = trimmed.rfind("{#");
    if (open == std::string_view::npos) return {};
    const std::string_view id = trimmed.substr(open + 2, trimmed.size() - open - 3);
    if (id.find('}') != std::string_view::npos) return {};
    if (!IsValidId(id)) {
      diagnostics_.error({file_, line, 1},
                         "the heading id '{#" + ShortenText(id, 40) +
                             "}' is not valid",
                         "start it with a letter and use only letters, digits, '-', '_'");
      return {};
    }
    std::string result(id);
    cmark_node_set_literal(last, std::string(TrimEnd(literal.substr(0, open))).c_str());
    return result;
  }

  // [A-Za-z][A-Za-z0-9_.:-]*
  static bool IsValidId(std::string_view id) {
    const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    return !id.empty() && letter(id.front()) &&
           std::all_of(id.begin(), id.end(), [&](char c) {
             return letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' ||
                    c == '-';
           });
  }

  const std::string& file_;
  Diagnostics& diagnostics_;
  std::set<std::string> used_;
};

}  // namespace

std::string StripSourcePositions(std::string_view html) {
  static constexpr std::string_view kAttribute = " data-sourcepos=\"";
  std::string stripped;
  stripped.reserve(html.size());
  size_t copied = 0;
  for (size_t at = html.find(kAttribute); at != std::string_view::npos;
       at = html.find(kAttribute, copied)) {
    stripped.append(html.substr(copied, at - copied));
    const size_t end = html.find('"', at + kAttribute.size());
    copied = end == std::string_view::npos ? html.size() : end + 1;
  }
  stripped.append(html.substr(copied));
  return stripped;
}

RenderedMarkdown RenderMarkdown(std::string_view source, const MarkdownOptions& options,
                                const std::string& file, int first_line, Diagnostics& diagnostics) {
  // Author HTML is turned into text below, so what is left as HTML is ours and is written
  // out unchanged; GitHub's tag filter still applies to the author's HTML when it is allowed.
  const int render_options =
      CMARK_OPT_UNSAFE | (options.source_positions ? CMARK_OPT_SOURCEPOS : 0);
  PageTables tables(source, first_line, file, diagnostics);
  ParserPtr parser = NewParser(Extensions::kAll);
  NodePtr document = Parse(parser.get(), tables.markdown(), first_line);

  std::vector<cmark_node*> nodes;
  RenderedMarkdown rendered;
  if (cmark_node* too_deep = CollectNodes(document.get(), nodes)) {
    ReportTooDeep(too_deep, file, first_line, diagnostics);
    return rendered;
  }
  std::vector<cmark_node*> headings;
  std::vector<cmark_node*> table_nodes;
  std::vector<cmark_node*> to_tidy;
  for (cmark_node* node : nodes) {
    if (tables.IsTable(node)) {
      table_nodes.push_back(node);
    } else {
      if (cmark_node_get_type(node) == CMARK_NODE_HEADING) headings.push_back(node);
      to_tidy.push_back(node);
    }
  }
  Tidier tidier(source, first_line, file, options, diagnostics, rendered.images);
  tidier.Tidy(to_tidy, parser.get(), render_options);
  // Headings last: their inline content must be final before they are rendered. (Nodes
  // freed above are not touched again.)
  ParserPtr cell_parser;  // made for the first block table's first cell
  const CellRenderer render_cell = [&](std::string_view markdown, int line) {
    if (!cell_parser) cell_parser = NewParser(Extensions::kWithoutTables);
    return RenderCell(markdown, line, cell_parser.get(), tidier, render_options, file,
                      diagnostics);
  };
  for (cmark_node* table : table_nodes) {
    tables.Render(table, parser.get(), render_options, render_cell);
  }
  tables.ReportUnplaced();
  HeadingIds heading_ids(file, diagnostics);
  for (cmark_node* heading : headings) {
    heading_ids.Assign(heading, parser.get(), render_options, rendered.headings);
  }
  rendered.html = RenderHtml(document.get(), parser.get(), render_options);
  return rendered;
}

}  // namespace kiosk
