// Every error a user can cause: reported as file:line:col with a fix, the build fails, and
// the previous output survives untouched.
#include <gtest/gtest.h>

#include "pipeline/pipeline.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

using testing::Describe;
using testing::SiteFixture;

class BuildErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const BuildResult first = site_.Build();
    ASSERT_TRUE(first.ok()) << Describe(first);
    previous_home_ = site_.ReadOutput("index.html");
  }

  // Builds again and checks that exactly the expected errors were reported, and that the
  // previous output is still there, unchanged.
  void ExpectErrors(const std::vector<std::string>& expected) {
    const BuildResult result = site_.Build();
    EXPECT_FALSE(result.ok());
    std::vector<std::string> errors;
    for (const Diagnostic& d : result.diagnostics.items()) {
      if (d.severity == Severity::kError) {
        errors.push_back(d.where.file + ":" + std::to_string(d.where.line) + ":" +
                         std::to_string(d.where.column) + ": " + d.message);
      }
      EXPECT_FALSE(d.hint.empty() && d.severity == Severity::kError)
          << "every error says how to fix it: " << d.format();
    }
    EXPECT_EQ(errors, expected) << Describe(result);
    EXPECT_EQ(site_.ReadOutput("index.html"), previous_home_) << "the previous output survives";
    EXPECT_TRUE(site_.OutputExists("faq/id-card/index.html"));
  }

  SiteFixture site_;
  std::string previous_home_;
};

