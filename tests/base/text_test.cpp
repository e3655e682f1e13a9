#include "base/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kiosk {
namespace {

// ---------------------------------------------------------------------------------------
// FindInvalidUtf8

TEST(FindInvalidUtf8Test, AcceptsAsciiAndChinese) {
  EXPECT_FALSE(FindInvalidUtf8("").has_value());
  EXPECT_FALSE(FindInvalidUtf8("hello\nworld").has_value());
  EXPECT_FALSE(FindInvalidUtf8("清溪區公所\n戶籍謄本申請").has_value());
}

TEST(FindInvalidUtf8Test, AcceptsFourByteCharacters) {
  // U+20BB7 𠮷, a CJK extension B character used in Taiwanese names.
  EXPECT_FALSE(FindInvalidUtf8("\xF0\xA0\xAE\xB7").has_value());
}

TEST(FindInvalidUtf8Test, ReportsLineOneColumnOneForLeadingBadByte) {
  const auto where = FindInvalidUtf8(
      "\xFF"
      "abc");
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->line, 1);
  EXPECT_EQ(where->column, 1);
}

TEST(FindInvalidUtf8Test, CountsColumnsInCharactersNotBytes) {
  // Three Chinese characters (nine bytes), then a stray continuation byte.
  const auto where = FindInvalidUtf8("區公所\x80");
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->line, 1);
  EXPECT_EQ(where->column, 4);
}

TEST(FindInvalidUtf8Test, CountsLines) {
  // "title: " is 7 characters and "公告" 2 more, so the bad byte is in column 10 of line 3.
  const auto where = FindInvalidUtf8("a: 1\nb: 2\ntitle: 公告\xC3(");
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->line, 3);
  EXPECT_EQ(where->column, 10);
}

TEST(FindInvalidUtf8Test, RejectsBig5Text) {
  // "中文" in Big5 is A4 A4 A4 E5: what a file saved by an old editor would hold.
  const auto where = FindInvalidUtf8("name: \xA4\xA4\xA4\xE5");
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->line, 1);
  EXPECT_EQ(where->column, 7);
}

TEST(FindInvalidUtf8Test, RejectsTruncatedSequenceAtEnd) {
  // The first two bytes of 中 (E4 B8 AD).
  const auto where = FindInvalidUtf8("ab\xE4\xB8");
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->column, 3);
}

TEST(FindInvalidUtf8Test, RejectsOverlongEncodings) {
  EXPECT_TRUE(FindInvalidUtf8("\xC0\xAF").has_value());          // '/' in two bytes
  EXPECT_TRUE(FindInvalidUtf8("\xE0\x80\xAF").has_value());      // '/' in three bytes
  EXPECT_TRUE(FindInvalidUtf8("\xF0\x80\x80\xAF").has_value());  // '/' in four bytes
}

TEST(FindInvalidUtf8Test, RejectsSurrogatesAndCodePointsAboveUnicode) {
  EXPECT_TRUE(FindInvalidUtf8("\xED\xA0\x80").has_value());       // U+D800
  EXPECT_TRUE(FindInvalidUtf8("\xF4\x90\x80\x80").has_value());   // U+110000
  EXPECT_FALSE(FindInvalidUtf8("\xF4\x8F\xBF\xBF").has_value());  // U+10FFFF
}

// ---------------------------------------------------------------------------------------
// DecodeUtf8, FirstCodePoint, LastCodePoint

