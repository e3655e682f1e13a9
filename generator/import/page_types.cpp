#include "import/page_types.h"

#include <algorithm>
#include <map>

#include "base/text.h"
#include "import/markdown_writer.h"

namespace kiosk::import {

namespace {

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A label as written in a table or before a colon: "辦 理 時 限：" → "辦理時限".
std::string NormalizeLabel(std::string text) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    const size_t from = at;
    const char32_t c = DecodeUtf8(text, at);
    if (c == ' ' || c == 0x3000 || c == U'：' || c == ':' || c == '*' || c == U'＊') continue;
    out.append(text, from, at - from);
  }
  return Lower(out);
}

bool ContainsAny(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return text.find(word) != std::string::npos; });
}

// The service page's summary fields, by the labels offices give them.
enum class Field { kNone, kTime, kFee, kEligibility, kCounter, kOnline, kLaw, kUnit, kPhone, kEmail };

Field FieldOf(const std::string& label) {
  static const std::map<std::string, Field> kLabels = {
      {"辦理時限", Field::kTime},       {"處理時限", Field::kTime},      {"處理期限", Field::kTime},
      {"辦理期限", Field::kTime},       {"作業時限", Field::kTime},      {"辦理時間", Field::kTime},
      {"處理時間", Field::kTime},       {"processingtime", Field::kTime},
      {"費用", Field::kFee},            {"規費", Field::kFee},           {"收費", Field::kFee},
      {"收費標準", Field::kFee},        {"手續費", Field::kFee},         {"fee", Field::kFee},
      {"申請資格", Field::kEligibility}, {"申請人", Field::kEligibility}, {"申請對象", Field::kEligibility},
      {"申辦資格", Field::kEligibility}, {"適用對象", Field::kEligibility},
      {"eligibility", Field::kEligibility},
      {"申辦地點", Field::kCounter},    {"受理地點", Field::kCounter},   {"申請地點", Field::kCounter},
      {"辦理地點", Field::kCounter},    {"受理窗口", Field::kCounter},   {"服務地點", Field::kCounter},
      {"申辦方式", Field::kCounter},    {"wheretoapply", Field::kCounter},
      {"線上申辦", Field::kOnline},     {"網路申辦", Field::kOnline},    {"線上申請", Field::kOnline},
      {"網路申請", Field::kOnline},     {"applyonline", Field::kOnline},
      {"法令依據", Field::kLaw},        {"相關法規", Field::kLaw},       {"法規依據", Field::kLaw},
      {"依據法規", Field::kLaw},        {"法源依據", Field::kLaw},       {"legalbasis", Field::kLaw},
      {"承辦單位", Field::kUnit},       {"洽詢單位", Field::kUnit},      {"聯絡單位", Field::kUnit},
      {"主辦單位", Field::kUnit},       {"contact", Field::kUnit},
      {"聯絡電話", Field::kPhone},      {"洽詢電話", Field::kPhone},     {"電話", Field::kPhone},
      {"phone", Field::kPhone},
      {"電子郵件", Field::kEmail},      {"電子信箱", Field::kEmail},     {"email", Field::kEmail},
      {"e-mail", Field::kEmail},
  };
  const auto found = kLabels.find(label);
  return found == kLabels.end() ? Field::kNone : found->second;
}

std::vector<std::string> Hrefs(const Blocks& blocks) {
  std::vector<std::string> hrefs;
  const auto add = [&](const Inlines& inlines) {
    for (const Span& span : inlines) {
      if (!span.href.empty() && (hrefs.empty() || hrefs.back() != span.href)) hrefs.push_back(span.href);
    }
  };
  for (const Block& block : blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block.content)) add(paragraph->inlines);
    if (const auto* list = std::get_if<List>(&block.content)) {
      for (const ListItem& item : list->items) {
        for (const std::string& href : Hrefs(item.blocks)) hrefs.push_back(href);
      }
    }
  }
  return hrefs;
}

// The lines of a cell: its paragraphs and list items, and lines broken inside paragraphs.
std::vector<std::string> Lines(const Blocks& blocks) {
  std::vector<std::string> lines;
  for (const Block& block : blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block.content)) {
      std::string line;
      for (const Span& span : paragraph->inlines) {
        if (span.kind == Span::Kind::kText) line += span.text;
        if (span.kind == Span::Kind::kLineBreak) {
          lines.push_back(line);
          line.clear();
        }
      }
      lines.push_back(line);
    } else if (const auto* list = std::get_if<List>(&block.content)) {
      for (const ListItem& item : list->items) lines.push_back(PlainText(item.blocks));
    }
  }
  std::erase_if(lines, [](const std::string& line) { return Trim(line).empty(); });
  for (std::string& line : lines) line = std::string(Trim(line));
  return lines;
}

