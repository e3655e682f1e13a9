#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <regex>
#include <set>

#include "base/text.h"

namespace kiosk {

namespace {

// RAII for the cmark-gfm handles; nothing of cmark leaves this file.
struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist",
                                       "tagfilter"};

std::string RenderHtml(cmark_node* node, cmark_parser* parser, int options) {
  char* html = cmark_render_html(node, options, cmark_parser_get_syntax_extensions(parser));
  std::string result(html);
  std::free(html);
  return result;
}

void CollectNodes(cmark_node* root, std::vector<cmark_node*>& nodes) {
  cmark_iter* iter = cmark_iter_new(root);
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    if (event == CMARK_EVENT_ENTER) nodes.push_back(cmark_iter_get_node(iter));
  }
  cmark_iter_free(iter);
}

// The text an inline node shows, reading into emphasis and links.
std::string PlainText(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
      return cmark_node_get_literal(node);
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
      return " ";
    default: {
      std::string text;
      for (cmark_node* child = cmark_node_first_child(node); child;
           child = cmark_node_next(child)) {
        text += PlainText(child);
      }
      return text;
    }
  }
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

// Writes GFM tables as accessible data tables: column headers with scope, an optional
// caption from a preceding "Table: …" paragraph, optional row groups, and a scrolling region
// that keyboard users can focus, so wide tables stay readable on phones.
class Tables {
 public:
  static constexpr std::string_view kCaptionPrefixes[] = {"Table:", "表："};

  Tables(cmark_parser* parser, int options) : parser_(parser), options_(options) {}

