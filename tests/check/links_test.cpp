// The site-wide link check (KS1240400C): internal links and #fragments, across languages;
// and images' sources (KS1110101C).
#include <gtest/gtest.h>

#include "check/checker.h"

namespace kiosk::check {
namespace {

PageLinks Page(const std::string& url, const std::string& body) {
  Result<HtmlDocument> page = HtmlDocument::Parse(
      "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\"><head><title>t</title></head>\n<body>\n" + body +
      "\n</body></html>");
  EXPECT_TRUE(page.ok());
  return CollectLinks(*page, url);
}

std::vector<std::string> Lines(const std::vector<Finding>& findings) {
  std::vector<std::string> lines;
  for (const Finding& finding : findings) {
    EXPECT_EQ(finding.code, "KS1240400C");
    EXPECT_EQ(finding.level, Level::kA);
    EXPECT_EQ(finding.criterion, "2.4.4");
    lines.push_back(std::to_string(finding.line) + " " + finding.message_en);
  }
  return lines;
}

TEST(CheckLinks, CollectsIdsNamesAndLinks) {
  const PageLinks links = Page("/faq/", R"(<h2 id="遺失身分證怎麼辦">遺失</h2><a name="old"></a>
<a href="/faq/#遺失身分證怎麼辦">x</a> <area href="/map/" alt="地圖">)");
  EXPECT_TRUE(links.ids.count("遺失身分證怎麼辦"));
  EXPECT_TRUE(links.ids.count("old"));
  ASSERT_EQ(links.links.size(), 2u);
  EXPECT_EQ(links.links[0].href, "/faq/#遺失身分證怎麼辦");
  EXPECT_EQ(links.links[0].line, 5);
}

TEST(CheckLinks, KeepsOnlyTheLinksTheSiteWideCheckMayFindBroken) {
  const PageLinks links = Page("/faq/", R"(<h2 id="q1">Q1</h2>
<a href="#q1">settled here</a> <a href="#top">top</a> <a href="#">empty fragment</a>
<a href="mailto:a@b.tw">mail</a> <a href="tel:0991234567">phone</a> <a href="//cdn.tw/">other</a>
<a href=" ">blank</a>
<a href="#q2">broken fragment</a> <a href="/faq/#q1">another page</a>
<a href="https://qingxi.example.gov.tw/">perhaps the site's own</a>)");
  std::vector<std::string> kept;
  for (const LinkRef& link : links.links) kept.push_back(link.href);
  EXPECT_EQ(kept, (std::vector<std::string>{"#q2", "/faq/#q1", "https://qingxi.example.gov.tw/"}));
}

TEST(CheckLinks, ResolvesPagesFragmentsAndTheOtherLanguage) {
  const std::vector<PageLinks> pages = {
      Page("/", R"(<a href="/faq/">常見問題</a>
<a href="/en/">English</a>
<a href="/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/">志工招募</a>
<a href="faq/#%E9%81%BA%E5%A4%B1">遺失</a>
<a href="/faq/index.html#moving">遷入</a>
<a href="/faq">沒有斜線</a>
<a href="#top">回到頁首</a>
<a href="https://qingxi.example.gov.tw/en/faq/#documents">absolute, internal</a>
<a href="https://www.example.org/">another site</a>
<a href="mailto:service@qingxi.example.gov.tw">mail</a>
<a href="tel:0991234567">phone</a>
<a href="/forms/apply.pdf">a file</a>)"),
      Page("/faq/", R"(<h2 id="遺失">遺失</h2><h2 id="moving">遷入</h2>
<a href="../en/faq/#documents">English</a>)"),
      Page("/en/", R"(<a href="/">中文</a> <a href="faq/">FAQ</a>)"),
      Page("/en/faq/", R"(<h2 id="documents">Documents</h2>)"),
      Page("/news/志工招募/", R"(<a href="/news/志工招募/#main">self</a><main id="main"></main>)"),
  };
  LinkCheckOptions options;
  options.base_url = "https://qingxi.example.gov.tw";
  options.file_exists = [](const std::string& path) { return path == "/forms/apply.pdf"; };
  const auto findings = CheckLinks(pages, options);
  ASSERT_EQ(findings.size(), pages.size());
  for (const auto& page : findings)
    EXPECT_TRUE(page.empty()) << ::testing::PrintToString(Lines(page));
}

TEST(CheckLinks, ReportsMissingPagesFilesAndFragments) {
  const std::vector<PageLinks> pages = {
      Page("/", R"(<a href="/fqa/">typo</a>
<a href="/faq/#moveing">bad fragment</a>
<a href="/en/faq/">English page that is not there</a>
<a href="/forms/old.pdf">gone</a>
<a href="#nowhere">in-page</a>)"),
      Page("/faq/", R"(<h2 id="moving">遷入</h2>)"),
  };
  LinkCheckOptions options;
  options.file_exists = [](const std::string&) { return false; };
  const auto findings = CheckLinks(pages, options);
  const std::vector<std::string> lines = Lines(findings[0]);
  ASSERT_EQ(lines.size(), 5u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0].substr(0, 2), "4 ");
  EXPECT_NE(lines[0].find("/fqa/"), std::string::npos);
  EXPECT_NE(lines[1].find("#moveing"), std::string::npos);
  EXPECT_EQ(lines[2].substr(0, 2), "6 ");
  EXPECT_NE(lines[3].find("/forms/old.pdf"), std::string::npos);
  EXPECT_NE(lines[4].find("#nowhere"), std::string::npos);
  EXPECT_TRUE(findings[1].empty());
  EXPECT_NE(findings[0][0].message_zh.find("不存在"), std::string::npos);
  EXPECT_EQ(findings[0][0].snippet, "<a href=\"/fqa/\">");
}

// An image whose source is not there shows only its alt text (KS1110101C).
TEST(CheckLinks, ImagesMustBeFiles) {
  const std::vector<PageLinks> pages = {Page("/", R"(<img src="/images/map.png" alt="地圖">
<img src="/images/old.png" alt="舊圖"> <img src="data:image/png;base64,AA==" alt="點">
<img src="https://www.example.org/a.png" alt="外站">)")};
  LinkCheckOptions options;
  options.file_exists = [](const std::string& path) { return path == "/images/map.png"; };
  const auto findings = CheckLinks(pages, options);
  ASSERT_EQ(findings[0].size(), 1u);
  EXPECT_EQ(findings[0][0].code, "KS1110101C");
  EXPECT_EQ(findings[0][0].criterion, "1.1.1");
  EXPECT_EQ(findings[0][0].line, 5);
  EXPECT_NE(findings[0][0].message_en.find("/images/old.png"), std::string::npos);
  EXPECT_TRUE(CheckLinks(pages)[0].empty()) << "without a way to tell files";
}

TEST(CheckLinks, FilesAreNotCheckedWithoutAWayToTell) {
  const std::vector<PageLinks> pages = {Page("/", R"(<a href="/forms/a.pdf">a</a>
<a href="/missing/">b</a>)")};
  const auto findings = CheckLinks(pages);
  ASSERT_EQ(findings[0].size(), 1u);
  EXPECT_EQ(findings[0][0].line, 5);
}

}  // namespace
}  // namespace kiosk::check
