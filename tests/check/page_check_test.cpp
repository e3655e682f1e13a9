// Checking pages as a whole: findings traced to the Markdown, and `kiosk check` of files
// inside a built site.
#include "check/page_check.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kiosk::check {
namespace {

std::vector<std::string> Describe(const std::vector<Finding>& findings) {
  std::vector<std::string> lines;
  for (const Finding& finding : findings) {
    lines.push_back(finding.code + " " + std::to_string(finding.line) + " " + finding.message_en);
  }
  return lines;
}

// What the build hands the checker: a page with kiosk's data-sourcepos marks.
TEST(CheckHtml, LinksAreTracedToTheirMarkdownLineAndSnippetsHideTheMarks) {
  const std::string html = R"html(<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><title>t</title></head>
<body>
<main><h2 data-sourcepos="5:1-5:8">說明</h2>
<p data-sourcepos="7:1-9:20">請見
<a href="/forms/a.pdf" title="申請書" data-sourcepos="8:1-8:20">申請書</a> 與
<img data-sourcepos="9:3-9:18" src="/flow.png" alt="流程圖"></p>
<h4 data-sourcepos="11:1-11:8" id="x">細節</h4>
</main>
<footer><a href="/privacy/">隱私權政策</a> <img src="/badge.png" alt="無障礙標章"></footer>
</body></html>
)html";
  const PageOrigin origin{"content/faq/x.md", "templates/page.mustache"};
  const Result<CheckedPage> checked = CheckHtml(html, "/faq/x/", nullptr, {}, origin);
  ASSERT_TRUE(checked.ok());
  std::vector<std::string> links;
  for (const LinkRef& link : checked->links.links) {
    links.push_back(link.href + " " + link.source_file + ":" + std::to_string(link.source_line));
  }
  // The Markdown's image was looked for when the Markdown was read; the theme's is the link
  // check's.
  EXPECT_EQ(links, (std::vector<std::string>{"/forms/a.pdf content/faq/x.md:8",
                                             "/privacy/ templates/page.mustache:0",
                                             "/badge.png templates/page.mustache:0"}));
  EXPECT_EQ(checked->links.links[0].snippet, "<a href=\"/forms/a.pdf\" title=\"申請書\">");
  for (const Finding& finding : checked->findings) {
    EXPECT_EQ(finding.snippet.find("data-sourcepos"), std::string::npos) << finding.snippet;
  }
  // The skipped level names the headings by their text, not by a line of the HTML.
  const auto heading = std::find_if(checked->findings.begin(), checked->findings.end(),
                                    [](const Finding& f) { return f.code == "HM1130100C"; });
  ASSERT_NE(heading, checked->findings.end());
  EXPECT_EQ(heading->source_line, 11);
  EXPECT_EQ(heading->snippet, "<h4 id=\"x\">");
  EXPECT_NE(heading->message_en.find("<h4> \"細節\" follows the <h2> \"說明\""), std::string::npos)
      << heading->message_en;
}

// Every finding and link of a check, with its position, message and Markdown line.
std::vector<std::string> Everything(const CheckedPage& checked) {
  std::vector<std::string> lines;
  for (const Finding& finding : checked.findings) {
    lines.push_back(finding.code + " " + std::to_string(finding.line) + ":" +
                    std::to_string(finding.column) + " " + finding.source_file + ":" +
                    std::to_string(finding.source_line) + " " + finding.message_en);
  }
  for (const LinkRef& link : checked.links.links) {
    lines.push_back(link.href + " " + std::to_string(link.line) + ":" +
                    std::to_string(link.column) + " " + link.source_file + ":" +
                    std::to_string(link.source_line));
  }
  return lines;
}

