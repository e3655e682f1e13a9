// Whole-site tests: the fixture site in tests/fixtures/basic-site, built into a temporary
// folder, with assertions on what a reader of the site gets.
#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "support/site_fixture.h"

namespace kiosk {
namespace {

using testing::Describe;
using testing::SiteFixture;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class BuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    result_ = site_.Build();
    ASSERT_TRUE(result_.ok()) << Describe(result_);
  }
  SiteFixture site_;
  BuildResult result_;
};

TEST_F(BuildTest, WritesEveryPageInBothLanguages) {
  for (const char* path : {"index.html", "en/index.html", "faq/index.html", "en/faq/index.html",
                           "faq/id-card/index.html", "en/faq/id-card/index.html",
                           "news/志工招募/index.html", "en/news/volunteers/index.html",
                           "privacy/index.html", "css/site.css", "robots.txt", ".kiosk-output"}) {
    EXPECT_TRUE(site_.OutputExists(path)) << path;
  }
  EXPECT_FALSE(site_.OutputExists("news/draft/index.html"));
  EXPECT_EQ(result_.pages_per_language.at("zh-TW"), 3);
  EXPECT_EQ(result_.pages_per_language.at("en"), 2);
}

TEST_F(BuildTest, PagesCarryTheirLanguageAndAlternates) {
  const std::string zh = site_.ReadOutput("faq/id-card/index.html");
  EXPECT_TRUE(Contains(zh, "<html lang=\"zh-Hant-TW\">"));
  EXPECT_TRUE(Contains(
      zh, "<link rel=\"canonical\" href=\"https://www.example.gov.tw/office/faq/id-card/\">"));
  EXPECT_TRUE(Contains(zh,
                       "<link rel=\"alternate\" hreflang=\"en\" "
                       "href=\"https://www.example.gov.tw/office/en/faq/id-card/\">"));
  EXPECT_TRUE(Contains(zh,
                       "<link rel=\"alternate\" hreflang=\"zh-Hant-TW\" "
                       "href=\"https://www.example.gov.tw/office/faq/id-card/\">"));
  EXPECT_TRUE(Contains(zh,
                       "<a href=\"/office/en/faq/id-card/\" hreflang=\"en\" lang=\"en\" "
                       "title=\"English\">English</a>"));
  const std::string en = site_.ReadOutput("en/faq/id-card/index.html");
  EXPECT_TRUE(Contains(en, "<html lang=\"en\">"));
  EXPECT_TRUE(Contains(en, "hreflang=\"zh-Hant-TW\" lang=\"zh-Hant-TW\" title=\"中文\">中文</a>"));
}

TEST_F(BuildTest, ContentPagesFollowTheGovernmentSiteConventions) {
  const std::string page = site_.ReadOutput("faq/id-card/index.html");
  const size_t skip = page.find("class=\"skip-link\" href=\"#C\"");
  const size_t first_link = page.find("<a ");
  EXPECT_EQ(first_link, page.rfind("<a ", skip)) << "the skip link is the first link";
  for (const char* key : {"accesskey=\"U\"", "accesskey=\"C\"", "accesskey=\"Z\""}) {
    EXPECT_TRUE(Contains(page, key)) << key;
  }
  for (const char* landmark : {"<header", "<nav", "<main", "<footer"}) {
    EXPECT_TRUE(Contains(page, landmark)) << landmark;
  }
  EXPECT_TRUE(Contains(page, "aria-label=\"目前位置\"")) << "breadcrumbs";
  EXPECT_TRUE(Contains(page, "<dt>更新日期</dt><dd><time datetime=\"2026-11-02\">"));
  EXPECT_TRUE(Contains(page, "測試市測試路 1 號")) << "the office's address in the footer";
  EXPECT_TRUE(Contains(page, "民政課")) << "the department";
}

TEST_F(BuildTest, MarkdownIsRenderedWithHeadingIdsAndJoinedChineseLines) {
  const std::string page = site_.ReadOutput("faq/id-card/index.html");
  EXPECT_TRUE(Contains(page, "<h2 id=\"遺失身分證怎麼辦\">遺失身分證怎麼辦？</h2>"));
  EXPECT_TRUE(Contains(page, "<h2 id=\"fee\">費用</h2>"));
  EXPECT_TRUE(Contains(page, "請攜帶戶口名簿及相片一張，至戶政事務所辦理補發。"));
  EXPECT_TRUE(Contains(page, "<a href=\"#fee\" title=\"費用\">費用</a>"))
      << "the table of contents";
  const std::string news = site_.ReadOutput("news/志工招募/index.html");
  EXPECT_TRUE(Contains(news, "歡迎&lt;b&gt;報名&lt;/b&gt;。")) << "raw HTML is escaped";
}

