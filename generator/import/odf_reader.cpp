#include "import/odf_reader.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "base/text.h"
#include "import/block_builder.h"
#include "import/numbering.h"
#include "import/style_inheritance.h"
#include "import/xml_reader.h"

namespace kiosk::import {

namespace {

constexpr std::string_view kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kStyle = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr std::string_view kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kDraw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
constexpr std::string_view kFo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
constexpr std::string_view kSvg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
constexpr std::string_view kXlink = "http://www.w3.org/1999/xlink";
constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kManifest = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// "0.635cm", "0.25in", "12pt" → twentieths of a point.
int Twips(const std::string& length) {
  try {
    size_t used = 0;
    const double value = std::stod(length, &used);
    const std::string unit = length.substr(used);
    if (unit == "cm") return static_cast<int>(value * 567);
    if (unit == "mm") return static_cast<int>(value * 56.7);
    if (unit == "in") return static_cast<int>(value * 1440);
    if (unit == "pt") return static_cast<int>(value * 20);
    if (unit == "pc") return static_cast<int>(value * 240);
  } catch (...) {
  }
  return 0;
}

struct Style {
  std::string parent;
  std::string display_name;
  std::string list_style;
  std::optional<int> outline_level;
  std::optional<int> indent;
  std::optional<bool> bold, italic, hidden;
};

struct ListLevelStyle {
  NumberFormat format = NumberFormat::kBullet;
  std::string prefix, suffix;
  int start = 1;
  int display_levels = 1;
};
using ListStyle = std::array<ListLevelStyle, 10>;

// A numbered sequence: the counters that lists continuing one another share.
struct Numbering {
  std::string id;
  std::array<int, 10> counters;
};

// Text fields whose value was true only when the document was last laid out or saved.
const std::set<std::string_view>& DroppedFields() {
  static const std::set<std::string_view> kFields = {
      "page-number",     "page-continuation", "page-count",        "paragraph-count",
      "word-count",      "character-count",   "table-count",       "image-count",
      "object-count",    "date",              "time",              "file-name",
      "template-name",   "print-date",        "print-time",        "creation-date",
      "creation-time",   "modification-date", "modification-time", "editing-duration",
      "editing-cycles",  "chapter",           "author-name",       "author-initials",
      "printed-by",      "hidden-text",       "hidden-paragraph",  "note-citation",
      "number",          "toc-mark",          "alphabetical-index-mark",
      "user-index-mark", "bookmark-ref",      "conditional-text"};
  return kFields;
}

class OdfReader {
 public:
  OdfReader(ZipArchive& archive, Diagnostics& warnings) : archive_(archive), warnings_(warnings) {}

  Result<Document> Read() {
    if (archive_.Has("meta.xml")) {
      Result<std::string> title = ReadDublinCoreTitle(archive_, "meta.xml");
      if (!title) return title.error();
      document_.title = *title;
    }
    for (const char* part : {"styles.xml", "content.xml"}) {
      if (!archive_.Has(part)) continue;
      Result<std::unique_ptr<XmlReader>> opened = XmlReader::Open(archive_, part);
      if (!opened) return opened.error();
      xml_ = opened->get();
      BlockBuilder body(true);
      while (xml_->Next()) {
        if (xml_->IsStart(kOffice, "master-styles")) {
          xml_->Skip();  // page headers and footers
        } else if (xml_->IsStart(kStyle, "style") || xml_->IsStart(kStyle, "default-style")) {
          ReadStyle();
        } else if (xml_->IsStart(kText, "list-style") || xml_->IsStart(kText, "outline-style")) {
          ReadListStyle();
        } else if (xml_->IsStart(kOffice, "text")) {
          ReadBlocks(body);
        }
      }
      if (xml_->error()) return *xml_->error();
      if (std::string_view(part) == "content.xml") {
        document_.blocks = body.Finish(!document_.title.empty());
        if (document_.title.empty()) document_.title = body.title();
      }
    }
    xml_ = nullptr;
    return std::move(document_);
  }

 private:
  void Warning(const std::string& location, std::string message, std::string hint) {
    Warn(warnings_, archive_.display(), location, std::move(message), std::move(hint));
  }

