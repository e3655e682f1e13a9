// A data table as kiosk writes it in HTML, whichever syntax it came from (a pipe table or a
// block table): header cells with scope, row groups, ids and headers where the header has
// merged cells or several rows, and the labels that the theme's phone layout shows.
#pragma once

#include <string>
#include <vector>

namespace kiosk {

enum class CellAlignment { kNone, kLeft, kCenter, kRight };

// One place of a table's grid: a cell, or a place covered by a merged cell above or to the
// left of it.
struct TableCell {
  std::string html;  // the cell's content
  std::string text;  // as plain text: a header cell labels the data cells below it with it
  int line = 0;      // the first and last line of the cell in the source file
  int end_line = 0;
  int rowspan = 1;
  int colspan = 1;
  bool covered = false;  // part of a merged cell; written with it
};

struct Table {
  std::string caption_html;               // may be empty
  std::vector<CellAlignment> alignments;  // one per column
  // Rows of exactly alignments.size() places each.
  std::vector<std::vector<TableCell>> head;
  std::vector<std::vector<TableCell>> body;
  // The leading body columns that are row headers: the first groups rows (a <tbody> with a
  // <th scope="rowgroup"> per group), the others are <th scope="row">.
  int row_header_columns = 0;
  int line = 0;  // the table's first and last line in the source file
  int end_line = 0;
};

// The table in its labelled scroll region. `number` (from 1) tells the page's tables apart
// in ids; with `source_positions`, the table and its cells carry data-sourcepos.
std::string TableHtml(const Table& table, int number, bool source_positions);

}  // namespace kiosk
