// Runs the examples of markdown.txt: Markdown in, the exact HTML and messages out. With
// KIOSK_UPDATE_GOLDEN=1 the file is written again with what kiosk writes: review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "markdown/markdown.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

struct Example {
  std::string title;
  int line = 0;
  std::string markdown;
  std::string html;
  std::string diagnostics;  // one formatted message a line, after a second '.' line
  std::string actual;       // what kiosk wrote: the HTML, and the messages if any
};

const std::string kFence(32, '`');

// Reads the examples of a golden file; `lines` gets every line of it, to write it again.
std::vector<Example> ReadExamples(const std::string& path, std::vector<std::string>& lines) {
  std::ifstream in(path);
  std::vector<Example> examples;
  std::string line;
  enum { kOutside, kMarkdown, kHtml, kDiagnostics } state = kOutside;
  while (std::getline(in, line)) {
    lines.push_back(line);
    if (state == kOutside && line.rfind(kFence + " example", 0) == 0) {
      examples.push_back({line.substr(kFence.size() + 9), int(lines.size()), "", "", "", ""});
      state = kMarkdown;
    } else if (state != kOutside && line == kFence) {
      state = kOutside;
    } else if ((state == kMarkdown || state == kHtml) && line == ".") {
      state = state == kMarkdown ? kHtml : kDiagnostics;
    } else if (state != kOutside) {
      Example& example = examples.back();
      (state == kMarkdown ? example.markdown
       : state == kHtml   ? example.html
                          : example.diagnostics) += line + "\n";
    }
  }
  return examples;
}

// The file again, each example's expected output replaced by what kiosk wrote.
std::string Rewrite(const std::vector<std::string>& lines, const std::vector<Example>& examples) {
  std::string text;
  size_t next = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    text += lines[i] + "\n";
    if (next == examples.size() || int(i + 1) != examples[next].line) continue;
    text += examples[next].markdown + ".\n" + examples[next].actual;
    while (i + 1 < lines.size() && lines[i + 1] != kFence) ++i;
    ++next;
  }
  return text;
}

TEST(MarkdownGolden, EveryExampleRendersExactly) {
  const std::string path = testing::TestsDir() + "/markdown/markdown.txt";
  std::vector<std::string> lines;
  std::vector<Example> examples = ReadExamples(path, lines);
  ASSERT_GE(examples.size(), 10u) << "cannot read " << path;
  for (Example& example : examples) {
    MarkdownOptions options;
    options.unsafe_html = example.title.rfind("unsafe", 0) == 0;
    Diagnostics diagnostics;
    const RenderedMarkdown rendered =
        RenderMarkdown(example.markdown, options, "example.md", 1, diagnostics);
    std::string messages;
    for (const Diagnostic& diagnostic : diagnostics.items()) messages += diagnostic.format() + "\n";
    example.actual = rendered.html + (messages.empty() ? "" : ".\n" + messages);
    EXPECT_EQ(rendered.html, example.html)
        << "markdown.txt:" << example.line << ": " << example.title;
    EXPECT_EQ(messages, example.diagnostics)
        << "markdown.txt:" << example.line << ": " << example.title;
  }
  if (std::getenv("KIOSK_UPDATE_GOLDEN")) std::ofstream(path) << Rewrite(lines, examples);
}

// The build renders with data-sourcepos marks for the checker and removes them before
// writing: what it writes is what the examples say.
TEST(MarkdownGolden, SourcePositionsAreRemovedWithoutATrace) {
  std::vector<std::string> lines;
  for (const Example& example :
       ReadExamples(testing::TestsDir() + "/markdown/markdown.txt", lines)) {
    MarkdownOptions options;
    options.unsafe_html = example.title.rfind("unsafe", 0) == 0;
    options.source_positions = true;
    Diagnostics diagnostics;
    const RenderedMarkdown rendered =
        RenderMarkdown(example.markdown, options, "example.md", 1, diagnostics);
    EXPECT_EQ(StripSourcePositions(rendered.html), example.html)
        << "markdown.txt:" << example.line << ": " << example.title;
  }
}

