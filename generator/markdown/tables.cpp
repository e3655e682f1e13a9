#include "markdown/tables.h"

#include <cmark-gfm-core-extensions.h>

#include <algorithm>

#include "base/text.h"
#include "markdown/cmark_tree.h"

namespace kiosk {

namespace {

// A paragraph starting with one of these right before a pipe table is its caption.
constexpr std::string_view kCaptionPrefixes[] = {"Table:", "表："};
// At the caption's end: the first column groups rows.
constexpr std::string_view kRowgroup = "{rowgroup}";

bool IsCaption(cmark_node* node) {
  if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH) return false;
  const std::string text = PlainText(node);
  return std::any_of(std::begin(kCaptionPrefixes), std::end(kCaptionPrefixes),
                     [&](std::string_view prefix) { return StartsWith(text, prefix); });
}

// The HTML of a node's inline content, without a wrapping element. The content is moved
// into a paragraph placed before `anchor` (a block of the document: cmark renders only
// nodes that are in a document).
std::string InlineHtml(cmark_node* node, cmark_node* anchor, cmark_parser* parser,
                       int render_options) {
  cmark_node* paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH);
  cmark_node_insert_before(anchor, paragraph);
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_append_child(paragraph, child);
  }
  std::string html = RenderHtml(paragraph, parser, render_options);
  cmark_node_free(paragraph);
  // "<p>…</p>\n"
  if (StartsWith(html, "<p")) html.erase(0, html.find('>') + 1);  // "<p data-sourcepos=…>"
  while (!html.empty() && html.back() == '\n') html.pop_back();
  if (EndsWith(html, "</p>")) html.resize(html.size() - 4);
  return html;
}

CellAlignment AlignmentOf(uint8_t alignment) {
  switch (alignment) {
    case 'l':
      return CellAlignment::kLeft;
    case 'c':
      return CellAlignment::kCenter;
    case 'r':
      return CellAlignment::kRight;
    default:
      return CellAlignment::kNone;
  }
}

void ReplaceWithHtml(cmark_node* node, const std::string& html) {
  cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
  cmark_node_set_literal(block, html.c_str());
  cmark_node_insert_before(node, block);
  cmark_node_free(node);
}

}  // namespace

PageTables::PageTables(std::string_view source, int first_line, const std::string& file,
                       Diagnostics& diagnostics)
    : file_(file),
      diagnostics_(diagnostics),
      first_line_(first_line),
      block_tables_(FindBlockTables(source, first_line, file, diagnostics)) {
  if (source.find('|') != std::string_view::npos) lines_ = LineViews(source);
}

bool PageTables::IsTable(cmark_node* node) const {
  if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
    return BlockTableAt(cmark_node_get_start_line(node)) != nullptr;
  }
  return std::string_view(cmark_node_get_type_string(node)) == "table";
}

const WrittenTable* PageTables::BlockTableAt(int line) const {
  for (const WrittenTable& table : block_tables_.tables) {
    if (table.line == line) return &table;
  }
  return nullptr;
}

void PageTables::Render(cmark_node* node, cmark_parser* parser, int render_options,
                        const CellRenderer& render_cell) {
  const bool source_positions = render_options & CMARK_OPT_SOURCEPOS;
  if (const WrittenTable* written = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
                                        ? BlockTableAt(cmark_node_get_start_line(node))
                                        : nullptr) {
    placed_.insert(written->line);
    const std::string html =
        written->complete ? TableHtml(LayOutBlockTable(*written, file_, render_cell, diagnostics_),
                                      ++count_, source_positions)
                          : std::string();
    cmark_node_set_literal(node, html.c_str());
    return;
  }
  const Table table = PipeTable(node, parser, render_options);
  ReplaceWithHtml(node, TableHtml(table, ++count_, source_positions));
}

