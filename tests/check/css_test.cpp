#include "check/css.h"

#include <gtest/gtest.h>

#include <cmath>

#include "check/html_document.h"
#include "check/lang_tag.h"
#include "check/style.h"

namespace kiosk::check {
namespace {

HtmlDocument Parse(std::string_view html) {
  Result<HtmlDocument> document = HtmlDocument::Parse(html);
  EXPECT_TRUE(document.ok());
  return std::move(*document);
}

int ById(const HtmlDocument& page, std::string_view id) { return page.ElementById(id); }

TEST(CheckCss, ParsesRulesWithPositionsMediaAndImports) {
  const Stylesheet sheet = ParseStylesheet(R"css(@import url("base.css") screen;
/* a comment { with braces } */
h1, .title > a { color: #333; font-size: 2rem !important }
@media print { body { font-size: 12pt } }
@media (min-width: 48em) {
  @supports (display: grid) { .grid { display: grid } }
}
@font-face { font-family: x; src: url(x.woff2) }
a::before { content: "}"; }
.icon { background: url(data:image/svg+xml;utf8,<svg/>) no-repeat }
)css",
                                           10, 8);
  ASSERT_EQ(sheet.imports.size(), 1u);
  EXPECT_EQ(sheet.imports[0].url, "base.css");
  EXPECT_EQ(sheet.imports[0].media, "screen");
  ASSERT_EQ(sheet.rules.size(), 5u);
  const CssRule& heading = sheet.rules[0];
  EXPECT_EQ(heading.selector_text, "h1, .title > a");
  EXPECT_EQ(heading.selectors.size(), 2u);
  EXPECT_EQ(heading.line, 12);
  ASSERT_EQ(heading.declarations.size(), 2u);
  EXPECT_EQ(heading.declarations[0].property, "color");
  EXPECT_EQ(heading.declarations[0].value, "#333");
  EXPECT_EQ(heading.declarations[0].line, 12);
  EXPECT_EQ(heading.declarations[0].column, 18);
  EXPECT_TRUE(heading.declarations[1].important);
  EXPECT_EQ(heading.declarations[1].value, "2rem");
  EXPECT_EQ(sheet.rules[1].media, "print");
  EXPECT_EQ(sheet.rules[2].media, "(min-width: 48em)");
  EXPECT_EQ(sheet.rules[2].declarations[0].line, 15);
  EXPECT_EQ(sheet.rules[3].declarations[0].value, "\"}\"");
  EXPECT_EQ(sheet.rules[4].declarations[0].value, "url(data:image/svg+xml;utf8,<svg/>) no-repeat");
  // The first line's column counts from where the text starts in its file.
  EXPECT_EQ(ParseStylesheet("p{color:red}", 3, 8).rules[0].declarations[0].column, 10);
}

TEST(CheckCss, ParsesStyleAttributes) {
  const auto declarations = ParseDeclarations("color: red; font-size:12px ;;", 4, 20);
  ASSERT_EQ(declarations.size(), 2u);
  EXPECT_EQ(declarations[1].property, "font-size");
  EXPECT_EQ(declarations[1].value, "12px");
  EXPECT_EQ(declarations[1].line, 4);
  EXPECT_EQ(declarations[1].column, 32);
}

TEST(CheckCss, SelectorsMatchTheSupportedSubset) {
  const HtmlDocument page = Parse(R"(<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><title>t</title></head><body>
<nav id="menu" class="main-menu"><ul><li><a id="first" href="/" aria-current="page">首頁</a></li>
<li><a id="second" href="/faq/" class="x current">常見問題</a></li></ul></nav>
<p id="english" lang="en">Hello</p><p id="after">後</p>
</body></html>)");
  const int first = ById(page, "first");
  const int second = ById(page, "second");
  const auto matches = [&](const char* selector, int element) {
    return CssSelector::Parse(selector).Matches(page, element);
  };
  EXPECT_TRUE(matches("a", first));
  EXPECT_TRUE(matches("*", first));
  EXPECT_TRUE(matches("nav a", first));
  EXPECT_TRUE(matches(".main-menu ul > li > a", first));
  EXPECT_FALSE(matches(".main-menu > a", first));
  EXPECT_TRUE(matches("#menu a[aria-current]", first));
  EXPECT_TRUE(matches("a[aria-current=page]", first));
  EXPECT_FALSE(matches("a[aria-current]", second));
  EXPECT_TRUE(matches("a.current", second));
  EXPECT_TRUE(matches("a[href^='/f']", second));
  EXPECT_TRUE(matches("li:first-child a", first));
  EXPECT_TRUE(matches("li:last-child a", second));
  EXPECT_TRUE(matches("li + li a", second));
  EXPECT_TRUE(matches("a:not(.current)", first));
  EXPECT_FALSE(matches("a:not(.current)", second));
  EXPECT_TRUE(matches(":is(nav, footer) a", first));
  EXPECT_TRUE(matches(":root", page.html()));
  EXPECT_TRUE(matches(":lang(zh)", first));
  EXPECT_TRUE(matches("p:lang(en)", ById(page, "english")));
  EXPECT_TRUE(matches("#english ~ p", ById(page, "after")));
  EXPECT_TRUE(matches("a:any-link", first));
  // Dynamic states and generated content never match an element's own static text.
  for (const char* never : {"a:hover", "a:focus", "a:visited", "a::before", "a:before", "li:has(a)",
                            "a:unknown-state"}) {
    EXPECT_FALSE(CssSelector::Parse(never).matchable()) << never;
    EXPECT_FALSE(matches(never, first)) << never;
  }
  EXPECT_TRUE(CssSelector::Parse("a:not(:hover)").matchable());
}

TEST(CheckCss, Specificity) {
  EXPECT_EQ(CssSelector::Parse("a").specificity(), 1);
  EXPECT_EQ(CssSelector::Parse(".x a").specificity(), 1001);
  EXPECT_EQ(CssSelector::Parse("#m .x a[href]").specificity(), 1002001);
  EXPECT_EQ(CssSelector::Parse(":where(#m) a").specificity(), 1);
  EXPECT_EQ(CssSelector::Parse(":is(#m, a) b").specificity(), 1000001);
  EXPECT_EQ(CssSelector::Parse("a:not(.x)").specificity(), 1001);
}

TEST(CheckCss, MediaQueries) {
  EXPECT_TRUE(MediaApplies(""));
  EXPECT_TRUE(MediaApplies("screen"));
  EXPECT_TRUE(MediaApplies("all and (min-width: 48em)"));
  EXPECT_FALSE(MediaApplies("print"));
  EXPECT_TRUE(MediaApplies("screen, print"));
  EXPECT_TRUE(MediaApplies("not print"));
  EXPECT_FALSE(MediaApplies("(prefers-color-scheme: dark)"));
  EXPECT_TRUE(MediaApplies("(prefers-color-scheme: light)"));
  EXPECT_FALSE(MediaApplies("(forced-colors: active)"));
  EXPECT_TRUE(MediaApplies("(prefers-reduced-motion: no-preference)"));
  // Widths match anything unless a viewport is given.
  EXPECT_TRUE(MediaApplies("(max-width: 30em)"));
  EXPECT_FALSE(MediaApplies("(max-width: 30em)", 1280));
  EXPECT_TRUE(MediaApplies("screen and (min-width: 768px)", 1280));
}

TEST(CheckCss, Colours) {
  const auto hex = [](std::string_view value) {
    const auto colour = ParseColor(value);
    return colour ? ColorToString(*colour) : std::string("none");
  };
  EXPECT_EQ(hex("#abc"), "#aabbcc");
  EXPECT_EQ(hex("#0B4A7D"), "#0b4a7d");
  EXPECT_EQ(hex("rgb(11, 74, 125)"), "#0b4a7d");
  EXPECT_EQ(hex("rgb(11 74 125)"), "#0b4a7d");
  EXPECT_EQ(hex("rgb(100%, 0%, 0%)"), "#ff0000");
  EXPECT_EQ(hex("hsl(0, 100%, 50%)"), "#ff0000");
  EXPECT_EQ(hex("rebeccapurple"), "#663399");
  EXPECT_EQ(hex("White"), "#ffffff");
  EXPECT_EQ(hex("rgba(0, 0, 0, 0.5)"), "rgba(0, 0, 0, 0.5)");
  EXPECT_EQ(hex("rgb(0 0 0 / 50%)"), "rgba(0, 0, 0, 0.5)");
  EXPECT_EQ(ParseColor("transparent")->a, 0);
  EXPECT_EQ(hex("var(--x)"), "none");
  EXPECT_EQ(hex("#12"), "none");
  EXPECT_EQ(ColorToString(Blend(*ParseColor("rgba(0,0,0,0.5)"), *ParseColor("#fff"))), "#808080");
}

TEST(CheckCss, ContrastFollowsWcag) {
  const auto ratio = [](const char* a, const char* b) {
    return ContrastRatio(*ParseColor(a), *ParseColor(b));
  };
  EXPECT_NEAR(ratio("#000", "#fff"), 21.0, 1e-9);
  EXPECT_NEAR(ratio("#fff", "#fff"), 1.0, 1e-9);
  EXPECT_LT(ratio("#777", "#fff"), 4.5);     // 4.48
  EXPECT_GT(ratio("#767676", "#fff"), 4.5);  // 4.54
  EXPECT_NEAR(ratio("#0b57a4", "#ffffff"), 7.2, 0.01);
}

TEST(CheckCss, Lengths) {
  LengthContext context;
  context.em = 20;
  context.rem = 16;
  EXPECT_EQ(ResolveLength("12px", context), 12);
  EXPECT_NEAR(*ResolveLength("12pt", context), 16, 1e-9);
  EXPECT_EQ(ResolveLength("1.5em", context), 30);
  EXPECT_EQ(ResolveLength("2rem", context), 32);
  EXPECT_EQ(ResolveLength("0", context), 0);
  EXPECT_EQ(ResolveLength("calc(1rem + 4px)", context), 20);
  EXPECT_EQ(ResolveLength("clamp(1rem, 10vw, 2rem)", context), 32);
  EXPECT_EQ(ResolveLength("min(40rem, 100px)", context), 100);
  EXPECT_EQ(ResolveLength("50%", context), std::nullopt);
  context.percent_of = 200;
  EXPECT_EQ(ResolveLength("50%", context), 100);
  EXPECT_EQ(ResolveLength("1.5", context), std::nullopt);
  EXPECT_EQ(ResolveLength("auto", context), std::nullopt);
  EXPECT_TRUE(HasAbsoluteLength("14px"));
  EXPECT_TRUE(HasAbsoluteLength("bold 10pt/1.5 serif"));
  EXPECT_FALSE(HasAbsoluteLength("1.2rem"));
  EXPECT_FALSE(HasAbsoluteLength("0px"));
  EXPECT_FALSE(HasAbsoluteLength("calc(1rem + 2px)"));
  EXPECT_FALSE(HasAbsoluteLength("var(--size)"));
  EXPECT_FALSE(HasAbsoluteLength("larger"));
}

TEST(CheckLanguageTag, AcceptsRealTagsOnly) {
  for (const char* tag :
       {"zh-Hant-TW", "zh-TW", "zh-hant-tw", "en", "en-US", "nan-Hant-TW", "hak", "ami", "ja",
        "es-419", "zh-yue", "de-CH-1996", "x-kiosk", "en-US-u-ca-roc"}) {
    EXPECT_TRUE(IsValidLanguageTag(tag)) << tag;
  }
  for (const char* tag : {"", "zh_TW", "cn", "english", "chinese", "zh-", "-en", "z", "en US",
                          "zh-Hant-TW-", "qqqq"}) {
    EXPECT_FALSE(IsValidLanguageTag(tag)) << tag;
  }
}

}  // namespace
}  // namespace kiosk::check
