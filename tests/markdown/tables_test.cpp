// Tables beyond their golden examples (markdown.txt): how pipe rows are split, and that a
// block table keeps the page's lines where the checker and headings look for them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "markdown/markdown.h"
#include "markdown/table_syntax.h"

namespace kiosk {
namespace {

std::vector<std::string> Cells(std::string_view line) {
  std::vector<std::string> cells;
  for (const PipeCell& cell : SplitPipeRow(line)) {
    cells.emplace_back(line.substr(cell.begin, cell.end - cell.begin));
  }
  return cells;
}

TEST(PipeRow, SplitsAsCmarkGfmDoes) {
  EXPECT_EQ(Cells("| 甲 | 乙 |"), (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(Cells("甲 | 乙"), (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(Cells("| 甲 |  | 丙 |"), (std::vector<std::string>{"甲", "", "丙"}));
  EXPECT_EQ(Cells("| a \\| b | c \\|"), (std::vector<std::string>{"a \\| b", "c \\|"}));
  EXPECT_EQ(Cells("|---|:-:|"), (std::vector<std::string>{"---", ":-:"}));
  EXPECT_TRUE(Cells("   ").empty());
}

TEST(BlockTable, KeepsTheLinesOfWhatFollows) {
  Diagnostics diagnostics;
  const RenderedMarkdown rendered = RenderMarkdown(
      "::: table 規費\n| 項目 | 金額 |\n|---|---|\n| 謄本\n| 15\n:::\n\n## 申請方式\n", {},
      "plan.md", 10, diagnostics);
  ASSERT_EQ(rendered.headings.size(), 1u);
  EXPECT_EQ(rendered.headings[0].line, 17);
  EXPECT_EQ(diagnostics.items().size(), 0u);
}

TEST(BlockTable, MarksTheSourceLinesOfItsCells) {
  Diagnostics diagnostics;
  MarkdownOptions options;
  options.source_positions = true;
  const std::string html =
      RenderMarkdown(
          "intro\n\n::: table 規費\n| 項目 | 金額 |\n|---|---|\n| 謄本\n| 每張\n  15 元\n:::\n",
          options, "plan.md", 3, diagnostics)
          .html;
  EXPECT_NE(html.find("<table data-sourcepos=\"5:1-11:1\">"), std::string::npos) << html;
  EXPECT_NE(html.find("<th scope=\"col\" data-sourcepos=\"6:1-6:1\">項目</th>"), std::string::npos)
      << html;
  EXPECT_NE(html.find("data-label=\"金額\" data-sourcepos=\"9:1-10:1\">每張\n15 元</td>"),
            std::string::npos)
      << html;
  EXPECT_EQ(StripSourcePositions(html).find("data-sourcepos"), std::string::npos);
}

}  // namespace
}  // namespace kiosk
