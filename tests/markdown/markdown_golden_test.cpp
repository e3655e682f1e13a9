// Runs the examples of markdown.txt: Markdown in, the exact HTML out.
#include <gtest/gtest.h>

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
};

std::vector<Example> ReadExamples(const std::string& path) {
  std::ifstream in(path);
  const std::string fence(32, '`');
  std::vector<Example> examples;
  std::string line;
  int number = 0;
  enum { kOutside, kMarkdown, kHtml } state = kOutside;
  while (std::getline(in, line)) {
    ++number;
    if (state == kOutside && line.rfind(fence + " example", 0) == 0) {
      examples.push_back({line.substr(fence.size() + 9), number, "", ""});
      state = kMarkdown;
    } else if (state == kMarkdown && line == ".") {
      state = kHtml;
    } else if (state == kMarkdown) {
      examples.back().markdown += line + "\n";
    } else if (state == kHtml && line == fence) {
      state = kOutside;
    } else if (state == kHtml) {
      examples.back().html += line + "\n";
    }
  }
  return examples;
}

TEST(MarkdownGolden, EveryExampleRendersExactly) {
  const std::string path = testing::TestsDir() + "/markdown/markdown.txt";
  const std::vector<Example> examples = ReadExamples(path);
  ASSERT_GE(examples.size(), 10u) << "cannot read " << path;
  for (const Example& example : examples) {
    MarkdownOptions options;
    options.unsafe_html = example.title.rfind("unsafe", 0) == 0;
    Diagnostics diagnostics;
    const RenderedMarkdown rendered =
        RenderMarkdown(example.markdown, options, "example.md", 1, diagnostics);
    EXPECT_EQ(rendered.html, example.html)
        << "markdown.txt:" << example.line << ": " << example.title;
    EXPECT_FALSE(diagnostics.has_errors()) << example.title;
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
