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
