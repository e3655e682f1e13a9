// The cascade's memo (CascadeCache) gives every element the style it would have on its own:
// on the check fixtures, on pages made to defeat it, from page to page and from two threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <tuple>

#include "check/checker.h"
#include "check/page_check.h"
#include "check/style.h"
#include "support/check_fixtures.h"

namespace kiosk::check {
namespace {

// A page with the stylesheets it links (files beside the fixtures) and holds.
struct Page {
  std::string name;
  std::unique_ptr<HtmlDocument> document;
  std::vector<PageStylesheet> sheets;
};

Page Load(const std::string& name, const std::string& html, StylesheetCache& parsed) {
  Result<HtmlDocument> document = HtmlDocument::Parse(html, name);
  EXPECT_TRUE(document.ok()) << name;
  Page page{name, std::make_unique<HtmlDocument>(std::move(*document)), {}};
  page.sheets = CollectStylesheets(*page.document, testing::LoadFixtureStylesheet, &parsed);
  return page;
}

std::string Describe(const std::optional<Rgba>& colour) {
  return colour ? ColorToString(*colour) + "/" + std::to_string(colour->a) : "unknown";
}

std::string Describe(const StyleSource& source) {
  return source.stylesheet + ":" + std::to_string(source.line) + ":" +
         std::to_string(source.column) + " " + source.selector;
}

std::string Describe(const std::optional<double>& length) {
  return length ? std::to_string(*length) : "none";
}

// Every field of a node's style, and what the checks derive from its ancestors'.
std::string Describe(const StyleResolver& styles, int node) {
  const ComputedStyle& s = styles.Style(node);
  StyleSource behind_source;
  const std::optional<Rgba> behind = styles.BackgroundBehind(node, &behind_source);
  std::ostringstream text;
  text << "color " << Describe(s.color) << " from " << Describe(s.color_source)  //
       << "; background " << Describe(s.background) << " from " << Describe(s.background_source)
       << " image " << s.background_image  //
       << "; font " << s.font_size << (s.font_size_known ? "" : "?") << " " << s.font_weight
       << "; opacity " << s.opacity << "; letter-spacing " << s.letter_spacing  //
       << "; rendered " << s.rendered << "; display " << s.display << "; float " << s.floated
       << "; max-width " << Describe(s.max_width) << " " << s.max_width_value << " from "
       << Describe(s.max_width_source) << "; width " << Describe(s.width) << " from "
       << Describe(s.width_source) << "; padding " << s.padding_x << "; margin " << s.margin_x
       << "; border-box " << s.border_box << "; behind " << Describe(behind) << " from "
       << Describe(behind_source) << "; effective opacity " << styles.EffectiveOpacity(node)
       << "; large " << styles.IsLargeText(node) << "; rem " << styles.root_font_size();
  return text.str();
}

// The styles of every node of a page, one line each.
std::vector<std::string> StylesOf(const Page& page, CascadeCache* cache) {
  const StyleResolver styles(*page.document, page.sheets, 1280, cache);
  std::vector<std::string> lines;
  for (int node = 0; node < static_cast<int>(page.document->nodes().size()); ++node) {
    lines.push_back(Describe(styles, node));
  }
  return lines;
}

void ExpectSameStyles(const Page& page, CascadeCache& cache) {
  const std::vector<std::string> direct = StylesOf(page, nullptr);
  const std::vector<std::string> memoised = StylesOf(page, &cache);
  ASSERT_EQ(direct.size(), memoised.size());
  for (size_t node = 0; node < direct.size(); ++node) {
    const HtmlNode& n = page.document->node(static_cast<int>(node));
    EXPECT_EQ(memoised[node], direct[node])
        << page.name << " node " << node << " <" << n.name << "> line " << n.line;
  }
}

std::vector<Page> Fixtures(StylesheetCache& parsed) {
  std::vector<Page> pages;
  for (const auto& entry : std::filesystem::directory_iterator(testing::kCheckFixtures)) {
    if (entry.path().extension() != ".html") continue;
    const std::string name = entry.path().filename().string();
    pages.push_back(Load(name, testing::ReadCheckFixture(name).value_or(""), parsed));
  }
  std::sort(pages.begin(), pages.end(),
            [](const Page& a, const Page& b) { return a.name < b.name; });
  return pages;
}

// Pages whose elements look alike to a memo that keys carelessly: repeated markup under
// different parents, positions, attributes, languages and inline styles.
const char* const kTrickyCss = R"css(
:root { --ink: #111; --paper: #fff; font-size: 20px; }
html[lang|=en] { --ink: #222; }
body { color: var(--ink); background: var(--paper); }
li:first-child { color: #201; }
li:nth-child(2n+3) { font-size: 1.2em; }
li:nth-last-child(2) { font-weight: bold; }
p:only-child { color: #202; }
span:first-of-type { letter-spacing: 0.1em; }
span:last-of-type { color: #203; }
div:empty { background-color: #eee; }
.card > p { max-width: 30em; }
.card p.lead { max-width: 20rem; }
section .card:not(.wide) { width: 400px; padding: 0 1em; }
:is(nav, footer) a { color: #204; }
a[href^="http"] { color: #205; }
a[href$=".pdf" i] { color: #206; }
[data-tone~="warm"] { background-color: #fed; }
[data-size="big"] { font-size: 2rem; }
:lang(en) q { color: #207; }
.hidden { display: none; }
.ghost { visibility: hidden; }
.ghost .seen { visibility: visible; }
.themed { --ink: #303; color: var(--ink); }
.themed .inner { background-color: var(--missing, #ddd); }
#special { color: #208; }
)css";

const char* const kTrickyBody = R"html(
<nav><ul><li><a href="/a/">a</a></li><li><a href="http://x.example/">x</a></li>
<li><a href="/f.PDF">f</a></li><li><a href="/b/">b</a></li></ul></nav>
<section><div class="card"><p class="lead" data-sourcepos="3:1-3:9">lead</p><p>body</p></div>
<div class="card wide"><p>wide</p></div><div></div><div> </div></section>
<ol><li>1</li><li>2</li><li>3</li><li>4</li><li>5</li></ol>
<ul><li>only <span>a</span> <span>b</span> <span>c</span></li></ul>
<div><p>alone</p></div>
<p data-tone="cold warm">tone <span data-size="big">big <em>em</em></span></p>
<p lang="en">english <q>quote</q> <span lang="zh"><q>引</q></span></p>
<div class="hidden"><p>gone</p></div>
<div class="ghost"><p>unseen <span class="seen">seen</span></p></div>
<div class="themed"><p class="inner">var</p></div>
<p style="color: #310; font-size: 10px">inline <span>child</span></p>
<p style="--ink: #320"><span class="themed">x</span> <span style="color: var(--ink)">y</span></p>
<p id="special">special</p><p id="other">other</p>
<footer><a href="/c/">c</a></footer>
)html";

std::string TrickyPage(const std::string& lang, const std::string& style_element) {
  return "<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><title>t</title>" + style_element +
         "</head>\n<body>\n" + kTrickyBody + "</body></html>\n";
}

TEST(CheckCascadeCache, FixturePagesGetTheirOwnStyles) {
  StylesheetCache parsed;
  CascadeCache cache;
  const std::vector<Page> pages = Fixtures(parsed);
  ASSERT_GT(pages.size(), 20u);
  for (int round = 0; round < 2; ++round) {  // the second time, every page is in the memo
    for (const Page& page : pages) ExpectSameStyles(page, cache);
  }
}

TEST(CheckCascadeCache, LookalikeElementsKeepTheirDifferences) {
  StylesheetCache parsed;
  CascadeCache cache;
  const std::string style = std::string("<style>") + kTrickyCss + "</style>";
  // The same text with other line numbers is another stylesheet; so is another language.
  std::vector<Page> pages;
  pages.push_back(Load("zh", TrickyPage("zh-Hant-TW", style), parsed));
  pages.push_back(Load("en", TrickyPage("en", style), parsed));
  pages.push_back(Load("zh-moved", TrickyPage("zh-Hant-TW", "\n\n" + style), parsed));
  pages.push_back(Load("zh-again", TrickyPage("zh-Hant-TW", style), parsed));
  for (int round = 0; round < 2; ++round) {
    for (const Page& page : pages) ExpectSameStyles(page, cache);
  }
}

TEST(CheckCascadeCache, SiblingCombinatorsAreMatchedElementByElement) {
  StylesheetCache parsed;
  CascadeCache cache;
  const std::string css = std::string(kTrickyCss) + R"css(
h2 + p { color: #401; }
h2 ~ ul li { font-weight: bold; }
li + li { margin: 0 2px; }
:not(h3 + p) > span { letter-spacing: 1px; }
)css";
  const std::string body = std::string(kTrickyBody) +
                           "<h2>h</h2><p>after <span>s</span></p><p>later</p><ul><li>a</li>"
                           "<li>b</li></ul><h3>h</h3><p><span>t</span></p>";
  const auto page = [&](const std::string& name, const std::string& markup) {
    return Load(name,
                "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title><style>" + css +
                    "</style></head>\n<body>\n" + markup + "</body></html>\n",
                parsed);
  };
  std::vector<Page> pages;
  pages.push_back(page("with", body));
  pages.push_back(page("without", kTrickyBody));
  pages.push_back(page("with-again", body));
  for (const Page& p : pages) ExpectSameStyles(p, cache);
}

TEST(CheckCascadeCache, PagesOnTwoThreadsShareOneCache) {
  StylesheetCache parsed;
  CascadeCache cache;
  // A document is read by one thread at a time: each thread has its own copy of the pages.
  const auto pages = [&] {
    std::vector<Page> pages = Fixtures(parsed);
    const std::string style = std::string("<style>") + kTrickyCss + "</style>";
    pages.push_back(Load("zh", TrickyPage("zh-Hant-TW", style), parsed));
    pages.push_back(Load("en", TrickyPage("en", style), parsed));
    return pages;
  };
  std::vector<std::vector<Page>> copies;
  copies.push_back(pages());
  copies.push_back(pages());
  std::vector<std::vector<std::string>> direct;
  for (const Page& page : copies[0]) direct.push_back(StylesOf(page, nullptr));

  std::vector<int> mismatches(2, 0);
  const auto check = [&](int thread) {
    const std::vector<Page>& own = copies[thread];
    for (int round = 0; round < 20; ++round) {
      for (size_t i = 0; i < own.size(); ++i) {
        const size_t at = thread == 0 ? i : own.size() - 1 - i;  // in opposite orders
        if (StylesOf(own[at], &cache) != direct[at]) ++mismatches[thread];
      }
    }
  };
  std::thread other(check, 1);
  check(0);
  other.join();
  EXPECT_EQ(mismatches, std::vector<int>({0, 0}));
}

TEST(CheckCascadeCache, ChecksFindTheSameWithAndWithoutTheCache) {
  StylesheetCache parsed;
  CascadeCache cache;
  const auto describe = [](const std::vector<Finding>& findings) {
    std::string text;
    for (const Finding& f : findings) {
      text += f.code + " " + std::to_string(f.line) + ":" + std::to_string(f.column) + " " +
              f.stylesheet + " " + f.snippet + " " + f.message_en + "\n";
    }
    return text;
  };
  for (int round = 0; round < 2; ++round) {
    for (const Page& page : Fixtures(parsed)) {
      EXPECT_EQ(describe(CheckPage(*page.document, page.sheets, {}, &cache)),
                describe(CheckPage(*page.document, page.sheets)))
          << page.name;
    }
  }
}

TEST(CheckBriefNotices, FindingsAboveTheLevelAreCountedButNotDescribed) {
  const std::string html = testing::ReadCheckFixture("links-fail.html").value_or("");
  CheckOptions full;
  CheckOptions brief;
  brief.describe_up_to = Level::kAA;
  const PageOrigin origin{"content/page.md", "templates/page.mustache"};
  const Result<CheckedPage> described = CheckHtml(html, "/links/", nullptr, full, origin);
  const Result<CheckedPage> counted = CheckHtml(html, "/links/", nullptr, brief, origin);
  ASSERT_TRUE(described.ok() && counted.ok());
  ASSERT_EQ(described->findings.size(), counted->findings.size());
  bool any_notice = false;
  for (size_t i = 0; i < counted->findings.size(); ++i) {
    const Finding& a = described->findings[i];
    const Finding& b = counted->findings[i];
    EXPECT_EQ(std::tie(a.code, a.level, a.line, a.column, a.stylesheet),
              std::tie(b.code, b.level, b.line, b.column, b.stylesheet));
    if (a.level == Level::kAAA) {
      any_notice = true;
      EXPECT_TRUE(b.message_zh.empty() && b.message_en.empty() && b.snippet.empty() &&
                  b.source_file.empty())
          << b.code << " line " << b.line;
    } else {
      EXPECT_EQ(std::tie(a.message_zh, a.message_en, a.snippet, a.source_file, a.source_line),
                std::tie(b.message_zh, b.message_en, b.snippet, b.source_file, b.source_line));
    }
  }
  EXPECT_TRUE(any_notice);
}

TEST(CheckSourceLines, FindingsAreTracedToTheMarkdownLineAroundThem) {
  const std::string html = R"html(<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><title>t</title></head>
<body>
<main>
<p data-sourcepos="7:1-7:20">圖 <img src="/a.png"> 與 <a href="/x/"><img src="/b.png" alt=""></a></p>
<ul data-sourcepos="9:1-10:5">
<li><img src="/c.png"></li>
</ul>
</main>
<footer><img src="/d.png"></footer>
</body></html>
)html";
  const PageOrigin origin{"content/page.md", "templates/page.mustache"};
  const Result<CheckedPage> checked = CheckHtml(html, "/page/", nullptr, {}, origin);
  ASSERT_TRUE(checked.ok());
  std::map<int, std::pair<std::string, int>> missing_alt;  // page line -> source
  for (const Finding& finding : checked->findings) {
    if (finding.code == "HM1110100C") {
      missing_alt[finding.line] = {finding.source_file, finding.source_line};
    }
  }
  const std::map<int, std::pair<std::string, int>> expected = {
      {5, {"content/page.md", 7}},
      {7, {"content/page.md", 9}},
      {10, {"templates/page.mustache", 0}},
  };
  EXPECT_EQ(missing_alt, expected);
}

}  // namespace
}  // namespace kiosk::check
