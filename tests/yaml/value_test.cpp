#include "yaml/value.h"

#include <gtest/gtest.h>

#include <string>

namespace kiosk {
namespace {

Value ParseOk(std::string_view text, int first_line = 1) {
  Result<Value> result = ParseYaml(text, "page.md", first_line);
  EXPECT_TRUE(result.ok()) << result.error().format();
  return result.ok() ? *result : Value{};
}

// ---------------------------------------------------------------------------------------
// Kinds

TEST(ParseYamlTest, EmptyDocumentIsNull) {
  EXPECT_TRUE(ParseOk("").is_null());
  EXPECT_TRUE(ParseOk("# 只有註解\n").is_null());
}

TEST(ParseYamlTest, ScalarDocument) {
  const Value value = ParseOk("清溪區公所");
  ASSERT_TRUE(value.is_scalar());
  EXPECT_EQ(value.scalar, "清溪區公所");
}

TEST(ParseYamlTest, MapKeepsEntriesInSourceOrder) {
  const Value value = ParseOk("title: 志工招募\ndate: 2024-03-01\ndraft: false\n");
  ASSERT_TRUE(value.is_map());
  ASSERT_EQ(value.entries.size(), 3u);
  EXPECT_EQ(value.entries[0].key, "title");
  EXPECT_EQ(value.entries[1].key, "date");
  EXPECT_EQ(value.entries[2].key, "draft");
  EXPECT_EQ(value.entries[0].value.scalar, "志工招募");
  EXPECT_EQ(value.entries[1].value.scalar, "2024-03-01");
}

TEST(ParseYamlTest, FindReturnsValueOrNull) {
  const Value value = ParseOk("title: 公告\n");
  ASSERT_NE(value.Find("title"), nullptr);
  EXPECT_EQ(value.Find("title")->scalar, "公告");
  EXPECT_EQ(value.Find("missing"), nullptr);
  EXPECT_EQ(value.Find("title")->Find("title"), nullptr);  // not a map
}

TEST(ParseYamlTest, BlockAndFlowLists) {
  const Value value = ParseOk("tags:\n  - 志工\n  - 招募\nflow: [一, 二, 三]\n");
  const Value* tags = value.Find("tags");
  ASSERT_NE(tags, nullptr);
  ASSERT_TRUE(tags->is_list());
  ASSERT_EQ(tags->items.size(), 2u);
  EXPECT_EQ(tags->items[0].scalar, "志工");
  EXPECT_EQ(tags->items[1].scalar, "招募");
  const Value* flow = value.Find("flow");
  ASSERT_NE(flow, nullptr);
  ASSERT_TRUE(flow->is_list());
  EXPECT_EQ(flow->items.size(), 3u);
}

TEST(ParseYamlTest, NestedFlowMap) {
  const Value value = ParseOk("name: { zh-TW: 民政課, en: Civil Affairs }\n");
  const Value* name = value.Find("name");
  ASSERT_NE(name, nullptr);
  ASSERT_TRUE(name->is_map());
  ASSERT_NE(name->Find("zh-TW"), nullptr);
  EXPECT_EQ(name->Find("zh-TW")->scalar, "民政課");
  EXPECT_EQ(name->Find("en")->scalar, "Civil Affairs");
}

TEST(ParseYamlTest, EmptyValuesAndTildeAreNull) {
  const Value value = ParseOk("a:\nb: ~\nc: null\n");
  EXPECT_TRUE(value.Find("a")->is_null());
  EXPECT_TRUE(value.Find("b")->is_null());
  EXPECT_TRUE(value.Find("c")->is_null());
}

TEST(ParseYamlTest, OnlyUntaggedPlainNullFormsAreNull) {
  // YAML's core schema: empty, ~, null, Null and NULL, unless quoted or tagged.
  const Value value =
      ParseOk("a: Null\nb: NULL\nc: nUll\nd: \"null\"\ne: '~'\nf: !!str null\ng: [~, null, ]\n");
  EXPECT_TRUE(value.Find("a")->is_null());
  EXPECT_TRUE(value.Find("b")->is_null());
  for (const char* key : {"c", "d", "e", "f"}) {
    ASSERT_TRUE(value.Find(key)->is_scalar()) << key;
  }
  EXPECT_EQ(value.Find("c")->scalar, "nUll");
  EXPECT_EQ(value.Find("d")->scalar, "null");
  EXPECT_EQ(value.Find("e")->scalar, "~");
  EXPECT_EQ(value.Find("f")->scalar, "null");
  const Value* list = value.Find("g");
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_TRUE(list->items[0].is_null());
  EXPECT_TRUE(list->items[1].is_null());
}

TEST(ParseYamlTest, OnlyTheFirstDocumentIsRead) {
  // The rest is not even parsed, so its errors do not count.
  const Value value = ParseOk("title: 公告\n---\ntitle: 另一個\ntags: [\n");
  ASSERT_EQ(value.entries.size(), 1u);
  EXPECT_EQ(value.Find("title")->scalar, "公告");
  EXPECT_TRUE(ParseOk("---\n").is_null());
}

TEST(ParseYamlTest, QuotedEmptyStringIsAnEmptyScalar) {
  const Value value = ParseOk("a: \"\"\n");
  ASSERT_TRUE(value.Find("a")->is_scalar());
  EXPECT_EQ(value.Find("a")->scalar, "");
  EXPECT_TRUE(value.Find("a")->quoted);
}

TEST(ParseYamlTest, DescribeNamesTheKind) {
  const Value value = ParseOk("s: 公告\nl: [1]\nm: {a: 1}\nn:\n");
  EXPECT_EQ(value.Find("s")->Describe(), "the text '公告'");
  EXPECT_EQ(value.Find("l")->Describe(), "a list");
  EXPECT_EQ(value.Find("m")->Describe(), "a map");
  EXPECT_EQ(value.Find("n")->Describe(), "nothing");
}

// ---------------------------------------------------------------------------------------
// Quoting

TEST(ParseYamlTest, QuotedFlagTellsQuotedFromPlainScalars) {
  const Value value = ParseOk("plain: true\ndouble: \"true\"\nsingle: 'true'\n");
  EXPECT_FALSE(value.Find("plain")->quoted);
  EXPECT_TRUE(value.Find("double")->quoted);
  EXPECT_TRUE(value.Find("single")->quoted);
  EXPECT_EQ(value.Find("double")->scalar, "true");
  EXPECT_EQ(value.Find("single")->scalar, "true");
}

TEST(ParseYamlTest, QuotedScalarsAreUnquoted) {
  const Value value = ParseOk("phone: \"(02) 1234-5678 #201\"\ntitle: '常見問題: 身分證'\n");
  EXPECT_EQ(value.Find("phone")->scalar, "(02) 1234-5678 #201");
  EXPECT_EQ(value.Find("title")->scalar, "常見問題: 身分證");
}

TEST(ParseYamlTest, BlockScalarsKeepTheirLines) {
  const Value value = ParseOk("summary: |\n  第一行\n  第二行\n");
  const Value* summary = value.Find("summary");
  ASSERT_TRUE(summary->is_scalar());
  EXPECT_EQ(summary->scalar, "第一行\n第二行\n");
}

TEST(ParseYamlTest, BlockScalarsCountAsQuoted) {
  // Like quoted scalars, block scalars are never plain: `|` then `true` is text, not a bool.
  const Value value = ParseOk("draft: |-\n  true\n");
  EXPECT_TRUE(value.Find("draft")->quoted);
  EXPECT_FALSE(value.Find("draft")->AsBool().has_value());
}

TEST(ParseYamlTest, FoldedScalarsCountAsQuoted) {
  const Value value = ParseOk("summary: >\n  第一行\n  第二行\ndraft: >-\n  true\n");
  EXPECT_EQ(value.Find("summary")->scalar, "第一行 第二行\n");
  EXPECT_TRUE(value.Find("summary")->quoted);
  EXPECT_TRUE(value.Find("draft")->quoted);
  EXPECT_FALSE(value.Find("draft")->AsBool().has_value());
}

TEST(ParseYamlTest, ExclamationTagCountsAsQuoted) {
  // `!` asks for text as quotes do; other tags leave a scalar as it is written.
  const Value value = ParseOk("a: ! true\nb: !!str \"true\"\nc: !!str true\n");
  EXPECT_TRUE(value.Find("a")->quoted);
  EXPECT_TRUE(value.Find("b")->quoted);
  EXPECT_FALSE(value.Find("c")->quoted);
  EXPECT_EQ(value.Find("c")->scalar, "true");
}

// ---------------------------------------------------------------------------------------
// Anchors and aliases

TEST(ParseYamlTest, AliasIsACopyOfItsAnchorsValue) {
  const Value value = ParseOk(
      "base: &civil\n  zh-TW: 民政課\n  en: Civil Affairs\nother: *civil\nname: &n 標題\n"
      "copy: *n\n");
  const Value* other = value.Find("other");
  ASSERT_TRUE(other->is_map());
  EXPECT_EQ(other->Find("zh-TW")->scalar, "民政課");
  EXPECT_EQ(other->Find("en")->scalar, "Civil Affairs");
  // The copy keeps the locations of the anchored value: errors point where it is written.
  EXPECT_EQ(other->where.line, 1);
  EXPECT_EQ(other->where.column, 7);
  EXPECT_EQ(other->Find("zh-TW")->where.line, 2);
  EXPECT_EQ(value.Find("copy")->scalar, "標題");
  EXPECT_FALSE(value.Find("copy")->quoted);
}

TEST(ParseYamlTest, AliasCanBeAKey) {
  const Value value = ParseOk("key: &k 標題\n*k : 公告\n");
  ASSERT_EQ(value.entries.size(), 2u);
  EXPECT_EQ(value.entries[1].key, "標題");
  EXPECT_EQ(value.entries[1].value.scalar, "公告");
}

TEST(ParseYamlTest, AnchorRedefinedNamesTheLaterValue) {
  const Value value = ParseOk("a: &x 1\nb: &x 2\nc: *x\n");
  EXPECT_EQ(value.Find("c")->scalar, "2");
}

TEST(ParseYamlTest, UndefinedAliasIsInvalidYaml) {
  // A value that starts with '*' is an alias: text like `*注意` must be quoted.
  const Result<Value> result = ParseYaml("標題: 公告\nnote: *draft\n", "news.md", 2);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 3);
  EXPECT_EQ(result.error().where.column, 7);
  EXPECT_EQ(result.error().message.rfind("invalid YAML: ", 0), 0u) << result.error().message;
  EXPECT_NE(result.error().message.find("'draft'"), std::string::npos);
  EXPECT_NE(result.error().hint.find("quote"), std::string::npos);
}

TEST(ParseYamlTest, AliasInsideItsOwnAnchorIsAnError) {
  // It would be a value that contains itself.
  const Result<Value> result = ParseYaml("a: &x [1, *x]\n", "x.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.column, 11);
}

// Nine lists of nine aliases of the list before: 9^9 values from a few hundred bytes.
std::string AliasBomb(int levels) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (int level = 1; level < levels; ++level) {
    const std::string name(1, static_cast<char>('a' + level));
    yaml += name + ": &" + name + " [";
    for (int i = 0; i < 9; ++i) yaml += (i ? ", *" : "*") + previous;
    yaml += "]\n";
    previous = name;
  }
  return yaml;
}

TEST(ParseYamlTest, AliasesThatExpandPastTheBudgetAreAnErrorAtTheAlias) {
  const std::string bomb = AliasBomb(9);
  ASSERT_LT(bomb.size(), 400u);
  const Result<Value> result = ParseYaml(bomb, "content/bomb.md", 2);
  ASSERT_FALSE(result.ok());
  const Diagnostic& error = result.error();
  EXPECT_EQ(error.where.file, "content/bomb.md");
  // The fifth list (line 6 of the file) is the first whose copies pass 100,000.
  EXPECT_EQ(error.where.line, 6);
  EXPECT_NE(error.message.find("100,000"), std::string::npos) << error.message;
  EXPECT_NE(error.hint.find("write the repeated values out"), std::string::npos);
}

TEST(ParseYamlTest, LongTextCopiedByAliasesCountsAgainstTheBudget) {
  // Few values, but each copy 10,000 characters.
  std::string yaml = "a: &a " + std::string(10000, 'x') + "\nb: [";
  for (int i = 0; i < 20; ++i) yaml += (i ? ", *a" : "*a");
  yaml += "]\n";
  const Result<Value> result = ParseYaml(yaml, "site.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 2);
}

TEST(ParseYamlTest, AliasesWithinTheBudgetAreCopies) {
  const Value value = ParseOk(AliasBomb(4));  // 9^4 = 6,561 values
  ASSERT_EQ(value.Find("d")->items.size(), 9u);
  EXPECT_EQ(value.Find("d")->items[8].items[8].items[8].items[8].scalar, "x");
}

// ---------------------------------------------------------------------------------------
// Source locations

TEST(ParseYamlTest, LocationsAreOneBasedLineAndColumn) {
  const Value value = ParseOk("title: 公告\ndate: 2024-03-01\n");
  ASSERT_NE(value.where.file, nullptr);
  EXPECT_EQ(*value.where.file, "page.md");
  EXPECT_EQ(value.where.line, 1);
  EXPECT_EQ(value.where.column, 1);
  const Value::Entry& date = value.entries[1];
  EXPECT_EQ(date.key_where.file, value.where.file) << "one name for the whole document";
  EXPECT_EQ(date.key_where.line, 2);
  EXPECT_EQ(date.key_where.column, 1);
  EXPECT_EQ(date.value.where.line, 2);
  EXPECT_EQ(date.value.where.column, 7);
}

TEST(ParseYamlTest, NestedLocationsFollowIndentation) {
  const Value value = ParseOk("office:\n  name:\n    zh-TW: 清溪區公所\n");
  const Value::Entry& name = value.Find("office")->entries[0];
  EXPECT_EQ(name.key_where.line, 2);
  EXPECT_EQ(name.key_where.column, 3);
  const Value::Entry& zh = name.value.entries[0];
  EXPECT_EQ(zh.key_where.line, 3);
  EXPECT_EQ(zh.key_where.column, 5);
  EXPECT_EQ(zh.value.where.line, 3);
  EXPECT_EQ(zh.value.where.column, 12);
}

TEST(ParseYamlTest, ListItemLocations) {
  const Value value = ParseOk("tags:\n  - 志工\n  - 招募\n");
  const Value* tags = value.Find("tags");
  EXPECT_EQ(tags->items[1].where.line, 3);
  EXPECT_EQ(tags->items[1].where.column, 5);
}

TEST(ParseYamlTest, ValueAfterChineseKeyIsOnTheSameLineToTheRight) {
  const Value value = ParseOk("標題: 公告\n");
  const Value::Entry& entry = value.entries[0];
  EXPECT_EQ(entry.key_where.line, 1);
  EXPECT_EQ(entry.key_where.column, 1);
  EXPECT_EQ(entry.value.where.line, 1);
  EXPECT_GT(entry.value.where.column, 1);
}

// Editors count columns in characters, as FindInvalidUtf8 does, not in bytes.
TEST(ParseYamlTest, ColumnsAfterChineseAreCountedInCharacters) {
  const Value value = ParseOk("標題: 公告\n");
  EXPECT_EQ(value.entries[0].value.where.column, 5);
}

TEST(ParseYamlTest, FirstLineOffsetsEveryLine) {
  // Front matter: the YAML starts on line 2 of the Markdown file, after '---'.
  const Value value = ParseOk("title: 公告\ndate: 2024-03-01\n", 2);
  EXPECT_EQ(value.where.line, 2);
  EXPECT_EQ(value.entries[0].key_where.line, 2);
  EXPECT_EQ(value.entries[1].key_where.line, 3);
  EXPECT_EQ(value.entries[1].key_where.column, 1);
  EXPECT_EQ(value.entries[1].value.where.line, 3);
  EXPECT_EQ(value.entries[1].value.where.column, 7);
}

TEST(ParseYamlTest, FirstLineOffsetDoesNotChangeColumns) {
  const Value a = ParseOk("a:\n  b: 1\n", 1);
  const Value b = ParseOk("a:\n  b: 1\n", 10);
  EXPECT_EQ(b.Find("a")->entries[0].key_where.line, a.Find("a")->entries[0].key_where.line + 9);
  EXPECT_EQ(b.Find("a")->entries[0].key_where.column, a.Find("a")->entries[0].key_where.column);
}

TEST(ParseYamlTest, LinesEndOnlyAtNewlines) {
  // libyaml also ends lines at U+2028; editors and the rest of kiosk do not.
  const Value value = ParseOk("a: \"第一段\u2028第二段\"\nb: 1\n");
  EXPECT_EQ(value.Find("a")->scalar, "第一段\u2028第二段");
  EXPECT_EQ(value.entries[1].key_where.line, 2);
  EXPECT_EQ(value.entries[1].key_where.column, 1);
}

TEST(ParseYamlTest, CrLfLineEnds) {
  const Value value = ParseOk("a: 1\r\n標題: 公告\r\n");
  EXPECT_EQ(value.Find("標題")->scalar, "公告");
  EXPECT_EQ(value.Find("標題")->where.line, 2);
  EXPECT_EQ(value.Find("標題")->where.column, 5);
}

TEST(ParseYamlTest, ByteOrderMarkTakesNoColumn) {
  const Value value = ParseOk("\xEF\xBB\xBFtitle: 公告\n");
  EXPECT_EQ(value.entries[0].key_where.column, 1);
  EXPECT_EQ(value.entries[0].value.where.column, 8);
}

// ---------------------------------------------------------------------------------------
// Errors

TEST(ParseYamlTest, DuplicateKeyIsAnErrorAtTheSecondKey) {
  const Result<Value> result = ParseYaml("title: 公告\ndraft: true\ntitle: 另一個\n", "news.md");
  ASSERT_FALSE(result.ok());
  const Diagnostic& error = result.error();
  EXPECT_EQ(error.severity, Severity::kError);
  EXPECT_EQ(error.where.file, "news.md");
  EXPECT_EQ(error.where.line, 3);
  EXPECT_EQ(error.where.column, 1);
  EXPECT_NE(error.message.find("'title'"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("twice"), std::string::npos) << error.message;
}

TEST(ParseYamlTest, DuplicateNestedKeyIsReportedWithFirstLineOffset) {
  const Result<Value> result = ParseYaml("name:\n  zh-TW: 民政課\n  zh-TW: 社會課\n", "news.md", 2);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 4);
  EXPECT_EQ(result.error().where.column, 3);
  EXPECT_NE(result.error().message.find("'zh-TW'"), std::string::npos);
}

TEST(ParseYamlTest, DuplicateKeyAfterChineseIsAtItsCharacterColumn) {
  const Result<Value> result = ParseYaml("name: {中文: 民政課, 中文: 社會課}\n", "site.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 1);
  EXPECT_EQ(result.error().where.column, 17);
  EXPECT_NE(result.error().message.find("'中文'"), std::string::npos);
}

TEST(ParseYamlTest, InvalidYamlFurtherOnIsReportedBeforeADuplicateKey) {
  // The more basic mistake, wherever it is in the document.
  const Result<Value> result = ParseYaml("a: 1\na: 2\nb: [\n", "x.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.rfind("invalid YAML: ", 0), 0u) << result.error().message;
  EXPECT_EQ(result.error().where.line, 4);
}

TEST(ParseYamlTest, SameKeyInDifferentMapsIsNotADuplicate) {
  const Value value = ParseOk("a: {name: 1}\nb: {name: 2}\n");
  EXPECT_EQ(value.Find("b")->Find("name")->scalar, "2");
}

TEST(ParseYamlTest, SyntaxErrorHasLocation) {
  // An unclosed flow list: the error is reported at or after where it was opened.
  const Result<Value> result = ParseYaml("title: 公告\ntags: [志工, 招募\n", "news.md");
  ASSERT_FALSE(result.ok());
  const Diagnostic& error = result.error();
  EXPECT_EQ(error.severity, Severity::kError);
  EXPECT_EQ(error.where.file, "news.md");
  EXPECT_GE(error.where.line, 2);
  EXPECT_GE(error.where.column, 1);
  EXPECT_EQ(error.message.rfind("invalid YAML: ", 0), 0u) << error.message;
  EXPECT_FALSE(error.hint.empty());
}

TEST(ParseYamlTest, SyntaxErrorLineIsExact) {
  // A second ': ' on one line is an illegal map value, at line 2 column 11.
  const Result<Value> result = ParseYaml("title: 公告\nsummary: a: b\n", "news.md");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 2);
  EXPECT_EQ(result.error().where.column, 11);
}

TEST(ParseYamlTest, SyntaxErrorAfterChineseIsAtItsCharacterColumn) {
  // In bytes the second ':' would be column 17.
  const Result<Value> result = ParseYaml("標題: 公告 a: b\n", "news.md", 2);
  ASSERT_FALSE(result.ok());
  const Diagnostic& error = result.error();
  EXPECT_EQ(error.where.file, "news.md");
  EXPECT_EQ(error.where.line, 2);
  EXPECT_EQ(error.where.column, 9);
  EXPECT_EQ(error.message, "invalid YAML: mapping values are not allowed in this context");
  EXPECT_EQ(error.hint, "check the indentation, and quote values that contain ':' or '#'");
}

TEST(ParseYamlTest, TabIndentationIsInvalidAtTheTab) {
  const Result<Value> result = ParseYaml("標題: 公告\n\t日期: 2024-03-01\n", "news.md", 2);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 3);
  EXPECT_EQ(result.error().where.column, 1);
  EXPECT_EQ(result.error().message.rfind("invalid YAML: ", 0), 0u) << result.error().message;
}

TEST(ParseYamlTest, ControlCharacterIsInvalidAtItsCharacterColumn) {
  // libyaml reports these by byte offset rather than by line and column.
  const Result<Value> result = ParseYaml("a: 1\n標題: 公告\x01\n", "news.md", 2);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 3);
  EXPECT_EQ(result.error().where.column, 7);
  EXPECT_EQ(result.error().message, "invalid YAML: control characters are not allowed");
}

TEST(ParseYamlTest, UnclosedListSaysWhereItStarts) {
  // libyaml notices at the end of the text; the message names the line of the '['.
  const Result<Value> result = ParseYaml("title: 公告\ntags: [志工, 招募\n", "news.md", 2);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 4);
  EXPECT_NE(result.error().message.find("starts on line 3"), std::string::npos)
      << result.error().message;
}