TEST_F(BuildErrorsTest, BadYamlInFrontMatter) {
  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID card\ndate: [2026\n---\nx\n");
  const BuildResult result = site_.Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
  EXPECT_EQ(result.diagnostics.items()[0].where.file, "content/faq/id-card.en.md");
  EXPECT_EQ(result.diagnostics.items()[0].where.line, 4);
  EXPECT_EQ(site_.ReadOutput("index.html"), previous_home_);
}

TEST_F(BuildErrorsTest, BadYamlInSiteYaml) {
  std::string config = site_.Read("site.yaml");
  config.replace(config.find("  - code: en"), 12, "  - code: en\n   bad: [");
  site_.Write("site.yaml", config);
  const BuildResult result = site_.Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
  EXPECT_EQ(result.diagnostics.items()[0].where.file, "site.yaml");
  EXPECT_EQ(result.diagnostics.items()[0].where.line, 7);
  EXPECT_EQ(site_.ReadOutput("index.html"), previous_home_);
}

TEST_F(BuildErrorsTest, MissingTitle) {
  site_.Write("content/faq/id-card.en.md", "---\ndate: 2026-10-01\n---\nText.\n");
  ExpectErrors({"content/faq/id-card.en.md:1:1: the page has no title"});
}

TEST_F(BuildErrorsTest, TwoFilesClaimingTheSameUrl) {
  site_.Write("content/faq/copy.en.md", "---\ntitle: Copy\nslug: id-card\n---\n");
  ExpectErrors(
      {"content/faq/copy.en.md:3:7: the URL /en/faq/id-card/ is also the URL of "
       "content/faq/id-card.en.md"});
}

TEST_F(BuildErrorsTest, AStaticFileWhereKioskWritesTheOpenData) {
  site_.Write("static/data/faq.json", "{}");
  ExpectErrors(
      {"static/data/faq.json:0:0: this file has the same path as the open data or search index "
       "kiosk writes: /data/faq.json"});
}

// The messages name the file where the user put it: among the content, or in the theme.
TEST_F(BuildErrorsTest, AContentFileWhereAPageIsWritten) {
  site_.Write("content/faq/id-card/index.html", "<p>x</p>");
  ExpectErrors(
      {"content/faq/id-card/index.html:0:0: this file has the same path as a page: "
       "/faq/id-card/index.html"});
}

TEST_F(BuildErrorsTest, AThemeFileWhereKioskWritesTheOpenData) {
  site_.Write("themes/default/static/data/services.csv", "a,b\n");
  ExpectErrors(
      {"themes/default/static/data/services.csv:0:0: this file has the same path as the open "
       "data or search index kiosk writes: /data/services.csv"});
}

TEST_F(BuildErrorsTest, UnknownLanguageSuffix) {
  site_.Write("content/faq/id-card.ja.md", "---\ntitle: ID\n---\n");
  ExpectErrors({"content/faq/id-card.ja.md:0:0: unknown language suffix '.ja'"});
}

TEST_F(BuildErrorsTest, UnknownDepartment) {
  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID\ndepartment: finance\n---\n");
  ExpectErrors({"content/faq/id-card.en.md:3:13: unknown department 'finance'"});
}

TEST_F(BuildErrorsTest, InvalidUtf8) {
  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID\n---\nBig5 text: \xA7\xDA\n");
  ExpectErrors({"content/faq/id-card.en.md:4:12: the file is not valid UTF-8"});
}

// As a missing form is: the image's line and column, and where the file should be.
TEST_F(BuildErrorsTest, MissingImages) {
  site_.Write("static/images/map.png", "png");
  site_.Write(
      "content/faq/id-card.en.md",
      "---\ntitle: ID card FAQ\n---\nHow it goes: ![Flow chart](flow-chart.png)\n\n"
      "![District map](/office/images/map.png) ![Old district map](/office/images/old.png)\n");
  ExpectErrors({
      "content/faq/id-card.en.md:4:14: the image flow-chart.png does not exist: "
      "content/faq/flow-chart.png is no file",
      "content/faq/id-card.en.md:6:41: the image /office/images/old.png does not exist: "
      "static/images/old.png is no file, nor content/images/old.png",
  });
}

TEST_F(BuildErrorsTest, MissingTemplate) {
  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID\nlayout: gallery\n---\n");
  ExpectErrors({"content/faq/id-card.en.md:3:9: the template 'gallery' does not exist"});
}

TEST_F(BuildErrorsTest, MissingPartial) {
  site_.Write("themes/default/templates/page.mustache", "{{> head}}\n<body>{{> sidebar}}</body>\n");
  ExpectErrors(
      {"themes/default/templates/page.mustache:2:7: the partial 'sidebar' does not exist"});
}

TEST_F(BuildErrorsTest, MissingInterfaceString) {
  site_.Write("themes/default/i18n/zh-TW.yaml", "print: 列印\n");
  ExpectErrors(
      {"themes/default/i18n/en.yaml (built into kiosk):0:0: the interface string "
       "'print' is missing"});
}

TEST_F(BuildErrorsTest, EveryErrorOfABuildIsReportedTogether) {
  site_.Write("content/faq/id-card.en.md", "---\ndate: 2026-10-01\n---\n");
  site_.Write("content/news/volunteers.en.md", "---\ntitle: V\ndepartment: nope\n---\n");
  site_.Write("content/faq/x.ja.md", "---\ntitle: X\n---\n");
  site_.Write("themes/default/templates/section.mustache", "{{> nothing}}\n");
  ExpectErrors({
      "content/faq/id-card.en.md:1:1: the page has no title",
      "content/faq/x.ja.md:0:0: unknown language suffix '.ja'",
      "content/news/volunteers.en.md:3:13: unknown department 'nope'",
      "themes/default/templates/section.mustache:1:1: the partial 'nothing' does not exist",
  });
}

TEST_F(BuildErrorsTest, AnAccessibilityFailureInMarkdownPointsAtItsLine) {
  site_.Write("static/photo.png", "png");
  site_.Write("content/faq/id-card.en.md",
              "---\ntitle: ID card FAQ\n---\n## Lost?\n\nSee the sample card:\n\n"
              "![image](/office/photo.png)\n");
  const BuildResult result = site_.Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
  const Diagnostic& error = result.diagnostics.items()[0];
  EXPECT_EQ(error.where.file, "content/faq/id-card.en.md");
  EXPECT_EQ(error.where.line, 8);
  EXPECT_EQ(error.message.rfind("KS1110100C (A, WCAG 1.1.1): ", 0), 0u) << error.message;
  EXPECT_EQ(site_.ReadOutput("index.html"), previous_home_) << "the previous output survives";
}

// A site with errors writes nothing, yet its pages are checked: the gate's findings come
// with the other errors, not in a second round.
TEST_F(BuildErrorsTest, AccessibilityFailuresComeWithTheSitesOtherErrors) {
  site_.Write("static/photo.png", "png");
  site_.Write(
      "content/faq/id-card.en.md",
      "---\ntitle: ID card FAQ\n---\nSee the sample card:\n\n![image](/office/photo.png)\n");
  site_.Write("content/news/volunteers.en.md", "---\ndate: 2026-10-01\n---\nText.\n");
  ExpectErrors({
      "content/faq/id-card.en.md:6:1: KS1110100C (A, WCAG 1.1.1): 替代文字 「image」 "
      "沒有說明圖片內容 — 寫出圖片傳達的資訊 / the alt text \"image\" does not say what the image "
      "shows — write what it tells",
      "content/news/volunteers.en.md:1:1: the page has no title",
  });
}

TEST_F(BuildErrorsTest, AnAccessibilityFailureInTheThemeNamesTheTemplate) {
  // A footer without the 導盲磚 Z and the office's facts.
  site_.Write("themes/default/templates/partials/footer.mustache",
              "</main>\n<footer><p>{{site.office.name}}</p></footer>\n</body>\n</html>\n");
  const BuildResult result = site_.Build();
  ASSERT_TRUE(result.diagnostics.has_errors());
  for (const Diagnostic& error : result.diagnostics.items()) {
    if (error.severity != Severity::kError) continue;  // the fixture's raw HTML is a warning
    EXPECT_NE(error.where.file.find("themes/default/templates/"), std::string::npos)
        << error.format();
  }
  BuildOptions unchecked;
  unchecked.check = false;
  EXPECT_TRUE(site_.Build(unchecked).ok()) << "--no-check builds it";
}

TEST_F(BuildErrorsTest, MissingSiteYaml) {
  site_.Remove("site.yaml");
  ExpectErrors({"site.yaml:0:0: there is no site.yaml in this folder"});
}

}  // namespace
}  // namespace kiosk
