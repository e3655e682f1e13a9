// The content types (FAQ, SOP, plan, news, departments) on a fixture site: golden tests of
// each page's main content, and the errors each type's required fields raise.
//
// The golden files are tests/pipeline/golden/<name>.html. After an intended change to the
// output, rewrite them with KIOSK_UPDATE_GOLDEN=1 and review the difference.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "pipeline/pipeline.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

using testing::Describe;
using testing::SiteFixture;

// The <main> element of a page: what the content type decides. The QR code's drawing is
// left out (the QR tests decode it).
std::string MainOf(const std::string& html) {
  const size_t start = html.find("<main");
  const size_t end = html.find("</main>");
  if (start == std::string::npos || end == std::string::npos) return html;
  std::string main = html.substr(start, end + 7 - start) + "\n";
  const size_t path = main.find("<path fill=\"#000\" d=\"");
  if (path != std::string::npos) main.replace(path, main.find("/>", path) + 2 - path, "<path …/>");
  return main;
}

void ExpectGolden(const std::string& actual, const std::string& name) {
  const std::string path = testing::TestsDir() + "/pipeline/golden/" + name + ".html";
  if (std::getenv("KIOSK_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "golden file " << path << " (rewrite with KIOSK_UPDATE_GOLDEN=1 if intended)";
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ContentTypesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    result_ = site_.Build();
    ASSERT_TRUE(result_.ok()) << Describe(result_);
  }
  SiteFixture site_{"content-types"};
  BuildResult result_;
};

TEST_F(ContentTypesTest, FaqPage) {
  const std::string page = site_.ReadOutput("faq/id-card/index.html");
  ExpectGolden(MainOf(page), "faq");
  EXPECT_TRUE(Contains(page,
                       "<script type=\"application/ld+json\">{\"@context\":\"https://"
                       "schema.org\",\"@type\":\"FAQPage\",\"inLanguage\":\"zh-Hant-TW\","
                       "\"mainEntity\":[{\"@type\":\"Question\",\"name\":\"遺失身分證怎麼辦？\","
                       "\"acceptedAnswer\":{\"@type\":\"Answer\",\"text\":\"請攜帶戶口名簿及"
                       "相片一張辦理補發，規費新臺幣 50 元。\"}}"));
}

TEST_F(ContentTypesTest, ServicePage) {
  const std::string page = site_.ReadOutput("services/transcript/index.html");
  ExpectGolden(MainOf(page), "sop");
  EXPECT_TRUE(Contains(page, "\"@type\":\"GovernmentService\",\"name\":\"戶籍謄本申請\""));
  EXPECT_TRUE(Contains(page, "\"serviceUrl\":\"https://www.example.gov.tw/transcript\""));
}

TEST_F(ContentTypesTest, PlanPage) {
  ExpectGolden(MainOf(site_.ReadOutput("plans/service-plan/index.html")), "plan");
}

TEST_F(ContentTypesTest, NewsSectionListsNewestFirst) {
  ExpectGolden(MainOf(site_.ReadOutput("news/newer/index.html")), "news");
  const std::string index = site_.ReadOutput("news/index.html");
  ExpectGolden(MainOf(index), "news-section");
  EXPECT_LT(index.find("春節服務時間"), index.find("颱風沙包領取"));
  const std::string home = site_.ReadOutput("index.html");
  EXPECT_LT(home.find("春節服務時間"), home.find("颱風沙包領取"));
  EXPECT_FALSE(Contains(home, "戶籍謄本申請</a>")) << "the home page lists news when there is news";
}

TEST_F(ContentTypesTest, DepartmentPages) {
  ExpectGolden(MainOf(site_.ReadOutput("departments/civil/index.html")), "department");
  const std::string english = site_.ReadOutput("en/departments/civil/index.html");
  EXPECT_TRUE(Contains(english, "<h1>Civil Affairs</h1>"));
  const std::string index = site_.ReadOutput("departments/index.html");
  EXPECT_TRUE(Contains(index, "href=\"/office/departments/social/\""));
}

TEST_F(ContentTypesTest, OpenDataListsEveryQuestionAndService) {
  const std::string faq = site_.ReadOutput("data/faq.json");
  EXPECT_TRUE(Contains(faq, "\"license\":\"政府資料開放授權條款－第1版"));
  EXPECT_TRUE(
      Contains(faq,
               "{\"page\":\"https://www.example.gov.tw/office/faq/id-card/\","
               "\"language\":\"zh-Hant-TW\",\"department\":\"民政課\","
               "\"question\":\"遺失身分證怎麼辦？\",\"answer\":\"請攜帶戶口名簿及相片一張辦理補發，"
               "規費新臺幣 50 元。\"},"))
      << faq;
  const std::string csv = site_.ReadOutput("data/services.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "page,language,title,department,processing_time,fee,eligibility,where,online,"
            "documents,forms,legal_basis,steps");
  EXPECT_TRUE(Contains(csv,
                       "\"https://www.example.gov.tw/office/services/transcript/\","
                       "\"zh-Hant-TW\",\"戶籍謄本申請\",\"民政課\",\"隨到隨辦（約 10 分鐘）\""))
      << csv;
  EXPECT_TRUE(Contains(csv, "申請人: 填寫申請書並交給櫃檯; 戶政櫃檯: 核對身分、收費並列印"));
}

TEST_F(ContentTypesTest, OpenDataOfAnIncrementalBuildEqualsACleanOne) {
  site_.Write("content/faq/id-card.zh-TW.md",
              "---\ntitle: 身分證常見問題\ndepartment: civil\n---\n## 新問題？\n\n新答案。\n");
  ASSERT_TRUE(site_.Build().ok());
  EXPECT_TRUE(Contains(site_.ReadOutput("data/faq.json"), "新答案。"));
  BuildOptions clean;
  clean.incremental = false;
  clean.out_dir = site_.site_dir() + "/clean";
  ASSERT_TRUE(site_.Build(clean).ok());
  for (const char* file :
       {"data/faq.json", "data/faq.csv", "data/services.json", "data/services.csv"}) {
    EXPECT_EQ(site_.ReadOutput(file), site_.Read(std::string("clean/") + file)) << file;
  }
}

TEST_F(ContentTypesTest, DeletedOpenDataIsMadeAgainFromTheSources) {
  const std::string before = site_.ReadOutput("data/faq.json");
  site_.Remove("output/data");
  ASSERT_TRUE(site_.Build().ok());
  EXPECT_EQ(site_.ReadOutput("data/faq.json"), before);
}

TEST_F(ContentTypesTest, TypeComesFromTheSection) {
  // Neither page sets `type`; both take their section's.
  EXPECT_TRUE(Contains(site_.ReadOutput("faq/id-card/index.html"), "class=\"page faq\""));
  EXPECT_TRUE(Contains(site_.ReadOutput("services/transcript/index.html"), "class=\"page sop\""));
}

class ContentTypeErrorsTest : public ::testing::Test {
 protected:
  // The build's own errors and warnings; the accessibility check (which also fails a
  // closed-format form, ME1320200C) is tested on its own.
  std::vector<std::string> Errors(Severity severity = Severity::kError) {
    BuildOptions unchecked;
    unchecked.check = false;
    const BuildResult result = site_.Build(unchecked);
    std::vector<std::string> found;
    for (const Diagnostic& d : result.diagnostics.items()) {
      if (d.severity != severity) continue;
      found.push_back(d.where.file + ":" + std::to_string(d.where.line) + ":" +
                      std::to_string(d.where.column) + ": " + d.message);
    }
    return found;
  }
  void WriteService(const std::string& front_matter) {
    site_.Write("content/services/transcript.zh-TW.md",
                "---\ntitle: 謄本\n" + front_matter + "---\n");
  }
  SiteFixture site_{"content-types"};
};

TEST_F(ContentTypeErrorsTest, ServiceWithoutDepartment) {
  WriteService("steps:\n  - who: 申請人\n    what: 申請\n");
  EXPECT_EQ(Errors(), std::vector<std::string>{
                          "content/services/transcript.zh-TW.md:1:1: a service page needs a "
                          "'department'"});
}

TEST_F(ContentTypeErrorsTest, ServiceWithoutSteps) {
  WriteService("department: civil\n");
  EXPECT_EQ(Errors(), std::vector<std::string>{
                          "content/services/transcript.zh-TW.md:1:1: a service page needs its "
                          "'steps'"});
}

TEST_F(ContentTypeErrorsTest, StepWithoutWhat) {
  WriteService("department: civil\nsteps:\n  - who: 申請人\n");
  EXPECT_EQ(Errors(), std::vector<std::string>{
                          "content/services/transcript.zh-TW.md:5:5: 'what' is missing"});
}

TEST_F(ContentTypeErrorsTest, MissingFormFile) {
  WriteService(
      "department: civil\nforms:\n  - title: 申請書\n    file: forms/missing.pdf\n"
      "steps:\n  - who: 申請人\n    what: 申請\n");
  EXPECT_EQ(Errors(),
            std::vector<std::string>{"content/services/transcript.zh-TW.md:6:11: the form file "
                                     "static/forms/missing.pdf does not exist"});
}

TEST_F(ContentTypeErrorsTest, ClosedFormatWithoutAnOpenAlternativeIsAWarning) {
  site_.Write("static/forms/old.doc", "binary");
  WriteService(
      "department: civil\nforms:\n  - title: 申請書\n    file: forms/old.doc\n"
      "steps:\n  - who: 申請人\n    what: 申請\n");
  EXPECT_TRUE(Errors().empty());
  EXPECT_EQ(Errors(Severity::kWarning),
            std::vector<std::string>{"content/services/transcript.zh-TW.md:5:5: the form "
                                     "static/forms/old.doc is offered only in a closed format "
                                     "(DOC)"});
}

TEST_F(ContentTypeErrorsTest, ClosedFormatWithAnOpenAlternativeIsFine) {
  site_.Write("static/forms/old.docx", "binary");
  WriteService(
      "department: civil\nforms:\n  - title: 申請書\n    file: forms/old.docx\n"
      "    alternatives: [forms/transcript.odt]\nsteps:\n  - who: 申請人\n    what: 申請\n");
  EXPECT_TRUE(Errors().empty());
  EXPECT_TRUE(Errors(Severity::kWarning).empty());
}

TEST_F(ContentTypeErrorsTest, NewsWithoutDate) {
  site_.Write("content/news/undated.zh-TW.md", "---\ntitle: 公告\n---\n內容\n");
  EXPECT_EQ(Errors(), std::vector<std::string>{
                          "content/news/undated.zh-TW.md:1:1: a news item needs a 'date'"});
}

}  // namespace
}  // namespace kiosk
