#include "theme/theme.h"

#include <gtest/gtest.h>

#include "fs/file_system.h"

namespace kiosk {
namespace {

SiteConfig Config(const std::string& extra = "") {
  Diagnostics diagnostics;
  auto config = ParseSiteConfig(R"(base_url: https://www.example.gov.tw/
languages:
  - {code: zh-TW, name: 中文, title: 測試}
  - {code: en, name: English, title: Test}
office: {name: 測試, address: 地址, phone: "1", hours: 8-5, email: a@example.gov.tw}
)" + extra,
                                "site.yaml", diagnostics);
  return *config;
}

TEST(Theme, TheBuiltInThemeLoadsWithPartialsExpanded) {
  MemoryFileSystem fs;
  Diagnostics diagnostics;
  auto theme = LoadTheme(fs, "site", "", Config(), diagnostics);
  ASSERT_TRUE(theme) << diagnostics.items()[0].format();
  const ThemeTemplate* page = theme->Find("page");
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->text.find("{{>"), std::string::npos) << "partials are written in place";
  EXPECT_EQ(theme->Strings("en").at("home"), "Home");
  EXPECT_FALSE(theme->static_files().empty());
}

TEST(Theme, ASiteOverridesOneTemplateAndOneString) {
  MemoryFileSystem fs;
  fs.WriteFile("site/themes/default/templates/page.mustache", "<p>{{page.title}}</p>\n");
  fs.WriteFile("site/themes/default/i18n/en.yaml", "home: Start\n");
  Diagnostics diagnostics;
  auto theme = LoadTheme(fs, "site", "", Config(), diagnostics);
  ASSERT_TRUE(theme) << diagnostics.items()[0].format();
  EXPECT_EQ(theme->Find("page")->text, "<p>{{page.title}}</p>\n");
  EXPECT_EQ(theme->Find("page")->file, "themes/default/templates/page.mustache");
  EXPECT_EQ(theme->Strings("en").at("home"), "Start");
  EXPECT_EQ(theme->Strings("en").at("updated"), "Last updated") << "other strings stay";
}

TEST(Theme, AMissingPartialIsReportedWhereItIsIncluded) {
  MemoryFileSystem fs;
  fs.WriteFile("site/themes/default/templates/page.mustache", "<main>\n  {{> sidebar}}\n</main>\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadTheme(fs, "site", "", Config(), diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].format(),
            "themes/default/templates/page.mustache:2:3: error: the partial 'sidebar' does not "
            "exist — create templates/partials/sidebar.mustache in the theme, or fix the name");
}

TEST(Theme, ASyntaxErrorIsReportedAtItsLine) {
  MemoryFileSystem fs;
  fs.WriteFile("site/themes/default/templates/page.mustache", "<p>\n{{#page.toc}}\n</p>\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadTheme(fs, "site", "", Config(), diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 2);
}

TEST(Theme, AStringMissingInOneLanguageNamesTheKeyAndTheFile) {
  MemoryFileSystem fs;
  fs.WriteFile("site/themes/default/i18n/zh-TW.yaml", "office_hours_note: 中午不休息\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadTheme(fs, "site", "", Config(), diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  const Diagnostic& error = diagnostics.items()[0];
  EXPECT_EQ(error.where.file, "themes/default/i18n/en.yaml (built into kiosk)");
  EXPECT_NE(error.message.find("'office_hours_note'"), std::string::npos);
}

TEST(Theme, AnUnknownStringInATemplateIsAnError) {
  MemoryFileSystem fs;
  fs.WriteFile("site/themes/default/templates/page.mustache", "<p>{{i18n.no_such_key}}</p>\n");
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadTheme(fs, "site", "", Config(), diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.column, 4);
}

TEST(Theme, ALanguageWithoutStringsIsAnError) {
  MemoryFileSystem fs;
  Diagnostics diagnostics;
  auto config = Config();
  config.languages.push_back({"ja", "ja", "日本語", "テスト", "/ja"});
  EXPECT_FALSE(LoadTheme(fs, "site", "", config, diagnostics));
  ASSERT_GE(diagnostics.error_count(), 1);
  EXPECT_NE(diagnostics.items()[0].hint.find("i18n/ja.yaml"), std::string::npos);
}

TEST(Theme, ANamedThemeMustExist) {
  MemoryFileSystem fs;
  Diagnostics diagnostics;
  EXPECT_FALSE(LoadTheme(fs, "site", "", Config("theme: civic\n"), diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 6);
}

}  // namespace
}  // namespace kiosk