// An image beside the Markdown file, written as the author sees it there, shows on the page
// (which is a folder deeper than the file) in either language.
TEST_F(BuildTest, AnImageBesideItsMarkdownShowsOnThePage) {
  site_.Write("content/faq/flow-chart.png", "png");
  site_.Write("content/faq/id-card.en.md",
              "---\ntitle: ID card FAQ\n---\nHow it goes:\n\n![Flow chart](flow-chart.png)\n");
  ASSERT_TRUE(site_.Build().ok());
  EXPECT_TRUE(site_.OutputExists("faq/flow-chart.png"));
  EXPECT_TRUE(Contains(site_.ReadOutput("en/faq/id-card/index.html"),
                       "<img src=\"/office/faq/flow-chart.png\" alt=\"Flow chart\" />"));
}

TEST_F(BuildTest, HomeListsSectionsAndTheLatestPages) {
  const std::string home = site_.ReadOutput("index.html");
  EXPECT_LT(home.find("href=\"/office/news/\""), home.find("href=\"/office/faq/\""))
      << "sections in weight order";
  EXPECT_LT(home.find("志工招募</a>"), home.find("身分證常見問題</a>")) << "newest first";
  EXPECT_TRUE(Contains(home, "<title>測試區公所</title>"));
}

TEST_F(BuildTest, WritesTheSiteMapTheNotFoundPagesAndTheSitemapXml) {
  EXPECT_TRUE(Contains(site_.ReadOutput("sitemap/index.html"), "href=\"/office/faq/id-card/\""));
  EXPECT_TRUE(Contains(site_.ReadOutput("sitemap/index.html"), "Alt+U"));
  EXPECT_TRUE(Contains(site_.ReadOutput("index.html"),
                       "<a class=\"sitemap-link\" href=\"/office/sitemap/\" title=\"網站導覽\">"));
  EXPECT_TRUE(Contains(site_.ReadOutput("404.html"), "<html lang=\"zh-Hant-TW\">"));
  EXPECT_TRUE(Contains(site_.ReadOutput("en/404.html"), "<html lang=\"en\">"));
  const std::string sitemap = site_.ReadOutput("sitemap.xml");
  EXPECT_TRUE(Contains(sitemap,
                       "    <loc>https://www.example.gov.tw/office/faq/id-card/</loc>\n"
                       "    <lastmod>2026-11-02</lastmod>\n"
                       "    <xhtml:link rel=\"alternate\" hreflang=\"zh-Hant-TW\" "
                       "href=\"https://www.example.gov.tw/office/faq/id-card/\"/>\n"
                       "    <xhtml:link rel=\"alternate\" hreflang=\"en\" "
                       "href=\"https://www.example.gov.tw/office/en/faq/id-card/\"/>\n"))
      << sitemap;
  EXPECT_FALSE(Contains(sitemap, "404.html"));
  EXPECT_EQ(site_.ReadOutput("robots.txt"), "User-agent: *\n") << "the site's own robots.txt wins";
}

TEST_F(BuildTest, RemovedPagesDisappearFromTheOutput) {
  site_.Remove("content/news/volunteers.en.md");
  site_.ForgetPublished("/en/news/volunteers/");
  const BuildResult again = site_.Build();
  ASSERT_TRUE(again.ok()) << Describe(again);
  EXPECT_FALSE(site_.OutputExists("en/news/volunteers/index.html"));
}

TEST_F(BuildTest, OutputIsByteIdenticalWhateverTheNumberOfThreads) {
  SiteFixture other;
  BuildOptions options;
  options.jobs = 1;
  ASSERT_TRUE(other.Build(options).ok());
  namespace fs = std::filesystem;
  size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site_.out_dir())) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), site_.out_dir()).string();
    EXPECT_EQ(site_.ReadOutput(relative), other.ReadOutput(relative)) << relative;
    ++compared;
  }
  EXPECT_GT(compared, 10u);
}

TEST_F(BuildTest, ReportsTheMissingTranslation) {
  ASSERT_EQ(result_.missing_translations.size(), 1u);
  EXPECT_EQ(result_.missing_translations[0].file, "content/privacy.zh-TW.md");
  EXPECT_EQ(result_.missing_translations[0].language, "en");
}

TEST_F(BuildTest, StrictTranslationsTurnsAMissingTranslationIntoAnError) {
  BuildOptions options;
  options.strict_translations = true;
  const BuildResult strict = site_.Build(options);
  ASSERT_EQ(strict.diagnostics.error_count(), 1) << Describe(strict);
  for (const Diagnostic& diagnostic : strict.diagnostics.items()) {
    if (diagnostic.severity == Severity::kError) {
      EXPECT_EQ(diagnostic.where.file, "content/privacy.zh-TW.md");
    }
  }
}