  // A style:style, up to its end.
  void ReadStyle() {
    Style& style = styles_[xml_->Attribute(kStyle, "name").value_or("")];
    style.parent = xml_->Attribute(kStyle, "parent-style-name").value_or("");
    style.display_name = xml_->Attribute(kStyle, "display-name").value_or("");
    style.list_style = xml_->Attribute(kStyle, "list-style-name").value_or("");
    if (auto level = xml_->Attribute(kStyle, "default-outline-level"); level && !level->empty()) {
      style.outline_level = ToInt(level, 0);
    }
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      ++depth;
      if (xml_->IsStart(kStyle, "text-properties")) {
        // Chinese text shows the Asian font's weight and slant (style:font-weight-asian),
        // which LibreOffice writes beside the Western one; either makes the run bold.
        for (const auto& [ns, name] : {std::pair{kFo, "font-weight"}, std::pair{kStyle, "font-weight-asian"},
                                       std::pair{kStyle, "font-weight-complex"}}) {
          if (auto weight = xml_->Attribute(ns, name)) {
            style.bold = style.bold.value_or(false) || *weight == "bold" || ToInt(weight, 400) >= 600;
          }
        }
        for (const auto& [ns, name] : {std::pair{kFo, "font-style"}, std::pair{kStyle, "font-style-asian"},
                                       std::pair{kStyle, "font-style-complex"}}) {
          if (auto slant = xml_->Attribute(ns, name)) {
            style.italic = style.italic.value_or(false) || *slant == "italic" || *slant == "oblique";
          }
        }
        if (auto display = xml_->Attribute(kText, "display")) style.hidden = *display == "none";
      } else if (xml_->IsStart(kStyle, "paragraph-properties")) {
        if (auto margin = xml_->Attribute(kFo, "margin-left")) style.indent = Twips(*margin);
        if (auto margin = xml_->Attribute(kFo, "margin-start")) style.indent = Twips(*margin);
      }
    }
  }

  // A text:list-style or text:outline-style, up to its end.
  void ReadListStyle() {
    const bool outline = xml_->name() == "outline-style";
    ListStyle& style = outline ? outline_style_ : list_styles_[xml_->Attribute(kStyle, "name").value_or("")];
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      ++depth;
      const std::string_view name = xml_->name();
      if (xml_->ns() != kText ||
          (!name.starts_with("list-level-style") && name != "outline-level-style")) {
        continue;
      }
      const int level = std::clamp(ToInt(xml_->Attribute(kText, "level"), 1), 1, 10) - 1;
      ListLevelStyle& at = style[level];
      at = ListLevelStyle{};
      if (name == "list-level-style-bullet" || name == "list-level-style-image") continue;
      at.format = OdfNumberFormat(xml_->Attribute(kStyle, "num-format").value_or(""));
      at.prefix = xml_->Attribute(kStyle, "num-prefix").value_or("");
      at.suffix = xml_->Attribute(kStyle, "num-suffix").value_or("");
      at.start = ToInt(xml_->Attribute(kText, "start-value"), 1);
      at.display_levels = ToInt(xml_->Attribute(kText, "display-levels"), 1);
    }
  }

  const Style* FindStyle(const std::string& name) const {
    const auto found = styles_.find(name);
    return found == styles_.end() ? nullptr : &found->second;
  }

  template <typename T>
  std::optional<T> Inherited(const std::string& name, std::optional<T> Style::*member) const {
    return InheritedProperty(styles_, name, member, &Style::parent);
  }

  // Whether the style or one it inherits from has one of these names (as the program shows
  // them or as stored).
  bool StyleIs(const std::string& name, std::initializer_list<std::string_view> names) const {
    std::string at = name;
    for (int hops = 0; hops < 20 && !at.empty(); ++hops) {
      const Style* style = FindStyle(at);
      for (std::string_view wanted : names) {
        if (EqualsIgnoringCase(at, wanted) || (style && EqualsIgnoringCase(style->display_name, wanted))) {
          return true;
        }
      }
      if (!style) break;
      at = style->parent;
    }
    return false;
  }

