// The importer's small parts: numbers as documents show them, tidied runs, YAML scalars.
#include <gtest/gtest.h>

#include "import/block_builder.h"
#include "import/markdown_writer.h"
#include "import/numbering.h"

namespace kiosk::import {
namespace {

TEST(ImportNumbering, NumbersAsOfficesWriteThem) {
  EXPECT_EQ(FormatNumber(3, NumberFormat::kDecimal), "3");
  EXPECT_EQ(FormatNumber(28, NumberFormat::kLowerLetter), "ab");
  EXPECT_EQ(FormatNumber(14, NumberFormat::kUpperRoman), "XIV");
  EXPECT_EQ(FormatNumber(1, NumberFormat::kChineseCounting), "一");
  EXPECT_EQ(FormatNumber(10, NumberFormat::kChineseCounting), "十");
  EXPECT_EQ(FormatNumber(12, NumberFormat::kChineseCounting), "十二");
  EXPECT_EQ(FormatNumber(20, NumberFormat::kChineseCounting), "二十");
  EXPECT_EQ(FormatNumber(105, NumberFormat::kChineseCounting), "一百零五");
  EXPECT_EQ(FormatNumber(4, NumberFormat::kChineseLegal), "肆");
  EXPECT_EQ(FormatNumber(11, NumberFormat::kChineseLegal), "拾壹");
  EXPECT_EQ(FormatNumber(3, NumberFormat::kHeavenlyStems), "丙");
  EXPECT_EQ(OoxmlNumberFormat("taiwaneseCountingThousand"), NumberFormat::kChineseCounting);
  EXPECT_EQ(OoxmlNumberFormat("ideographLegalTraditional"), NumberFormat::kChineseLegal);
  EXPECT_EQ(OdfNumberFormat("一, 二, 三, ..."), NumberFormat::kChineseCounting);
  EXPECT_EQ(OdfNumberFormat(""), NumberFormat::kNone);
}

Inlines Runs(std::initializer_list<std::string> texts) {
  Inlines inlines;
  for (const std::string& text : texts) inlines.push_back(Span{.text = text});
  return inlines;
}

TEST(ImportTidy, ManualSpacingGoes) {
  Inlines spread = Runs({"推 動", " 作\t法 "});
  TidyInlines(spread);
  EXPECT_EQ(PlainText(spread), "推動作法");
  Inlines units = Runs({"\u3000\u3000秘書室  各課室"});
  TidyInlines(units);
  EXPECT_EQ(PlainText(units), "秘書室 各課室") << "two units, not letter-spacing";
  Inlines broken = Runs({"維修組 "});
  broken.push_back(Span{.kind = Span::Kind::kLineBreak});
  broken.push_back(Span{.text = " 操作組"});
  TidyInlines(broken);
  ASSERT_EQ(broken.size(), 3u);
  EXPECT_EQ(broken[0].text, "維修組");
  EXPECT_EQ(broken[2].text, "操作組");
}

TEST(ImportYaml, ScalarsReadBackAsTheSameText) {
  EXPECT_EQ(YamlScalar("戶籍謄本申請"), "戶籍謄本申請");
  EXPECT_EQ(YamlScalar("(09) 9123-4567 #201"), "\"(09) 9123-4567 #201\"");
  EXPECT_EQ(YamlScalar("note: 影本"), "\"note: 影本\"");
  EXPECT_EQ(YamlScalar("yes"), "\"yes\"");
  EXPECT_EQ(YamlScalar("110"), "\"110\"");
  EXPECT_EQ(YamlScalar("- 一"), "\"- 一\"");
  EXPECT_EQ(YamlScalar("他說\"好\""), "他說\"好\"");
  EXPECT_EQ(YamlScalar("\"引號\""), "\"\\\"引號\\\"\"");
}

TEST(ImportBlocks, AnIndentedParagraphStaysInTheListAndNumberingGoesOn) {
  BlockBuilder builder(true);
  const auto item = [](int number, const std::string& text) {
    ParagraphFacts facts;
    facts.inlines = Runs({text});
    facts.list = "list";
    facts.decimal = true;
    facts.number = number;
    facts.label = std::to_string(number) + ".";
    facts.indent = 480;
    return facts;
  };
  builder.Add(item(1, "一"));
  ParagraphFacts indented;
  indented.inlines = Runs({"說明"});
  indented.indent = 480;
  builder.Add(indented);
  builder.Add(item(2, "二"));
  ParagraphFacts plain;
  plain.inlines = Runs({"中斷"});
  builder.Add(plain);
  builder.Add(item(3, "三"));
  const Blocks blocks = builder.Finish();
  ASSERT_EQ(blocks.size(), 3u);
  const List& first = std::get<List>(blocks[0].content);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].blocks.size(), 2u) << "the indented paragraph";
  const List& after = std::get<List>(blocks[2].content);
  EXPECT_TRUE(after.ordered);
  EXPECT_EQ(after.start, 3);
}

}  // namespace
}  // namespace kiosk::import