TEST_F(BuildTest, DraftsAreBuiltOnRequest) {
  BuildOptions options;
  options.include_drafts = true;
  ASSERT_TRUE(site_.Build(options).ok());
  EXPECT_TRUE(site_.OutputExists("news/draft/index.html"));
}

TEST_F(BuildTest, ASiteThemeOverridesOneTemplate) {
  site_.Write("themes/default/templates/page.mustache", "<p>{{page.title}}</p>\n");
  BuildOptions unchecked;  // the bare template would not pass the accessibility check
  unchecked.check = false;
  ASSERT_TRUE(site_.Build(unchecked).ok());
  EXPECT_EQ(site_.ReadOutput("faq/id-card/index.html"), "<p>身分證常見問題</p>\n");
  EXPECT_TRUE(Contains(site_.ReadOutput("index.html"), "<html")) << "other templates stay";
}

TEST_F(BuildTest, ABaseUrlForAPreviewTakesSiteYamlsPlace) {
  site_.Write("content/privacy.zh-TW.md",
              "---\ntitle: 隱私權政策\n---\n遺失證件請看[身分證常見問題](/office/faq/id-card/#fee)。\n");
  BuildOptions preview;
  preview.base_url = "https://preview.example.gov.tw/pr-7";
  preview.out_dir = site_.site_dir() + "/preview";
  const BuildResult built = site_.Build(preview);
  ASSERT_TRUE(built.ok()) << Describe(built) << "the link is checked where it leads now";
  EXPECT_TRUE(Contains(site_.Read("preview/privacy/index.html"),
                       "<a href=\"/pr-7/faq/id-card/#fee\""));
  const std::string page = site_.Read("preview/faq/id-card/index.html");
  EXPECT_TRUE(Contains(
      page, "<link rel=\"canonical\" href=\"https://preview.example.gov.tw/pr-7/faq/id-card/\">"))
      << page;
  EXPECT_TRUE(Contains(page, "<a href=\"/pr-7/en/faq/id-card/\" hreflang=\"en\""));
  EXPECT_TRUE(Contains(page, "<p class=\"qr-url\"><a href=\"https://preview.example.gov.tw/pr-7/"
                             "faq/id-card/\" title="));
  EXPECT_FALSE(Contains(page, "www.example.gov.tw"));
  EXPECT_TRUE(Contains(site_.Read("preview/sitemap.xml"),
                       "<loc>https://preview.example.gov.tw/pr-7/faq/id-card/</loc>"));
}

TEST_F(BuildTest, ABaseUrlThatIsNotAnAddressIsAnError) {
  BuildOptions preview;
  preview.base_url = "preview.example.gov.tw";
  const BuildResult result = site_.Build(preview);
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
  EXPECT_EQ(result.diagnostics.items()[0].format(),
            "--base-url: error: 'preview.example.gov.tw' is not an absolute http(s) address — "
            "write it in full, e.g. 'https://preview.example.gov.tw/'");
}

TEST_F(BuildTest, ReportsEachStepAndThePagesRenderedAsItGoes) {
  std::mutex mutex;
  std::vector<std::string> steps;
  std::map<std::string, std::pair<size_t, size_t>> counted;  // step -> most done, total
  BuildOptions options;
  options.incremental = false;
  options.jobs = 4;
  options.progress = [&](std::string_view step, size_t done, size_t total) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!step.empty()) steps.emplace_back(step);
    auto& [most, of] = counted[steps.back()];
    most = std::max(most, done);
    of = total;
  };
  const BuildResult built = site_.Build(options);
  ASSERT_TRUE(built.ok()) << Describe(built);
  ASSERT_EQ(steps.size(), built.timings.size());
  for (size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i], built.timings[i].step);
  EXPECT_EQ(counted["render pages"], std::make_pair(built.pages_rendered, built.pages_rendered));
  EXPECT_GT(counted["parse pages"].second, 5u);
  EXPECT_EQ(counted["parse pages"].first, counted["parse pages"].second);
}

TEST_F(BuildTest, RefusesToReplaceAFolderItDidNotWrite) {
  site_.Write("elsewhere/keep.txt", "precious");
  BuildOptions options;
  options.out_dir = site_.site_dir() + "/elsewhere";
  const BuildResult result = site_.Build(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(site_.Read("elsewhere/keep.txt"), "precious");
}

}  // namespace
}  // namespace kiosk