TEST(DecodeUtf8Test, DecodesEachLengthAndAdvances) {
  const std::string text = "a\xC3\xA9中\xF0\xA0\xAE\xB7";  // a é 中 𠮷
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8(text, pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(DecodeUtf8(text, pos), U'\u00E9');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(DecodeUtf8(text, pos), U'中');
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(DecodeUtf8(text, pos), U'\U00020BB7');
  EXPECT_EQ(pos, 10u);
}

TEST(DecodeUtf8Test, DecodesAWholeChineseString) {
  const std::string text = "民政課";
  std::u32string decoded;
  for (size_t pos = 0; pos < text.size();) decoded += DecodeUtf8(text, pos);
  EXPECT_EQ(decoded, U"民政課");
}

TEST(CodePointTest, FirstAndLastOfChineseText) {
  EXPECT_EQ(FirstCodePoint("戶政事務所"), U'戶');
  EXPECT_EQ(LastCodePoint("戶政事務所"), U'所');
  EXPECT_EQ(LastCodePoint("申請表。"), U'。');
  EXPECT_EQ(FirstCodePoint("abc"), U'a');
  EXPECT_EQ(LastCodePoint("abc"), U'c');
}

TEST(CodePointTest, EmptyTextGivesZero) {
  EXPECT_EQ(FirstCodePoint(""), 0u);
  EXPECT_EQ(LastCodePoint(""), 0u);
}

// ---------------------------------------------------------------------------------------
// IsWideCjk

TEST(IsWideCjkTest, ChineseIdeographsAreWide) {
  EXPECT_TRUE(IsWideCjk(U'中'));
  EXPECT_TRUE(IsWideCjk(U'一'));          // U+4E00, first of the block
  EXPECT_TRUE(IsWideCjk(U'\U00020BB7'));  // extension B
  EXPECT_TRUE(IsWideCjk(U'\u3400'));      // extension A
}

TEST(IsWideCjkTest, PunctuationBopomofoAndKanaAreWide) {
  EXPECT_TRUE(IsWideCjk(U'。'));
  EXPECT_TRUE(IsWideCjk(U'、'));
  EXPECT_TRUE(IsWideCjk(U'「'));
  EXPECT_TRUE(IsWideCjk(U'（'));  // full-width parenthesis
  EXPECT_TRUE(IsWideCjk(U'，'));  // full-width comma
  EXPECT_TRUE(IsWideCjk(U'ㄅ'));  // bopomofo
  EXPECT_TRUE(IsWideCjk(U'あ'));
  EXPECT_TRUE(IsWideCjk(U'ア'));
  EXPECT_TRUE(IsWideCjk(U'\u3000'));  // ideographic space
}

TEST(IsWideCjkTest, LatinTextIsNotWide) {
  EXPECT_FALSE(IsWideCjk(U'a'));
  EXPECT_FALSE(IsWideCjk(U'Z'));
  EXPECT_FALSE(IsWideCjk(U'1'));
  EXPECT_FALSE(IsWideCjk(U' '));
  EXPECT_FALSE(IsWideCjk(U','));
  EXPECT_FALSE(IsWideCjk(U'\u00E9'));  // é
  EXPECT_FALSE(IsWideCjk(U'\u2014'));  // em dash
  EXPECT_FALSE(IsWideCjk(0));
}

// ---------------------------------------------------------------------------------------
// EscapeHtml

TEST(EscapeHtmlTest, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
}

TEST(EscapeHtmlTest, LeavesChineseAndPlainTextAlone) {
  EXPECT_EQ(EscapeHtml("清溪區公所（週一至週五）"), "清溪區公所（週一至週五）");
  EXPECT_EQ(EscapeHtml(""), "");
}

TEST(EscapeHtmlTest, EscapesAnAmpersandOnlyOnce) { EXPECT_EQ(EscapeHtml("&amp;"), "&amp;amp;"); }

// ---------------------------------------------------------------------------------------
// EncodeUrlPath

TEST(EncodeUrlPathTest, KeepsUnreservedCharactersAndSlashes) {
  EXPECT_EQ(EncodeUrlPath("/news/2024-01_a.b~c/"), "/news/2024-01_a.b~c/");
  EXPECT_EQ(EncodeUrlPath("ABCxyz0189"), "ABCxyz0189");
}

TEST(EncodeUrlPathTest, PercentEncodesChineseAsUtf8Bytes) {
  EXPECT_EQ(EncodeUrlPath("/news/志工招募/"), "/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/");
  EXPECT_EQ(EncodeUrlPath("公告"), "%E5%85%AC%E5%91%8A");
}

TEST(EncodeUrlPathTest, PercentEncodesReservedAsciiWithUpperCaseHex) {
  EXPECT_EQ(EncodeUrlPath("申請 表.pdf"), "%E7%94%B3%E8%AB%8B%20%E8%A1%A8.pdf");
  EXPECT_EQ(EncodeUrlPath("a+b"), "a%2Bb");
  EXPECT_EQ(EncodeUrlPath("?#%&"), "%3F%23%25%26");
}

TEST(EncodeUrlPathTest, EmptyPathStaysEmpty) { EXPECT_EQ(EncodeUrlPath(""), ""); }

// ---------------------------------------------------------------------------------------
// SlugifyHeading

TEST(SlugifyHeadingTest, LowerCasesAsciiAndJoinsWordsWithHyphens) {
  EXPECT_EQ(SlugifyHeading("Opening Hours"), "opening-hours");
  EXPECT_EQ(SlugifyHeading("Step 2: Apply Online"), "step-2-apply-online");
}

TEST(SlugifyHeadingTest, FoldsRunsOfSpacesAndHyphensIntoOne) {
  EXPECT_EQ(SlugifyHeading("a  -  b"), "a-b");
  EXPECT_EQ(SlugifyHeading("a\t\tb"), "a-b");
  EXPECT_EQ(SlugifyHeading("a---b"), "a-b");
}

TEST(SlugifyHeadingTest, DropsLeadingAndTrailingSeparators) {
  EXPECT_EQ(SlugifyHeading("  Contact us  "), "contact-us");
  EXPECT_EQ(SlugifyHeading("-x-"), "x");
}

TEST(SlugifyHeadingTest, DropsAsciiPunctuation) {
  EXPECT_EQ(SlugifyHeading("Q&A"), "qa");
  EXPECT_EQ(SlugifyHeading("What's new?"), "whats-new");
  EXPECT_EQ(SlugifyHeading("snake_case"), "snake_case");
}

TEST(SlugifyHeadingTest, KeepsChineseAsIs) {
  EXPECT_EQ(SlugifyHeading("申請流程"), "申請流程");
  EXPECT_EQ(SlugifyHeading("第1章 總則"), "第1章-總則");
  EXPECT_EQ(SlugifyHeading("Q&A 常見問題"), "qa-常見問題");
}

TEST(SlugifyHeadingTest, DropsFullWidthPunctuation) {
  EXPECT_EQ(SlugifyHeading("申請流程（線上）"), "申請流程線上");
  EXPECT_EQ(SlugifyHeading("如何申請？"), "如何申請");
  EXPECT_EQ(SlugifyHeading("注意事項：請攜帶身分證！"), "注意事項請攜帶身分證");
  EXPECT_EQ(SlugifyHeading("一、申請資格"), "一申請資格");
  EXPECT_EQ(SlugifyHeading("「志工」招募。"), "志工招募");
  EXPECT_EQ(SlugifyHeading("甲，乙；丙．"), "甲乙丙");
}

TEST(SlugifyHeadingTest, DropsGeneralPunctuationSuchAsDashesAndQuotes) {
  EXPECT_EQ(SlugifyHeading("週一—週五"), "週一週五");
  EXPECT_EQ(SlugifyHeading("“引號”"), "引號");
}

TEST(SlugifyHeadingTest, IdeographicSpaceSeparatesWords) {
  EXPECT_EQ(SlugifyHeading("服務時間\u3000\u3000週一"), "服務時間-週一");
  EXPECT_EQ(SlugifyHeading("\u3000標題\u3000"), "標題");
}

TEST(SlugifyHeadingTest, PunctuationBetweenSeparatorsGivesOneHyphen) {
  EXPECT_EQ(SlugifyHeading("戶籍 & 地政"), "戶籍-地政");
  EXPECT_EQ(SlugifyHeading("戶籍 ／ 地政"), "戶籍-地政");
}

TEST(SlugifyHeadingTest, OnlyPunctuationGivesAnEmptySlug) {
  EXPECT_EQ(SlugifyHeading(""), "");
  EXPECT_EQ(SlugifyHeading("？！。"), "");
  EXPECT_EQ(SlugifyHeading(" - "), "");
}

// ---------------------------------------------------------------------------------------
// InvalidSlugReason

TEST(InvalidSlugReasonTest, AcceptsOrdinaryAndChineseSlugs) {
  EXPECT_FALSE(InvalidSlugReason("civil").has_value());
  EXPECT_FALSE(InvalidSlugReason("id-card_2024.v2").has_value());
  EXPECT_FALSE(InvalidSlugReason("志工招募").has_value());
  EXPECT_FALSE(InvalidSlugReason("a.").has_value());
}

TEST(InvalidSlugReasonTest, RejectsEmptyAndDotNames) {
  EXPECT_EQ(InvalidSlugReason(""), "it is empty");
  EXPECT_EQ(InvalidSlugReason("."), "'.' and '..' are not names");
  EXPECT_EQ(InvalidSlugReason(".."), "'.' and '..' are not names");
}

TEST(InvalidSlugReasonTest, RejectsHiddenNames) {
  const auto reason = InvalidSlugReason(".git");
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("starts with '.'"), std::string::npos);
}