// The build gate leaves the QR code's path data and the JSON-LD out of its parse: what it
// finds, and where, is what a check of the whole page finds, also on the same line after them.
TEST(CheckHtml, UnreadTextLeftOutFindsWhatTheWholePageFinds) {
  const std::string path = "M4 4h7v1h-7zM12 4h1v1h-1zM17 4h1v1h-1zM20 4h1v1h-1z";
  const std::string json_ld = R"({"@context":"https://schema.org","name":"身分證？ \u0026 a > b"})";
  const std::string html =
      "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\"><head><title>t</title>"
      "<script type=\"application/ld+json\">" +
      json_ld +
      "</script><style>p{color:#777}</style>"
      "</head>\n<body><main><h1>標題</h1>\n"
      "<p>文字</p><div><svg viewBox=\"0 0 41 41\" role=\"img\"><path role=\"nonsense\" d=\"" +
      path + "\"/></svg><img src=\"/a.png\"> <a href=\"/x/#y\">x</a> <svg><path d=\"" + path +
      "\"/></svg><img src=\"/b.png\"><h4 data-sourcepos=\"3:1-3:4\">跳</h4></div>\n"
      "</main></body></html>\n";
  const PageOrigin origin{"content/faq/x.md", "templates/faq.mustache"};
  const Result<CheckedPage> whole = CheckHtml(html, "/faq/x/", nullptr, {}, origin);
  const Result<CheckedPage> gate =
      CheckHtml(html, "/faq/x/", nullptr, {}, origin, nullptr, {path, json_ld});
  ASSERT_TRUE(whole.ok() && gate.ok());
  ASSERT_GE(whole->findings.size(), 3u) << "the page has findings after the data, on its line";
  EXPECT_EQ(Everything(*gate), Everything(*whole));
  // The gate did leave the path out: the snippet of the <path>'s own finding shows so.
  EXPECT_TRUE(std::any_of(gate->findings.begin(), gate->findings.end(), [](const Finding& f) {
    return f.snippet.find("d=\"0\"") != std::string::npos;
  })) << Describe(gate->findings).size();

  // Text that is not a d attribute or a data script's, or that could change the parse, is
  // read as usual.
  for (const std::string& unread : {std::string("<p>文字</p><div><svg"), std::string("h7v1h-7z"),
                                    std::string("role=\"img\"><path d=")}) {
    const Result<CheckedPage> checked =
        CheckHtml(html, "/faq/x/", nullptr, {}, origin, nullptr, {unread});
    ASSERT_TRUE(checked.ok());
    EXPECT_EQ(Everything(*checked), Everything(*whole)) << unread;
  }
  // tidy counts a carriage return as a new line without starting its columns again (found by
  // the html fuzz target: a lone one after the QR code's path on its line).
  for (const std::string& breaks : {std::string("\r"), std::string("\r\n"), std::string("\n")}) {
    const std::string page = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title></head>" +
                             breaks + "<body><main><p>a</a></p>" + breaks + "<svg><path d=\"" +
                             path + "\"/></svg><a href=\"/x/\">x</a>\r<img src=y></a>" + breaks +
                             "</main></body></html>\n";
    const Result<CheckedPage> page_whole = CheckHtml(page, "/faq/x/", nullptr, {}, origin);
    const Result<CheckedPage> page_gate =
        CheckHtml(page, "/faq/x/", nullptr, {}, origin, nullptr, {path});
    ASSERT_TRUE(page_whole.ok() && page_gate.ok());
    EXPECT_EQ(Everything(*page_gate), Everything(*page_whole)) << breaks.size();
  }
  // Nor is text that tidy reports on where it stands: invalid UTF-8 and control characters
  // (found by the html fuzz target).
  for (const std::string& odd : {std::string("M23 \xD9\xCBh3v1h-3zM29 14h2v1h-2z"),
                                 std::string("M23 14\x19h3v1h-3zM29 14h2v1h-2z"),
                                 std::string("M23 14\th3v1h-3zM29 14h2v1h-2z")}) {
    const std::string page =
        "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title></head>"
        "<body><main><svg><path d=\"" +
        odd +
        "\"/></svg><img src=x></main>"
        "</body></html>\n";
    const Result<CheckedPage> page_whole = CheckHtml(page, "/faq/x/", nullptr, {}, origin);
    const Result<CheckedPage> page_gate =
        CheckHtml(page, "/faq/x/", nullptr, {}, origin, nullptr, {odd});
    ASSERT_TRUE(page_whole.ok() && page_gate.ok());
    EXPECT_EQ(Everything(*page_gate), Everything(*page_whole));
  }
}

class CheckFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Write("site/output/.kiosk-output", "");
    Write("site/output/css/site.css",
          "body { line-height: 1.6; color: #222; } main { max-width: 40rem; }\n");
    Write("site/output/forms/a.pdf", "%PDF");
    Write("site/output/index.html", Page("首頁", ""));
    Write("site/output/faq/index.html", Page("常見問題", "<h2 id=\"fee\">費用</h2>"));
    Write("site/output/faq/x/index.html",
          Page("身分證", R"(<p><a href="/office/" title="首頁">首頁</a>
<a href="/office/faq/#fee" title="費用">費用</a>
<a href="../#fee" title="費用">費用</a>
<a href="/office/faq/#fees" title="費用">費用</a>
<a href="/office/forms/a.pdf" title="申請書">申請書</a>
<a href="/office/news/" title="消息">消息</a>
<img src="/office/images/map.png" alt="地圖"></p>)"));
  }

  static std::string Page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n<head>\n<title>" + title +
           "</title>\n<link rel=\"stylesheet\" href=\"/office/css/site.css\">\n</head>\n<body>\n"
           "<main>\n<h1>" +
           title + "</h1>\n" + body + "\n</main>\n</body>\n</html>\n";
  }

  void Write(const std::string& path, const std::string& text) {
    ASSERT_TRUE(fs_.WriteFile(path, text).ok());
  }

  std::vector<Finding> Check(const std::vector<std::string>& paths, const std::string& code) {
    FolderCheckOptions options;
    options.base_url = "https://www.example.gov.tw/office/";
    Diagnostics problems;
    const std::vector<PageFindings> pages = CheckFiles(fs_, paths, options, problems);
    EXPECT_FALSE(problems.has_errors());
    std::vector<Finding> found;
    for (const PageFindings& page : pages) {
      for (const Finding& finding : page.findings) {
        if (finding.code == code) found.push_back(finding);
      }
    }
    return found;
  }

  MemoryFileSystem fs_;
};

TEST_F(CheckFilesTest, APageInsideAnOutputFolderTakesItAsTheSiteRoot) {
  EXPECT_EQ(FindOutputRoot(fs_, "site/output/faq/x/index.html"), "site/output");
  EXPECT_EQ(FindOutputRoot(fs_, "site/output/faq"), "site/output");
  EXPECT_EQ(FindOutputRoot(fs_, "site"), "");
  // The site's stylesheet is read: it sets line-height.
  EXPECT_TRUE(Check({"site/output/faq/x/index.html"}, "CS3140802C").empty());
  // Links to pages not checked this time are found in the folder, with their fragments.
  const std::vector<Finding> links = Check({"site/output/faq/x/index.html"}, "KS1240400C");
  EXPECT_EQ(Describe(links),
            (std::vector<std::string>{
                "KS1240400C 13 the link's #fees is no id on /office/faq/ — use the id of a heading "
                "there",
                "KS1240400C 15 the link leads to /office/news/, which does not exist — fix the "
                "address, or add the page"}));
  const std::vector<Finding> images = Check({"site/output/faq/x/index.html"}, "KS1110101C");
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].line, 16);
  EXPECT_NE(images[0].message_en.find("/office/images/map.png"), std::string::npos);
  // A folder inside the output: the same root.
  EXPECT_EQ(Check({"site/output/faq"}, "KS1240400C").size(), 2u);
}

// `kiosk check page.html`: a file named without its folder is read from the current one.
TEST_F(CheckFilesTest, AFileNamedWithoutItsFolder) {
  Write("page.html", Page("頁", ""));
  FolderCheckOptions options;
  Diagnostics problems;
  const std::vector<PageFindings> pages = CheckFiles(fs_, {"page.html"}, options, problems);
  EXPECT_FALSE(problems.has_errors());
  ASSERT_EQ(pages.size(), 1u);
}

}  // namespace
}  // namespace kiosk::check
