#include "check/html_document.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kiosk::check {
namespace {

HtmlDocument Parse(std::string_view html) {
  Result<HtmlDocument> document = HtmlDocument::Parse(html, "page.html");
  EXPECT_TRUE(document.ok());
  return std::move(*document);
}

int First(const HtmlDocument& page, std::string_view name) {
  for (size_t id = 0; id < page.nodes().size(); ++id) {
    if (page.node(static_cast<int>(id)).name == name) return static_cast<int>(id);
  }
  return -1;
}

std::vector<std::string> Kinds(const HtmlDocument& page) {
  std::vector<std::string> kinds;
  for (const HtmlProblem& problem : page.problems()) {
    kinds.push_back(std::to_string(problem.line) + ":" + std::to_string(problem.column) + " " +
                    problem.kind);
  }
  return kinds;
}

TEST(CheckHtmlDocument, ElementsKeepTheirLinesColumnsAndAttributes) {
  const HtmlDocument page = Parse(
      "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head><title>清溪區</title></head>\n"
      "<body>\n<p>中文字\t<a href=\"/faq/\" TITLE='常見'>常見問題</a></p>\n</body>\n</html>\n");
  ASSERT_GE(page.html(), 0);
  EXPECT_EQ(*page.node(page.html()).Find("lang"), "zh-Hant-TW");
  const int link = First(page, "a");
  ASSERT_GE(link, 0);
  EXPECT_EQ(page.node(link).line, 5);
  EXPECT_EQ(page.node(link).column, 8);  // in characters, a tab counting one
  ASSERT_EQ(page.node(link).attributes.size(), 2u);
  EXPECT_EQ(page.node(link).attributes[0].name, "href");
  EXPECT_EQ(page.node(link).attributes[1].name, "title");  // lower case
  EXPECT_EQ(page.TextContent(link), "常見問題");
  EXPECT_EQ(page.node(page.node(link).parent).name, "p");
  EXPECT_EQ(page.Snippet(link), "<a href=\"/faq/\" TITLE='常見'>");
  EXPECT_TRUE(page.problems().empty());
}

TEST(CheckHtmlDocument, DecodesReferencesInTextAndKeepsTextPositions) {
  const HtmlDocument page = Parse(
      "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head>\n"
      "<body><p>A &amp; B&nbsp;C</p></body></html>");
  const int paragraph = First(page, "p");
  ASSERT_GE(paragraph, 0);
  const HtmlNode& text = page.node(page.node(paragraph).children[0]);
  EXPECT_TRUE(text.is_text());
  EXPECT_EQ(text.text, "A & B\u00A0C");
  EXPECT_EQ(text.line, 2);
  EXPECT_EQ(text.column, 10);
}

TEST(CheckHtmlDocument, StyleContentStartsWhereItIsWritten) {
  const HtmlDocument page = Parse(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title>\n<style>\n"
      "  p { color: red }\n</style></head><body></body></html>");
  const int style = First(page, "style");
  ASSERT_GE(style, 0);
  const HtmlNode& text = page.node(page.node(style).children.at(0));
  EXPECT_EQ(text.line, 4);
  EXPECT_EQ(text.column, 1);
}

TEST(CheckHtmlDocument, ImpliedStructureIsKeptButInventedElementsAreNot) {
  // No <html>, <head> or <body> (valid), and a stray </p> (tidy invents an empty <p>).
  const HtmlDocument page =
      Parse("<!DOCTYPE html>\n<title>t</title>\n<p>one</p></p>\n<div>two</div>\n");
  EXPECT_GE(page.html(), 0);
  EXPECT_GE(page.head(), 0);
  EXPECT_GE(page.body(), 0);
  int paragraphs = 0;
  for (const HtmlNode& node : page.nodes()) paragraphs += node.name == "p";
  EXPECT_EQ(paragraphs, 1);
  EXPECT_EQ(Kinds(page), (std::vector<std::string>{"3:11 INSERTING_TAG"}));
  // An implied element's snippet is written out from the tree.
  EXPECT_EQ(page.Snippet(page.body()), "<body>");
}

TEST(CheckHtmlDocument, ModernHtml5IsNotAValidityError) {
  const HtmlDocument page = Parse(R"(<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head><meta charset="utf-8"><title>現代</title></head>
<body>
<header><search><form role="search"><input type="search" name="q" aria-label="搜尋" enterkeyhint="search"></form></search></header>
<nav aria-label="主選單"><ul><li><a href="/服務/">服務</a></li></ul></nav>
<main>
<section><h1>標題</h1>
<time datetime="2026-05-25">5 月 25 日</time>
<dl><div><dt>費用</dt><dd>15 元</dd></div></dl>
<svg viewBox="0 0 1 1" role="img" aria-labelledby="t" shape-rendering="crispEdges"><title id="t">圖</title><rect width="1" height="1" fill="#fff"/></svg>
<img src="a.png" alt="圖" loading="lazy" decoding="async">
<my-element><p>自訂元素</p></my-element>
<p><data value="1">一</data> <a href="?a=1&b=2">查詢</a></p>
<template><tr><td>範本</td></tr></template>
<menu><li><button type="button">分享</button></li></menu>
<dialog><form method="dialog"><button>關閉</button></form></dialog>
</section>
</main>
</body>
</html>
)");
  EXPECT_TRUE(page.problems().empty()) << ::testing::PrintToString(Kinds(page));
  // Template content is inert: blanked for the parser, so the page after it is intact.
  EXPECT_GE(First(page, "menu"), 0);
  EXPECT_EQ(page.node(First(page, "menu")).line, 16);
}

TEST(CheckHtmlDocument, ReportsValidityErrorsWithTheirPositions) {
  const HtmlDocument page = Parse(R"(<!DOCTYPE html>
<html lang="en">
<head><title>t</title></head>
<body>
<p id="a">one</p><p id="a">two</p>
<p><span>open</p>
<p>stray</div></p>
<font color="red">old</font>
<p>&bogus; and AT&T and &copy 2026</p>
<a href="/a b">space</a>
<unknownthing>x</unknownthing>
</body>
</html>
)");
  const std::vector<std::string> kinds = Kinds(page);
  const std::vector<std::string> expected = {
      "5:18 ANCHOR_NOT_UNIQUE",     "6:4 MISSING_ENDTAG_BEFORE", "7:9 DISCARDING_UNEXPECTED",
      "8:1 REMOVED_HTML5",          "9:4 UNKNOWN_ENTITY",        "9:25 MISSING_SEMICOLON",
      "10:1 ILLEGAL_URI_CODEPOINT", "11:1 UNKNOWN_ELEMENT"};
  EXPECT_EQ(kinds, expected);
  for (const HtmlProblem& problem : page.problems()) {
    EXPECT_FALSE(problem.message_en.empty());
    EXPECT_FALSE(problem.message_zh.empty());
  }
}

TEST(CheckHtmlDocument, MissingDoctypeIsAValidityError) {
  const HtmlDocument page =
      Parse("<html lang=\"en\"><head><title>t</title></head><body></body></html>");
  EXPECT_EQ(Kinds(page), (std::vector<std::string>{"1:1 MISSING_DOCTYPE"}));
}

TEST(CheckHtmlDocument, AttributePositionFindsTheValue) {
  const HtmlDocument page = Parse(
      "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>\n"
      "<p data-x=\"style=\" class=a\n   style=\"color: red\">x</p></body></html>");
  const int paragraph = First(page, "p");
  EXPECT_EQ(page.AttributePosition(paragraph, "style"), std::make_pair(3, 11));
  EXPECT_EQ(page.AttributePosition(paragraph, "class"), std::make_pair(2, 26));
  EXPECT_EQ(page.AttributePosition(paragraph, "missing"), std::make_pair(2, 1));
}

TEST(CheckHtmlDocument, SnippetsAreShortened) {
  const std::string title(200, 'x');
  const HtmlDocument page = Parse(
      "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head>"
      "<body><p title=\"" +
      title + "\">x</p></body></html>");
  const std::string snippet = page.Snippet(First(page, "p"));
  EXPECT_EQ(snippet.substr(0, 11), "<p title=\"x");
  EXPECT_EQ(snippet.size(), 120u + std::string("…").size());
}

TEST(CheckHtmlDocument, BlankAndCollapse) {
  EXPECT_TRUE(IsBlank(" \t\n\u00A0\u3000\u200B"));
  EXPECT_FALSE(IsBlank(" 字 "));
  EXPECT_EQ(CollapseSpace("  a \n\u00A0 b  "), "a b");
  EXPECT_EQ(Lower("ABC中"), "abc中");
}

}  // namespace
}  // namespace kiosk::check
