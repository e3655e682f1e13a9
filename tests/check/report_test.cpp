#include "check/report.h"

#include <gtest/gtest.h>

#include "check/checker.h"

namespace kiosk::check {
namespace {

Finding Make(std::string code, Level level, std::string criterion, int line) {
  Finding finding;
  finding.code = std::move(code);
  finding.level = level;
  finding.criterion = std::move(criterion);
  finding.message_zh = "<img> 缺少替代文字 alt 屬性";
  finding.message_en = "the <img> has no \"alt\" attribute";
  finding.line = line;
  finding.column = 3;
  finding.snippet = "<img src=\"a.png\">";
  return finding;
}

std::vector<PageFindings> Sample() {
  PageFindings faq{
      "/faq/",
      {Make("HM1110100C", Level::kA, "1.1.1", 12), Make("HM1110100C", Level::kA, "1.1.1", 40),
       Make("HM3240900C", Level::kAAA, "2.4.9", 7)}};
  faq.findings[1].source_file = "content/faq/_index.zh-TW.md";
  faq.findings[1].source_line = 9;
  Finding css = Make("CS2140401C", Level::kAA, "1.4.4", 36);
  css.stylesheet = "/css/site.css";
  PageFindings home{"/", {css}};
  PageFindings clean{"/en/", {}};
  return {home, faq, clean};
}

ReportOptions Options() {
  ReportOptions options;
  options.level = Level::kAA;
  options.site_name = "範例市清溪區公所";
  options.date = "2026-06-01";
  return options;
}

TEST(CheckReport, TextGroupsByPageWithBothLanguagesAndASummary) {
  ReportOptions options = Options();
  options.notices = true;
  const std::string text = TextReport(Sample(), options);
  EXPECT_NE(text.find("/faq/\n  fail    HM1110100C [A, 1.1.1]  12:3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("          <img> 缺少替代文字 alt 屬性\n"), std::string::npos);
  EXPECT_NE(text.find("the <img> has no \"alt\" attribute"), std::string::npos);
  EXPECT_NE(text.find("(content/faq/_index.zh-TW.md:9)"), std::string::npos);
  EXPECT_NE(text.find("notice  HM3240900C [AAA, 2.4.9]"), std::string::npos);
  EXPECT_NE(text.find("/css/site.css:36:3"), std::string::npos);
  EXPECT_EQ(text.find("/en/"), std::string::npos);  // nothing to say about a clean page
  EXPECT_NE(text.find("level AA: 3 failures (A 2, AA 1), 1 notice above the level; 2 of 3 pages "
                      "fail"),
            std::string::npos)
      << text;
}

// Plain `kiosk check` lists what fails; the notices above the level only with --notices.
TEST(CheckReport, NoticesAreCountedAndListedOnlyWhenAskedFor) {
  const std::string text = TextReport(Sample(), Options());
  EXPECT_EQ(text.find("notice  "), std::string::npos) << text;
  EXPECT_NE(text.find("fail    HM1110100C"), std::string::npos);
  EXPECT_NE(text.find("1 notice above the level (--notices lists them); 2 of 3 pages fail"),
            std::string::npos)
      << text;
  const std::string quiet =
      TextReport({{"/en/", {Make("HM3240900C", Level::kAAA, "2.4.9", 7)}}}, Options());
  EXPECT_EQ(quiet.find("/en/"), std::string::npos) << "a page with notices only is not listed";
  const std::string json = JsonReport(Sample(), Options());
  EXPECT_EQ(json.find("\"outcome\": \"notice\""), std::string::npos);
  EXPECT_NE(json.find("\"notices\": 1"), std::string::npos);
}

TEST(CheckReport, JsonHasOneObjectPerFinding) {
  ReportOptions options = Options();
  options.notices = true;
  const std::string json = JsonReport(Sample(), options);
  EXPECT_NE(json.find("\"edition\": \"115.11\""), std::string::npos);
  EXPECT_NE(json.find("\"pages_checked\": 3"), std::string::npos);
  EXPECT_NE(
      json.find("{\"code\": \"HM1110100C\", \"level\": \"A\", \"criterion\": \"1.1.1\", "
                "\"outcome\": \"failure\", \"page\": \"/faq/\", \"line\": 12, \"column\": 3, "
                "\"stylesheet\": null, \"source_file\": null, \"source_line\": null, "
                "\"message\": {\"zh\": \"<img> 缺少替代文字 alt 屬性\", \"en\": \"the <img> has "
                "no \\\"alt\\\" attribute\"}, \"snippet\": \"<img src=\\\"a.png\\\">\"}"),
      std::string::npos)
      << json;
  EXPECT_NE(json.find("\"source_file\": \"content/faq/_index.zh-TW.md\", \"source_line\": 9"),
            std::string::npos);
  EXPECT_NE(json.find("\"outcome\": \"notice\""), std::string::npos);
  EXPECT_NE(json.find("\"stylesheet\": \"/css/site.css\""), std::string::npos);
  EXPECT_EQ(JsonReport({}, Options()).find("\"findings\": []"),
            JsonReport({}, Options()).find("\"findings\""));
}

TEST(CheckReport, HtmlIsValidAndAccessible) {
  const std::string html = HtmlReport(Sample(), Options());
  Result<HtmlDocument> page = HtmlDocument::Parse(html, "report.html");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->problems().empty()) << page->problems().front().message_en;
  // The report passes kiosk's own checks at AA, but for 導盲磚: it is not a site page.
  for (const Finding& finding : CheckPage(*page, CollectStylesheets(*page, nullptr))) {
    if (finding.code == "KS1240100C") continue;
    EXPECT_EQ(Classify(finding, Level::kAA), Outcome::kNotice)
        << finding.code << " line " << finding.line << ": " << finding.message_en;
  }
  EXPECT_NE(html.find("<html lang=\"zh-Hant-TW\">"), std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2026-06-01\">2026-06-01</time>"), std::string::npos);
  EXPECT_NE(html.find("網站無障礙規範 115.11"), std::string::npos);
  EXPECT_NE(html.find("<caption>各等級未通過數量</caption>"), std::string::npos);
  // Per level: codes and places (HM1110100C twice at A; CS2140401C once at AA).
  EXPECT_NE(html.find("<tr><th scope=\"row\">A</th><td>1</td><td>2</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<tr><th scope=\"row\">AA</th><td>1</td><td>1</td></tr>"), std::string::npos);
  // Per page: the failed code, its level and where; notices summed up.
  EXPECT_NE(html.find("<tr><th scope=\"row\">HM1110100C</th><td>A</td><td>1.1.1</td><td>2</td>"
                      "<td>圖片 &lt;img&gt; 需有替代文字 (alt) 屬性</td><td>12:3、40:3</td></tr>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<p>另有 1 處高於 AA 等級的提醒：HM3240900C。</p>"), std::string::npos);
  EXPECT_NE(html.find("<td>HM1110100C（A）</td>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#page-2\"><code>/faq/</code></a>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"pass\">通過 AA 等級的機器檢測項目。</p>"), std::string::npos);
}

}  // namespace
}  // namespace kiosk::check
