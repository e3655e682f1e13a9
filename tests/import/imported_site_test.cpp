// Imported pages built into a site: a service procedure's front matter and a FAQ as kiosk
// shows them, an imported picture published where the page links to it, and the alt-text
// placeholder reported by the build at its line.
#include <gtest/gtest.h>

#include <string>

#include "fs/file_system.h"
#include "import/importer.h"
#include "markdown/markdown.h"
#include "support/site_fixture.h"

namespace kiosk::import {
namespace {

// Imports a document of tests/import/documents into the fixture site.
void ImportInto(const testing::SiteFixture& site, const std::string& document, PageType type,
                const std::string& page) {
  DiskFileSystem disk;
  ImportOptions options;
  options.document = testing::TestsDir() + "/import/documents/" + document;
  options.output = site.site_dir() + "/" + page;
  options.type = type;
  const ImportResult result = ImportDocument(disk, options);
  ASSERT_EQ(result.exit_status, 0);
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ImportedSite, AServiceProcedureBuildsWithItsFactsInPlace) {
  testing::SiteFixture site;
  ImportInto(site, "household-transcript-sop.docx", PageType::kSop,
             "content/services/transcript.zh-TW.md");
  // The one thing a person adds: which department of site.yaml it is.
  std::string page = site.Read("content/services/transcript.zh-TW.md");
  page.insert(page.find("type: sop\n"), "department: civil\n");
  site.Write("content/services/transcript.zh-TW.md", page);
  const BuildResult result = site.Build();
  ASSERT_TRUE(result.ok()) << testing::Describe(result);
  const std::string html = site.ReadOutput("services/transcript/index.html");
  for (const char* part : {"隨到隨辦（約 10 分鐘）", "每張新臺幣 15 元", "國民身分證",
                           "受委託人另附本人身分證及委託書", "核對身分、收費並列印謄本",
                           "戶籍法第 65 條", "委託他人申請者，應附委託書。", "3 個月內有效"}) {
    EXPECT_TRUE(Contains(html, part)) << part;
  }
  EXPECT_FALSE(Contains(html, "民政課 第")) << "no page header or footer";
}

TEST(ImportedSite, AFaqBuildsWithItsQuestions) {
  testing::SiteFixture site;
  ImportInto(site, "household-registration-faq.odt", PageType::kFaq, "content/faq/registration.zh-TW.md");
  const BuildResult result = site.Build();
  ASSERT_TRUE(result.ok()) << testing::Describe(result);
  const std::string html = site.ReadOutput("faq/registration/index.html");
  EXPECT_TRUE(Contains(html, "申請戶籍謄本要帶什麼？"));
  EXPECT_TRUE(Contains(html, "\"@type\":\"FAQPage\"") || Contains(html, "\"@type\": \"FAQPage\""));
}

TEST(ImportedSite, AnImportedPictureIsPublishedWhereThePageLinksToIt) {
  testing::SiteFixture site;
  ImportInto(site, "household-transcript-sop.odt", PageType::kPage, "content/faq/transcript.zh-TW.md");
  ImportInto(site, "recycling-plant-2021-plan.odt", PageType::kPage, "content/faq/recycling.zh-TW.md");
  const BuildResult result = site.Build();
  ASSERT_TRUE(result.ok()) << testing::Describe(result);
  const std::string html = site.ReadOutput("faq/recycling/index.html");
  EXPECT_TRUE(Contains(html, "src=\"/office/faq/recycling-1.png\"")) << html;
  EXPECT_TRUE(site.OutputExists("faq/recycling-1.png"));
}

TEST(ImportedSite, TheAltPlaceholderIsReportedUntilAPersonWritesTheAltText) {
  testing::SiteFixture site;
  ImportInto(site, "gangshan-2018-plan.docx", PageType::kPage, "content/faq/gangshan.zh-TW.md");
  const std::string page = site.Read("content/faq/gangshan.zh-TW.md");
  const std::string image = "![請輸入替代文字](gangshan-1.png)";
  ASSERT_TRUE(Contains(page, image));
  int line = 1;
  for (size_t at = 0; at < page.find(image); ++at) line += page[at] == '\n';

  const BuildResult checked = site.Build();
  EXPECT_FALSE(checked.ok()) << "the accessibility gate fails it (KS1110100C)";
  bool warned = false;
  bool failed = false;
  for (const Diagnostic& diagnostic : checked.diagnostics.items()) {
    if (diagnostic.where.file != "content/faq/gangshan.zh-TW.md" || diagnostic.where.line != line) continue;
    warned = warned || (diagnostic.severity == Severity::kWarning &&
                        Contains(diagnostic.message, "has no alt text yet"));
    failed = failed || (diagnostic.severity == Severity::kError &&
                        Contains(diagnostic.message, "KS1110100C"));
  }
  EXPECT_TRUE(warned && failed) << testing::Describe(checked);

  BuildOptions unchecked;
  unchecked.check = false;
  const BuildResult built = site.Build(unchecked);
  EXPECT_TRUE(built.ok()) << testing::Describe(built);
  EXPECT_EQ(built.diagnostics.warning_count() > 0, true) << "still said without the check";

  std::string written = page;
  written.replace(written.find(image), image.size(), "![岡山區公所服務櫃檯](gangshan-1.png)");
  site.Write("content/faq/gangshan.zh-TW.md", written);
  const BuildResult fixed = site.Build();
  for (const Diagnostic& diagnostic : fixed.diagnostics.items()) {
    EXPECT_FALSE(Contains(diagnostic.message, "alt text")) << diagnostic.format();
  }
}

}  // namespace
}  // namespace kiosk::import
