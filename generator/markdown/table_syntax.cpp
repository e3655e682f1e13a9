#include "markdown/table_syntax.h"

#include <algorithm>
#include <map>
#include <utility>

#include "base/text.h"

namespace kiosk {

namespace {

constexpr std::string_view kPlaceholder = "<!-- table -->";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// A code fence of the page (up to three spaces, then ``` or ~~~): its character and length.
struct CodeFence {
  char marker = 0;
  size_t length = 0;
};

std::optional<CodeFence> FenceAt(std::string_view line) {
  size_t at = 0;
  while (at < 3 && at < line.size() && line[at] == ' ') ++at;
  if (at >= line.size() || (line[at] != '`' && line[at] != '~')) return std::nullopt;
  CodeFence fence{line[at], 0};
  while (at + fence.length < line.size() && line[at + fence.length] == fence.marker) {
    ++fence.length;
  }
  if (fence.length < 3) return std::nullopt;
  return fence;
}

// The rest of a line from `at`, blanks skipped.
std::string_view AfterBlanks(std::string_view line, size_t at) {
  while (at < line.size() && IsBlank(line[at])) ++at;
  return line.substr(std::min(at, line.size()));
}

bool Closes(std::string_view line, CodeFence open) {
  const std::optional<CodeFence> fence = FenceAt(line);
  if (!fence || fence->marker != open.marker || fence->length < open.length) return false;
  const size_t after = line.find_first_not_of(open.marker, line.find(open.marker));
  return after == std::string_view::npos || Trim(line.substr(after)).empty();
}

// "::: table 肆、計畫內容 {row-headers=2}" -> "肆、計畫內容 {row-headers=2}".
std::optional<std::string_view> TableOpening(std::string_view line) {
  if (!StartsWith(line, ":::") || line.size() < 4 || !IsBlank(line[3])) return std::nullopt;
  std::string_view rest = AfterBlanks(line, 3);
  if (!StartsWith(rest, "table")) return std::nullopt;
  rest.remove_prefix(5);
  if (!rest.empty() && !IsBlank(rest.front())) return std::nullopt;
  return Trim(rest);
}

bool IsTableEnd(std::string_view line) { return TrimEnd(line) == ":::"; }

// A line of three or more hyphens and nothing else: the end of a body row.
bool IsRowSeparator(std::string_view line) {
  line = TrimEnd(line);
  return line.size() >= 3 && line.find_first_not_of('-') == std::string_view::npos;
}

std::optional<CellAlignment> DelimiterAlignment(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  const bool left = cell.front() == ':';
  const bool right = cell.size() > 1 && cell.back() == ':';
  const std::string_view dashes = cell.substr(left, cell.size() - left - right);
  if (dashes.empty() || dashes.find_first_not_of('-') != std::string_view::npos) {
    return std::nullopt;
  }
  return left && right ? CellAlignment::kCenter
         : right       ? CellAlignment::kRight
         : left        ? CellAlignment::kLeft
                       : CellAlignment::kNone;
}

WrittenCell::Kind KindOf(std::string_view markdown) {
  const std::string_view text = Trim(markdown);
  return text == "^"   ? WrittenCell::Kind::kMergeUp
         : text == "<" ? WrittenCell::Kind::kMergeLeft
                       : WrittenCell::Kind::kContent;
}

// The words of `{row-headers=2}` at the end of an opening line, if every word inside the
// braces is an attribute, name=value; else (a caption such as "計畫 {草案}") none.
std::vector<std::string_view> Attributes(std::string_view braces) {
  std::vector<std::string_view> words;
  for (size_t at = 0; (at = braces.find_first_not_of(" \t", at)) != std::string_view::npos;) {
    const size_t end = std::min(braces.find_first_of(" \t", at), braces.size());
    const std::string_view word = braces.substr(at, end - at);
    const size_t equals = word.find('=');
    if (equals == 0 || equals == std::string_view::npos ||
        !std::all_of(word.begin(), word.begin() + equals,
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; })) {
      return {};
    }
    words.push_back(word);
    at = end;
  }
  return words;
}

class BlockTableReader {
 public:
  BlockTableReader(const std::vector<std::string_view>& lines, int first_line,
                   const std::string& file, Diagnostics& diagnostics)
      : lines_(lines), first_line_(first_line), file_(file), diagnostics_(diagnostics) {}

