// Markdown nested past kMaxMarkdownNesting: an error at its line, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "markdown/markdown.h"

namespace kiosk {
namespace {

RenderedMarkdown Render(const std::string& markdown, Diagnostics& diagnostics) {
  return RenderMarkdown(markdown, MarkdownOptions{}, "content/deep.md", 4, diagnostics);
}

TEST(MarkdownNestingTest, QuotesAtTheLimitRender) {
  // Each quote is a level, and so are the paragraph and the text in the innermost one.
  Diagnostics diagnostics;
  const RenderedMarkdown rendered =
      Render(std::string(kMaxMarkdownNesting - 2, '>') + " 引文\n", diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_NE(rendered.html.find("引文"), std::string::npos);
}

TEST(MarkdownNestingTest, OneQuoteMoreIsAnError) {
  Diagnostics diagnostics;
  Render(std::string(kMaxMarkdownNesting - 1, '>') + " 引文\n", diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 1);
}

TEST(MarkdownNestingTest, TenThousandQuotesAreAnErrorAtTheirLine) {
  Diagnostics diagnostics;
  const RenderedMarkdown rendered =
      Render("# 標題\n\n" + std::string(10000, '>') + " x\n", diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  const Diagnostic& error = diagnostics.items()[0];
  EXPECT_EQ(error.where.file, "content/deep.md");
  EXPECT_EQ(error.where.line, 6);
  EXPECT_EQ(error.where.column, kMaxMarkdownNesting + 1);
  EXPECT_NE(error.message.find("more than 100 deep"), std::string::npos) << error.message;
  EXPECT_FALSE(error.hint.empty());
  EXPECT_EQ(rendered.html, "");
}

TEST(MarkdownNestingTest, NestedListsAreAnError) {
  std::string markdown;
  for (int level = 0; level < 3000; ++level) markdown += std::string(2 * level, ' ') + "- x\n";
  Diagnostics diagnostics;
  Render(markdown, diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  // A list and its item are two levels, and the item's paragraph and text two more: the
  // text of the 50th item, on the file's 53rd line, is 102 deep.
  EXPECT_EQ(diagnostics.items()[0].where.line, 53);
}

TEST(MarkdownNestingTest, NestedEmphasisIsAnErrorAtItsParagraph) {
  std::string markdown = "段落\n\n";
  for (int i = 0; i < 5000; ++i) markdown += "*a ";
  markdown += "x";
  for (int i = 0; i < 5000; ++i) markdown += " b*";
  Diagnostics diagnostics;
  Render(markdown + "\n", diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 6);
}

TEST(MarkdownNestingTest, QuotesNestedInABlockTableCellAreAnErrorAtTheirLine) {
  // A block table's cells are read on their own: the limit holds there too, and no part of
  // the cell goes out untidied (raw HTML past the limit would be written as HTML).
  Diagnostics diagnostics;
  const std::string cell = std::string(10000, '>') + " <img src=x onerror=alert(1)>";
  const RenderedMarkdown rendered =
      Render("::: table 表\n| 項目 |\n|---|\n| " + cell + "\n:::\n", diagnostics);
  ASSERT_EQ(diagnostics.error_count(), 1);
  const Diagnostic& error = diagnostics.items()[0];
  EXPECT_EQ(error.where.line, 7);
  EXPECT_NE(error.message.find("more than 100 deep"), std::string::npos) << error.message;
  EXPECT_EQ(rendered.html.find("<img"), std::string::npos);
}

TEST(MarkdownNestingTest, NestedLinksAndHeadingsDoNotCrash) {
  Diagnostics diagnostics;
  Render("## " + std::string(20000, '[') + "x" + std::string(20000, ']') + "\n", diagnostics);
  Render(std::string(20000, '*') + "x" + std::string(20000, '*') + "\n", diagnostics);
  Render("## " + std::string(5000, '_') + "a" + std::string(5000, '_') + " {#id}\n", diagnostics);
}

}  // namespace
}  // namespace kiosk
