#include "markdown/table_html.h"

#include <algorithm>
#include <utility>

#include "base/text.h"

namespace kiosk {

namespace {

using Rows = std::vector<std::vector<TableCell>>;
using Place = std::pair<int, int>;  // row, column

// For every place of a section, the place of the cell that covers it (itself for a cell).
std::vector<std::vector<Place>> Owners(const Rows& rows) {
  std::vector<std::vector<Place>> owners(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) owners[r].resize(rows[r].size(), {int(r), 0});
  for (int r = 0; r < int(rows.size()); ++r) {
    for (int c = 0; c < int(rows[r].size()); ++c) {
      const TableCell& cell = rows[r][c];
      if (cell.covered) continue;
      for (int y = r; y < std::min<int>(r + cell.rowspan, rows.size()); ++y) {
        for (int x = c; x < std::min<int>(c + cell.colspan, rows[y].size()); ++x) {
          owners[y][x] = {r, c};
        }
      }
    }
  }
  return owners;
}

// The distinct cells covering a block of places, in the order met row by row.
std::vector<Place> CellsCovering(const std::vector<std::vector<Place>>& owners, int first_row,
                                 int rows, int first_column, int columns) {
  std::vector<Place> cells;
  for (int r = first_row; r < first_row + rows && r < int(owners.size()); ++r) {
    for (int c = first_column; c < first_column + columns && c < int(owners[r].size()); ++c) {
      if (std::find(cells.begin(), cells.end(), owners[r][c]) == cells.end()) {
        cells.push_back(owners[r][c]);
      }
    }
  }
  return cells;
}

std::string SourcePosition(int line, int end_line) {
  return " data-sourcepos=\"" + std::to_string(line) + ":1-" + std::to_string(end_line) + ":1\"";
}

class Writer {
 public:
  Writer(const Table& table, int number, bool source_positions)
      : table_(table),
        number_(std::to_string(number)),
        source_positions_(source_positions),
        head_owners_(Owners(table.head)),
        body_owners_(Owners(table.body)) {
    // Where one header cell is not simply the header of its column, screen readers need to
    // be told which headers belong to each cell.
    ids_ = table.head.size() > 1;
    for (const auto& row : table.head) {
      for (const TableCell& cell : row) ids_ = ids_ || cell.colspan > 1 || cell.rowspan > 1;
    }
    for (const auto* section : {&table.head, &table.body}) {
      for (const auto& row : *section) {
        for (const TableCell& cell : row) merged_ = merged_ || cell.colspan > 1 || cell.rowspan > 1;
      }
    }
  }

  std::string Html() {
    const bool labelled = !table_.caption_html.empty();
    html_ = "<div class=\"table-scroll\" tabindex=\"0\"";
    html_ += labelled ? " role=\"region\" aria-labelledby=\"table-caption-" + number_ + "\">\n"
                      : std::string(">\n");
    html_ += "<table";
    // The theme's phone layout reads a table with merged cells differently (site.css).
    if (merged_) html_ += " class=\"merged-cells\"";
    if (source_positions_) html_ += SourcePosition(table_.line, table_.end_line);
    html_ += ">\n";
    if (labelled) {
      html_ +=
          "<caption id=\"table-caption-" + number_ + "\">" + table_.caption_html + "</caption>\n";
    }
    if (!table_.head.empty()) {
      html_ += "<thead>\n";
      for (int r = 0; r < int(table_.head.size()); ++r) HeadRow(r);
      html_ += "</thead>\n";
    }
    // Each group of the first row-header column is a <tbody>, so that its
    // scope="rowgroup" covers exactly the group.
    const int rows = table_.body.size();
    for (int start = 0; start < rows;) {
      int end = rows;
      if (table_.row_header_columns > 0) end = start + std::max(table_.body[start][0].rowspan, 1);
      html_ += "<tbody>\n";
      for (int r = start; r < std::min(end, rows); ++r) BodyRow(r);
      html_ += "</tbody>\n";
      start = end;
    }
    html_ += "</table>\n</div>\n";
    return std::move(html_);
  }

