#include "import/markdown_writer.h"

#include <algorithm>

#include "base/text.h"
#include "import/block_builder.h"
#include "markdown/alt_placeholder.h"

namespace kiosk::import {

namespace {

bool IsPunctuationOrSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c > ' ' && !std::isalnum(static_cast<int>(c)));
  return (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
         (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

bool HasCjk(const std::string& text) {
  for (size_t at = 0; at < text.size();) {
    if (IsWideCjk(DecodeUtf8(text, at))) return true;
  }
  return false;
}

// Backslash-escapes what Markdown would read as syntax. `pipes`: inside a pipe table.
std::string Escape(std::string_view text, bool pipes) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '~': case '{': case '}':
        out += '\\';
        break;
      case '|':
        if (pipes) out += '\\';
        break;
      case '&': {
        size_t end = i + 1;
        while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '#')) ++end;
        if (end < text.size() && text[end] == ';' && end > i + 1) out += '\\';
        break;
      }
      default:
        break;
    }
    out += c;
  }
  return out;
}

// What would start a block if it began a line: `#`, `-`, `+`, `=`, `:`, `1.`, `1)`.
std::string EscapeLineStart(std::string line) {
  if (line.empty()) return line;
  const char first = line[0];
  if (first == '#' || first == '-' || first == '+' || first == '=' || first == ':') {
    return "\\" + line;
  }
  size_t digits = 0;
  while (digits < line.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')') &&
      (digits + 1 == line.size() || line[digits + 1] == ' ')) {
    line.insert(digits, "\\");
  }
  return line;
}

struct Labels {
  std::string notes_heading;
  std::string note;
};

class Writer {
 public:
  Writer(const Document& document, const std::string& display, Diagnostics& warnings)
      : document_(document), display_(display), warnings_(warnings) {
    const bool chinese = HasCjk(document.title) || HasCjk(PlainText(document.blocks));
    labels_ = chinese ? Labels{"附註", "註"} : Labels{"Notes", "note "};
  }

  std::string Body() {
    std::string body = Blocks(document_.blocks, false);
    if (!document_.footnotes.empty()) {
      body += "\n\n## " + labels_.notes_heading + "\n\n";
      for (size_t n = 0; n < document_.footnotes.size(); ++n) {
        const std::string marker = std::to_string(n + 1) + ". ";
        body += Indented(marker, Blocks(document_.footnotes[n], true)) + "\n";
      }
      while (!body.empty() && body.back() == '\n') body.pop_back();
    }
    return body + "\n";
  }

  // Blocks separated by a blank line (by a line break only when `tight`, in a list item).
  std::string Blocks(const import::Blocks& blocks, bool tight) {
    std::string out;
    for (const Block& block : blocks) {
      std::string text = BlockText(block);
      if (text.empty()) continue;
      if (!out.empty()) out += tight ? "\n" : "\n\n";
      out += text;
    }
    return out;
  }