  // The table from the line `open` (`::: table …`) to `close` (`:::`).
  WrittenTable Read(size_t open, size_t close, std::string_view opening) {
    WrittenTable table;
    table.line = Number(open);
    table.end_line = Number(close);
    sound_ = true;
    table.caption = std::string(Caption(lines_[open], opening, table));
    size_t at = open + 1;
    if (ReadHead(at, close, table)) ReadBody(at, close, table);
    table.complete = sound_;
    return table;
  }

 private:
  int Number(size_t index) const { return first_line_ + static_cast<int>(index); }

  void Error(int line, int column, std::string message, std::string hint) {
    diagnostics_.error({file_, line, column}, std::move(message), std::move(hint));
    sound_ = false;
  }

  // The caption, without the attributes at its end, which are read into `table`.
  std::string_view Caption(std::string_view line, std::string_view opening, WrittenTable& table) {
    if (!EndsWith(opening, "}")) return opening;
    const size_t brace = opening.rfind('{');
    if (brace == std::string_view::npos) return opening;
    const std::vector<std::string_view> attributes =
        Attributes(opening.substr(brace + 1, opening.size() - brace - 2));
    if (attributes.empty()) return opening;
    for (const std::string_view word : attributes) {
      const int column = CharacterColumn(line, word.data() - line.data());
      const std::string_view name = word.substr(0, word.find('='));
      const std::string_view value = word.substr(word.find('=') + 1);
      if (name != "row-headers") {
        Error(table.line, column, "unknown table attribute '" + std::string(name) + "'",
              "the one attribute of a table is {row-headers=N}, the number of leading columns "
              "that are row headers");
      } else if (value.empty() || value.size() > 2 ||
                 value.find_first_not_of("0123456789") != std::string_view::npos) {
        Error(table.line, column,
              "row-headers must be a number of columns, not '" + std::string(value) + "'",
              "write e.g. {row-headers=2} for two columns of row headers, or 0 for none");
      } else {
        table.row_headers = std::stoi(std::string(value));
      }
    }
    return Trim(opening.substr(0, brace));
  }

  // Pipe rows up to the delimiter row; false when there is no header to build on.
  bool ReadHead(size_t& at, size_t close, WrittenTable& table) {
    for (; at < close; ++at) {
      const std::string_view line = TrimEnd(lines_[at]);
      const size_t start = line.find_first_not_of(" \t");
      if (start == std::string_view::npos) continue;
      if (line[start] != '|') {
        Error(Number(at), CharacterColumn(line, start),
              "a table's header is rows of cells between pipes, then a delimiter row",
              "begin the table with its header, e.g. '| 項目 | 說明 |' and '|---|---|', "
              "then the body's cells");
        return false;
      }
      const std::vector<PipeCell> cells = SplitPipeRow(line);
      std::vector<CellAlignment> alignments;
      for (const PipeCell& cell : cells) {
        const auto alignment = DelimiterAlignment(line.substr(cell.begin, cell.end - cell.begin));
        if (!alignment) break;
        alignments.push_back(*alignment);
      }
      if (alignments.size() == cells.size()) {
        if (table.head.empty()) {
          Error(Number(at), 1, "the table has no header row above its delimiter row",
                "write the columns' headers first, e.g. '| 項目 | 說明 |'");
          return false;
        }
        table.alignments = std::move(alignments);
        ++at;
        return true;
      }
      std::vector<WrittenCell>& row = table.head.emplace_back();
      for (const PipeCell& cell : cells) {
        const std::string_view text = line.substr(cell.begin, cell.end - cell.begin);
        row.push_back({KindOf(text), std::string(text), Number(at), Number(at),
                       CharacterColumn(line, cell.begin)});
      }
    }
    Error(table.line, 1, "the table has no delimiter row under its header",
          "add a row such as '|---|---|' (a cell of hyphens per column) after the header's rows");
    return false;
  }

