// kiosk's table syntax as written (README, "Tables"): the cells of a pipe row, and block
// tables — `::: table caption`, a header of pipe rows, body rows of cells that hold any
// Markdown, separated by `---`, and `:::` — read from a page's Markdown and laid out as a
// Table with merged cells and row headers. Rendering the cells' Markdown is the caller's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "markdown/table_html.h"

namespace kiosk {

// A cell of a pipe row, as the byte range of its text (trimmed) in the line.
struct PipeCell {
  size_t begin = 0;
  size_t end = 0;
};

// The cells of a pipe row ("| a | b \| c |" has two), as cmark-gfm reads them: split at every
// '|' not preceded by a backslash; the leading and trailing pipes are optional.
std::vector<PipeCell> SplitPipeRow(std::string_view line);

// A cell of a block table as written.
struct WrittenCell {
  enum class Kind { kContent, kMergeUp, kMergeLeft };  // text, `^`, `<`
  Kind kind = Kind::kContent;
  std::string markdown;  // its Markdown, the continuation lines' indentation removed
  int line = 0;          // its first and last line in the file
  int end_line = 0;
  int column = 1;  // of its first character, for messages
};

struct WrittenTable {
  int line = 0;                                // of `::: table`
  int end_line = 0;                            // of the closing `:::`
  std::string caption;                         // Markdown
  std::optional<int> row_headers;              // {row-headers=N}
  std::vector<CellAlignment> alignments;       // from the delimiter row, one per column
  std::vector<std::vector<WrittenCell>> head;  // rows as written: they may be short or long
  std::vector<std::vector<WrittenCell>> body;
  bool complete = false;  // false after a syntax error: nothing is laid out
};

struct BlockTables {
  // The page's Markdown with each block table's lines replaced by "<!-- table -->" and empty
  // lines: cmark sees an HTML block at the table's first line and counts lines as the file.
  std::string markdown;
  std::vector<WrittenTable> tables;
};

// The block tables of a page's Markdown `source`, which starts on line `first_line` of
// `file` (for messages). Fenced code is left alone.
BlockTables FindBlockTables(std::string_view source, int first_line, const std::string& file,
                            Diagnostics& diagnostics);

// A cell's Markdown rendered: HTML (a cell of a single paragraph without its <p>), and its
// plain text.
struct RenderedCell {
  std::string html;
  std::string text;
};
using CellRenderer = std::function<RenderedCell(std::string_view markdown, int first_line)>;

// The table's grid: merges resolved into spans, row headers found, every cell rendered.
// Rows of the wrong length, misplaced or crossing merges and empty row headers are reported
// at their lines.
Table LayOutBlockTable(const WrittenTable& written, const std::string& file,
                       const CellRenderer& render, Diagnostics& diagnostics);

}  // namespace kiosk