 private:
  std::string BlockText(const Block& block) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block.content)) {
      return EscapeLineStart(Inline(paragraph->inlines, false));
    }
    if (const auto* heading = std::get_if<Heading>(&block.content)) {
      return std::string(heading->level, '#') + " " + Inline(heading->inlines, false);
    }
    if (const auto* list = std::get_if<List>(&block.content)) return ListText(*list);
    return TableText(std::get<Table>(block.content));
  }

  // `text` with its first line after `marker` and the others indented as far.
  static std::string Indented(const std::string& marker, const std::string& text) {
    std::string out = marker;
    const std::string indent(marker.size(), ' ');
    size_t start = 0;
    for (bool first = true; start <= text.size(); first = false) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string_view line(text.data() + start, end - start);
      if (!first) out += line.empty() ? "\n" : "\n" + indent;
      out += line;
      start = end + 1;
    }
    return out;
  }

  std::string ListText(const List& list) {
    // Tight (no blank lines) when every item is a paragraph, perhaps with a list under it.
    bool tight = true;
    for (const ListItem& item : list.items) {
      for (size_t b = 0; b < item.blocks.size(); ++b) {
        const bool paragraph = std::holds_alternative<Paragraph>(item.blocks[b].content);
        const bool nested = std::holds_alternative<List>(item.blocks[b].content);
        if (!(b == 0 ? paragraph : nested && b == 1)) tight = false;
      }
    }
    std::string out;
    for (size_t i = 0; i < list.items.size(); ++i) {
      const ListItem& item = list.items[i];
      const std::string marker =
          list.ordered ? std::to_string(list.start + static_cast<int>(i)) + ". " : "- ";
      std::string content = Blocks(item.blocks, tight);
      if (!item.label.empty()) {
        content = Escape(LabelBefore(item.label), false) + content;
      }
      content = EscapeLineStart(content);
      if (!out.empty()) out += tight ? "\n" : "\n\n";
      out += content.empty() ? marker.substr(0, marker.size() - 1) : Indented(marker, content);
    }
    return out;
  }

  // A pipe table holds one line of text per cell, no merges, one header row.
  static bool IsSimple(const Table& table) {
    if (table.header_rows != 1) return false;
    for (const auto& row : table.rows) {
      for (const auto& cell : row) {
        if (!cell || cell->row_span > 1 || cell->col_span > 1 || cell->blocks.size() > 1) return false;
        if (cell->blocks.empty()) continue;
        const auto* paragraph = std::get_if<Paragraph>(&cell->blocks.front().content);
        if (!paragraph) return false;
        for (const Span& span : paragraph->inlines) {
          if (span.kind == Span::Kind::kLineBreak) return false;
        }
      }
    }
    return true;
  }

  // A cell's blocks on one line (header cells, pipe tables).
  std::string CellLine(const TableCell& cell, bool pipes) {
    std::string line;
    for (const Block& block : cell.blocks) {
      std::string text;
      if (const auto* paragraph = std::get_if<Paragraph>(&block.content)) {
        text = Inline(paragraph->inlines, pipes);
      } else {
        text = Escape(PlainText(import::Blocks{block}), pipes);
      }
      if (!text.empty()) line += (line.empty() ? "" : " ") + text;
    }
    std::erase(line, '\n');
    if (line == "^" || line == "<") line = "\\" + line;
    return line;
  }

  // How many leading columns are row headers, when the build's own rule (the leading columns
  // merged downwards) would count fewer: a plan's first header cell (工作要項) often spans a
  // group column and a subgroup column whose cells are not merged, yet both label the rows.
  // 0 when the rule's count serves, or when the spanned columns' merges do not nest.
  static int SpannedRowHeaders(const Table& table,
                               const std::vector<std::vector<SlotOrigin>>& origins) {
    if (table.header_rows == 0 || !table.rows[0][0]) return 0;
    const int spanned = table.rows[0][0]->col_span;
    if (spanned < 2) return 0;
    bool grouped = false;
    for (size_t r = table.header_rows; r < table.rows.size(); ++r) {
      for (int c = 0; c < spanned; ++c) {
        const auto& cell = table.rows[r][c];
        if (!cell) {
          // A slot covered from the left would make the row's label span two levels.
          if (origins[r][c].column != c) return 0;
          continue;
        }
        if (c == 0) {
          grouped = grouped || cell->row_span > 1;
          continue;
        }
        // Each merge must stay inside the group of the column on its left.
        const size_t last = r + cell->row_span - 1;
        if (last >= table.rows.size() || origins[r][c - 1].row != origins[last][c - 1].row) {
          return 0;
        }
      }
    }
    return grouped ? spanned : 0;
  }

  std::string TableText(const Table& table) {
    if (table.rows.empty() || table.columns == 0) return "";
    std::string out;
    const std::vector<std::vector<SlotOrigin>> origins = SlotOrigins(table);
    const auto merge_mark = [&](size_t r, int c) {
      return origins[r][c].column == c ? "^" : "<";
    };
    const bool simple = IsSimple(table);
    if (simple) {
      if (!table.caption.empty()) out += "Table: " + Escape(table.caption, false) + "\n\n";
    } else {
      out += "::: table" + (table.caption.empty() ? "" : " " + Escape(table.caption, false));
      if (const int row_headers = SpannedRowHeaders(table, origins); row_headers > 0) {
        out += " {row-headers=" + std::to_string(row_headers) + "}";
      }
      out += "\n";
    }
    for (int r = 0; r < table.header_rows; ++r) {
      out += "|";
      for (int c = 0; c < table.columns; ++c) {
        const auto& cell = table.rows[r][c];
        out += " " + (cell ? CellLine(*cell, true) : std::string(merge_mark(r, c))) + " |";
      }
      out += "\n";
    }
    out += "|";
    for (int c = 0; c < table.columns; ++c) out += " --- |";
    for (size_t r = table.header_rows; r < table.rows.size(); ++r) {
      if (simple) {
        out += "\n|";
        for (int c = 0; c < table.columns; ++c) out += " " + CellLine(*table.rows[r][c], true) + " |";
        continue;
      }
      if (static_cast<int>(r) > table.header_rows) out += "\n---";
      for (int c = 0; c < table.columns; ++c) {
        const auto& cell = table.rows[r][c];
        out += "\n";
        if (!cell) {
          out += std::string("| ") + merge_mark(r, c);
          continue;
        }
        std::string content = CellContent(*cell);
        if (content.empty()) {
          out += "|";
        } else {
          out += Indented("| ", content);
        }
      }
    }
    if (!simple) out += "\n:::";
    return out;
  }

  // A body cell of a block table: Markdown blocks; a table inside is flattened.
  std::string CellContent(const TableCell& cell) {
    import::Blocks blocks;
    for (const Block& block : cell.blocks) {
      const auto* inner = std::get_if<Table>(&block.content);
      if (!inner) {
        blocks.push_back(block);
        continue;
      }
      Warn(warnings_, display_, "table " + std::to_string(inner->number),
           "a table inside a table's cell is written as one line per row",
           "make it a table of its own after the outer one, if it should stay a table");
      for (const auto& row : inner->rows) {
        Paragraph line;
        for (const auto& slot : row) {
          if (!slot) continue;
          if (!line.inlines.empty()) line.inlines.push_back(Span{.text = " / "});
          line.inlines.push_back(Span{.text = PlainText(slot->blocks)});
        }
        blocks.push_back(Block{std::move(line)});
      }
    }
    std::string content = Blocks(blocks, false);
    if (content == "^" || content == "<") content = "\\" + content;
    return content;
  }

  // Inline Markdown: emphasis around the words (punctuation and spaces at either end kept
  // outside, where CommonMark needs them to see the markers), links, notes, images.
  std::string Inline(const Inlines& inlines, bool pipes) {
    std::string out;
    for (size_t i = 0; i < inlines.size();) {
      const std::string& href = inlines[i].href;
      size_t end = i;
      std::string content;
      for (; end < inlines.size() && inlines[end].href == href; ++end) {
        content += SpanText(inlines[end], pipes);
      }
      if (href.empty()) {
        out += content;
      } else {
        std::string target = href;
        const bool bracket = target.find_first_of(" ()<>") != std::string::npos;
        if (bracket) {
          std::string escaped;
          for (char c : target) {
            if (c == '<' || c == '>') escaped += '\\';
            escaped += c;
          }
          target = "<" + escaped + ">";
        }
        out += "[" + content + "](" + target + ")";
      }
      i = end;
    }
    return out;
  }

  std::string SpanText(const Span& span, bool pipes) {
    switch (span.kind) {
      case Span::Kind::kLineBreak:
        return "\\\n";
      case Span::Kind::kFootnote:
        return "[" + labels_.note + std::to_string(span.number) + "](#" +
               SlugifyHeading(labels_.notes_heading) + ")";
      case Span::Kind::kImage: {
        const Image& image = document_.images[span.number - 1];
        if (image.src.empty()) return "";
        const std::string alt = image.alt.empty() ? std::string(kMissingAltText) : image.alt;
        return "![" + Escape(alt, pipes) + "](" + image.src + ")";
      }
      case Span::Kind::kText:
        break;
    }
    if (!span.bold && !span.italic) return Escape(span.text, pipes);
    // Split off leading and trailing punctuation and spaces.
    std::vector<size_t> starts;
    std::vector<char32_t> points;
    for (size_t at = 0; at < span.text.size();) {
      starts.push_back(at);
      points.push_back(DecodeUtf8(span.text, at));
    }
    starts.push_back(span.text.size());
    size_t first = 0;
    size_t last = points.size();
    while (first < last && IsPunctuationOrSpace(points[first])) ++first;
    while (last > first && IsPunctuationOrSpace(points[last - 1])) --last;
    if (first == last) return Escape(span.text, pipes);
    const std::string marker = span.bold && span.italic ? "***" : span.bold ? "**" : "*";
    return Escape(span.text.substr(0, starts[first]), pipes) + marker +
           Escape(span.text.substr(starts[first], starts[last] - starts[first]), pipes) + marker +
           Escape(span.text.substr(starts[last]), pipes);
  }

  const Document& document_;
  const std::string& display_;
  Diagnostics& warnings_;
  Labels labels_;
};

}  // namespace

std::string YamlScalar(const std::string& text) {
  static const std::string_view kWords[] = {"true", "false", "yes", "no", "on", "off", "null", "~"};
  bool plain = !text.empty() && text.front() != ' ' && text.back() != ' ' &&
               std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) == std::string_view::npos &&
               text.find(": ") == std::string::npos && text.find(" #") == std::string::npos &&
               text.back() != ':' && text.find('\n') == std::string::npos &&
               text.find('\t') == std::string::npos;
  std::string lower = text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view word : kWords) plain = plain && lower != word;
  plain = plain && !(std::isdigit(static_cast<unsigned char>(text.front())) &&
                     text.find_first_not_of("0123456789.-:+eE_ ") == std::string::npos);
  if (plain) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '\n') {
      quoted += "\\n";
      continue;
    }
    quoted += c;
  }
  return quoted + "\"";
}

std::string WritePage(const std::string& front_matter, const Document& document,
                      const std::string& display, Diagnostics& warnings) {
  return "---\n" + front_matter + "---\n\n" + Writer(document, display, warnings).Body();
}

}  // namespace kiosk::import
