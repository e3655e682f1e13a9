#include "import/ooxml_reader.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "base/text.h"
#include "fs/file_system.h"
#include "import/block_builder.h"
#include "import/numbering.h"
#include "import/style_inheritance.h"
#include "import/xml_reader.h"

namespace kiosk::import {

namespace {

constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kR =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kWp =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
constexpr std::string_view kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
constexpr std::string_view kV = "urn:schemas-microsoft-com:vml";
constexpr std::string_view kMc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr std::string_view kPackageRels =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view kMath = "http://schemas.openxmlformats.org/officeDocument/2006/math";

// w:b, w:i, w:vanish …: on unless w:val says "false", "0" or "off".
bool Toggle(const XmlReader& xml) {
  const std::optional<std::string> value = xml.Attribute(kW, "val");
  return !value || !(*value == "false" || *value == "0" || *value == "off");
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// "word/document.xml" + "../media/a.png" → "media/a.png"; stays inside the archive's names.
std::string ResolvePart(const std::string& from, const std::string& target) {
  std::vector<std::string> parts;
  std::string base = target.starts_with('/') ? "" : ParentPath(from);
  std::string path = target.starts_with('/') ? target.substr(1) : JoinPath(base, target);
  std::string segment;
  for (size_t at = 0; at <= path.size(); ++at) {
    if (at == path.size() || path[at] == '/') {
      if (segment == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!segment.empty() && segment != ".") {
        parts.push_back(segment);
      }
      segment.clear();
    } else {
      segment += path[at];
    }
  }
  std::string resolved;
  for (const std::string& part : parts) resolved += (resolved.empty() ? "" : "/") + part;
  return resolved;
}

struct Relationship {
  std::string type;  // the last part of the type's URI: "image", "hyperlink", "styles" …
  std::string target;
  bool external = false;
};
using Relationships = std::map<std::string, Relationship>;

Result<Relationships> ReadRelationships(ZipArchive& archive, const std::string& part) {
  const std::string rels = JoinPath(ParentPath(part), "_rels/" + FileName(part) + ".rels");
  Relationships relationships;
  if (!archive.Has(rels)) return relationships;
  Result<std::unique_ptr<XmlReader>> xml = XmlReader::Open(archive, rels);
  if (!xml) return xml.error();
  while ((*xml)->Next()) {
    if (!(*xml)->IsStart(kPackageRels, "Relationship")) continue;
    const std::string type = (*xml)->Attribute("", "Type").value_or("");
    Relationship relationship;
    relationship.type = type.substr(type.find_last_of('/') + 1);
    relationship.external = (*xml)->Attribute("", "TargetMode").value_or("") == "External";
    relationship.target = (*xml)->Attribute("", "Target").value_or("");
    if (!relationship.external) relationship.target = ResolvePart(part, relationship.target);
    relationships[(*xml)->Attribute("", "Id").value_or("")] = relationship;
  }
  if ((*xml)->error()) return *(*xml)->error();
  return relationships;
}

const Relationship* FindType(const Relationships& relationships, std::string_view type) {
  for (const auto& [id, relationship] : relationships) {
    if (relationship.type == type) return &relationship;
  }
  return nullptr;
}

struct Style {
  std::string name;
  std::string based_on;
  std::optional<int> outline_level;  // 0 for the top
  std::optional<int> num_id;
  std::optional<int> num_level;
  std::optional<int> indent;
  std::optional<bool> bold, italic, hidden;
};

struct NumberingLevel {
  int start = 1;
  NumberFormat format = NumberFormat::kDecimal;
  std::string text = "%1.";
  int indent = 0;
};

struct AbstractNumbering {
  std::array<NumberingLevel, 9> levels;
};

struct NumberingInstance {
  std::string abstract;
  std::map<int, int> start_overrides;  // level → start
};

// A complex field (w:fldChar begin … separate … end) being read.
struct Field {
  std::string instruction;
  bool in_result = false;
  bool drop = false;   // a value that was true only when the document was last saved
  std::string href;    // HYPERLINK "…"
};

class OoxmlReader {
 public:
  OoxmlReader(ZipArchive& archive, Diagnostics& warnings)
      : archive_(archive), warnings_(warnings) {}

  Result<Document> Read() {
    Result<Relationships> package = ReadRelationships(archive_, "");
    if (!package) return package.error();
    const Relationship* main = FindType(*package, "officeDocument");
    if (!main || !archive_.Has(main->target)) return Damaged("its main part");
    main_ = main->target;
    if (const Relationship* core = FindType(*package, "core-properties")) {
      if (archive_.Has(core->target)) {
        Result<std::string> title = ReadDublinCoreTitle(archive_, core->target);
        if (!title) return title.error();
        document_.title = *title;
      }
    }
    Result<Relationships> relationships = ReadRelationships(archive_, main_);
    if (!relationships) return relationships.error();
    relationships_ = std::move(*relationships);
    for (const char* type : {"styles", "numbering", "footnotes", "endnotes"}) {
      const Relationship* part = FindType(relationships_, type);
      if (!part || !archive_.Has(part->target)) continue;
      Status status = std::string_view(type) == "styles"      ? ReadStyles(part->target)
                      : std::string_view(type) == "numbering" ? ReadNumbering(part->target)
                                                              : ReadNotes(part->target);
      if (!status) return status.error();
    }
    Result<std::unique_ptr<XmlReader>> xml = XmlReader::Open(archive_, main_);
    if (!xml) return xml.error();
    xml_ = xml->get();
    BlockBuilder body(true);
    while (xml_->Next()) {
      if (xml_->IsStart(kW, "body")) {
        ReadBlocks(body);
        break;
      }
    }
    if (xml_->error()) return *xml_->error();
    document_.blocks = body.Finish(!document_.title.empty());
    if (document_.title.empty()) document_.title = body.title();
    return std::move(document_);
  }

 private:
  Diagnostic Damaged(const std::string& what) const {
    return Diagnostic{Severity::kError, {archive_.display()},
                      "the document is damaged: " + what + " is missing",
                      "open it in Word or LibreOffice and save it again"};
  }

  void Warning(const std::string& location, std::string message, std::string hint) {
    Warn(warnings_, archive_.display(), location, std::move(message), std::move(hint));
  }

  // Reads rPr-like toggles of the current element's children into the optionals.
  static void ReadRunToggles(XmlReader& xml, std::optional<bool>& bold, std::optional<bool>& italic,
                             std::optional<bool>& hidden) {
    if (xml.IsStart(kW, "b")) bold = Toggle(xml);
    if (xml.IsStart(kW, "i")) italic = Toggle(xml);
    if (xml.IsStart(kW, "vanish") || xml.IsStart(kW, "webHidden")) {
      hidden = hidden.value_or(false) || Toggle(xml);
    }
  }

  Status ReadStyles(const std::string& part) {
    Result<std::unique_ptr<XmlReader>> opened = XmlReader::Open(archive_, part);
    if (!opened) return opened.error();
    XmlReader& xml = **opened;
    Style* style = nullptr;
    while (xml.Next()) {
      if (xml.IsStart(kW, "style")) {
        style = &styles_[xml.Attribute(kW, "styleId").value_or("")];
      } else if (xml.IsEnd(kW, "style")) {
        style = nullptr;
      } else if (style && xml.node() == XmlReader::Node::kStart && xml.ns() == kW) {
        const std::string_view name = xml.name();
        if (name == "name") style->name = Lower(xml.Attribute(kW, "val").value_or(""));
        if (name == "basedOn") style->based_on = xml.Attribute(kW, "val").value_or("");
        if (name == "outlineLvl") style->outline_level = ToInt(xml.Attribute(kW, "val"));
        if (name == "numId") style->num_id = ToInt(xml.Attribute(kW, "val"));
        if (name == "ilvl") style->num_level = ToInt(xml.Attribute(kW, "val"));
        if (name == "ind") style->indent = Indent(xml);
        ReadRunToggles(xml, style->bold, style->italic, style->hidden);
      }
    }
    if (xml.error()) return *xml.error();
    return Status::Ok();
  }

  static std::optional<int> Indent(const XmlReader& xml) {
    std::optional<std::string> left = xml.Attribute(kW, "left");
    if (!left) left = xml.Attribute(kW, "start");
    if (!left) return std::nullopt;
    return ToInt(left);
  }

  Status ReadNumbering(const std::string& part) {
    Result<std::unique_ptr<XmlReader>> opened = XmlReader::Open(archive_, part);
    if (!opened) return opened.error();
    XmlReader& xml = **opened;
    AbstractNumbering* abstract = nullptr;
    NumberingLevel* level = nullptr;
    NumberingInstance* instance = nullptr;
    int override_level = 0;
    while (xml.Next()) {
      if (xml.node() != XmlReader::Node::kStart || xml.ns() != kW) continue;
      const std::string_view name = xml.name();
      if (name == "abstractNum") {
        abstract = &abstract_numberings_[xml.Attribute(kW, "abstractNumId").value_or("")];
        instance = nullptr;
      } else if (name == "num") {
        instance = &numberings_[ToInt(xml.Attribute(kW, "numId"))];
        abstract = nullptr;
      } else if (name == "lvl" && abstract) {
        const int at = ToInt(xml.Attribute(kW, "ilvl"));
        level = at >= 0 && at < 9 ? &abstract->levels[at] : nullptr;
      } else if (name == "abstractNumId" && instance) {
        instance->abstract = xml.Attribute(kW, "val").value_or("");
      } else if (name == "lvlOverride" && instance) {
        override_level = ToInt(xml.Attribute(kW, "ilvl"));
      } else if (name == "startOverride" && instance) {
        instance->start_overrides[override_level] = ToInt(xml.Attribute(kW, "val"), 1);
      } else if (level && abstract) {
        if (name == "start") level->start = ToInt(xml.Attribute(kW, "val"), 1);
        if (name == "numFmt") level->format = OoxmlNumberFormat(xml.Attribute(kW, "val").value_or(""));
        if (name == "lvlText") level->text = xml.Attribute(kW, "val").value_or("");
        if (name == "ind") level->indent = Indent(xml).value_or(level->indent);
      }
    }
    if (xml.error()) return *xml.error();
    return Status::Ok();
  }

  // Footnotes and endnotes, read whole before the body (they are short); numbered in the
  // order the body refers to them.
  Status ReadNotes(const std::string& part) {
    Result<std::unique_ptr<XmlReader>> opened = XmlReader::Open(archive_, part);
    if (!opened) return opened.error();
    XmlReader* body_xml = xml_;
    xml_ = opened->get();
    while (xml_->Next()) {
      if (!(xml_->IsStart(kW, "footnote") || xml_->IsStart(kW, "endnote"))) continue;
      const std::string type = xml_->Attribute(kW, "type").value_or("normal");
      const std::string id = part + "#" + xml_->Attribute(kW, "id").value_or("");
      if (type != "normal") {
        xml_->Skip();
        continue;
      }
      BlockBuilder note(false);
      ReadBlocks(note);
      notes_[id] = note.Finish();
    }
    xml_ = body_xml;
    paragraphs_ = 0;  // the body's paragraphs and tables are counted from 1
    tables_ = 0;
    if ((*opened)->error()) return *(*opened)->error();
    return Status::Ok();
  }

  const Style* FindStyle(const std::string& id) const {
    const auto found = styles_.find(id);
    return found == styles_.end() ? nullptr : &found->second;
  }

  // A property of a style or the first style it is based on that has it.
  template <typename T>
  std::optional<T> Inherited(const std::string& id, std::optional<T> Style::*member) const {
    return InheritedProperty(styles_, id, member, &Style::based_on);
  }

  std::string StyleName(const std::string& id) const {
    const Style* style = FindStyle(id);
    return style ? style->name : Lower(id);
  }

  // The body, a cell, a note: paragraphs and tables up to the end of the element started
  // last (the container).
  void ReadBlocks(BlockBuilder& builder) {
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kW, "p")) {
        ReadParagraph(builder);
      } else if (xml_->IsStart(kW, "tbl")) {
        builder.Add(ReadTable());
      } else if (xml_->IsStart(kW, "sdt")) {
        if (!SkipTableOfContents()) depth += 2;  // in its w:sdtContent now
      } else if (xml_->IsStart(kW, "del") || xml_->IsStart(kW, "moveFrom") ||
                 xml_->IsStart(kW, "sectPr") || xml_->IsStart(kW, "sdtPr") ||
                 xml_->IsStart(kW, "tblPr")) {
        xml_->Skip();
      } else {
        ++depth;  // sdt, sdtContent, ins, customXml …: their content counts
      }
    }
  }