  void ReadBody(size_t at, size_t close, WrittenTable& table) {
    std::vector<WrittenCell> row;
    bool in_cell = false;
    const auto end_cell = [&] {
      if (!in_cell) return;
      WrittenCell& cell = row.back();
      while (!cell.markdown.empty() && cell.markdown.back() == '\n') cell.markdown.pop_back();
      cell.kind = KindOf(cell.markdown);
      in_cell = false;
    };
    const auto end_row = [&] {
      end_cell();
      if (!row.empty()) table.body.push_back(std::move(row));
      row.clear();
    };
    for (; at < close; ++at) {
      // A cell's text keeps its trailing spaces: two of them break the line there.
      std::string_view text = lines_[at];
      if (EndsWith(text, "\r")) text.remove_suffix(1);
      const std::string_view line = TrimEnd(text);
      if (IsRowSeparator(line)) {
        end_row();
      } else if (line == "|" || StartsWith(line, "| ")) {
        end_cell();
        const bool written = line.size() > 2;
        row.push_back({WrittenCell::Kind::kContent, std::string(written ? text.substr(2) : ""),
                       Number(at), Number(at), written ? 3 : 1});
        in_cell = true;
      } else if (line.empty()) {
        if (in_cell) row.back().markdown += '\n';
      } else if (StartsWith(line, "  ") && in_cell) {
        row.back().markdown += '\n';
        row.back().markdown += text.substr(2);
        row.back().end_line = Number(at);
      } else if (StartsWith(line, "  ")) {
        Error(Number(at), 1, "this indented line continues no cell",
              "start a cell with '| ' (a pipe and a space) before it");
      } else {
        Error(Number(at), 1,
              "this line of the table is not a cell, a cell's next line, '---' or ':::'",
              "start a cell with '| ', indent a cell's next lines by two spaces, separate rows "
              "with '---', and end the table with ':::'");
      }
    }
    end_row();
  }

  const std::vector<std::string_view>& lines_;
  const int first_line_;
  const std::string& file_;
  Diagnostics& diagnostics_;
  bool sound_ = true;
};

using Place = std::pair<int, int>;  // row, column
using Grid = std::vector<std::vector<WrittenCell>>;

// Rows made `columns` long: a short row is filled with empty cells (a warning), a long one
// would lose its last cells (an error).
Grid FitRows(const Grid& rows, size_t columns, const char* section, const std::string& file,
             Diagnostics& diagnostics) {
  Grid fitted = rows;
  for (std::vector<WrittenCell>& row : fitted) {
    const std::string counts = "this " + std::string(section) + " row has " +
                               Count(row.size(), "cell") + ", the table " +
                               Count(columns, "column");
    if (row.size() > columns) {
      const WrittenCell& extra = row[columns];
      diagnostics.error({file, extra.line, extra.column},
                        counts + ": the cells from this one on would be lost",
                        "join them with the cell before, or add a column to the header and "
                        "the delimiter row");
      row.resize(columns);
    } else if (row.size() < columns) {
      diagnostics.warning({file, row.front().line, 1}, counts + ": it is filled with empty cells",
                          "add the missing cells ('|' alone is an empty one), or merge with "
                          "'^' (the cell above) or '<' (the cell on the left)");
      const int last = row.back().end_line;
      row.resize(columns, WrittenCell{WrittenCell::Kind::kContent, "", last, last, 1});
    }
  }
  return fitted;
}

// Resolves a section's merge marks: each place's owner, and each owner's rows and columns.
class Merges {
 public:
  Merges(Grid& grid, const char* section, const std::string& file, Diagnostics& diagnostics)
      : owners_(grid.size()) {
    for (int r = 0; r < int(grid.size()); ++r) {
      owners_[r].resize(grid[r].size());
      for (int c = 0; c < int(grid[r].size()); ++c) {
        WrittenCell& cell = grid[r][c];
        if (cell.kind == WrittenCell::Kind::kMergeUp && r == 0) {
          diagnostics.error({file, cell.line, cell.column},
                            "'^' merges a cell into the one above it, but this is the first row "
                            "of the table's " +
                                std::string(section),
                            "write the cell's text, or '\\^' for a literal ^");
          cell = {WrittenCell::Kind::kContent, "", cell.line, cell.end_line, cell.column};
        } else if (cell.kind == WrittenCell::Kind::kMergeLeft && c == 0) {
          diagnostics.error({file, cell.line, cell.column},
                            "'<' merges a cell into the one on its left, but this cell is in "
                            "the first column",
                            "write the cell's text, or '\\<' for a literal <");
          cell = {WrittenCell::Kind::kContent, "", cell.line, cell.end_line, cell.column};
        }
        owners_[r][c] = cell.kind == WrittenCell::Kind::kMergeUp     ? owners_[r - 1][c]
                        : cell.kind == WrittenCell::Kind::kMergeLeft ? owners_[r][c - 1]
                                                                     : Place{r, c};
      }
    }
    // A merged cell is a rectangle: every place between its first and its last row and
    // column must be merged into it.
    for (int r = 0; r < int(grid.size()); ++r) {
      for (int c = 0; c < int(grid[r].size()); ++c) {
        const Place owner = owners_[r][c];
        auto& [rows, columns] = spans_[owner];
        rows = std::max(rows, r - owner.first + 1);
        columns = std::max(columns, c - owner.second + 1);
      }
    }
    for (const auto& [owner, span] : spans_) {
      for (int r = owner.first; r < owner.first + span.first; ++r) {
        for (int c = owner.second; c < owner.second + span.second; ++c) {
          if (owners_[r][c] == owner) continue;
          const WrittenCell& first = grid[owner.first][owner.second];
          diagnostics.error({file, grid[r][c].line, grid[r][c].column},
                            "this cell is inside the merged cell of line " +
                                std::to_string(first.line) + ", which '^' and '<' make " +
                                Count(span.first, "row") + " by " + Count(span.second, "column"),
                            "merge this cell too ('^' or '<'), or merge fewer cells: a merged "
                            "cell is a rectangle");
        }
      }
    }
  }