TEST(InvalidSlugReasonTest, RejectsSpacesAndControlCharacters) {
  EXPECT_EQ(InvalidSlugReason("志工 招募"), "it contains a space");
  EXPECT_EQ(InvalidSlugReason("a\tb"), "it contains a control character");
  EXPECT_EQ(InvalidSlugReason("a\nb"), "it contains a control character");
  EXPECT_EQ(InvalidSlugReason("a\x7F"), "it contains a control character");
}

TEST(InvalidSlugReasonTest, RejectsUrlAndPathSpecialCharacters) {
  for (char c : std::string("/\\?#%\"<>|*:")) {
    const std::string slug = std::string("a") + c + "b";
    EXPECT_EQ(InvalidSlugReason(slug), std::string("it contains '") + c + "'") << slug;
  }
}

// ---------------------------------------------------------------------------------------
// HasUrlScheme

TEST(HasUrlSchemeTest, SchemesOfOtherSitesAndData) {
  EXPECT_TRUE(HasUrlScheme("https://www.gov.tw/"));
  EXPECT_TRUE(HasUrlScheme("mailto:service@qingxi.gov.tw"));
  EXPECT_TRUE(HasUrlScheme("data:image/png;base64,AAAA"));
  EXPECT_TRUE(HasUrlScheme("tel:+886-2-2345-6789"));
}