TEST(Markdown, ReportsHeadingsWithSourceLines) {
  Diagnostics diagnostics;
  const RenderedMarkdown rendered =
      RenderMarkdown("intro\n\n## 第一題\n\ntext\n\n### 細節\n", {}, "faq.md", 5, diagnostics);
  ASSERT_EQ(rendered.headings.size(), 2u);
  EXPECT_EQ(rendered.headings[0].text, "第一題");
  EXPECT_EQ(rendered.headings[0].level, 2);
  EXPECT_EQ(rendered.headings[0].line, 7);
  EXPECT_EQ(rendered.headings[1].id, "細節");
  EXPECT_EQ(rendered.headings[1].line, 11);
}

TEST(Markdown, RejectsAnInvalidExplicitIdAtItsLine) {
  Diagnostics diagnostics;
  RenderMarkdown("\n## 費用 {#1 fee}\n", {}, "content/faq/x.md", 4, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.file, "content/faq/x.md");
  EXPECT_EQ(diagnostics.items()[0].where.line, 5);
}

TEST(Markdown, RejectsARepeatedExplicitId) {
  Diagnostics diagnostics;
  RenderMarkdown("## A {#fee}\n\n## B {#fee}\n", {}, "x.md", 1, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 3);
}

TEST(Markdown, RejectsAnInvalidLanguageTagAtItsLine) {
  Diagnostics diagnostics;
  const RenderedMarkdown rendered =
      RenderMarkdown("text\n\nPlease bring it. {lang=english}\n", {}, "x.md", 3, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 5);
  EXPECT_NE(diagnostics.items()[0].message.find("{lang=english}"), std::string::npos);
}

// Pasted HTML shows as text when the site does not allow it: the author hears of it at the
// first tag of each block, with the Markdown to write instead.
TEST(Markdown, WarnsOfRawHtmlShownAsText) {
  Diagnostics diagnostics;
  RenderMarkdown(
      "前言\n\n歡迎<b>報名</b>，<br>請洽\n櫃檯<b>服務</b>。\n\n<table>\n<tr><td>1</td></tr>\n"
      "</table>\n",
      {}, "content/news/x.md", 4, diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 2u);
  const Diagnostic& inline_html = diagnostics.items()[0];
  EXPECT_EQ(inline_html.severity, Severity::kWarning);
  EXPECT_EQ(inline_html.where.line, 6);
  EXPECT_EQ(inline_html.where.column, 3);
  EXPECT_NE(inline_html.message.find("<b>, <br>"), std::string::npos) << inline_html.message;
  EXPECT_NE(inline_html.hint.find("**bold**"), std::string::npos) << inline_html.hint;
  EXPECT_NE(inline_html.hint.find("kiosk import"), std::string::npos) << inline_html.hint;
  EXPECT_EQ(diagnostics.items()[1].where.line, 9);
  EXPECT_NE(diagnostics.items()[1].hint.find("a table of | cells |"), std::string::npos);

  MarkdownOptions unsafe;
  unsafe.unsafe_html = true;
  Diagnostics none;
  RenderMarkdown("歡迎<b>報名</b>。\n", unsafe, "x.md", 1, none);
  EXPECT_TRUE(none.items().empty());
}

// Links and images carry their own line for the checker, not only their paragraph's.
TEST(Markdown, MarksLinksAndImagesWithTheirLines) {
  MarkdownOptions options;
  options.source_positions = true;
  Diagnostics diagnostics;
  const std::string html =
      RenderMarkdown(
          "申請時請攜帶\n身分證，表格見\n[申請書](/forms/a.pdf)\n與 ![流程](flow.png)。\n\n"
          "| 表 | 連結 |\n| --- | --- |\n| 甲 | [乙](/b/) |\n",
          options, "x.md", 10, diagnostics)
          .html;
  EXPECT_NE(html.find("<a href=\"/forms/a.pdf\" title=\"申請書\" data-sourcepos=\"12:1-12:"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<img data-sourcepos=\"13:"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"/b/\" title=\"乙\" data-sourcepos=\"17:"), std::string::npos)
      << html;
}