  Place owner(int row, int column) const { return owners_[row][column]; }
  // Rows and columns of the cell at `place`; (0, 0) for a place merged into another.
  std::pair<int, int> span(Place place) const {
    const auto it = spans_.find(place);
    return it == spans_.end() || owners_[place.first][place.second] != place ? std::pair(0, 0)
                                                                             : it->second;
  }

 private:
  std::vector<std::vector<Place>> owners_;
  std::map<Place, std::pair<int, int>> spans_;
};

// The row headers: {row-headers=N}, else the leading columns in which cells are merged
// downwards.
int RowHeaderColumns(const WrittenTable& written, const Grid& body, int columns,
                     const std::string& file, Diagnostics& diagnostics) {
  if (written.row_headers) {
    if (*written.row_headers <= columns) return *written.row_headers;
    diagnostics.error({file, written.line, 1},
                      "{row-headers=" + std::to_string(*written.row_headers) +
                          "} names more columns than the table's " + std::to_string(columns),
                      "give the number of leading columns that label rows");
    return columns;
  }
  int headers = 0;
  while (headers < columns &&
         std::any_of(body.begin(), body.end(), [&](const std::vector<WrittenCell>& row) {
           return row[headers].kind == WrittenCell::Kind::kMergeUp;
         })) {
    ++headers;
  }
  return headers;
}

// Row groups nest: a row header's cell stays inside the cell on its left, and any merged
// cell inside its group of the first column (a <tbody>, which rowspan cannot leave).
void CheckNesting(const Grid& body, const Merges& merges, int row_headers, const std::string& file,
                  Diagnostics& diagnostics) {
  if (row_headers == 0) return;
  for (int r = 0; r < int(body.size()); ++r) {
    for (int c = 1; c < int(body[r].size()); ++c) {
      const int rows = merges.span({r, c}).first;
      const int outer = c < row_headers ? c - 1 : 0;
      for (int y = r + 1; y < r + rows; ++y) {
        if (merges.owner(y, outer) == merges.owner(r, outer)) continue;
        const Place group = merges.owner(y, outer);
        diagnostics.error(
            {file, body[y][c].line, body[y][c].column},
            "this '^' carries the cell of line " + std::to_string(body[r][c].line) +
                " into the group that begins at line " +
                std::to_string(body[group.first][group.second].line) +
                (c < row_headers ? " in the column on its left" : " in the first column"),
            "row groups nest (group › subgroup › rows): write the cell again here instead of "
            "'^'");
        break;
      }
    }
  }
}

}  // namespace

std::vector<PipeCell> SplitPipeRow(std::string_view line) {
  size_t begin = 0;
  while (begin < line.size() && IsBlank(line[begin])) ++begin;
  size_t end = TrimEnd(line).size();
  if (begin >= end) return {};
  if (line[begin] == '|') ++begin;
  if (end > begin && line[end - 1] == '|' && line[end - 2] != '\\') --end;
  std::vector<PipeCell> cells;
  for (size_t start = begin, at = begin; at <= end; ++at) {
    if (at < end && (line[at] != '|' || line[at - 1] == '\\')) continue;
    PipeCell cell{start, at};
    while (cell.begin < cell.end && IsBlank(line[cell.begin])) ++cell.begin;
    while (cell.end > cell.begin && IsBlank(line[cell.end - 1])) --cell.end;
    cells.push_back(cell);
    start = at + 1;
  }
  return cells;
}