  // At a w:sdt: reads its properties. A table of contents (kiosk makes its own) is skipped
  // whole (true); otherwise the reader stops at the start of its w:sdtContent (false).
  bool SkipTableOfContents() {
    bool toc = false;
    for (int depth = 0; xml_->Next();) {
      if (xml_->node() == XmlReader::Node::kStart) {
        if (xml_->IsStart(kW, "docPartGallery")) {
          toc = xml_->Attribute(kW, "val").value_or("").find("Table of Contents") !=
                std::string::npos;
        }
        if (depth == 0 && xml_->IsStart(kW, "sdtContent")) {
          if (!toc) return false;
          xml_->Skip();
          continue;
        }
        ++depth;
      } else if (xml_->node() == XmlReader::Node::kEnd) {
        if (depth-- == 0) return true;  // the sdt's end
      }
    }
    return true;
  }

  void ReadParagraph(BlockBuilder& builder) {
    ParagraphFacts paragraph;
    ++paragraphs_;
    paragraph.location =
        cell_location_.empty() ? "paragraph " + std::to_string(paragraphs_) : cell_location_;
    location_ = paragraph.location;
    std::string style;
    std::optional<int> num_id;
    std::optional<int> num_level;
    std::optional<int> indent;
    struct RunState {
      std::optional<bool> bold, italic, hidden;
      std::string style;
    } run;
    std::vector<std::string> links;  // the hyperlinks the runs are inside
    std::vector<bool> link_pushed;
    bool in_run = false;
    bool in_paragraph_properties = false;
    for (int depth = 0; xml_->Next();) {
      const bool start = xml_->node() == XmlReader::Node::kStart;
      if (xml_->node() == XmlReader::Node::kEnd) {
        if (depth-- == 0) break;
        if (xml_->IsEnd(kW, "r")) in_run = false;
        if (xml_->IsEnd(kW, "pPr")) in_paragraph_properties = false;
        if ((xml_->IsEnd(kW, "hyperlink") || xml_->IsEnd(kW, "fldSimple")) && !link_pushed.empty()) {
          if (link_pushed.back()) links.pop_back();
          link_pushed.pop_back();
        }
        continue;
      }
      if (xml_->node() == XmlReader::Node::kText) {
        continue;  // text outside w:t is layout
      }
      if (!start) continue;
      const std::string_view ns = xml_->ns();
      const std::string_view name = xml_->name();
      if (ns == kW && name == "pPr") {
        in_paragraph_properties = true;
      } else if (in_paragraph_properties && ns == kW) {
        if (name == "pStyle") style = xml_->Attribute(kW, "val").value_or("");
        if (name == "numId") num_id = ToInt(xml_->Attribute(kW, "val"));
        if (name == "ilvl") num_level = ToInt(xml_->Attribute(kW, "val"));
        if (name == "ind") indent = Indent(*xml_);
        if (name == "rPr" || name == "sectPr" || name == "pPrChange") {
          xml_->Skip();  // the paragraph mark's formatting, an earlier version's properties
          continue;
        }
      } else if (ns == kW && name == "r") {
        in_run = true;
        run = RunState{};
      } else if (ns == kW && name == "rPr" && in_run) {
        ReadRunProperties(run.bold, run.italic, run.hidden, run.style);
        continue;
      } else if (ns == kW && (name == "del" || name == "moveFrom" || name == "delText")) {
        xml_->Skip();
        continue;
      } else if (ns == kW && name == "hyperlink") {
        std::string href;
        if (const std::optional<std::string> id = xml_->Attribute(kR, "id")) {
          const auto found = relationships_.find(*id);
          if (found != relationships_.end() && found->second.external) href = found->second.target;
        }
        link_pushed.push_back(!href.empty());
        if (!href.empty()) links.push_back(href);
      } else if (ns == kW && name == "fldSimple") {
        Field field;
        field.instruction = xml_->Attribute(kW, "instr").value_or("");
        ClassifyField(field);
        if (field.drop) {
          xml_->Skip();
          continue;
        }
        link_pushed.push_back(!field.href.empty());  // its runs are the link's text
        if (!field.href.empty()) links.push_back(field.href);
      } else if (ns == kW && name == "fldChar") {
        const std::string type = xml_->Attribute(kW, "fldCharType").value_or("");
        if (type == "begin") fields_.push_back(Field{});
        if (type == "separate" && !fields_.empty()) {
          fields_.back().in_result = true;
          ClassifyField(fields_.back());
        }
        if (type == "end" && !fields_.empty()) fields_.pop_back();
      } else if (ns == kW && name == "instrText") {
        if (!fields_.empty()) fields_.back().instruction += ReadText();
        continue;
      } else if (ns == kW && (name == "t" || name == "tab" || name == "br" || name == "cr" ||
                              name == "noBreakHyphen" || name == "sym")) {
        if (!Hidden(style, run.style, run.hidden) && !InDroppedField()) {
          Span span;
          span.bold = Inherited(style, run.style, run.bold, &Style::bold);
          span.italic = Inherited(style, run.style, run.italic, &Style::italic);
          span.href = !fields_.empty() && !FieldHref().empty() ? FieldHref()
                      : links.empty()                          ? ""
                                                               : links.back();
          if (name == "t") {
            span.text = ReadText();
            paragraph.inlines.push_back(std::move(span));
            continue;
          }
          if (name == "tab") span.text = " ";
          if (name == "noBreakHyphen") span.text = "-";
          if (name == "br") {
            const std::string type = xml_->Attribute(kW, "type").value_or("textWrapping");
            if (type != "textWrapping") {
              xml_->Skip();
              continue;  // a page or column break: layout
            }
            span.kind = Span::Kind::kLineBreak;
          }
          if (name == "cr") span.kind = Span::Kind::kLineBreak;
          if (name == "sym") {
            xml_->Skip();
            continue;
          }
          paragraph.inlines.push_back(std::move(span));
        }
        xml_->Skip();
        continue;
      } else if (ns == kW && (name == "footnoteReference" || name == "endnoteReference")) {
        const std::string part_type = name == "footnoteReference" ? "footnotes" : "endnotes";
        const Relationship* part = FindType(relationships_, part_type);
        const std::string id = (part ? part->target : "") + "#" + xml_->Attribute(kW, "id").value_or("");
        if (!Hidden(style, run.style, run.hidden) && notes_.count(id)) {
          document_.footnotes.push_back(std::move(notes_[id]));
          notes_.erase(id);
          Span span;
          span.kind = Span::Kind::kFootnote;
          span.number = static_cast<int>(document_.footnotes.size());
          paragraph.inlines.push_back(std::move(span));
        }
        xml_->Skip();
        continue;
      } else if ((ns == kW && (name == "drawing" || name == "pict" || name == "object")) ||
                 (ns == kMc && name == "AlternateContent")) {
        if (Hidden(style, run.style, run.hidden) || InDroppedField()) {
          xml_->Skip();
        } else {
          ReadDrawing(paragraph);
        }
        continue;
      } else if (ns == kMath && (name == "oMath" || name == "oMathPara")) {
        Warning(location_, "an equation is left out (kiosk pages cannot show Word's equations)",
                "write it as text, or as an image with a description");
        xml_->Skip();
        continue;
      } else if (ns == kW && (name == "commentReference" || name == "footnoteRef" ||
                              name == "endnoteRef" || name == "annotationRef" ||
                              name == "lastRenderedPageBreak" || name == "rPrChange")) {
        xml_->Skip();
        continue;
      }
      ++depth;
    }
    // A paragraph numbered by its own w:numPr, or by its style's.
    if (!num_id) num_id = Inherited(style, &Style::num_id);
    if (!num_level) num_level = Inherited(style, &Style::num_level);
    const std::optional<int> outline = Inherited(style, &Style::outline_level);
    const std::string style_name = StyleName(style);
    if (style_name.starts_with("heading ")) {
      paragraph.outline_level = std::clamp(ToInt(style_name.substr(8), 1), 1, 9);
    } else if (outline && *outline < 9) {
      paragraph.outline_level = *outline + 1;
    }
    paragraph.title = style_name == "title";
    paragraph.caption = style_name == "caption" || style_name == "table";
    paragraph.indent = indent ? *indent : Inherited(style, &Style::indent).value_or(0);
    if (num_id && *num_id > 0) NumberParagraph(paragraph, *num_id, num_level.value_or(0));
    builder.Add(std::move(paragraph));
  }