  void Render(cmark_node* table) {
    std::string caption;
    bool rowgroups = false;
    if (cmark_node* previous = cmark_node_previous(table); previous && IsCaption(previous)) {
      caption = InlineHtml(previous, table);
      for (std::string_view prefix : kCaptionPrefixes) {
        if (StartsWith(caption, prefix)) caption.erase(0, prefix.size());
      }
      caption = std::string(Trim(caption));
      static constexpr std::string_view kRowgroup = "{rowgroup}";
      if (EndsWith(caption, kRowgroup)) {
        rowgroups = true;
        caption = std::string(Trim(caption.substr(0, caption.size() - kRowgroup.size())));
      }
      cmark_node_free(previous);
    }
    const uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
    const uint8_t* alignments = cmark_gfm_extensions_get_table_alignments(table);
    const auto cell_class = [&](size_t column) -> std::string {
      if (!alignments || column >= columns) return "";
      switch (alignments[column]) {
        case 'c':
          return " class=\"align-center\"";
        case 'r':
          return " class=\"align-right\"";
        default:
          return "";
      }
    };

    // Rows as cells of HTML; the header row first.
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header;
    for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
      std::vector<std::string> cells;
      for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
        cells.push_back(InlineHtml(cell, table));
      }
      if (cmark_gfm_extensions_get_table_row_is_header(row)) {
        header = std::move(cells);
      } else {
        rows.push_back(std::move(cells));
      }
    }

    const std::string id = "table-caption-" + std::to_string(++count_);
    std::string html = "<div class=\"table-scroll\" tabindex=\"0\"";
    html += caption.empty() ? ">\n" : " role=\"region\" aria-labelledby=\"" + id + "\">\n";
    html += options_ & CMARK_OPT_SOURCEPOS
                ? "<table data-sourcepos=\"" + std::to_string(cmark_node_get_start_line(table)) +
                      ":1-" + std::to_string(cmark_node_get_end_line(table)) + ":1\">\n"
                : std::string("<table>\n");
    if (!caption.empty()) html += "<caption id=\"" + id + "\">" + caption + "</caption>\n";
    html += "<thead>\n<tr>\n";
    for (size_t c = 0; c < header.size(); ++c) {
      html += "<th scope=\"col\"" + cell_class(c) + ">" + header[c] + "</th>\n";
    }
    html += "</tr>\n</thead>\n";
    // With row groups, each group (a first cell and the rows whose first cell is empty
    // below it) is its own <tbody>, so that scope="rowgroup" covers exactly the group.
    size_t start = 0;
    if (!rowgroups && !rows.empty()) html += "<tbody>\n";
    while (start < rows.size()) {
      size_t end = start + 1;
      if (rowgroups) {
        while (end < rows.size() && !rows[end].empty() && Trim(rows[end][0]).empty()) ++end;
        html += "<tbody>\n";
      }
      for (size_t r = start; r < end; ++r) {
        html += "<tr>\n";
        for (size_t c = 0; c < rows[r].size(); ++c) {
          if (rowgroups && c == 0) {
            if (r > start) continue;
            html += "<th scope=\"rowgroup\"";
            if (end - start > 1) html += " rowspan=\"" + std::to_string(end - start) + "\"";
            html += cell_class(c) + ">" + rows[r][c] + "</th>\n";
          } else {
            html += "<td" + cell_class(c) + ">" + rows[r][c] + "</td>\n";
          }
        }
        html += "</tr>\n";
      }
      if (rowgroups) html += "</tbody>\n";
      start = end;
    }
    if (!rowgroups && !rows.empty()) html += "</tbody>\n";
    html += "</table>\n</div>\n";

    cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
    cmark_node_set_literal(block, html.c_str());
    cmark_node_insert_before(table, block);
    cmark_node_free(table);
  }

  static bool IsTable(cmark_node* node) {
    return std::string_view(cmark_node_get_type_string(node)) == "table";
  }

 private:
  static bool IsCaption(cmark_node* node) {
    if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH) return false;
    const std::string text = PlainText(node);
    return std::any_of(std::begin(kCaptionPrefixes), std::end(kCaptionPrefixes),
                       [&](std::string_view prefix) { return StartsWith(text, prefix); });
  }

  // The HTML of a node's inline content, without a wrapping element. The content is moved
  // into a paragraph placed before `anchor` (a block of the document: cmark renders only
  // nodes that are in a document).
  std::string InlineHtml(cmark_node* node, cmark_node* anchor) {
    cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_insert_before(anchor, paragraph);
    while (cmark_node* child = cmark_node_first_child(node))
      cmark_node_append_child(paragraph, child);
    std::string html = RenderHtml(paragraph, parser_, options_);
    cmark_node_free(paragraph);
    // "<p>…</p>\n"
    if (StartsWith(html, "<p")) html.erase(0, html.find('>') + 1);  // "<p data-sourcepos=…>"
    while (!html.empty() && html.back() == '\n') html.pop_back();
    if (EndsWith(html, "</p>")) html.resize(html.size() - 4);
    return html;
  }

  cmark_parser* parser_;
  int options_;
  int count_ = 0;
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
  static std::once_flag registered;
  std::call_once(registered, cmark_gfm_core_extensions_ensure_registered);

  // Author HTML is turned into text below, so what is left as HTML is ours and is written
  // out unchanged; GitHub's tag filter still applies to the author's HTML when it is allowed.
  const int render_options =
      CMARK_OPT_UNSAFE | (options.source_positions ? CMARK_OPT_SOURCEPOS : 0);
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE));
  for (const char* name : kExtensions) {
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
  }
  // Blank lines in front make cmark count lines as the file does (they change nothing else).
  const std::string lines_before(std::max(first_line - 1, 0), '\n');
  cmark_parser_feed(parser.get(), lines_before.data(), lines_before.size());
  cmark_parser_feed(parser.get(), source.data(), source.size());
  NodePtr document(cmark_parser_finish(parser.get()));

  std::vector<cmark_node*> nodes;
  CollectNodes(document.get(), nodes);
  RenderedMarkdown rendered;
  std::vector<cmark_node*> headings;
  std::vector<cmark_node*> tables;
  for (cmark_node* node : nodes) {
    if (Tables::IsTable(node)) tables.push_back(node);
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_HEADING:
        headings.push_back(node);
        break;
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
  // Headings last: their inline content must be final before they are rendered. (Nodes
  // freed above are not touched again.)
  Tables table_renderer(parser.get(), render_options);
  for (cmark_node* table : tables) table_renderer.Render(table);
  HeadingIds heading_ids(file, diagnostics);
  for (cmark_node* heading : headings) {
    heading_ids.Assign(heading, parser.get(), render_options, rendered.headings);
  }
  rendered.html = RenderHtml(document.get(), parser.get(), render_options);
  return rendered;
}

}  // namespace kiosk