struct ServiceFields {
  std::map<Field, std::string> text;
  std::vector<std::pair<std::string, std::string>> laws;  // name, url
  struct Document {
    std::string name, copies, original, note;
  };
  std::vector<Document> documents;
  struct Step {
    std::string who, what, time;
  };
  std::vector<Step> steps;
};

// "1 份", "一份" → "1"; "" when the text has no number.
std::string Copies(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (!digits.empty()) {
      break;
    }
  }
  if (!digits.empty()) return digits;
  static const std::pair<std::string_view, const char*> kNumerals[] = {
      {"一", "1"}, {"二", "2"}, {"兩", "2"}, {"三", "3"}, {"四", "4"}, {"五", "5"}};
  for (const auto& [numeral, value] : kNumerals) {
    if (text.find(numeral) != std::string::npos) return value;
  }
  return "";
}

// "申請人：填寫申請書（3 分鐘）" → who 申請人, what 填寫申請書, time 3 分鐘.
ServiceFields::Step StepOf(std::string text) {
  ServiceFields::Step step;
  for (std::string_view open : {"（", "("}) {
    const size_t at = text.rfind(open);
    if (at == std::string::npos) continue;
    const std::string inside = text.substr(at + open.size());
    if (ContainsAny(inside, {"分鐘", "小時", "天", "日", "minute", "hour", "day"}) &&
        (EndsWith(inside, "）") || EndsWith(inside, ")"))) {
      step.time = std::string(Trim(inside.substr(0, inside.size() - (EndsWith(inside, "）") ? 3 : 1))));
      text = std::string(Trim(text.substr(0, at)));
      break;
    }
  }
  for (std::string_view colon : {"：", ":"}) {
    const size_t at = text.find(colon);
    if (at != std::string::npos && at > 0 && at <= 24) {
      step.who = std::string(Trim(text.substr(0, at)));
      step.what = std::string(Trim(text.substr(at + colon.size())));
      return step;
    }
  }
  step.what = text;
  return step;
}

class SopMapping {
 public:
  SopMapping(Document& document, const std::string& display, Diagnostics& warnings)
      : document_(document), display_(display), warnings_(warnings) {}

  std::string Map() {
    Blocks kept;
    std::string section;  // the heading the blocks are under
    for (Block& block : document_.blocks) {
      if (const auto* heading = std::get_if<Heading>(&block.content)) {
        section = PlainText(heading->inlines);
      } else if (auto* paragraph = std::get_if<Paragraph>(&block.content)) {
        if (LabelledParagraph(*paragraph)) continue;
      } else if (auto* table = std::get_if<Table>(&block.content)) {
        if (DocumentsTable(*table) || StepsTable(*table)) continue;
        if (std::optional<Blocks> rest = SummaryTable(*table)) {
          for (Block& part : *rest) kept.push_back(std::move(part));
          continue;
        }
      } else if (auto* list = std::get_if<List>(&block.content)) {
        if (fields_.steps.empty() &&
            ContainsAny(section, {"流程", "步驟", "程序", "Steps", "steps", "Procedure", "procedure"})) {
          for (const ListItem& item : list->items) {
            fields_.steps.push_back(StepOf(item.label + PlainText(item.blocks)));
          }
          section_emptied_ = true;
          continue;
        }
      }
      kept.push_back(std::move(block));
    }
    // Headings whose sections were all moved into front matter go with them.
    Blocks body;
    for (size_t i = 0; i < kept.size(); ++i) {
      if (const auto* heading = std::get_if<Heading>(&kept[i].content)) {
        const Heading* next = i + 1 < kept.size() ? std::get_if<Heading>(&kept[i + 1].content) : nullptr;
        const bool empty = i + 1 == kept.size() || (next && next->level <= heading->level);
        if (empty && section_emptied_) continue;
      }
      body.push_back(std::move(kept[i]));
    }
    document_.blocks = std::move(body);
    for (size_t step = 0; step < fields_.steps.size(); ++step) {
      if (fields_.steps[step].who.empty()) {
        Warn(warnings_, display_, "step " + std::to_string(step + 1),
             "the step does not say who does it ('" + fields_.steps[step].what + "')",
             "write 'who:' in the step in front matter (申請人, 承辦人員 …)");
      }
    }
    if (fields_.steps.empty()) {
      Warn(warnings_, display_, "", "no steps were found; a service page needs them",
           "write the steps as a numbered list under a heading such as 作業流程, or add "
           "'steps:' to the front matter");
    }
    const std::string unit = fields_.text.count(Field::kUnit) ? fields_.text[Field::kUnit] : "";
    Warn(warnings_, display_, "",
         "the page needs 'department:', the id of its department in site.yaml" +
             (unit.empty() ? std::string() : " (the document names 「" + unit + "」)"),
         "add 'department: <id>' to the front matter");
    return FrontMatter();
  }

