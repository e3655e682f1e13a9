// Pages built to hurt the checker: deep nesting, huge tags, a mistake repeated 100,000 times.
// Each is an error at its line and column or a bounded list of findings, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "check/checker.h"
#include "check/html_document.h"
#include "check/page_check.h"

namespace kiosk::check {
namespace {

constexpr std::string_view kHead =
    "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\"><head><meta charset=\"utf-8\">"
    "<title>限制</title>";

std::string Page(std::string_view head, std::string_view body) {
  return std::string(kHead) + std::string(head) + "</head>\n<body><main>" + std::string(body) +
         "</main></body></html>\n";
}

std::string Repeat(std::string_view text, int times) {
  std::string repeated;
  repeated.reserve(text.size() * times);
  for (int i = 0; i < times; ++i) repeated += text;
  return repeated;
}

void ExpectError(const Result<HtmlDocument>& parsed, int line, int column, std::string_view what) {
  ASSERT_FALSE(parsed.ok());
  const Diagnostic& error = parsed.error();
  EXPECT_EQ(error.where.file, "deep.html");
  EXPECT_EQ(error.where.line, line);
  EXPECT_EQ(error.where.column, column);
  EXPECT_NE(error.message.find(what), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("1,000"), std::string::npos) << error.message;
  EXPECT_FALSE(error.hint.empty());
}

// The column of the first tag after <main>, on the page's third line.
int BodyColumn() { return static_cast<int>(std::string_view("<body><main>").size()) + 1; }

TEST(CheckLimitsTest, DivsNestedAHundredThousandDeepAreAnError) {
  const std::string html = Page("", Repeat("<div>", 100000) + "x" + Repeat("</div>", 100000));
  // html, body and main are three levels: the 998th <div> is the 1,001st.
  ExpectError(HtmlDocument::Parse(html, "deep.html"), 3, BodyColumn() + 5 * 997, "nested");
}

TEST(CheckLimitsTest, SvgGroupsNestedFiftyThousandDeepAreAnError) {
  const std::string html =
      Page("", "<svg>" + Repeat("<g>", 50000) + Repeat("</g>", 50000) + "</svg>");
  ExpectError(HtmlDocument::Parse(html, "deep.html"), 3, BodyColumn() + 5 + 3 * 996, "nested");
}

TEST(CheckLimitsTest, NestingUpToTheLimitIsRead) {
  const std::string html = Page("", Repeat("<div>", 990) + "文字" + Repeat("</div>", 990));
  const Result<HtmlDocument> page = HtmlDocument::Parse(html, "deep.html");
  ASSERT_TRUE(page.ok()) << page.error().format();
  EXPECT_EQ(page->TextContent(page->body()), "文字");
}

TEST(CheckLimitsTest, ElementsWhoseEndTagMayBeLeftOutAreNotNesting) {
  // 5,000 paragraphs, list items and table cells without their end tags are siblings.
  const std::string html = Page(
      "", Repeat("<p>段落", 5000) + "<ul>" + Repeat("<li>項目", 5000) + "</ul><table><tbody>" +
              Repeat("<tr><td>格<td>格", 2500) + "</tbody></table><select>" +
              Repeat("<option>選項", 2000) + "</select>" + Repeat("<br><img src=a.png alt=圖>", 2000));
  const Result<HtmlDocument> page = HtmlDocument::Parse(html, "deep.html");
  EXPECT_TRUE(page.ok()) << page.error().format();
}

TEST(CheckLimitsTest, UnclosedInlineElementsAreNesting) {
  const std::string html = Page("", Repeat("<font color=red>舊網頁", 2000));
  ExpectError(HtmlDocument::Parse(html, "deep.html"), 3, BodyColumn() + 19 * 997, "nested");
}

TEST(CheckLimitsTest, TagsInScriptsAndCommentsAreNotElements) {
  const std::string html = Page("<script>" + Repeat("if (a <b) {}", 3000) + "</script>",
                                "<!--" + Repeat("<div>", 3000) + "-->內容");
  EXPECT_TRUE(HtmlDocument::Parse(html, "deep.html").ok());
}

TEST(CheckLimitsTest, AnElementWithAHundredThousandAttributesIsAnError) {
  std::string tag = "<div";
  for (int i = 0; i < 100000; ++i) tag += " data-a" + std::to_string(i) + "=\"v\"";
  ExpectError(HtmlDocument::Parse(Page("", tag + ">x</div>"), "deep.html"), 3, BodyColumn(),
              "attributes");
}

TEST(CheckLimitsTest, AThousandAttributesAreRead) {
  std::string tag = "<div";
  for (int i = 0; i < 1000; ++i) tag += " data-a" + std::to_string(i) + "='v>'";
  const Result<HtmlDocument> page = HtmlDocument::Parse(Page("", tag + ">x</div>"), "deep.html");
  ASSERT_TRUE(page.ok()) << page.error().format();
}

TEST(CheckLimitsTest, AMistakeMadeAHundredThousandTimesIsListedAHundredTimesAndCounted) {
  std::string ids;
  for (int i = 0; i < 100000; ++i) ids += " missing" + std::to_string(i);
  const std::string html =
      Page("", "<button type=\"button\" aria-labelledby=\"" + ids + "\">送出</button>");
  const Result<CheckedPage> checked = CheckHtml(html, "/page/", nullptr, {});
  ASSERT_TRUE(checked.ok()) << checked.error().format();
  size_t listed = 0;
  const Finding* summary = nullptr;
  for (const Finding& finding : checked->findings) {
    if (finding.code != "HM1410200C") continue;
    if (finding.message_en.find("more findings") != std::string::npos) {
      summary = &finding;
    } else {
      ++listed;
      EXPECT_LT(finding.snippet.size(), 400u) << "the snippet is cut, not the whole tag";
    }
  }
  EXPECT_EQ(listed, kMaxFindingsPerRule);
  ASSERT_NE(summary, nullptr);
  EXPECT_NE(summary->message_en.find("99,900 more"), std::string::npos) << summary->message_en;
  EXPECT_EQ(summary->line, 3);
}

TEST(CheckLimitsTest, AColumnWiderThanAnyScreenIsCountedWithoutOverflow) {
  // 3 × 10^51 rem: more characters a line than an int holds (found by fuzzing the checker).
  const std::string html = Page(
      "<style>\nmain { max-width: 3" + std::string(50, '1') + "2rem; }\n</style>", "<p>文字</p>");
  const Result<CheckedPage> checked = CheckHtml(html, "/wide/", nullptr, {});
  ASSERT_TRUE(checked.ok()) << checked.error().format();
  const Finding* wide = nullptr;
  for (const Finding& finding : checked->findings) {
    if (finding.code == "CS3140801C") wide = &finding;
  }
  ASSERT_NE(wide, nullptr);
  EXPECT_EQ(wide->line, 3);
  EXPECT_NE(wide->message_en.find("fits about 1000000000000 characters"), std::string::npos)
      << wide->message_en;
}

TEST(CheckLimitsTest, ImportsThatFanOutStopAtSixtyFourStylesheets) {
  // Each sheet imports two more under new relative paths, as through a folder linked to
  // itself: 2^8 sheets to the depth limit (found by fuzzing the checker).
  const std::string css = "@import url(a/s.css); @import url(b/s.css); p { color: #000 }";
  const Result<HtmlDocument> page = HtmlDocument::Parse(
      Page("<link rel=\"stylesheet\" href=\"/s.css\">", "<p>文字</p>"), "fan.html");
  ASSERT_TRUE(page.ok());
  int loads = 0;
  const std::vector<PageStylesheet> sheets =
      CollectStylesheets(*page, [&](const std::string&) -> std::optional<std::string> {
        ++loads;
        return css;
      });
  EXPECT_EQ(sheets.size(), 64u);
  EXPECT_EQ(loads, 64);
}

TEST(CheckLimitsTest, ASnippetOfAMegabyteLongTagIsShort) {
  const std::string html = Page("", "<a href=\"#x\" title=\"" + std::string(1000000, ' ') + "t\">");
  const Result<HtmlDocument> page = HtmlDocument::Parse(html, "deep.html");
  ASSERT_TRUE(page.ok());
  int link = 0;
  while (page->node(link).name != "a") ++link;
  EXPECT_EQ(page->Snippet(link), "<a href=\"#x\" title=\"…");
}

TEST(CheckLimitsTest, SelectorsNestingIsTwentyThousandDeepAreAnError) {
  const std::string html =
      Page("<style>" + Repeat(":is(", 20000) + "a" + Repeat(")", 20000) + "{color:red}</style>",
           "文字");
  const Result<CheckedPage> checked = CheckHtml(html, "/deep/", nullptr, {});
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().where.file, "/deep/");
  EXPECT_EQ(checked.error().where.line, 2);
  EXPECT_NE(checked.error().message.find("32 deep"), std::string::npos);
}

TEST(CheckLimitsTest, MediaBlocksNestedTooDeepAreAnError) {
  const std::string html = Page(
      "<style>\n" + Repeat("@media screen {", 10000) + "a{color:red}" + Repeat("}", 10000) +
          "</style>",
      "文字");
  const Result<CheckedPage> checked = CheckHtml(html, "/deep/", nullptr, {});
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().where.line, 3);
}

TEST(CheckLimitsTest, SelectorsAndBlocksWithinTheLimitAreRead) {
  const std::string html = Page("<style>" + Repeat("@media screen {", kMaxCssNesting) +
                                    Repeat(":is(", kMaxCssNesting) + "p" +
                                    Repeat(")", kMaxCssNesting) + "{color:#000}" +
                                    Repeat("}", kMaxCssNesting) + "</style>",
                                "<p>文字</p>");
  EXPECT_TRUE(CheckHtml(html, "/deep/", nullptr, {}).ok());
}

}  // namespace
}  // namespace kiosk::check
