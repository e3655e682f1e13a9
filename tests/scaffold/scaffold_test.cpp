// kiosk new: a new site, and each new page, build with no warning and no finding at AA.
#include "scaffold/scaffold.h"

#include <gtest/gtest.h>

#include "fs/file_system.h"
#include "pipeline/pipeline.h"

namespace kiosk {
namespace {

std::string Describe(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& diagnostic : diagnostics.items()) text += diagnostic.format() + "\n";
  return text;
}

class ScaffoldTest : public ::testing::Test {
 protected:
  MadeFiles NewSite(NewSiteOptions options = {}) {
    options.dir = "site";
    options.today = "2026-11-21";
    return MakeSite(fs_, options);
  }
  MadeFiles NewPage(const std::string& type, const std::string& name,
                    std::optional<std::string> section = std::nullopt) {
    NewPageOptions options;
    options.site_dir = "site";
    options.type = type;
    options.name = name;
    options.section = std::move(section);
    options.today = "2026-11-22";
    return MakePage(fs_, options);
  }
  // Builds the site: it must have no problem at all, warnings included.
  BuildResult ExpectCleanBuild() {
    BuildOptions options;
    options.site_dir = "site";
    options.out_dir = "out";
    options.jobs = 2;
    const BuildResult result = BuildSite(fs_, options);
    EXPECT_TRUE(result.diagnostics.items().empty()) << Describe(result.diagnostics);
    EXPECT_EQ(result.check_failures, 0u);
    EXPECT_TRUE(result.missing_translations.empty());
    return result;
  }
  MemoryFileSystem fs_;
};

TEST_F(ScaffoldTest, ANewSiteBuildsWithNoWarningAndNoFindingAtAA) {
  const MadeFiles made = NewSite();
  ASSERT_TRUE(made.ok()) << Describe(made.diagnostics);
  for (const char* file :
       {"site/site.yaml", "site/.gitignore", "site/content/_index.zh-TW.md",
        "site/content/accessibility.en.md", "site/content/privacy.zh-TW.md",
        "site/content/open-data.en.md", "site/content/faq/_index.zh-TW.md",
        "site/content/services/government-information.en.md",
        "site/content/plans/service-plan.zh-TW.md", "site/content/news/new-website.en.md"}) {
    EXPECT_NE(std::find(made.files.begin(), made.files.end(), file), made.files.end()) << file;
  }
  EXPECT_EQ(*fs_.ReadFile("site/.gitignore"), "output/\n.kiosk/\n");
  const BuildResult built = ExpectCleanBuild();
  EXPECT_EQ(built.pages_per_language.at("zh-TW"), 7);
  EXPECT_EQ(built.pages_per_language.at("en"), 7);
  const std::string news = *fs_.ReadFile("out/en/news/new-website/index.html");
  EXPECT_NE(news.find("2026-11-21"), std::string::npos);
  EXPECT_NE(fs_.ReadFile("out/services/government-information/index.html")->find("申請人身分證件"),
            std::string::npos);
}

TEST_F(ScaffoldTest, TheOfficesNamesAndAddressAreTheGivenOnes) {
  NewSiteOptions options;
  options.name = "範例市清溪區公所";
  options.name_en = "Qingxi District Office: \"Example\" City";
  options.base_url = "https://qingxi.example.gov.tw/office";
  ASSERT_TRUE(NewSite(options).ok());
  ExpectCleanBuild();
  const std::string home = *fs_.ReadFile("out/en/index.html");
  EXPECT_NE(home.find("Qingxi District Office: &quot;Example&quot; City"), std::string::npos);
  EXPECT_NE(home.find("https://qingxi.example.gov.tw/office/en/"), std::string::npos);
  EXPECT_NE(fs_.ReadFile("out/open-data/index.html")->find("href=\"/office/data/faq.json\""),
            std::string::npos);
}

TEST_F(ScaffoldTest, EachNewPageBuildsClean) {
  ASSERT_TRUE(NewSite().ok());
  for (const std::string& type : NewPageTypes()) {
    const MadeFiles made = NewPage(type, "new-" + type);
    ASSERT_TRUE(made.ok()) << Describe(made.diagnostics);
    EXPECT_EQ(made.files.size(), 2u) << type;
  }
  EXPECT_TRUE(fs_.IsFile("site/content/faq/new-faq.zh-TW.md"));
  EXPECT_TRUE(fs_.IsFile("site/content/services/new-sop.en.md"));
  EXPECT_TRUE(fs_.IsFile("site/content/plans/new-plan.zh-TW.md"));
  EXPECT_TRUE(fs_.IsFile("site/content/news/new-news.en.md"));
  EXPECT_TRUE(fs_.IsFile("site/content/new-page.zh-TW.md"));
  const MadeFiles chinese = NewPage("faq", "停車", "faq/parking");
  ASSERT_TRUE(chinese.ok()) << Describe(chinese.diagnostics);
  EXPECT_EQ(chinese.files,
            (std::vector<std::string>{
                "content/faq/parking/_index.en.md", "content/faq/parking/_index.zh-TW.md",
                "content/faq/parking/停車.en.md", "content/faq/parking/停車.zh-TW.md"}));
  ExpectCleanBuild();
  EXPECT_TRUE(fs_.IsFile("out/en/faq/parking/停車/index.html"));
  EXPECT_NE(fs_.ReadFile("out/news/new-news/index.html")->find("2026-11-22"), std::string::npos);
}

TEST_F(ScaffoldTest, NeverOverwritesAFile) {
  ASSERT_TRUE(NewSite().ok());
  fs_.WriteFile("site/content/faq/id-card.en.md", "mine");
  const MadeFiles made = NewPage("faq", "id-card");
  EXPECT_FALSE(made.ok());
  ASSERT_EQ(made.diagnostics.items().size(), 1u);
  EXPECT_EQ(made.diagnostics.items()[0].format(),
            "content/faq/id-card.en.md: error: the file exists already — choose another name, "
            "or edit the file");
  EXPECT_EQ(*fs_.ReadFile("site/content/faq/id-card.en.md"), "mine");
  EXPECT_FALSE(fs_.IsFile("site/content/faq/id-card.zh-TW.md")) << "nothing is written";
  EXPECT_FALSE(NewSite().ok()) << "the folder is not empty";
}

TEST_F(ScaffoldTest, WhatCannotBeMadeIsSaidWithTheFix) {
  NewSiteOptions bad;
  bad.base_url = "qingxi.example.gov.tw";
  const MadeFiles site = NewSite(bad);
  ASSERT_FALSE(site.ok());
  EXPECT_NE(site.diagnostics.items()[0].format().find("--base-url https://"), std::string::npos);
  EXPECT_FALSE(fs_.IsDirectory("site"));

  ASSERT_TRUE(NewSite().ok());
  EXPECT_FALSE(NewPage("faq", "id card").ok());
  EXPECT_FALSE(NewPage("faq", "../escape").ok());
  EXPECT_FALSE(NewPage("faq", "a", "../elsewhere").ok());
  EXPECT_FALSE(NewPage("form", "a").ok());
  fs_.WriteFile("site/site.yaml", R"(base_url: https://www.example.gov.tw/
languages:
  - {code: zh-TW, name: 中文, title: 測試}
office: {name: 測試, address: 地址, phone: "1", hours: 8-5, email: a@example.gov.tw}
)");
  const MadeFiles sop = NewPage("sop", "a");
  ASSERT_FALSE(sop.ok());
  EXPECT_EQ(sop.diagnostics.items()[0].where.file, "site.yaml");
  // One language, no departments: a FAQ page without one, in Chinese only.
  const MadeFiles faq = NewPage("faq", "only");
  ASSERT_TRUE(faq.ok()) << Describe(faq.diagnostics);
  EXPECT_EQ(faq.files, std::vector<std::string>{"content/faq/only.zh-TW.md"});
  EXPECT_EQ(fs_.ReadFile("site/content/faq/only.zh-TW.md")->find("department"), std::string::npos);
}

}  // namespace
}  // namespace kiosk