BlockTables FindBlockTables(std::string_view source, int first_line, const std::string& file,
                            Diagnostics& diagnostics) {
  BlockTables found;
  if (source.find(":::") == std::string_view::npos) {  // most pages
    found.markdown = std::string(source);
    return found;
  }
  const std::vector<std::string_view> lines = LineViews(source);
  found.markdown.reserve(source.size());
  const auto keep = [&](std::string_view line, size_t index) {
    found.markdown += line;
    if (index + 1 < lines.size()) found.markdown += '\n';
  };
  BlockTableReader reader(lines, first_line, file, diagnostics);
  std::optional<CodeFence> fence;
  for (size_t at = 0; at < lines.size();) {
    const std::string_view line = lines[at];
    if (fence) {
      if (Closes(line, *fence)) fence.reset();
      keep(line, at++);
      continue;
    }
    fence = FenceAt(line);
    const std::optional<std::string_view> opening = fence ? std::nullopt : TableOpening(line);
    if (!opening) {
      keep(line, at++);
      continue;
    }
    size_t close = at + 1;
    while (close < lines.size() && !IsTableEnd(lines[close]) && !TableOpening(lines[close])) {
      ++close;
    }
    if (close == lines.size() || !IsTableEnd(lines[close])) {
      diagnostics.error({file, first_line + static_cast<int>(at), 1},
                        "this table has no end: its ':::' line is missing",
                        "end the table with a line ':::' after its last row");
      keep(line, at++);
      continue;
    }
    found.tables.push_back(reader.Read(at, close, *opening));
    found.markdown += kPlaceholder;
    found.markdown.append(close - at, '\n');
    if (close + 1 < lines.size()) found.markdown += '\n';
    at = close + 1;
  }
  return found;
}

Table LayOutBlockTable(const WrittenTable& written, const std::string& file,
                       const CellRenderer& render, Diagnostics& diagnostics) {
  Table table;
  table.line = written.line;
  table.end_line = written.end_line;
  if (!written.complete) return table;
  table.alignments = written.alignments;
  const int columns = static_cast<int>(written.alignments.size());
  if (!written.caption.empty()) {
    // A caption is text on one line: rendered behind a prefix, so that one such as
    // "1. 經費" cannot start a list, and the prefix taken off again.
    static constexpr std::string_view kPrefix = "Table:";
    const std::string html =
        render(std::string(kPrefix) + " " + written.caption, written.line).html;
    table.caption_html = std::string(Trim(std::string_view(html).substr(kPrefix.size())));
  }
  Grid head = FitRows(written.head, columns, "header", file, diagnostics);
  Grid body = FitRows(written.body, columns, "body", file, diagnostics);
  const Merges head_merges(head, "header", file, diagnostics);
  const Merges body_merges(body, "body", file, diagnostics);
  table.row_header_columns = RowHeaderColumns(written, body, columns, file, diagnostics);
  CheckNesting(body, body_merges, table.row_header_columns, file, diagnostics);

  const auto lay_out = [&](const Grid& grid, const Merges& merges, bool is_body) {
    std::vector<std::vector<TableCell>> rows(grid.size());
    for (int r = 0; r < int(grid.size()); ++r) {
      for (int c = 0; c < int(grid[r].size()); ++c) {
        const WrittenCell& written_cell = grid[r][c];
        TableCell& cell = rows[r].emplace_back();
        cell.line = written_cell.line;
        cell.end_line = written_cell.end_line;
        const auto [rowspan, colspan] = merges.span({r, c});
        cell.covered = rowspan == 0;
        if (cell.covered) continue;
        cell.rowspan = rowspan;
        cell.colspan = colspan;
        if (!Trim(written_cell.markdown).empty()) {
          RenderedCell rendered = render(written_cell.markdown, written_cell.line);
          cell.html = std::move(rendered.html);
          cell.text = std::string(Trim(rendered.text));
        } else if (is_body && c < table.row_header_columns) {
          diagnostics.warning({file, written_cell.line, written_cell.column},
                              "this row header is empty: its group has no label",
                              "write the group's label, or '^' to continue the group above");
        }
      }
    }
    return rows;
  };
  table.head = lay_out(head, head_merges, false);
  table.body = lay_out(body, body_merges, true);
  return table;
}

}  // namespace kiosk