void PageTables::ReportUnplaced() {
  for (const WrittenTable& table : block_tables_.tables) {
    if (placed_.count(table.line)) continue;
    diagnostics_.error({file_, table.line, 1},
                       "this table is inside an HTML block written before it, which takes it "
                       "for its own text",
                       "leave an empty line before '::: table'");
  }
}

Table PageTables::PipeTable(cmark_node* node, cmark_parser* parser, int render_options) {
  Table table;
  table.line = cmark_node_get_start_line(node);
  table.end_line = cmark_node_get_end_line(node);
  bool rowgroups = false;
  if (cmark_node* previous = cmark_node_previous(node); previous && IsCaption(previous)) {
    std::string caption = InlineHtml(previous, node, parser, render_options);
    for (std::string_view prefix : kCaptionPrefixes) {
      if (StartsWith(caption, prefix)) caption.erase(0, prefix.size());
    }
    caption = std::string(Trim(caption));
    if (EndsWith(caption, kRowgroup)) {
      rowgroups = true;
      caption = std::string(Trim(caption.substr(0, caption.size() - kRowgroup.size())));
    }
    table.caption_html = std::move(caption);
    cmark_node_free(previous);
  }
  const uint16_t columns = cmark_gfm_extensions_get_table_columns(node);
  const uint8_t* alignments = cmark_gfm_extensions_get_table_alignments(node);
  for (uint16_t c = 0; c < columns; ++c) {
    table.alignments.push_back(alignments ? AlignmentOf(alignments[c]) : CellAlignment::kNone);
  }
  for (cmark_node* row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
    const bool header = cmark_gfm_extensions_get_table_row_is_header(row);
    if (!header) CheckRow(row, columns);
    std::vector<TableCell>& cells = (header ? table.head : table.body).emplace_back();
    const int line = cmark_node_get_start_line(row);
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
      TableCell& written = cells.emplace_back();
      written.text = std::string(Trim(PlainText(cell)));
      written.html = InlineHtml(cell, node, parser, render_options);
      written.line = written.end_line = line;
    }
  }
  if (!rowgroups) return table;
  // With {rowgroup}, an empty first cell means "as above": the group's first cell spans it.
  table.row_header_columns = 1;
  for (size_t r = 0, group = 0; r < table.body.size(); ++r) {
    TableCell& first = table.body[r][0];
    if (r == 0 && Trim(first.html).empty()) {
      diagnostics_.warning({file_, first.line, 1},
                           "the first row's group label is empty: with {rowgroup}, an empty "
                           "first cell continues the group above, and there is none",
                           "write the first group's label in the first cell");
    } else if (r > 0 && Trim(first.html).empty()) {
      first.covered = true;
      ++table.body[group][0].rowspan;
      continue;
    }
    group = r;
  }
  return table;
}

// cmark-gfm fills a short row with empty cells and drops a long row's last cells: both are
// read here from the row's line as written.
void PageTables::CheckRow(cmark_node* row, size_t columns) {
  const int line = cmark_node_get_start_line(row);
  const int index = line - first_line_;
  if (index < 0 || index >= static_cast<int>(lines_.size())) return;
  const std::string_view text = lines_[index];
  // In a list or a block quote, the row starts after the container's marks.
  const size_t start =
      std::min<size_t>(std::max(cmark_node_get_start_column(row), 1) - 1, text.size());
  const std::vector<PipeCell> cells = SplitPipeRow(text.substr(start));
  const std::string counts = "this row has " + Count(cells.size(), "cell") +
                             ", the table's header " + std::to_string(columns);
  if (cells.size() > columns) {
    diagnostics_.error({file_, line, CharacterColumn(text, start + cells[columns].begin)},
                       counts + ": the cells from this one on would be lost",
                       "write a '|' that belongs to the text as '\\|', or add a column to the "
                       "header and the delimiter row");
  } else if (cells.size() < columns) {
    diagnostics_.warning({file_, line, CharacterColumn(text, start)},
                         counts + ": it is filled with empty cells",
                         "add the missing cells ('| |' is an empty one)");
  }
}

}  // namespace kiosk