  // office:text, a section, a cell, a note body, a list item: up to the container's end.
  void ReadBlocks(BlockBuilder& builder) {
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kText, "p") || xml_->IsStart(kText, "h")) {
        ReadParagraph(builder, ParagraphFacts{});
      } else if (xml_->IsStart(kText, "list")) {
        ReadList(builder, 0, "", "");
      } else if (xml_->IsStart(kTable, "table")) {
        builder.Add(ReadTable());
      } else if (xml_->IsStart(kText, "section") &&
                 (xml_->Attribute(kText, "display").value_or("") == "none" ||
                  Inherited(xml_->Attribute(kText, "style-name").value_or(""), &Style::hidden)
                      .value_or(false))) {
        xml_->Skip();  // a hidden section
      } else if (xml_->IsStart(kText, "section") || xml_->IsStart(kText, "soft-page-break")) {
        ++depth;
      } else {
        // Tracked deletions (text:tracked-changes), tables of contents and other indexes
        // (kiosk makes its own), forms, declarations: not content.
        xml_->Skip();
      }
    }
  }

  // A text:list (the reader is at its start), its items read into `builder`.
  void ReadList(BlockBuilder& builder, int level, std::string style, std::string numbering_id) {
    if (auto name = xml_->Attribute(kText, "style-name")) style = *name;
    Numbering* numbering = nullptr;
    if (level == 0) {
      const std::string id = xml_->Attribute(kXml, "id").value_or("");
      const std::string continues = xml_->Attribute(kText, "continue-list").value_or("");
      const bool continue_numbering = xml_->Attribute(kText, "continue-numbering").value_or("") == "true";
      if (!continues.empty() && numbering_by_xml_id_.count(continues)) {
        numbering = &numberings_[numbering_by_xml_id_[continues]];
      } else if (continue_numbering && last_numbering_by_style_.count(style)) {
        numbering = &numberings_[last_numbering_by_style_[style]];
      } else {
        const std::string key = "odf:" + std::to_string(numberings_.size());
        numbering = &numberings_[key];
        numbering->id = key;
        numbering->counters.fill(-1);
      }
      if (!id.empty()) numbering_by_xml_id_[id] = numbering->id;
      last_numbering_by_style_[style] = numbering->id;
      numbering_id = numbering->id;
    } else {
      numbering = &numberings_[numbering_id];
    }
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      const bool header = xml_->IsStart(kText, "list-header");
      if (!header && !xml_->IsStart(kText, "list-item")) {
        xml_->Skip();
        continue;
      }
      const std::optional<std::string> start_value = xml_->Attribute(kText, "start-value");
      bool first = !header;
      for (int item_depth = 0; xml_->NextStartWithin(item_depth);) {
        if (xml_->IsStart(kText, "list")) {
          ReadList(builder, level + 1, style, numbering_id);
          first = false;
        } else if (xml_->IsStart(kText, "p") || xml_->IsStart(kText, "h")) {
          ParagraphFacts facts;
          facts.list_level = level;
          if (first) {
            NumberItem(facts, *numbering, style, level, ToInt(start_value, -1));
            first = false;
          } else {
            facts.continues_item = true;
          }
          ReadParagraph(builder, std::move(facts));
        } else if (xml_->IsStart(kTable, "table")) {
          builder.Add(ReadTable());
        } else {
          xml_->Skip();
        }
      }
    }
  }

  void NumberItem(ParagraphFacts& facts, Numbering& numbering, const std::string& style_name,
                  int level, int start_value) {
    const auto found = list_styles_.find(style_name);
    static const ListStyle kBullets{};
    const ListStyle& style = found == list_styles_.end() ? kBullets : found->second;
    level = std::clamp(level, 0, 9);
    std::array<int, 10>& counters = numbering.counters;
    counters[level] = start_value > 0       ? start_value
                      : counters[level] < 0 ? style[level].start
                                            : counters[level] + 1;
    for (int deeper = level + 1; deeper < 10; ++deeper) counters[deeper] = -1;
    facts.list = numbering.id;
    facts.number = counters[level];
    const ListLevelStyle& format = style[level];
    if (format.format == NumberFormat::kBullet || format.format == NumberFormat::kNone) return;
    std::string number;
    for (int shown = std::max(level - format.display_levels + 1, 0); shown <= level; ++shown) {
      if (!number.empty()) number += '.';
      const int value = counters[shown] < 0 ? style[shown].start : counters[shown];
      number += FormatNumber(value, shown == level ? format.format : style[shown].format);
    }
    facts.label = format.prefix + number + format.suffix;
    facts.decimal = format.format == NumberFormat::kDecimal && format.prefix.empty() &&
                    format.suffix == "." && format.display_levels <= 1;
  }

  // Formatting of the runs being read: one entry per open text:span or text:a.
  struct RunState {
    bool bold = false;
    bool italic = false;
    bool hidden = false;
    std::string href;
  };

  RunState Styled(const RunState& outer, const std::string& style) const {
    RunState state = outer;
    if (auto bold = Inherited(style, &Style::bold)) state.bold = *bold;
    if (auto italic = Inherited(style, &Style::italic)) state.italic = *italic;
    if (auto hidden = Inherited(style, &Style::hidden)) state.hidden = state.hidden || *hidden;
    return state;
  }

  // A text:p or text:h (the reader is at its start).
  void ReadParagraph(BlockBuilder& builder, ParagraphFacts facts) {
    ++paragraphs_;
    facts.location = cell_location_.empty() ? "paragraph " + std::to_string(paragraphs_) : cell_location_;
    location_ = facts.location;
    const std::string style = xml_->Attribute(kText, "style-name").value_or("");
    if (xml_->name() == "h") {
      facts.outline_level = ToInt(xml_->Attribute(kText, "outline-level"), 1);
      if (facts.list.empty()) NumberHeading(facts);
    } else if (auto level = Inherited(style, &Style::outline_level); level && *level > 0) {
      facts.outline_level = *level;
    }
    facts.title = StyleIs(style, {"Title"});
    facts.caption = StyleIs(style, {"Caption", "Table", "Illustration", "Figure", "Drawing"});
    facts.indent = Inherited(style, &Style::indent).value_or(0);
    const RunState paragraph_state = Styled(RunState{}, style);
    ReadInlines(facts.inlines, paragraph_state);
    if (!paragraph_state.hidden) builder.Add(std::move(facts));
  }

  void NumberHeading(ParagraphFacts& facts) {
    const int level = std::clamp(facts.outline_level, 1, 10) - 1;
    for (int deeper = level + 1; deeper < 10; ++deeper) outline_counters_[deeper] = 0;
    const int value = ++outline_counters_[level] == 1 ? outline_style_[level].start
                                                       : outline_counters_[level] +
                                                             outline_style_[level].start - 1;
    const ListLevelStyle& format = outline_style_[level];
    if (format.format == NumberFormat::kBullet || format.format == NumberFormat::kNone) return;
    facts.label = format.prefix + FormatNumber(value, format.format) + format.suffix;
  }

  // Inline content up to the end of the element the reader is at.
  void ReadInlines(Inlines& inlines, RunState state) {
    std::vector<RunState> states{state};
    for (int depth = 0; xml_->Next();) {
      if (xml_->node() == XmlReader::Node::kEnd) {
        if (depth-- == 0) return;
        states.pop_back();
        continue;
      }
      const RunState& now = states.back();
      if (xml_->node() == XmlReader::Node::kText) {
        if (!now.hidden) Add(inlines, now, Span::Kind::kText, std::string(xml_->text()));
        continue;
      }
      const std::string_view ns = xml_->ns();
      const std::string_view name = xml_->name();
      if (ns == kText && name == "s") {
        if (!now.hidden) {
          Add(inlines, now, Span::Kind::kText, std::string(ToInt(xml_->Attribute(kText, "c"), 1), ' '));
        }
      } else if (ns == kText && name == "tab") {
        if (!now.hidden) Add(inlines, now, Span::Kind::kText, " ");
      } else if (ns == kText && name == "line-break") {
        if (!now.hidden) Add(inlines, now, Span::Kind::kLineBreak, "");
      } else if (ns == kText && name == "note") {
        ReadNote(inlines, now);
        continue;
      } else if (ns == kDraw && name == "frame") {
        if (now.hidden) {
          xml_->Skip();
        } else {
          ReadFrame(inlines);
        }
        continue;
      } else if (ns == kDraw || (ns == kOffice && (name == "annotation" || name == "annotation-end"))) {
        if (ns == kDraw) {
          Warning(location_, "a drawing (shape, chart or diagram) is left out",
                  "replace it with a picture of it, with a description");
        }
        xml_->Skip();  // comments
        continue;
      } else if (ns == kText && DroppedFields().count(name)) {
        xml_->Skip();
        continue;
      } else if (ns == kText && name == "ruby-text") {
        xml_->Skip();
        continue;
      } else if (ns == kText && (name == "span" || name == "a")) {
        RunState inner = Styled(now, xml_->Attribute(kText, "style-name").value_or(""));
        if (name == "a") {
          const std::string href = xml_->Attribute(kXlink, "href").value_or("");
          if (!href.empty() && href[0] != '#') inner.href = href;
        }
        states.push_back(std::move(inner));
        ++depth;
        continue;
      }
      // Other elements (bookmarks, change marks, fields kept as their text): their content.
      states.push_back(now);
      ++depth;
    }
  }

  static void Add(Inlines& inlines, const RunState& state, Span::Kind kind, std::string text) {
    Span span;
    span.kind = kind;
    span.text = std::move(text);
    span.bold = state.bold;
    span.italic = state.italic;
    span.href = state.href;
    inlines.push_back(std::move(span));
  }

  // A text:note: its body becomes the next footnote.
  void ReadNote(Inlines& inlines, const RunState& state) {
    BlockBuilder note(false);
    const std::string location = location_;
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kText, "note-body")) {
        ReadBlocks(note);
      } else {
        xml_->Skip();  // the citation: kiosk numbers the notes
      }
    }
    location_ = location;
    if (state.hidden) return;
    document_.footnotes.push_back(note.Finish());
    Span span;
    span.kind = Span::Kind::kFootnote;
    span.number = static_cast<int>(document_.footnotes.size());
    inlines.push_back(std::move(span));
  }

  // A draw:frame: an image with its description, or something that is left out.
  void ReadFrame(Inlines& inlines) {
    std::string href;
    std::string title;
    std::string description;
    bool text_box = false;
    bool object = false;
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kDraw, "image")) {
        if (href.empty()) href = xml_->Attribute(kXlink, "href").value_or("");
        xml_->Skip();  // a replacement image inside, if any
      } else if (xml_->IsStart(kSvg, "title") || xml_->IsStart(kSvg, "desc")) {
        std::string& into = xml_->name() == "title" ? title : description;
        for (int text_depth = 0; xml_->Next();) {
          if (xml_->node() == XmlReader::Node::kText) into += xml_->text();
          if (xml_->node() == XmlReader::Node::kStart) ++text_depth;
          if (xml_->node() == XmlReader::Node::kEnd && text_depth-- == 0) break;
        }
      } else if (xml_->IsStart(kDraw, "text-box")) {
        text_box = true;
        xml_->Skip();
      } else if (xml_->IsStart(kDraw, "object") || xml_->IsStart(kDraw, "object-ole")) {
        object = true;
        xml_->Skip();
      } else {
        xml_->Skip();
      }
    }
    if (href.empty() || href.find("://") != std::string::npos || !archive_.Has(href)) {
      if (text_box) {
        Warning(location_, "the text of a text box is left out",
                "move the text out of the text box into the document's body");
      } else if (object || href.empty()) {
        Warning(location_, "an embedded object (chart, formula, drawing) is left out",
                "replace it with a picture of it, with a description");
      } else {
        Warning(location_, "a picture linked to a file outside the document is left out",
                "insert the picture into the document itself (not as a link)");
      }
      return;
    }
    inlines.push_back(AddImage(document_, description, title, href));
  }

  // A table:table (the reader is at its start).
  Table ReadTable() {
    Table table;
    table.number = ++tables_;
    const std::string table_location = "table " + std::to_string(table.number);
    int declared_columns = 0;
    int header_depth = -1;  // the depth of table:table-header-rows while inside it
    for (int depth = 0; xml_->Next();) {
      if (xml_->node() == XmlReader::Node::kEnd) {
        if (depth-- == 0) break;
        if (depth < header_depth) header_depth = -1;
        continue;
      }
      if (xml_->node() != XmlReader::Node::kStart) continue;
      if (xml_->IsStart(kTable, "table-column")) {
        declared_columns += std::max(ToInt(xml_->Attribute(kTable, "number-columns-repeated"), 1), 1);
        xml_->Skip();
        continue;
      }
      if (xml_->IsStart(kTable, "table-header-rows")) {
        header_depth = depth + 1;
        ++depth;
        continue;
      }
      if (!xml_->IsStart(kTable, "table-row")) {
        if (xml_->IsStart(kTable, "table-columns") || xml_->IsStart(kTable, "table-rows") ||
            xml_->IsStart(kTable, "table-row-group") || xml_->IsStart(kTable, "table-header-columns") ||
            xml_->IsStart(kTable, "table-column-group")) {
          ++depth;
        } else {
          xml_->Skip();
        }
        continue;
      }
      const bool header = header_depth >= 0;
      const int r = static_cast<int>(table.rows.size());
      std::vector<std::optional<TableCell>> row;
      for (int row_depth = 0; xml_->NextStartWithin(row_depth);) {
        const bool covered = xml_->IsStart(kTable, "covered-table-cell");
        if (!covered && !xml_->IsStart(kTable, "table-cell")) {
          xml_->Skip();
          continue;
        }
        const int repeat = std::clamp(ToInt(xml_->Attribute(kTable, "number-columns-repeated"), 1), 1, 1024);
        if (covered) {
          row.resize(row.size() + repeat);
          xml_->Skip();
          continue;
        }
        TableCell cell;
        cell.col_span = std::max(ToInt(xml_->Attribute(kTable, "number-columns-spanned"), 1), 1);
        cell.row_span = std::max(ToInt(xml_->Attribute(kTable, "number-rows-spanned"), 1), 1);
        const std::string outer = cell_location_;  // of the cell a table inside is in
        cell_location_ = table_location + " row " + std::to_string(r + 1) + " cell " +
                         std::to_string(row.size() + 1);
        BlockBuilder content(false);
        ReadBlocks(content);
        cell.blocks = content.Finish();
        cell_location_ = outer;
        for (int copy = 0; copy < repeat; ++copy) {
          row.push_back(cell);
          // A spanned cell's covered slots follow as covered-table-cell elements.
        }
      }
      table.columns = std::max({table.columns, static_cast<int>(row.size()), declared_columns});
      table.rows.push_back(std::move(row));
      if (header && table.header_rows == r) table.header_rows = r + 1;
    }
    FinishTable(table, archive_.display(), warnings_);
    return table;
  }

  ZipArchive& archive_;
  Diagnostics& warnings_;
  XmlReader* xml_ = nullptr;
  std::map<std::string, Style> styles_;
  std::map<std::string, ListStyle> list_styles_;
  ListStyle outline_style_{};
  std::array<int, 10> outline_counters_{};
  std::map<std::string, Numbering> numberings_;
  std::map<std::string, std::string> numbering_by_xml_id_;
  std::map<std::string, std::string> last_numbering_by_style_;
  Document document_;
  int paragraphs_ = 0;
  int tables_ = 0;
  std::string location_;       // of the paragraph being read, for warnings
  std::string cell_location_;  // "table 2 row 3 cell 1" while a cell is read
};

}  // namespace

