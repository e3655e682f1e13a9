#include "check/rules.h"

#include <algorithm>

#include "base/text.h"

namespace kiosk::check {

namespace {

constexpr Level A = Level::kA;
constexpr Level AA = Level::kAA;
constexpr Level AAA = Level::kAAA;

// Edition 115.11, plus the checks of 110.07 it withdrew, which today's Freego (110.07) still
// makes: validity (HM1410100C) and longdesc (HM1110102C).
const std::vector<Rule>& Rules115() {
  static const std::vector<Rule> kRules = {
      {"HM1110100C", A, "1.1.1", "圖片 <img> 需有替代文字 (alt) 屬性",
       "Every img has an alt attribute"},
      {"HM1110101C", A, "1.1.1", "影像地圖區域 <area> 需有非空白的替代文字",
       "Every area has a non-empty alt"},
      {"HM1110102C", A, "1.1.1", "圖片的長描述 (longdesc) 需為有效的 URI（110.07；115.11 已刪除）",
       "An img longdesc is a valid URI (110.07; withdrawn from 115.11)", false, true},
      {"HM1110103C", A, "1.1.1", "表情符號與字符圖案需以合適組件的 title 屬性提供替代文字",
       "Emoji and ASCII art carry a non-empty title on a suitable element"},
      {"HM1110104C", A, "1.1.1", "圖片按鈕 <input type=\"image\"> 需有非空白的 alt",
       "Every input type=image has a non-empty alt"},
      {"HM1110105C", A, "1.1.1", "物件 <object>、<embed>、<applet> 需有替代內容",
       "object, embed and applet have a text alternative"},
      {"HM1110106C", A, "1.1.1", "alt 為空字串的圖片不得有 title 屬性",
       "An img with an empty alt has no title"},
      {"HM1130100C", A, "1.3.1", "標題 <h1>–<h6> 需依正確的巢狀層次配置",
       "Headings are nested correctly, without skipped levels"},
      {"HM1130101C", A, "1.3.1", "以 scope 屬性建立表格標題儲存格與資料儲存格的關聯",
       "Data-table headers are tied to their cells with scope"},
      {"HM1130102C", A, "1.3.1", "以 id 與 headers 屬性建立表格標題與資料儲存格的關聯",
       "Complex tables tie cells to headers with id and headers"},
      {"HM1130103C", A, "1.3.1", "長的選單 <select> 以 <optgroup> 將選項分群",
       "Long selects group their options with optgroup"},
      {"HM1130104C", A, "1.3.1", "可見的表單控制項需有標籤 <label> 或 title",
       "Every visible form control has a non-empty label or title"},
      {"HM1130105C", A, "1.3.1", "相關的表單控制項以 <fieldset> 分群並有 <legend>",
       "Related controls are grouped in a fieldset with a legend"},
      {"HM1130200C", A, "1.3.2", "混用不同文字方向的內容需以 dir 或 RLM/LRM 標記",
       "Text of another direction is marked with dir or RLM/LRM"},
      {"HM1240102C", A, "2.4.1", "以導覽 <nav> 將相關鏈結分群",
       "Groups of related links sit in nav"},
      {"HM1240200C", A, "2.4.2", "網頁需有非空白的標題 <title>", "The page has a non-empty title"},
      {"HM1240400C", A, "2.4.4", "連往相同目標的相鄰圖片與文字應為同一鏈結，鏈結文字只出現一次",
       "An image and text linking to the same target are one link, the text said once"},
      {"HM1240401C", A, "2.4.4", "鏈結需有鏈結文字；前後有其他內容的鏈結亦需有 title",
       "Every link has link text; a link within other content also has a title"},
      {"HM1310100C", A, "3.1.1", "網頁根元素需有合乎規範的語言 (lang) 屬性",
       "The root element has a valid, non-empty lang"},
      {"ME1320200C", A, "3.2.2", "提供下載的文件需有開放格式（ODF、PDF、HTML）",
       "Downloadable documents are offered in an open format (ODF, PDF, HTML)"},
      {"HM1410100C", A, "4.1.1", "網頁需符合 W3C 標準規格（110.07；115.11 已刪除 4.1.1）",
       "The page passes W3C validation (110.07; 4.1.1 is gone from 115.11)", false, true},
      {"HM1410200C", A, "4.1.2", "依規格使用表單控制項與鏈結（名稱、角色、值）",
       "Controls and links have the name, role and value the specification asks for"},
      {"HM1410201C", A, "4.1.2", "<iframe> 與 <frame> 需有非空白的 title",
       "Every iframe and frame has a non-empty title"},
      {"CS2140401C", AA, "1.4.4", "CSS 字型大小使用相對單位（%、em、rem、關鍵字）",
       "CSS font-size uses relative units (%, em, rem, keywords)"},
      {"HM2310200C", AA, "3.1.2", "其他語言的段落需有合乎規範的 lang，且不得為空或與根元素相同",
       "Passages in another language carry a valid lang, not empty nor the page's own"},
      {"CS3140800C", AAA, "1.4.8", "只有一個樣式表時，不固定主要內容的文字與背景顏色",
       "With only one stylesheet, main-content text and background colours are not fixed"},
      {"CS3140801C", AAA, "1.4.8", "以相對單位設定欄寬，且不超過 80 個字母（40 個中文字）",
       "Text columns are sized in relative units and at most 80 Latin (40 CJK) characters"},
      {"CS3140802C", AAA, "1.4.8", "需有 CSS 規則以相對單位指定行距",
       "A CSS rule sets line-height, in relative units"},
      {"HM3240900C", AAA, "2.4.9", "每個鏈結都需有鏈結文字及標題 (title) 屬性",
       "Every link has both link text and a title"},
      {"HM3241000C", AAA, "2.4.10", "使用標題組織網頁內容", "The page uses headings"},
      {"KS1110100C", A, "1.1.1",
       "替代文字需有意義：不是檔名、不是「圖片」等佔位字，鏈結唯一的圖片不得為空",
       "Alt text is meaningful: no file names or placeholder words, not empty on a link's only "
       "content",
       true},
      {"KS1110101C", A, "1.1.1", "站內圖片的來源 (src) 需為存在的檔案",
       "Images of the site show files that exist", true},
      {"KS1130100C", A, "1.3.1", "清單 <ul>、<ol>、<dl> 只包含清單項目，項目都在清單中",
       "Lists hold only their items, and items stand in lists", true},
      {"KS1240100C", A, "2.4.1", "導盲磚：每頁有唯一的 accesskey U、C、Z（有搜尋時還有 S）",
       "Guide tiles: accesskeys U, C and Z (and S with a search) once on every page", true},
      {"KS1240400C", A, "2.4.4", "站內鏈結與錨點 (#id) 需指向存在的網頁與位置",
       "Internal links and #fragments lead to pages and places that exist", true},
      {"KS2140300C", AA, "1.4.3", "文字與背景的對比至少 4.5:1（大字 3:1）",
       "Text contrasts with its background at least 4.5:1 (3:1 for large text)", true},
  };
  return kRules;
}

// Edition 110.07 where it differs: its own fieldset and optgroup codes.
const std::vector<Rule>& Rules110() {
  static const std::vector<Rule> kRules = [] {
    std::vector<Rule> rules;
    for (const Rule& rule : Rules115()) {
      if (rule.code == "HM1130103C") {
        rules.push_back({"HM1130103C_1", A, "1.3.1", rule.title_zh, rule.title_en});
      } else if (rule.code == "HM1130105C") {
        rules.push_back({"HM1130103C", A, "1.3.1", "表單控制項群組 <fieldset> 需有 <legend>",
                         "A fieldset has a legend"});
      } else {
        rules.push_back(rule);
      }
    }
    std::sort(rules.begin(), rules.end(),
              [](const Rule& a, const Rule& b) { return a.code < b.code; });
    return rules;
  }();
  return kRules;
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kA:
      return "A";
    case Level::kAA:
      return "AA";
    case Level::kAAA:
      return "AAA";
  }
  return "A";
}

std::optional<Level> ParseLevel(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "A") return Level::kA;
  if (upper == "AA") return Level::kAA;
  if (upper == "AAA") return Level::kAAA;
  return std::nullopt;
}