// Images are listed for the build to find their files; a relative one is shown from the
// Markdown file's folder, where the file beside it is published.
TEST(Markdown, ListsImagesAndShowsRelativeOnesFromTheFilesFolder) {
  MarkdownOptions options;
  options.image_base = "/office/faq/";
  Diagnostics diagnostics;
  const RenderedMarkdown rendered = RenderMarkdown(
      "申辦流程：![流程圖](flow-chart.png)\n\n![地圖](/office/images/map.png) "
      "![外部](https://example.gov.tw/a.png) ![上層](../logo.png)\n",
      options, "content/faq/x.md", 6, diagnostics);
  ASSERT_EQ(rendered.images.size(), 4u);
  EXPECT_EQ(rendered.images[0].url, "flow-chart.png");
  EXPECT_EQ(rendered.images[0].line, 6);
  EXPECT_EQ(rendered.images[0].column, 6);
  EXPECT_EQ(rendered.images[1].line, 8);
  EXPECT_NE(rendered.html.find("src=\"/office/faq/flow-chart.png\""), std::string::npos);
  EXPECT_NE(rendered.html.find("src=\"/office/images/map.png\""), std::string::npos);
  EXPECT_NE(rendered.html.find("src=\"https://example.gov.tw/a.png\""), std::string::npos);
  EXPECT_NE(rendered.html.find("src=\"/office/faq/../logo.png\""), std::string::npos);
}

// A block table's cells are Markdown of their own, parsed apart from the page: they get what
// the page's paragraphs get, at the lines and columns of the file.
TEST(Markdown, BlockTableCellsAreTreatedAsThePageIs) {
  MarkdownOptions options;
  options.source_positions = true;
  options.image_base = "/office/faq/";
  Diagnostics diagnostics;
  const RenderedMarkdown rendered = RenderMarkdown(
      "::: table 申辦方式\n| 項目 | 說明 |\n|---|---|\n| 臨櫃\n"
      "| 填寫<b>申請書</b>，見 ![流程圖](flow.png)\n  與 [表單](/forms/a.pdf)\n---\n"
      "| 外籍人士\n| Foreign residents, please bring your passport. {lang=en}\n:::\n",
      options, "content/faq/x.md", 3, diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].severity, Severity::kWarning);
  EXPECT_EQ(diagnostics.items()[0].where.line, 7);
  EXPECT_EQ(diagnostics.items()[0].where.column, 5);
  ASSERT_EQ(rendered.images.size(), 1u);
  EXPECT_EQ(rendered.images[0].line, 7);
  EXPECT_EQ(rendered.images[0].column, 18);
  EXPECT_NE(rendered.html.find("<img data-sourcepos=\"7:"), std::string::npos) << rendered.html;
  EXPECT_NE(rendered.html.find("src=\"/office/faq/flow.png\""), std::string::npos);
  EXPECT_NE(rendered.html.find("<a href=\"/forms/a.pdf\" title=\"表單\" data-sourcepos=\"8:"),
            std::string::npos)
      << rendered.html;
  EXPECT_NE(rendered.html.find("<span lang=\"en\">Foreign residents, please bring your "
                               "passport.</span>"),
            std::string::npos)
      << rendered.html;
}

TEST(Markdown, IdsAreStableAcrossRenders) {
  Diagnostics diagnostics;
  const std::string source = "## 申請資格\n\n## 申請資格\n\n## Fees\n";
  EXPECT_EQ(RenderMarkdown(source, {}, "x.md", 1, diagnostics).html,
            RenderMarkdown(source, {}, "x.md", 1, diagnostics).html);
}

TEST(Markdown, RootRelativeLinksMoveWithTheSite) {
  MarkdownOptions preview;
  preview.written_base_path = "/office/";
  preview.built_base_path = "/pr-7/";
  Diagnostics diagnostics;
  const std::string html = RenderMarkdown(
      "[謄本](/office/services/transcript/) ![地圖](/office/map.png) [市府](/city/) "
      "[CDN](//cdn.example.com/office/x) [FAQ](../faq/)\n",
      preview, "x.md", 1, diagnostics).html;
  EXPECT_NE(html.find("href=\"/pr-7/services/transcript/\""), std::string::npos) << html;
  EXPECT_NE(html.find("src=\"/pr-7/map.png\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"/city/\""), std::string::npos) << "outside the site: " << html;
  EXPECT_NE(html.find("href=\"//cdn.example.com/office/x\""), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"../faq/\""), std::string::npos) << html;
}

}  // namespace
}  // namespace kiosk
