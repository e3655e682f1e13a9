#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <mutex>
#include <regex>
#include <set>

#include "base/text.h"
#include "markdown/alt_placeholder.h"
#include "markdown/cmark_tree.h"
#include "markdown/tables.h"

namespace kiosk {

namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist",
                                       "tagfilter"};

void CollectNodes(cmark_node* root, std::vector<cmark_node*>& nodes) {
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event == CMARK_EVENT_ENTER) nodes.push_back(cmark_iter_get_node(iter));
  }
  cmark_iter_free(iter);
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

// What every node needs, in a page and in a table's cell: Chinese lines joined, the
// author's HTML shown as text unless the site allows it, links given a title, root-relative
// links and images moved with the site.
void Tidy(cmark_node* node, const MarkdownOptions& options) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_SOFTBREAK:
      JoinCjkSoftBreak(node);
      break;
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
      if (!options.unsafe_html) EscapeRawHtml(node);
      break;
    case CMARK_NODE_IMAGE:
      MoveRootRelativeUrl(node, options.written_base_path, options.built_base_path);
      break;
    case CMARK_NODE_LINK:
      MoveRootRelativeUrl(node, options.written_base_path, options.built_base_path);
      // Taiwan's rules (HM1240401C) ask a link inside running text for a title; the
      // author's own title wins, else the link's text serves.
      if (std::string_view(cmark_node_get_title(node)).empty()) {
        const std::string text(Trim(PlainText(node)));
        cmark_node_set_title(node, text.c_str());
      }
      break;
    default:
      break;
  }
}

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

// An image `kiosk import` found no description for keeps its placeholder until a person
// writes one: said at its line, also when the accessibility check is off.
void WarnOfAltPlaceholder(cmark_node* image, const std::string& file, Diagnostics& diagnostics) {
  if (Trim(PlainText(image)) != kMissingAltText) return;
  cmark_node* block = image;
  while (block && cmark_node_get_start_line(block) == 0) block = cmark_node_parent(block);
  diagnostics.warning({file, block ? cmark_node_get_start_line(block) : 0, 1},
                      "the image '" + std::string(cmark_node_get_url(image)) +
                          "' has no alt text yet, only the placeholder '" +
                          std::string(kMissingAltText) + "'",
                      "write what the image shows in its place");
}

// The Markdown of a block table's cell. A cell of one paragraph is written without <p>, as
// the cells of pipe tables are.
// `parser` (kWithoutTables) serves every cell of a page: cmark resets it when a document is
// finished.
RenderedCell RenderCell(std::string_view markdown, int first_line, cmark_parser* parser,
                        const MarkdownOptions& options, int render_options, const std::string& file,
                        Diagnostics& diagnostics) {
  NodePtr document = Parse(parser, markdown, first_line);
  std::vector<cmark_node*> nodes;
  CollectNodes(document.get(), nodes);
  for (cmark_node* node : nodes) {
    if (cmark_node_get_type(node) == CMARK_NODE_IMAGE)
      WarnOfAltPlaceholder(node, file, diagnostics);
    Tidy(node, options);
  }
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
  // `## 申請資格 {#eligibility}`: the author's own id, removed from the heading's text.
  std::string TakeExplicitId(cmark_node* heading, int line) {
    cmark_node* last = cmark_node_last_child(heading);
    if (!last || cmark_node_get_type(last) != CMARK_NODE_TEXT) return {};
    static const std::regex kExplicitId("\\s*\\{#([^}]*)\\}\\s*$");
    const std::string literal = cmark_node_get_literal(last);
    if (literal.find("{#") == std::string::npos) return {};  // most headings: skip the regex
    std::smatch match;
    if (!std::regex_search(literal, match, kExplicitId)) return {};
    const std::string id = match[1].str();
    static const std::regex kValidId("[A-Za-z][A-Za-z0-9_.:-]*");
    if (!std::regex_match(id, kValidId)) {
      diagnostics_.error({file_, line, 1}, "the heading id '{#" + id + "}' is not valid",
                         "start it with a letter and use only letters, digits, '-', '_'");
      return {};
    }
    cmark_node_set_literal(last, literal.substr(0, match.position(0)).c_str());
    return id;
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
  CollectNodes(document.get(), nodes);
  RenderedMarkdown rendered;
  std::vector<cmark_node*> headings;
  std::vector<cmark_node*> table_nodes;
  for (cmark_node* node : nodes) {
    if (tables.IsTable(node)) {
      table_nodes.push_back(node);
    } else if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
      headings.push_back(node);
    } else {
      if (cmark_node_get_type(node) == CMARK_NODE_IMAGE)
        WarnOfAltPlaceholder(node, file, diagnostics);
      Tidy(node, options);
    }
  }
  // Headings last: their inline content must be final before they are rendered. (Nodes
  // freed above are not touched again.)
  ParserPtr cell_parser;  // made for the first block table's first cell
  const CellRenderer render_cell = [&](std::string_view markdown, int line) {
    if (!cell_parser) cell_parser = NewParser(Extensions::kWithoutTables);
    return RenderCell(markdown, line, cell_parser.get(), options, render_options, file,
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