std::string_view EditionName(Edition edition) {
  return edition == Edition::k110_07 ? "110.07" : "115.11";
}

std::optional<Edition> ParseEdition(std::string_view text) {
  if (text == "115.11" || text == "115") return Edition::k115_11;
  if (text == "110.07" || text == "110.7" || text == "110") return Edition::k110_07;
  return std::nullopt;
}

const std::vector<Rule>& RulesOf(Edition edition) {
  if (edition == Edition::k110_07) return Rules110();
  static const std::vector<Rule> kSorted = [] {
    std::vector<Rule> rules = Rules115();
    std::sort(rules.begin(), rules.end(),
              [](const Rule& a, const Rule& b) { return a.code < b.code; });
    return rules;
  }();
  return kSorted;
}

const Rule* FindRule(std::string_view code, Edition edition) {
  for (const Rule& rule : RulesOf(edition)) {
    if (rule.code == code) return &rule;
  }
  return nullptr;
}

std::string CriterionOfCode(std::string_view code) {
  // Two letters, the level digit, two digits of guideline, two of criterion, two of serial.
  if (code.size() < 9) return "";
  const auto number = [&](size_t at) { return std::stoi(std::string(code.substr(at, 2))); };
  try {
    const int guideline = number(3);
    return std::to_string(guideline / 10) + "." + std::to_string(guideline % 10) + "." +
           std::to_string(number(5));
  } catch (...) {
    return "";
  }
}

bool WithinLevel(Level level, Level chosen) {
  return static_cast<int>(level) <= static_cast<int>(chosen);
}

Outcome Classify(const Finding& finding, Level chosen) {
  return WithinLevel(finding.level, chosen) ? Outcome::kFailure : Outcome::kNotice;
}

bool FindingLimit::Admit(const Rule& rule, int line, int column) {
  auto count = std::find_if(counts_.begin(), counts_.end(),
                            [&](const auto& entry) { return entry.first == &rule; });
  if (count == counts_.end()) count = counts_.insert(counts_.end(), {&rule, 0});
  if (++count->second <= kMaxFindingsPerRule) return true;
  if (count->second == kMaxFindingsPerRule + 1) passed_.push_back({&rule, line, column, 0});
  for (Passed& passed : passed_) {
    if (passed.rule == &rule) ++passed.left_out;
  }
  return false;
}

std::vector<Finding> FindingLimit::Summaries() const {
  std::vector<Finding> summaries;
  for (const Passed& passed : passed_) {
    Finding finding;
    finding.code = std::string(passed.rule->code);
    finding.level = passed.rule->level;
    finding.criterion = std::string(passed.rule->criterion);
    const std::string count = FormatCount(passed.left_out);
    const std::string most = FormatCount(kMaxFindingsPerRule);
    finding.message_zh = "本頁另有 " + count + " 處同一檢測項目的問題未列出（每頁每項最多列出 " +
                         most + " 處）— 先修正以上各處，再重新檢測";
    finding.message_en = count + " more findings of this check on this page are not listed (" +
                         most + " are, per check and page) — fix those above, then check again";
    finding.line = passed.line;
    finding.column = passed.column;
    summaries.push_back(std::move(finding));
  }
  return summaries;
}

}  // namespace kiosk::check
