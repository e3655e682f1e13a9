// The tables of one page's Markdown: GitHub's pipe tables, which cmark-gfm finds, and block
// tables (`::: table`, table_syntax.h), found before cmark parses the page. Each is written
// into the page's tree as an HTML block (table_html.h).
#pragma once

#include <cmark-gfm.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "markdown/table_syntax.h"

namespace kiosk {

class PageTables {
 public:
  // `source` starts on line `first_line` of `file`.
  PageTables(std::string_view source, int first_line, const std::string& file,
             Diagnostics& diagnostics);

  // What cmark is to parse: the source, each block table replaced by a placeholder.
  const std::string& markdown() const { return block_tables_.markdown; }

  // A pipe table, or the placeholder of a block table.
  bool IsTable(cmark_node* node) const;

  // Replaces the table `node` (and a pipe table's caption paragraph) by the table's HTML, a
  // block table's cells rendered by `render_cell`. Called in document order: tables are
  // numbered for their ids.
  void Render(cmark_node* node, cmark_parser* parser, int render_options,
              const CellRenderer& render_cell);

  // Block tables that cmark did not read as blocks of their own (inside an HTML block).
  void ReportUnplaced();

 private:
  Table PipeTable(cmark_node* table, cmark_parser* parser, int render_options);
  void CheckRow(cmark_node* row, size_t columns);
  const WrittenTable* BlockTableAt(int line) const;

  const std::string& file_;
  Diagnostics& diagnostics_;
  const int first_line_;
  std::vector<std::string_view> lines_;  // of the source, to count a pipe row's cells
  BlockTables block_tables_;
  std::set<int> placed_;  // first lines of the block tables rendered
  int count_ = 0;
};

}  // namespace kiosk
