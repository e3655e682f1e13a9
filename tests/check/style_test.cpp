// The cascade and what it gives the contrast and layout checks.
#include "check/style.h"

#include <gtest/gtest.h>

#include "check/html_document.h"

namespace kiosk::check {
namespace {

class CheckStyle : public ::testing::Test {
 protected:
  void Load(const std::string& body, const std::string& css, const std::string& head = "") {
    Result<HtmlDocument> parsed =
        HtmlDocument::Parse("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\"><head><title>t</title>" +
                            head + "</head>\n<body>\n" + body + "\n</body></html>");
    ASSERT_TRUE(parsed.ok());
    page_ = std::make_unique<HtmlDocument>(std::move(*parsed));
    PageStylesheet sheet;
    sheet.parsed = std::make_shared<const Stylesheet>(ParseStylesheet(css));
    sheet.href = "/css/site.css";
    styles_ = std::make_unique<StyleResolver>(*page_, std::vector<PageStylesheet>{sheet});
  }
  int Id(std::string_view id) const { return page_->ElementById(id); }
  std::string Color(std::string_view id) const {
    const auto& colour = styles_->Style(Id(id)).color;
    return colour ? ColorToString(*colour) : "unknown";
  }
  std::string Background(std::string_view id) const {
    const auto colour = styles_->BackgroundBehind(Id(id));
    return colour ? ColorToString(*colour) : "unknown";
  }

