#include "check/report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "base/text.h"

namespace kiosk::check {

namespace {

struct Counts {
  std::map<Level, int> failures;  // by level
  int notices = 0;
  int failed_pages = 0;
};

Counts Count(const std::vector<PageFindings>& pages, Level level) {
  Counts counts;
  for (const PageFindings& page : pages) {
    bool failed = false;
    for (const Finding& finding : page.findings) {
      if (Classify(finding, level) == Outcome::kFailure) {
        ++counts.failures[finding.level];
        failed = true;
      } else {
        ++counts.notices;
      }
    }
    if (failed) ++counts.failed_pages;
  }
  return counts;
}

int Total(const Counts& counts) {
  int total = 0;
  for (const auto& [level, count] : counts.failures) total += count;
  return total;
}

std::string Location(const Finding& finding) {
  std::string where = finding.stylesheet.empty() ? "" : finding.stylesheet + ":";
  if (finding.line > 0) {
    where += std::to_string(finding.line);
    if (finding.column > 0) where += ":" + std::to_string(finding.column);
  }
  return where;
}

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

bool Listed(const Finding& finding, const ReportOptions& options) {
  return options.notices || Classify(finding, options.level) == Outcome::kFailure;
}

std::string Plural(int count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace

std::string TextReport(const std::vector<PageFindings>& pages, const ReportOptions& options) {
  std::string out;
  for (const PageFindings& page : pages) {
    if (std::none_of(page.findings.begin(), page.findings.end(),
                     [&](const Finding& finding) { return Listed(finding, options); })) {
      continue;
    }
    out += page.page + "\n";
    for (const Finding& finding : page.findings) {
      if (!Listed(finding, options)) continue;
      const bool failure = Classify(finding, options.level) == Outcome::kFailure;
      out += std::string("  ") + (failure ? "fail  " : "notice") + "  " + finding.code + " [" +
             std::string(LevelName(finding.level)) + ", " + finding.criterion + "]";
      const std::string where = Location(finding);
      if (!where.empty()) out += "  " + where;
      out += "\n          " + finding.message_zh + "\n          " + finding.message_en + "\n";
      if (!finding.snippet.empty()) out += "          " + finding.snippet + "\n";
      if (!finding.source_file.empty()) {
        out += "          (" + finding.source_file;
        if (finding.source_line > 0) out += ":" + std::to_string(finding.source_line);
        out += ")\n";
      }
    }
  }
  const Counts counts = Count(pages, options.level);
  std::string by_level;
  for (const auto& [level, count] : counts.failures) {
    by_level += (by_level.empty() ? "" : ", ") + std::string(LevelName(level)) + " " +
                std::to_string(count);
  }
  out += "網站無障礙規範 " + std::string(EditionName(options.edition)) + ", level " +
         std::string(LevelName(options.level)) + ": " +
         Plural(Total(counts), "failure", "failures") +
         (by_level.empty() ? "" : " (" + by_level + ")") + ", " +
         Plural(counts.notices, "notice", "notices") + " above the level" +
         (counts.notices > 0 && !options.notices ? " (--notices lists them)" : "") + "; " +
         std::to_string(counts.failed_pages) + " of " +
         Plural(static_cast<int>(pages.size()), "page", "pages") + " fail\n";
  return out;
}

std::string JsonReport(const std::vector<PageFindings>& pages, const ReportOptions& options) {
  std::string out = "{\n  \"edition\": " + JsonString(EditionName(options.edition)) +
                    ",\n  \"level\": " + JsonString(LevelName(options.level)) +
                    ",\n  \"date\": " + JsonString(options.date) +
                    ",\n  \"pages_checked\": " + std::to_string(pages.size()) +
                    ",\n  \"notices\": " + std::to_string(Count(pages, options.level).notices) +
                    ",\n  \"findings\": [";
  bool first = true;
  for (const PageFindings& page : pages) {
    for (const Finding& finding : page.findings) {
      if (!Listed(finding, options)) continue;
      out += first ? "\n    {" : ",\n    {";
      first = false;
      const bool failure = Classify(finding, options.level) == Outcome::kFailure;
      out += "\"code\": " + JsonString(finding.code);
      out += ", \"level\": " + JsonString(LevelName(finding.level));
      out += ", \"criterion\": " + JsonString(finding.criterion);
      out += ", \"outcome\": " + JsonString(failure ? "failure" : "notice");
      out += ", \"page\": " + JsonString(page.page);
      out += ", \"line\": " + std::to_string(finding.line);
      out += ", \"column\": " + std::to_string(finding.column);
      out += ", \"stylesheet\": " +
             (finding.stylesheet.empty() ? std::string("null") : JsonString(finding.stylesheet));
      out += ", \"source_file\": " +
             (finding.source_file.empty() ? std::string("null") : JsonString(finding.source_file));
      out += ", \"source_line\": " +
             (finding.source_line > 0 ? std::to_string(finding.source_line) : std::string("null"));
      out += ", \"message\": {\"zh\": " + JsonString(finding.message_zh) +
             ", \"en\": " + JsonString(finding.message_en) + "}";
      out += ", \"snippet\": " + JsonString(finding.snippet) + "}";
    }
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string HtmlReport(const std::vector<PageFindings>& pages, const ReportOptions& options) {
  const Counts counts = Count(pages, options.level);
  const std::string edition(EditionName(options.edition));
  const std::string level(LevelName(options.level));
  const std::string site = options.site_name.empty() ? "網站" : options.site_name;
  const std::vector<Level> levels = [&] {
    std::vector<Level> shown;
    for (Level each : {Level::kA, Level::kAA, Level::kAAA}) {
      if (static_cast<int>(each) <= static_cast<int>(options.level)) shown.push_back(each);
    }
    return shown;
  }();
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + EscapeHtml(site) + " 無障礙檢測報告（" + level + " 等級）</title>\n";
  out += R"(<style>
body { font-family: "Noto Sans TC", "Noto Sans CJK TC", "Microsoft JhengHei", sans-serif; color: #1b1f24; background: #fff; line-height: 1.6; margin: 0 auto; max-width: 64rem; padding: 0 1rem; }
p { max-width: 40rem; }
table { border-collapse: collapse; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 0.25rem; }
th, td { border: 0.0625rem solid #8a939e; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; }
.fail { color: #8a1c1c; font-weight: bold; }
.pass { color: #1d5e20; font-weight: bold; }
code { font-size: 0.95em; }
</style>
</head>
<body>
)";
  out += "<header>\n<h1>" + EscapeHtml(site) + " 無障礙檢測報告</h1>\n";
  out += "<p lang=\"en\">Web accessibility check report</p>\n</header>\n<main>\n";

  out += "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">檢測摘要</h2>\n<table>\n";
  out += "<caption>檢測資訊</caption>\n<tbody>\n";
  const auto fact = [&](const std::string& name, const std::string& value) {
    out += "<tr><th scope=\"row\">" + name + "</th><td>" + value + "</td></tr>\n";
  };
  fact("依據規範", "網站無障礙規範 " + EscapeHtml(edition));
  fact("檢測等級", EscapeHtml(level));
  fact("檢測日期", "<time datetime=\"" + EscapeHtml(options.date) + "\">" +
                       EscapeHtml(options.date) + "</time>");
  fact("檢測工具", "kiosk check " KIOSK_VERSION "（機器檢測；人工檢測項目另行評估）");
  fact("檢測網頁數", std::to_string(pages.size()));
  fact("未通過網頁數", std::to_string(counts.failed_pages));
  fact("結果", Total(counts) == 0 ? "<span class=\"pass\">通過 " + level + " 等級機器檢測</span>"
                                  : "<span class=\"fail\">未通過（" +
                                        std::to_string(Total(counts)) + " 處）</span>");
  if (counts.notices > 0) {
    fact("提醒", std::to_string(counts.notices) + " 處高於 " + level +
                     " 等級的檢測項目未通過，不影響本次結果");
  }
  out += "</tbody>\n</table>\n";

  out +=
      "<table>\n<caption>各等級未通過數量</caption>\n<thead>\n<tr><th scope=\"col\">等級</th>"
      "<th scope=\"col\">未通過檢測碼</th><th scope=\"col\">未通過處數</th></tr>\n</thead>\n"
      "<tbody>\n";
  for (Level each : levels) {
    std::set<std::string> codes;
    int count = 0;
    for (const PageFindings& page : pages) {
      for (const Finding& finding : page.findings) {
        if (finding.level == each) {
          codes.insert(finding.code);
          ++count;
        }
      }
    }
    out += "<tr><th scope=\"row\">" + std::string(LevelName(each)) + "</th><td>" +
           std::to_string(codes.size()) + "</td><td>" + std::to_string(count) + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";

  // Freego's view: each page with its failed codes.
  if (counts.failed_pages > 0) {
    out +=
        "<table>\n<caption>未通過的網頁</caption>\n<thead>\n<tr><th scope=\"col\">網頁</th>"
        "<th scope=\"col\">未通過檢測碼</th></tr>\n</thead>\n<tbody>\n";
    int index = 0;
    for (const PageFindings& page : pages) {
      ++index;
      std::set<std::string> failed;
      for (const Finding& finding : page.findings) {
        if (Classify(finding, options.level) == Outcome::kFailure) {
          failed.insert(finding.code + "（" + std::string(LevelName(finding.level)) + "）");
        }
      }
      if (failed.empty()) continue;
      std::string codes;
      for (const std::string& code : failed) codes += (codes.empty() ? "" : "、") + code;
      out += "<tr><th scope=\"row\"><a href=\"#page-" + std::to_string(index) + "\"><code>" +
             EscapeHtml(page.page) + "</code></a></th><td>" + EscapeHtml(codes) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
  }
  out += "</section>\n";

  out += "<section aria-labelledby=\"pages\">\n<h2 id=\"pages\">各網頁檢測結果</h2>\n";
  int index = 0;
  for (const PageFindings& page : pages) {
    ++index;
    const std::string id = "page-" + std::to_string(index);
    out += "<section aria-labelledby=\"" + id + "\">\n<h3 id=\"" + id + "\"><code>" +
           EscapeHtml(page.page) + "</code></h3>\n";
    // One row per failed code: how often, and where.
    std::map<std::string, std::vector<const Finding*>> failed;
    std::set<std::string> noticed;
    int notices = 0;
    for (const Finding& finding : page.findings) {
      if (Classify(finding, options.level) == Outcome::kFailure) {
        failed[finding.code].push_back(&finding);
      } else {
        noticed.insert(finding.code);
        ++notices;
      }
    }
    if (failed.empty()) {
      out += "<p class=\"pass\">通過 " + level + " 等級的機器檢測項目。</p>\n";
    } else {
      out += "<table>\n<caption><code>" + EscapeHtml(page.page) +
             "</code> 未通過的檢測碼</caption>\n<thead>\n<tr><th scope=\"col\">檢測碼</th>"
             "<th scope=\"col\">等級</th><th scope=\"col\">成功準則</th><th scope=\"col\">處數</th>"
             "<th scope=\"col\">檢測項目</th><th scope=\"col\">位置（行:欄）</th></tr>\n</thead>\n"
             "<tbody>\n";
      for (const auto& [code, findings] : failed) {
        const Finding& first = *findings.front();
        const Rule* rule = FindRule(code, options.edition);
        std::string where;
        for (const Finding* finding : findings) {
          const std::string location = Location(*finding);
          if (location.empty()) continue;
          if (!where.empty()) where += "、";
          where += EscapeHtml(location);
        }
        out += "<tr><th scope=\"row\">" + EscapeHtml(code) + "</th><td>" +
               std::string(LevelName(first.level)) + "</td><td>" + EscapeHtml(first.criterion) +
               "</td><td>" + std::to_string(findings.size()) + "</td><td>" +
               EscapeHtml(rule ? std::string(rule->title_zh) : first.message_zh) + "</td><td>" +
               (where.empty() ? "整頁" : where) + "</td></tr>\n";
      }
      out += "</tbody>\n</table>\n";
    }
    if (notices > 0) {
      std::string codes;
      for (const std::string& code : noticed) codes += (codes.empty() ? "" : "、") + code;
      out += "<p>另有 " + std::to_string(notices) + " 處高於 " + level + " 等級的提醒：" +
             EscapeHtml(codes) + "。</p>\n";
    }
    out += "</section>\n";
  }
  out += "</section>\n</main>\n<footer>\n<p>本報告由 kiosk 依網站無障礙規範 " +
         EscapeHtml(edition) +
         " 的機器檢測項目產生；位置為「行:欄」，在樣式表中的位置前加上檔名。</p>\n</footer>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace kiosk::check