TEST(ParseYamlTest, NestingIsLimited) {
  const auto nested = [](int depth) {
    return std::string(depth, '[') + std::string(depth, ']') + "\n";
  };
  EXPECT_TRUE(ParseYaml(nested(1000), "x.yaml").ok());
  const Result<Value> result = ParseYaml(nested(1001), "x.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.column, 1001);
  EXPECT_EQ(result.error().message.rfind("invalid YAML: ", 0), 0u) << result.error().message;
}

TEST(ParseYamlTest, SyntaxErrorLineIncludesFirstLineOffset) {
  const Result<Value> at_1 = ParseYaml("title: 公告\nsummary: a: b\n", "news.md", 1);
  const Result<Value> at_2 = ParseYaml("title: 公告\nsummary: a: b\n", "news.md", 2);
  ASSERT_FALSE(at_1.ok());
  ASSERT_FALSE(at_2.ok());
  EXPECT_EQ(at_2.error().where.line, at_1.error().where.line + 1);
  EXPECT_EQ(at_2.error().where.column, at_1.error().where.column);
}

TEST(ParseYamlTest, SyntaxErrorMessageStartsLowerCase) {
  const Result<Value> result = ParseYaml("a: [1, 2\n", "x.yaml");
  ASSERT_FALSE(result.ok());
  const std::string& message = result.error().message;
  ASSERT_GT(message.size(), std::string("invalid YAML: ").size());
  const char first = message[std::string("invalid YAML: ").size()];
  EXPECT_FALSE(first >= 'A' && first <= 'Z') << message;
}

TEST(ParseYamlTest, NonScalarKeyIsAnError) {
  const Result<Value> result = ParseYaml("? [a, b]\n: 1\n", "x.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 1);
  EXPECT_NE(result.error().message.find("plain text"), std::string::npos);
}

TEST(ParseYamlTest, NullKeyIsAnError) {
  const Result<Value> result = ParseYaml("a: 1\n~: 2\n", "x.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().where.line, 2);
  EXPECT_EQ(result.error().where.column, 1);
  EXPECT_NE(result.error().message.find("plain text"), std::string::npos);
}

// ---------------------------------------------------------------------------------------
// AsBool and AsInteger

TEST(ValueAsBoolTest, AcceptsYamlBooleanWordsInAnyCase) {
  const Value value = ParseOk("a: true\nb: FALSE\nc: Yes\nd: no\ne: On\nf: off\n");
  EXPECT_EQ(value.Find("a")->AsBool(), true);
  EXPECT_EQ(value.Find("b")->AsBool(), false);
  EXPECT_EQ(value.Find("c")->AsBool(), true);
  EXPECT_EQ(value.Find("d")->AsBool(), false);
  EXPECT_EQ(value.Find("e")->AsBool(), true);
  EXPECT_EQ(value.Find("f")->AsBool(), false);
}

TEST(ValueAsBoolTest, RejectsQuotedOtherTextAndNonScalars) {
  const Value value = ParseOk("a: \"true\"\nb: 是\nc: 1\nd: [true]\ne:\n");
  EXPECT_FALSE(value.Find("a")->AsBool().has_value());
  EXPECT_FALSE(value.Find("b")->AsBool().has_value());
  EXPECT_FALSE(value.Find("c")->AsBool().has_value());
  EXPECT_FALSE(value.Find("d")->AsBool().has_value());
  EXPECT_FALSE(value.Find("e")->AsBool().has_value());
}

TEST(ValueAsIntegerTest, AcceptsSignedWholeNumbers) {
  const Value value = ParseOk("a: 6\nb: -12\nc: +3\nd: 0\ne: 007\n");
  EXPECT_EQ(value.Find("a")->AsInteger(), 6);
  EXPECT_EQ(value.Find("b")->AsInteger(), -12);
  EXPECT_EQ(value.Find("c")->AsInteger(), 3);
  EXPECT_EQ(value.Find("d")->AsInteger(), 0);
  EXPECT_EQ(value.Find("e")->AsInteger(), 7);
}

TEST(ValueAsIntegerTest, RejectsNonIntegers) {
  const Value value =
      ParseOk("a: 1.5\nb: \"6\"\nc: six\nd: +\ne: 0x10\nf: 1 000\ng: 六\nh:\ni: [1]\n");
  for (const char* key : {"a", "b", "c", "d", "e", "f", "g", "h", "i"}) {
    const Value* found = value.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_FALSE(found->AsInteger().has_value()) << key;
  }
}

TEST(ValueAsIntegerTest, RejectsNumbersTooLongToBeSafe) {
  const Value value = ParseOk("a: 123456789012345678\nb: 1234567890123456789\n");
  EXPECT_EQ(value.Find("a")->AsInteger(), 123456789012345678LL);
  EXPECT_FALSE(value.Find("b")->AsInteger().has_value());
}

}  // namespace
}  // namespace kiosk
