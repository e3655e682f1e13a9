#include "import/document.h"

#include <algorithm>

#include "base/text.h"

namespace kiosk::import {

Span AddImage(Document& document, std::string_view description, std::string_view title,
              std::string part) {
  Image image;
  image.number = static_cast<int>(document.images.size()) + 1;
  image.alt = std::string(Trim(!description.empty() ? description : title));
  image.part = std::move(part);
  document.images.push_back(std::move(image));
  Span span;
  span.kind = Span::Kind::kImage;
  span.number = static_cast<int>(document.images.size());
  return span;
}

std::string PlainText(const Inlines& inlines) {
  std::string text;
  for (const Span& span : inlines) {
    if (span.kind == Span::Kind::kText) text += span.text;
    if (span.kind == Span::Kind::kLineBreak) text += ' ';
  }
  return text;
}

std::vector<std::vector<SlotOrigin>> SlotOrigins(const Table& table) {
  std::vector<std::vector<SlotOrigin>> origins(table.rows.size(),
                                               std::vector<SlotOrigin>(table.columns));
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (int c = 0; c < table.columns; ++c) origins[r][c] = {static_cast<int>(r), c};
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (int c = 0; c < table.columns && c < static_cast<int>(table.rows[r].size()); ++c) {
      const std::optional<TableCell>& cell = table.rows[r][c];
      if (!cell) continue;
      for (size_t rr = r; rr < r + cell->row_span && rr < table.rows.size(); ++rr) {
        for (int cc = c; cc < c + cell->col_span && cc < table.columns; ++cc) {
          origins[rr][cc] = {static_cast<int>(r), c};
        }
      }
    }
  }
  return origins;
}

std::string PlainText(const Blocks& blocks) {
  std::string text;
  const auto add = [&](const std::string& piece) {
    if (piece.empty()) return;
    if (!text.empty()) text += ' ';
    text += piece;
  };
  for (const Block& block : blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block.content)) add(PlainText(paragraph->inlines));
    if (const auto* heading = std::get_if<Heading>(&block.content)) add(PlainText(heading->inlines));
    if (const auto* list = std::get_if<List>(&block.content)) {
      for (const ListItem& item : list->items) add(item.label + PlainText(item.blocks));
    }
    if (const auto* table = std::get_if<Table>(&block.content)) {
      for (const auto& row : table->rows) {
        for (const auto& cell : row) {
          if (cell) add(PlainText(cell->blocks));
        }
      }
    }
  }
  return text;
}

void FinishTable(Table& table, const std::string& document, Diagnostics& warnings) {
  // Slots left empty by a row with fewer cells: where no merged cell reaches, an empty cell.
  for (auto& row : table.rows) row.resize(table.columns);
  const std::vector<std::vector<SlotOrigin>> slots = SlotOrigins(table);
  for (size_t r = 0; r < table.rows.size(); ++r) {
    for (int c = 0; c < table.columns; ++c) {
      const SlotOrigin origin = slots[r][c];
      if (!table.rows[r][c] && origin.row == static_cast<int>(r) && origin.column == c) {
        table.rows[r][c] = TableCell{};
      }
    }
  }
  const int rows = static_cast<int>(table.rows.size());
  if (table.header_rows == 0 && rows > 1) table.header_rows = 1;
  for (bool extended = true; extended;) {
    extended = false;
    for (int r = 0; r < table.header_rows; ++r) {
      for (const auto& cell : table.rows[r]) {
        const int below = cell ? std::min(r + cell->row_span, rows) : 0;
        if (below > table.header_rows) {
          table.header_rows = below;
          extended = true;
        }
      }
    }
  }
  if (table.header_rows != 1 || rows < 3) return;
  const auto texts = [&](int r) {
    std::vector<std::string> cells;
    for (const auto& cell : table.rows[r]) cells.push_back(cell ? PlainText(cell->blocks) : "\x01");
    return cells;
  };
  const std::vector<std::string> header = texts(0);
  for (int r = rows - 1; r >= 1; --r) {
    bool plain = true;
    for (const auto& cell : table.rows[r]) plain = plain && cell && cell->row_span == 1;
    if (!plain || texts(r) != header) continue;
    const std::vector<std::vector<SlotOrigin>> origins = SlotOrigins(table);
    bool covered = false;  // a cell above reaching into the row
    for (const SlotOrigin& origin : origins[r]) covered = covered || origin.row != r;
    if (covered) continue;
    Warn(warnings, document,
         "table " + std::to_string(table.number) + " row " + std::to_string(r + 1),
         "the row repeats the table's header (typed again at a page break); it is left out",
         "nothing to do: the header is shown once, above the whole table");
    table.rows.erase(table.rows.begin() + r);
  }
}

void Warn(Diagnostics& warnings, const std::string& document, const std::string& location,
          std::string message, std::string hint) {
  warnings.warning({document + (location.empty() ? "" : ":" + location)}, std::move(message),
                   std::move(hint));
}

}  // namespace kiosk::import