  std::unique_ptr<HtmlDocument> page_;
  std::unique_ptr<StyleResolver> styles_;
};

TEST_F(CheckStyle, SpecificityThenOrderThenImportance) {
  Load(R"(<p id="a" class="note">a</p><p id="b" class="note" style="color: #010101">b</p>
<p id="c" class="note urgent">c</p>)",
       R"css(
.note { color: #222; }
p { color: #333; }
p.note { color: #444; }
.urgent { color: #555 !important; }
#c { color: #666; }
)css");
  EXPECT_EQ(Color("a"), "#444444");  // p.note beats .note and p
  EXPECT_EQ(Color("b"), "#010101");  // the style attribute beats any selector
  EXPECT_EQ(Color("c"), "#555555");  // !important beats an id
}

TEST_F(CheckStyle, ColourInheritsAndSaysWhereItCameFrom) {
  Load(R"(<div id="box"><p id="text">字 <a id="link" href="/">鏈結</a></p></div>)",
       "\n.box-unused { color: red; }\ndiv { color: #1b1f24; }\n");
  EXPECT_EQ(Color("text"), "#1b1f24");
  const StyleSource& source = styles_->Style(Id("text")).color_source;
  EXPECT_EQ(source.stylesheet, "/css/site.css");
  EXPECT_EQ(source.line, 3);
  EXPECT_EQ(source.selector, "div");
  // A link has the browser's colour unless the author sets one.
  EXPECT_EQ(Color("link"), "#0000ee");
  EXPECT_TRUE(styles_->Style(Id("link")).color_source.from_browser());
}

TEST_F(CheckStyle, CustomPropertiesFromRoot) {
  Load(R"(<p id="a">a</p><p id="b" class="b">b</p><p id="c" class="c">c</p>)",
       R"css(
:root { --ink: #101010; --brand: var(--ink); }
p { color: var(--brand); }
.b { --ink: #202020; color: var(--ink); }
.c { color: var(--missing, #303030); }
)css");
  EXPECT_EQ(Color("a"), "#101010");
  EXPECT_EQ(Color("b"), "#202020");
  EXPECT_EQ(Color("c"), "#303030");
}

TEST_F(CheckStyle, BackgroundComesFromTheNearestOpaqueAncestor) {
  Load(
      R"(<header id="h"><p id="on-header">頁首</p><div class="tint"><p id="on-tint">半透明</p></div></header>
<p id="on-page">內文</p><div class="photo"><p id="on-photo">圖上</p></div>)",
      R"css(
header { background: #0b4a7d url() ; }
header { background-color: #0b4a7d; background-image: none; }
.tint { background: rgba(255, 255, 255, 0.5); }
.photo { background: #333 url(/images/a.jpg) no-repeat; }
)css");
  EXPECT_EQ(Background("on-header"), "#0b4a7d");
  EXPECT_EQ(Background("on-tint"), "#85a5be");   // half white over the header
  EXPECT_EQ(Background("on-page"), "#ffffff");   // the canvas
  EXPECT_EQ(Background("on-photo"), "unknown");  // an image: contrast cannot be known
}

TEST_F(CheckStyle, FontSizesWeightsAndLargeText) {
  Load(R"(<h1 id="h1">標題</h1><p id="body">內文</p><p id="big" class="big">大字</p>
<p id="bold" class="bold">粗體</p><p><small id="small">小字</small></p>)",
       R"css(
:root { font-size: 100%; }
body { font-size: 1.125rem; }
.big { font-size: 150%; }
.bold { font-size: 1.2em; font-weight: 700; }
@media print { body { font-size: 10pt; } }
@media (max-width: 20em) { body { font-size: 2rem; } }
)css");
  EXPECT_DOUBLE_EQ(styles_->Style(Id("body")).font_size, 18);
  EXPECT_DOUBLE_EQ(styles_->Style(Id("h1")).font_size, 36);
  EXPECT_EQ(styles_->Style(Id("h1")).font_weight, 700);
  EXPECT_TRUE(styles_->IsLargeText(Id("h1")));
  EXPECT_FALSE(styles_->IsLargeText(Id("body")));
  EXPECT_TRUE(styles_->IsLargeText(Id("big")));   // 27 px
  EXPECT_TRUE(styles_->IsLargeText(Id("bold")));  // 21.6 px bold
  EXPECT_NEAR(styles_->Style(Id("small")).font_size, 15, 1e-9);
}

TEST_F(CheckStyle, HiddenAndVisuallyHiddenTextIsNotRendered) {
  Load(R"(<a id="skip" class="skip" href="#c">跳到主要內容</a>
<span id="sr" class="sr-only">螢幕報讀</span>
<div class="gone"><p id="gone">不顯示</p></div>
<div class="invisible"><p id="shown-again" class="visible">又出現</p><p id="invisible">看不見</p></div>
<p id="plain">一般</p>)",
       R"css(
.skip { position: absolute; left: -100vw; width: 0.0625rem; height: 0.0625rem; overflow: hidden; }
.skip:focus { position: static; width: auto; height: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; clip: rect(0 0 0 0); overflow: hidden; }
.gone { display: none; }
.invisible { visibility: hidden; }
.visible { visibility: visible; }
)css");
  EXPECT_FALSE(styles_->Style(Id("skip")).rendered);
  EXPECT_FALSE(styles_->Style(Id("sr")).rendered);
  EXPECT_FALSE(styles_->Style(Id("gone")).rendered);
  EXPECT_FALSE(styles_->Style(Id("invisible")).rendered);
  EXPECT_TRUE(styles_->Style(Id("shown-again")).rendered);
  EXPECT_TRUE(styles_->Style(Id("plain")).rendered);
}

TEST_F(CheckStyle, WidthsResolveInTheElementsOwnFontSize) {
  Load(R"(<div id="col" class="col"><p id="p">x</p></div>)",
       ".col { font-size: 2rem; max-width: 20em; width: 50%; padding: 0 1rem; "
       "box-sizing: border-box; margin: 0 auto; }");
  const ComputedStyle& column = styles_->Style(Id("col"));
  EXPECT_EQ(column.max_width, 640);
  EXPECT_EQ(column.max_width_value, "20em");
  EXPECT_EQ(column.width, std::nullopt);  // a percentage of an unknown width
  EXPECT_EQ(column.padding_x, 32);
  EXPECT_EQ(column.margin_x, 0);
  EXPECT_TRUE(column.border_box);
}

TEST_F(CheckStyle, OpacityFadesText) {
  Load(R"(<div class="faded"><p id="p" class="inner">淡</p></div>)",
       ".faded { opacity: 0.5; } .inner { opacity: 50%; }");
  EXPECT_DOUBLE_EQ(styles_->EffectiveOpacity(Id("p")), 0.25);
}

}  // namespace
}  // namespace kiosk::check