 private:
  std::string HeadId(Place place) const {
    return "table-" + number_ + "-h" + std::to_string(place.first + 1) + "-" +
           std::to_string(place.second + 1);
  }
  std::string RowHeaderId(Place place) const {
    return "table-" + number_ + "-r" + std::to_string(place.first + 1) + "-" +
           std::to_string(place.second + 1);
  }

  void HeadRow(int r) {
    html_ += "<tr>\n";
    for (int c = 0; c < int(table_.head[r].size()); ++c) {
      const TableCell& cell = table_.head[r][c];
      if (cell.covered) continue;
      html_ += cell.colspan > 1 ? "<th scope=\"colgroup\"" : "<th scope=\"col\"";
      if (ids_) html_ += " id=\"" + HeadId({r, c}) + "\"";
      FinishCell("th", cell, c, "");
    }
    html_ += "</tr>\n";
  }

  void BodyRow(int r) {
    html_ += "<tr>\n";
    for (int c = 0; c < int(table_.body[r].size()); ++c) {
      const TableCell& cell = table_.body[r][c];
      if (cell.covered) continue;
      if (c < table_.row_header_columns) {
        html_ += c == 0 ? "<th scope=\"rowgroup\"" : "<th scope=\"row\"";
        if (ids_) html_ += " id=\"" + RowHeaderId({r, c}) + "\"";
        FinishCell("th", cell, c, "");
        continue;
      }
      html_ += "<td";
      const std::vector<Place> column_headers =
          CellsCovering(head_owners_, 0, table_.head.size(), c, cell.colspan);
      if (ids_) {
        std::string headers;
        for (Place place : CellsCovering(body_owners_, r, cell.rowspan, 0,
                                         std::min(table_.row_header_columns, c))) {
          headers += " " + RowHeaderId(place);
        }
        for (Place place : column_headers) headers += " " + HeadId(place);
        if (!headers.empty()) html_ += " headers=\"" + headers.substr(1) + "\"";
      }
      // The column's headers, shown before the cell when the theme stacks a table's rows.
      std::string label;
      for (Place place : column_headers) {
        const std::string& text = table_.head[place.first][place.second].text;
        if (text.empty()) continue;
        label += (label.empty() ? "" : " › ") + text;
      }
      FinishCell("td", cell, c, label.empty() ? "" : " data-label=\"" + EscapeHtml(label) + "\"");
    }
    html_ += "</tr>\n";
  }

  // The rest of a cell's start tag, its content and its end tag.
  void FinishCell(const char* element, const TableCell& cell, int column,
                  const std::string& label) {
    if (cell.rowspan > 1) html_ += " rowspan=\"" + std::to_string(cell.rowspan) + "\"";
    if (cell.colspan > 1) html_ += " colspan=\"" + std::to_string(cell.colspan) + "\"";
    switch (column < int(table_.alignments.size()) ? table_.alignments[column]
                                                   : CellAlignment::kNone) {
      case CellAlignment::kCenter:
        html_ += " class=\"align-center\"";
        break;
      case CellAlignment::kRight:
        html_ += " class=\"align-right\"";
        break;
      default:
        break;
    }
    html_ += label;
    if (source_positions_ && cell.line > 0) html_ += SourcePosition(cell.line, cell.end_line);
    html_ += ">";
    // Block content (paragraphs, lists) starts on its own line, as cmark writes blocks.
    if (!cell.html.empty() && cell.html.back() == '\n') html_ += "\n";
    html_ += cell.html;
    html_ += "</" + std::string(element) + ">\n";
  }

  const Table& table_;
  const std::string number_;
  const bool source_positions_;
  const std::vector<std::vector<Place>> head_owners_;
  const std::vector<std::vector<Place>> body_owners_;
  bool ids_ = false;
  bool merged_ = false;  // a cell spans rows or columns
  std::string html_;
};

}  // namespace

std::string TableHtml(const Table& table, int number, bool source_positions) {
  return Writer(table, number, source_positions).Html();
}

}  // namespace kiosk