  void ReadRunProperties(std::optional<bool>& bold, std::optional<bool>& italic,
                         std::optional<bool>& hidden, std::string& style) {
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kW, "rPrChange")) {
        xml_->Skip();
        continue;
      }
      if (xml_->IsStart(kW, "rStyle")) style = xml_->Attribute(kW, "val").value_or("");
      ReadRunToggles(*xml_, bold, italic, hidden);
      ++depth;
    }
  }

  // The text of a w:t or w:instrText, up to its end.
  std::string ReadText() {
    std::string text;
    while (xml_->Next() && xml_->node() != XmlReader::Node::kEnd) {
      if (xml_->node() == XmlReader::Node::kText) text += xml_->text();
    }
    return text;
  }

  bool Inherited(const std::string& paragraph_style, const std::string& run_style,
                 std::optional<bool> direct, std::optional<bool> Style::*member) const {
    if (direct) return *direct;
    if (!run_style.empty()) {
      if (const std::optional<bool> value = Inherited(run_style, member)) return *value;
    }
    return Inherited(paragraph_style, member).value_or(false);
  }

  bool Hidden(const std::string& paragraph_style, const std::string& run_style,
              std::optional<bool> direct) const {
    return Inherited(paragraph_style, run_style, direct, &Style::hidden);
  }

  // Fields whose shown value was true only when the document was last laid out or saved
  // (page numbers, dates, counts, the file's name) and tables of contents are dropped.
  static void ClassifyField(Field& field) {
    std::string instruction(Trim(field.instruction));
    const std::string keyword = instruction.substr(0, instruction.find(' '));
    static const std::set<std::string> kDropped = {
        "PAGE",     "NUMPAGES", "SECTIONPAGES", "SECTION",   "DATE",     "TIME",
        "SAVEDATE", "PRINTDATE", "CREATEDATE",  "EDITTIME",  "FILENAME", "FILESIZE",
        "NUMWORDS", "NUMCHARS", "TOC",          "INDEX",     "PAGEREF",  "USERNAME",
        "LASTSAVEDBY", "TEMPLATE", "REVNUM",    "DOCPROPERTY"};
    field.drop = kDropped.count(keyword) > 0;
    if (keyword == "HYPERLINK") {
      const size_t open = instruction.find('"');
      const size_t close = open == std::string::npos ? open : instruction.find('"', open + 1);
      if (close != std::string::npos && instruction.find("\\l") == std::string::npos) {
        field.href = instruction.substr(open + 1, close - open - 1);
      }
    }
  }

  bool InDroppedField() const {
    for (const Field& field : fields_) {
      if (!field.in_result || field.drop) return true;
    }
    return false;
  }

  std::string FieldHref() const {
    for (auto field = fields_.rbegin(); field != fields_.rend(); ++field) {
      if (!field->href.empty()) return field->href;
    }
    return "";
  }

  // Numbers a paragraph of numbering instance `num_id`, at `level`. Instances of one
  // abstract numbering share their counters (Word goes on counting across them) unless an
  // instance restarts a level.
  void NumberParagraph(ParagraphFacts& paragraph, int num_id, int level) {
    const auto instance = numberings_.find(num_id);
    if (instance == numberings_.end()) return;
    const auto abstract = abstract_numberings_.find(instance->second.abstract);
    if (abstract == abstract_numberings_.end()) return;
    level = std::clamp(level, 0, 8);
    const auto [entry, made] = counters_.try_emplace(instance->second.abstract);
    std::array<int, 9>& counters = entry->second;
    if (made) counters.fill(-1);  // -1: not counted yet
    if (!started_instances_.count(num_id)) {
      started_instances_.insert(num_id);
      for (const auto& [at, start] : instance->second.start_overrides) {
        if (at >= 0 && at < 9) counters[at] = start - 1;
      }
    }
    const std::array<NumberingLevel, 9>& levels = abstract->second.levels;
    counters[level] = counters[level] < 0 ? levels[level].start : counters[level] + 1;
    for (int deeper = level + 1; deeper < 9; ++deeper) counters[deeper] = -1;
    const NumberingLevel& format = levels[level];
    paragraph.list = "ooxml:" + instance->second.abstract;
    paragraph.list_level = level;
    paragraph.number = counters[level];
    paragraph.indent = paragraph.indent ? paragraph.indent : format.indent;
    if (format.format == NumberFormat::kBullet || format.format == NumberFormat::kNone) return;
    std::string label;
    for (size_t at = 0; at < format.text.size(); ++at) {
      if (format.text[at] == '%' && at + 1 < format.text.size() && format.text[at + 1] >= '1' &&
          format.text[at + 1] <= '9') {
        const int of = format.text[at + 1] - '1';
        const NumberFormat shown = of == level ? format.format : levels[of].format;
        label += FormatNumber(counters[of] < 0 ? levels[of].start : counters[of], shown);
        ++at;
      } else {
        label += format.text[at];
      }
    }
    paragraph.decimal = format.format == NumberFormat::kDecimal &&
                        format.text == "%" + std::to_string(level + 1) + ".";
    paragraph.label = label;
  }

  // A w:drawing, w:pict, w:object or mc:AlternateContent: the picture in it, if any.
  void ReadDrawing(ParagraphFacts& paragraph) {
    std::string description;
    std::string title;
    std::string embed;
    bool linked = false;
    bool text_box = false;
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kMc, "Fallback")) {
        xml_->Skip();  // the same drawing again, for older programs
        continue;
      }
      if (xml_->IsStart(kWp, "docPr")) {
        description = xml_->Attribute("", "descr").value_or("");
        title = xml_->Attribute("", "title").value_or("");
        xml_->Skip();
        continue;
      }
      if (xml_->IsStart(kA, "blip")) {
        if (auto id = xml_->Attribute(kR, "embed")) embed = *id;
        if (xml_->Attribute(kR, "link")) linked = true;
      }
      if (xml_->IsStart(kV, "imagedata")) {
        if (auto id = xml_->Attribute(kR, "id")) embed = *id;
        if (title.empty()) title = xml_->Attribute("urn:schemas-microsoft-com:office:office", "title").value_or("");
      }
      if (xml_->IsStart(kV, "shape") && description.empty()) {
        description = xml_->Attribute("", "alt").value_or("");
      }
      if (xml_->IsStart(kW, "txbxContent")) {
        text_box = true;
        xml_->Skip();
        continue;
      }
      ++depth;
    }
    const auto found = relationships_.find(embed);
    if (embed.empty() || found == relationships_.end() || found->second.external ||
        !archive_.Has(found->second.target)) {
      if (linked) {
        Warning(location_, "a picture linked to a file outside the document is left out",
                "insert the picture into the document itself (not as a link)");
      } else if (text_box) {
        Warning(location_, "the text of a text box is left out",
                "move the text out of the text box into the document's body");
      } else {
        Warning(location_, "a drawing (shape, chart or diagram) is left out",
                "replace it with a picture of it, with a description");
      }
      return;
    }
    paragraph.inlines.push_back(AddImage(document_, description, title, found->second.target));
  }

  Table ReadTable() {
    Table table;
    table.number = ++tables_;
    const std::string table_location = "table " + std::to_string(table.number);
    std::vector<int> open_anchor;  // per column: the row of the cell a vMerge continues
    bool header_run = true;
    int grid_columns = 0;
    for (int depth = 0; xml_->NextStartWithin(depth);) {
      if (xml_->IsStart(kW, "tblPr")) {
        xml_->Skip();
        continue;
      }
      if (xml_->IsStart(kW, "gridCol")) ++grid_columns;
      if (!xml_->IsStart(kW, "tr")) {
        ++depth;
        continue;
      }
      // A row.
      const int r = static_cast<int>(table.rows.size());
      std::vector<std::optional<TableCell>> row;
      bool header = false;
      bool deleted = false;
      int column = 0;
      for (int row_depth = 0; xml_->NextStartWithin(row_depth);) {
        if (xml_->IsStart(kW, "tblHeader")) header = Toggle(*xml_);
        if (xml_->IsStart(kW, "del")) deleted = true;
        if (xml_->IsStart(kW, "gridBefore")) {
          column += ToInt(xml_->Attribute(kW, "val"));
        }
        if (!xml_->IsStart(kW, "tc")) {
          ++row_depth;
          continue;
        }
        // A cell: its properties, then its content.
        int span = 1;
        std::optional<std::string> merge;
        BlockBuilder cell(false);
        const std::string outer = cell_location_;  // of the cell a table inside is in
        cell_location_ = table_location + " row " + std::to_string(r + 1) + " cell " +
                         std::to_string(column + 1);
        for (int cell_depth = 0; xml_->NextStartWithin(cell_depth);) {
          if (xml_->IsStart(kW, "tcPr")) {
            for (int props = 0; xml_->NextStartWithin(props);) {
              if (xml_->IsStart(kW, "gridSpan")) span = std::max(ToInt(xml_->Attribute(kW, "val"), 1), 1);
              if (xml_->IsStart(kW, "vMerge")) merge = xml_->Attribute(kW, "val").value_or("continue");
              ++props;
            }
            continue;
          }
          if (xml_->IsStart(kW, "p")) {
            ReadParagraph(cell);
          } else if (xml_->IsStart(kW, "tbl")) {
            cell.Add(ReadTable());
          } else {
            ++cell_depth;
          }
        }
        cell_location_ = outer;
        if (static_cast<int>(row.size()) < column + span) row.resize(column + span);
        if (static_cast<int>(open_anchor.size()) < column + span) open_anchor.resize(column + span, -1);
        const int anchor = open_anchor[column];
        if (merge && *merge == "continue" && anchor >= 0 && anchor < r &&
            table.rows[anchor][column]) {
          TableCell& above = *table.rows[anchor][column];
          above.row_span = r - anchor + 1;
          Blocks extra = cell.Finish();
          for (Block& block : extra) above.blocks.push_back(std::move(block));
        } else {
          TableCell placed;
          placed.col_span = span;
          placed.blocks = cell.Finish();
          row[column] = std::move(placed);
          for (int c = column; c < column + span; ++c) open_anchor[c] = -1;
          open_anchor[column] = r;
        }
        column += span;
      }
      if (deleted) {
        Warning(table_location + " row " + std::to_string(r + 1),
                "the row is a tracked deletion and is left out", "nothing to do");
        continue;
      }
      table.columns = std::max({table.columns, static_cast<int>(row.size()), grid_columns});
      table.rows.push_back(std::move(row));
      if (header && header_run) {
        table.header_rows = r + 1;
      } else {
        header_run = false;
      }
    }
    FinishTable(table, archive_.display(), warnings_);
    return table;
  }

  ZipArchive& archive_;
  Diagnostics& warnings_;
  std::string main_;
  Relationships relationships_;
  std::map<std::string, Style> styles_;
  std::map<std::string, AbstractNumbering> abstract_numberings_;
  std::map<int, NumberingInstance> numberings_;
  std::map<std::string, std::array<int, 9>> counters_;
  std::set<int> started_instances_;
  std::map<std::string, Blocks> notes_;  // "part#id" → content
  std::vector<Field> fields_;
  XmlReader* xml_ = nullptr;
  Document document_;
  int paragraphs_ = 0;
  int tables_ = 0;
  std::string location_;       // of the paragraph being read, for warnings
  std::string cell_location_;  // "table 2 row 3 cell 1" while a cell is read
};

}  // namespace

bool IsOoxmlDocument(const ZipArchive& archive) {
  return archive.Has("[Content_Types].xml") && archive.Has("_rels/.rels");
}

Result<Document> ReadOoxml(ZipArchive& archive, Diagnostics& warnings) {
  return OoxmlReader(archive, warnings).Read();
}

}  // namespace kiosk::import