std::string OdfMediaType(ZipArchive& archive) {
  if (!archive.Has("mimetype")) return "";
  Result<std::string> type = archive.Read("mimetype");
  return type ? std::string(Trim(*type)) : "";
}

Result<Document> ReadOdf(ZipArchive& archive, Diagnostics& warnings) {
  // An encrypted document keeps its manifest readable and says there which parts are
  // encrypted; their bytes would read as damaged XML.
  if (archive.Has("META-INF/manifest.xml")) {
    Result<std::unique_ptr<XmlReader>> manifest = XmlReader::Open(archive, "META-INF/manifest.xml");
    if (!manifest) return manifest.error();
    while ((*manifest)->Next()) {
      if ((*manifest)->IsStart(kManifest, "encryption-data")) {
        return Diagnostic{Severity::kError, {archive.display()}, "the document is password-protected",
                          "open it with its password and save a copy without one"};
      }
    }
    if ((*manifest)->error()) return *(*manifest)->error();
  }
  if (!archive.Has("content.xml")) {
    return Diagnostic{Severity::kError, {archive.display()},
                      "the document is damaged: its part 'content.xml' is missing",
                      "open it in LibreOffice and save it again"};
  }
  return OdfReader(archive, warnings).Read();
}

}  // namespace kiosk::import