 private:
  void Set(Field field, const Blocks& value) {
    const std::vector<std::string> lines = Lines(value);
    if (field == Field::kLaw) {
      const std::vector<std::string> hrefs = Hrefs(value);
      for (size_t i = 0; i < lines.size(); ++i) {
        fields_.laws.emplace_back(lines[i], i < hrefs.size() ? hrefs[i] : "");
      }
      return;
    }
    std::string text;
    for (const std::string& line : lines) text += (text.empty() ? "" : "；") + line;
    if (field == Field::kOnline) {
      const std::vector<std::string> hrefs = Hrefs(value);
      if (!hrefs.empty()) text = hrefs.front();
      const size_t http = text.find("http");
      text = http == std::string::npos ? "" : text.substr(http, text.find_first_of(" ；", http) - http);
      if (text.empty()) return;
    }
    if (!text.empty() && !fields_.text.count(field)) fields_.text[field] = text;
  }

  // "辦理時限：隨到隨辦" as a paragraph of its own.
  bool LabelledParagraph(const Paragraph& paragraph) {
    const std::string text = PlainText(paragraph.inlines);
    for (std::string_view colon : {"：", ":"}) {
      const size_t at = text.find(colon);
      if (at == std::string::npos || at > 30) continue;
      const Field field = FieldOf(NormalizeLabel(text.substr(0, at)));
      if (field == Field::kNone) return false;
      Paragraph value;
      value.inlines.push_back(Span{.text = std::string(Trim(text.substr(at + colon.size())))});
      for (const Span& span : paragraph.inlines) {
        if (!span.href.empty()) value.inlines.push_back(Span{.text = " ", .href = span.href});
      }
      Set(field, Blocks{Block{std::move(value)}});
      section_emptied_ = true;
      return true;
    }
    return false;
  }