TEST(HasUrlSchemeTest, PathsWhoseColonComesLater) {
  EXPECT_FALSE(HasUrlScheme("flow-chart.png"));
  EXPECT_FALSE(HasUrlScheme("/faq/"));
  EXPECT_FALSE(HasUrlScheme("images/10:30.png"));
  EXPECT_FALSE(HasUrlScheme("?at=10:30"));
  EXPECT_FALSE(HasUrlScheme("#a:b"));
  EXPECT_FALSE(HasUrlScheme(":x"));
  EXPECT_FALSE(HasUrlScheme("申請:表.png"));
}

// ---------------------------------------------------------------------------------------
// Trim, StartsWith, EndsWith

TEST(TrimTest, RemovesAsciiWhitespaceOnBothEnds) {
  EXPECT_EQ(Trim("  \t公告\r\n"), "公告");
  EXPECT_EQ(Trim("a b"), "a b");
  EXPECT_EQ(Trim(" \t\r\n"), "");
  EXPECT_EQ(Trim(""), "");
}

TEST(TrimTest, KeepsIdeographicSpace) {
  // Only ASCII white space is trimmed; a full-width space is content.
  EXPECT_EQ(Trim(" \u3000公告 "), "\u3000公告");
}

TEST(StartsEndsWithTest, MatchesPrefixesAndSuffixes) {
  EXPECT_TRUE(StartsWith("志工招募.zh-TW.md", "志工"));
  EXPECT_FALSE(StartsWith("ab", "abc"));
  EXPECT_TRUE(StartsWith("abc", ""));
  EXPECT_TRUE(EndsWith("志工招募.zh-TW.md", ".zh-TW.md"));
  EXPECT_FALSE(EndsWith("md", ".md"));
  EXPECT_TRUE(EndsWith("abc", ""));
}

// ---------------------------------------------------------------------------------------
// SplitLines

TEST(SplitLinesTest, SplitsOnNewlines) {
  EXPECT_EQ(SplitLines("第一行\n第二行\n第三行"),
            (std::vector<std::string>{"第一行", "第二行", "第三行"}));
}

TEST(SplitLinesTest, StripsCarriageReturnsOfWindowsLineEnds) {
  EXPECT_EQ(SplitLines("a\r\nb\r\n"), (std::vector<std::string>{"a", "b", ""}));
}

TEST(SplitLinesTest, KeepsEmptyLines) {
  EXPECT_EQ(SplitLines("a\n\nb"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(SplitLines("a\n"), (std::vector<std::string>{"a", ""}));
}

TEST(SplitLinesTest, EmptyTextIsOneEmptyLine) {
  EXPECT_EQ(SplitLines(""), (std::vector<std::string>{""}));
}

TEST(FormatCountTest, SeparatesThousands) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(100000), "100,000");
  EXPECT_EQ(FormatCount(12345678), "12,345,678");
}

}  // namespace
}  // namespace kiosk

namespace kiosk {
namespace {

TEST(DecodeUrlPathTest, UndoesEncodeUrlPath) {
  const std::string path = "/news/志工招募/a b.pdf";
  EXPECT_EQ(DecodeUrlPath(EncodeUrlPath(path)), path);
  EXPECT_EQ(DecodeUrlPath("%zz%4"), "%zz%4") << "malformed escapes stay as written";
}

}  // namespace
}  // namespace kiosk

namespace kiosk {
namespace {

TEST(NearestNameTest, ATypoFindsTheName) {
  const std::vector<std::string> commands = {"build", "poster", "check", "help"};
  EXPECT_EQ(NearestName("biuld", commands), "build") << "two letters swapped";
  EXPECT_EQ(NearestName("postr", commands), "poster") << "a letter left out";
  EXPECT_EQ(NearestName("chekc", commands), "check");
  EXPECT_EQ(NearestName("publish", commands), std::nullopt) << "nothing close";
  EXPECT_EQ(NearestName("", commands), std::nullopt);
}

TEST(NearestNameTest, ABeginningFindsTheOnlyNameItBegins) {
  const std::vector<std::string> options = {"--output", "--strict-translations", "--section",
                                            "--size"};
  EXPECT_EQ(NearestName("--strict", options), "--strict-translations");
  EXPECT_EQ(NearestName("--outptu", options), "--output");
  EXPECT_EQ(NearestName("--s", options), std::nullopt) << "begins three names";
}

TEST(NearestNameTest, ShortWordsAndTiesSuggestNothing) {
  EXPECT_EQ(NearestName("-x", {"-o", "-j", "-q"}), std::nullopt) << "one letter is no typo";
  EXPECT_EQ(NearestName("--sise", {"--size", "--site"}), std::nullopt) << "two as close";
}

}  // namespace
}  // namespace kiosk