  // A table of label and value rows: nullopt when the table is not one; otherwise what
  // stays in the body, the rows that are no field, as paragraphs.
  std::optional<Blocks> SummaryTable(const Table& table) {
    std::vector<std::pair<int, Field>> rows;
    int matched = 0;
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      Field field = Field::kNone;
      if (!row.empty() && row[0] && row[0]->col_span < table.columns) {
        field = FieldOf(NormalizeLabel(PlainText(row[0]->blocks)));
      }
      if (field != Field::kNone) ++matched;
      rows.emplace_back(static_cast<int>(r), field);
    }
    if (matched == 0 || (matched < 2 && table.columns != 2)) return std::nullopt;
    Blocks rest;
    for (const auto& [r, field] : rows) {
      const auto& row = table.rows[r];
      Blocks value;
      for (int c = 1; c < table.columns; ++c) {
        if (row[c]) value.insert(value.end(), row[c]->blocks.begin(), row[c]->blocks.end());
      }
      if (field != Field::kNone) {
        Set(field, value);
        continue;
      }
      if (r < table.header_rows) continue;  // the columns' titles (項目, 內容)
      const std::string label = row[0] ? PlainText(row[0]->blocks) : "";
      Warn(warnings_, display_,
           "table " + std::to_string(table.number) + " row " + std::to_string(r + 1),
           "'" + label + "' is not a field of a service page; it stays in the page's body",
           "move it into the page's text where it reads best, or leave it");
      Paragraph paragraph;
      paragraph.inlines.push_back(Span{.text = label, .bold = true});
      paragraph.inlines.push_back(Span{.text = "："});
      rest.push_back(Block{std::move(paragraph)});
      for (Block& part : value) {
        if (auto* text = std::get_if<Paragraph>(&part.content); text && &part == &value.front()) {
          auto& first = std::get<Paragraph>(rest.back().content).inlines;
          first.insert(first.end(), text->inlines.begin(), text->inlines.end());
          continue;
        }
        rest.push_back(std::move(part));
      }
    }
    section_emptied_ = true;
    return rest;
  }

  int Column(const Table& table, std::initializer_list<std::string_view> words) const {
    for (int c = 0; c < table.columns; ++c) {
      const auto& cell = table.rows[0][c];
      if (cell && ContainsAny(NormalizeLabel(PlainText(cell->blocks)), words)) return c;
    }
    return -1;
  }

  std::string Text(const Table& table, size_t r, int c) const {
    if (c < 0 || !table.rows[r][c]) return "";
    const std::vector<std::string> lines = Lines(table.rows[r][c]->blocks);
    std::string text;
    for (const std::string& line : lines) text += (text.empty() ? "" : "；") + line;
    return text;
  }

  // The documents table: 文件 · 份數 · 正本／影本 · 備註.
  bool DocumentsTable(const Table& table) {
    if (table.rows.size() < 2 || table.header_rows != 1 || !fields_.documents.empty()) return false;
    const int name = Column(table, {"文件", "表件", "證件", "document"});
    if (name < 0) return false;
    const int copies = Column(table, {"份數", "copies"});
    const int original = Column(table, {"正本", "影本", "original"});
    const int note = Column(table, {"備註", "說明", "note"});
    for (size_t r = 1; r < table.rows.size(); ++r) {
      ServiceFields::Document document;
      document.name = Text(table, r, name);
      if (document.name.empty()) continue;
      document.copies = Copies(Text(table, r, copies));
      const std::string kind = Text(table, r, original);
      const bool is_original = ContainsAny(kind, {"正本", "original", "Original"});
      const bool is_copy = ContainsAny(kind, {"影本", "copy", "Copy", "photocopy"});
      if (is_original != is_copy) document.original = is_original ? "true" : "false";
      document.note = Text(table, r, note);
      fields_.documents.push_back(std::move(document));
    }
    section_emptied_ = true;
    return true;
  }

  // A steps table: 步驟 / 作業內容 · 承辦人 · 時間.
  bool StepsTable(const Table& table) {
    if (table.rows.size() < 2 || table.header_rows != 1 || !fields_.steps.empty()) return false;
    const int who = Column(table, {"承辦", "辦理人", "負責", "權責", "執行", "who"});
    const int what = Column(table, {"內容", "作業", "事項", "說明", "流程", "what", "step"});
    if (who < 0 || what < 0 || who == what) return false;
    const int time = Column(table, {"時間", "時限", "time"});
    for (size_t r = 1; r < table.rows.size(); ++r) {
      ServiceFields::Step step{Text(table, r, who), Text(table, r, what), Text(table, r, time)};
      if (!step.what.empty()) fields_.steps.push_back(std::move(step));
    }
    section_emptied_ = true;
    return true;
  }

  std::string FrontMatter() {
    std::string yaml = "type: sop\n";
    const auto scalar = [&](const char* key, Field field) {
      if (fields_.text.count(field)) yaml += std::string(key) + ": " + YamlScalar(fields_.text[field]) + "\n";
    };
    scalar("processing_time", Field::kTime);
    scalar("fee", Field::kFee);
    scalar("eligibility", Field::kEligibility);
    if (fields_.text.count(Field::kCounter) || fields_.text.count(Field::kOnline)) {
      yaml += "apply_at:\n";
      if (fields_.text.count(Field::kCounter)) yaml += "  counter: " + YamlScalar(fields_.text[Field::kCounter]) + "\n";
      if (fields_.text.count(Field::kOnline)) yaml += "  online: " + YamlScalar(fields_.text[Field::kOnline]) + "\n";
    }
    if (!fields_.laws.empty()) {
      yaml += "legal_basis:\n";
      for (const auto& [name, url] : fields_.laws) {
        yaml += "  - name: " + YamlScalar(name) + "\n";
        if (!url.empty()) yaml += "    url: " + YamlScalar(url) + "\n";
      }
    }
    if (!fields_.documents.empty()) {
      yaml += "documents:\n";
      for (const auto& document : fields_.documents) {
        yaml += "  - name: " + YamlScalar(document.name) + "\n";
        if (!document.copies.empty()) yaml += "    copies: " + document.copies + "\n";
        if (!document.original.empty()) yaml += "    original: " + document.original + "\n";
        if (!document.note.empty()) yaml += "    note: " + YamlScalar(document.note) + "\n";
      }
    }
    if (fields_.text.count(Field::kUnit) || fields_.text.count(Field::kPhone) ||
        fields_.text.count(Field::kEmail)) {
      yaml += "contact:\n";
      if (fields_.text.count(Field::kUnit)) yaml += "  name: " + YamlScalar(fields_.text[Field::kUnit]) + "\n";
      if (fields_.text.count(Field::kPhone)) yaml += "  phone: " + YamlScalar(fields_.text[Field::kPhone]) + "\n";
      if (fields_.text.count(Field::kEmail)) yaml += "  email: " + YamlScalar(fields_.text[Field::kEmail]) + "\n";
    }
    if (!fields_.steps.empty()) {
      yaml += "steps:\n";
      for (const auto& step : fields_.steps) {
        yaml += "  - who: " + YamlScalar(step.who) + "\n";
        yaml += "    what: " + YamlScalar(step.what) + "\n";
        if (!step.time.empty()) yaml += "    time: " + YamlScalar(step.time) + "\n";
      }
    }
    return yaml;
  }

  Document& document_;
  const std::string& display_;
  Diagnostics& warnings_;
  ServiceFields fields_;
  bool section_emptied_ = false;  // something was moved into front matter
};

bool IsQuestion(const std::string& text) {
  return EndsWith(text, "？") || EndsWith(text, "?") || StartsWith(text, "Q") ||
         StartsWith(text, "問");
}

// "Q1：…", "問：…", "A：…", "答：…" → the text after the prefix; unchanged without one.
std::string WithoutPrefix(const std::string& text, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view prefix : prefixes) {
    if (!StartsWith(text, prefix)) continue;
    size_t at = prefix.size();
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    for (std::string_view separator : {"：", ":", "．", ".", "、", " "}) {
      if (text.compare(at, separator.size(), separator) == 0) {
        return std::string(Trim(text.substr(at + separator.size())));
      }
    }
  }
  return text;
}

void DropPrefix(Inlines& inlines, std::initializer_list<std::string_view> prefixes) {
  if (inlines.empty() || inlines.front().kind != Span::Kind::kText) return;
  inlines.front().text = WithoutPrefix(inlines.front().text, prefixes);
}

// Questions become `##` headings: headings and bold paragraphs that ask something, and
// paragraphs marked Q or 問; "A：" and "答：" go from the answers.
void MapFaq(Document& document, const std::string& display, Diagnostics& warnings) {
  bool any_question = false;
  for (const Block& block : document.blocks) {
    if (const auto* heading = std::get_if<Heading>(&block.content)) {
      any_question = any_question || IsQuestion(PlainText(heading->inlines));
    }
  }
  for (Block& block : document.blocks) {
    if (auto* heading = std::get_if<Heading>(&block.content)) {
      const std::string text = PlainText(heading->inlines);
      if (!any_question || IsQuestion(text)) {
        heading->level = 2;
        DropPrefix(heading->inlines, {"Q", "問題", "問"});
        continue;
      }
      Warn(warnings, display, heading->location,
           "the heading '" + text + "' is not a question; on a FAQ page it is kept as a bold paragraph",
           "make it a question, or move its answers to a page of their own");
      Paragraph paragraph{std::move(heading->inlines), heading->location};
      for (Span& span : paragraph.inlines) span.bold = true;
      block.content = std::move(paragraph);
    } else if (auto* paragraph = std::get_if<Paragraph>(&block.content)) {
      const std::string text = PlainText(paragraph->inlines);
      const bool bold = std::all_of(paragraph->inlines.begin(), paragraph->inlines.end(),
                                    [](const Span& span) { return span.kind != Span::Kind::kText || span.bold; });
      if ((bold && (EndsWith(text, "？") || EndsWith(text, "?"))) ||
          WithoutPrefix(text, {"Q", "問題", "問"}) != text) {
        Heading heading{2, std::move(paragraph->inlines), paragraph->location};
        for (Span& span : heading.inlines) span.bold = false;
        DropPrefix(heading.inlines, {"Q", "問題", "問"});
        block.content = std::move(heading);
      } else {
        DropPrefix(paragraph->inlines, {"A", "答"});
      }
    }
  }
}

}  // namespace

std::optional<PageType> ParsePageType(std::string_view name) {
  if (name == "page") return PageType::kPage;
  if (name == "plan") return PageType::kPlan;
  if (name == "sop") return PageType::kSop;
  if (name == "faq") return PageType::kFaq;
  return std::nullopt;
}

std::string MapPageType(PageType type, Document& document, const std::string& display,
                        Diagnostics& warnings) {
  switch (type) {
    case PageType::kPage:
      return "";
    case PageType::kPlan:
      // Plan tables need nothing more: merged leading columns are row groups when built.
      return "type: plan\n";
    case PageType::kFaq:
      MapFaq(document, display, warnings);
      return "type: faq\n";
    case PageType::kSop:
      return SopMapping(document, display, warnings).Map();
  }
  return "";
}

}  // namespace kiosk::import
