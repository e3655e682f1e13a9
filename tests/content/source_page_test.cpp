#include "content/source_page.h"

#include <gtest/gtest.h>

namespace kiosk {
namespace {

SiteConfig TestConfig() {
  Diagnostics diagnostics;
  auto config = ParseSiteConfig(R"(base_url: https://www.example.gov.tw/
languages:
  - {code: zh-TW, name: 中文, title: 測試}
  - {code: en, name: English, title: Test}
office: {name: 測試, address: 地址, phone: "1", hours: 8-5, email: a@example.gov.tw}
departments:
  - {id: civil, name: 民政課}
)",
                                "site.yaml", diagnostics);
  EXPECT_TRUE(config) << (diagnostics.items().empty() ? "" : diagnostics.items()[0].format());
  return *config;
}

std::optional<SourcePage> Parse(const std::string& path, const std::string& text,
                                Diagnostics& diagnostics) {
  static const SiteConfig config = TestConfig();
  auto origin = ClassifyContentPath(path, "content/" + path, config, diagnostics);
  if (!origin) return std::nullopt;
  return ParseSourcePage(*origin, text, config, diagnostics);
}

TEST(ContentPath, ReadsLanguageSuffixes) {
  const SiteConfig config = TestConfig();
  Diagnostics diagnostics;
  auto zh = ClassifyContentPath("faq/id-card.zh-TW.md", "content/faq/id-card.zh-TW.md", config,
                                diagnostics);
  ASSERT_TRUE(zh);
  EXPECT_EQ(zh->language, "zh-TW");
  EXPECT_EQ(zh->base_name, "id-card");
  EXPECT_EQ(zh->section, "faq");
  auto plain = ClassifyContentPath("faq/id-card.md", "content/faq/id-card.md", config, diagnostics);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->language, "zh-TW") << "no suffix means the default language";
  auto dotted = ClassifyContentPath("news/v1.2-release.en.md", "x", config, diagnostics);
  ASSERT_TRUE(dotted);
  EXPECT_EQ(dotted->base_name, "v1.2-release");
  auto index = ClassifyContentPath("faq/_index.en.md", "x", config, diagnostics);
  ASSERT_TRUE(index);
  EXPECT_TRUE(index->is_index);
  EXPECT_FALSE(ClassifyContentPath("faq/photo.png", "x", config, diagnostics));
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(ContentPath, UnknownLanguageSuffixIsAnErrorNamingTheFile) {
  const SiteConfig config = TestConfig();
  Diagnostics diagnostics;
  EXPECT_FALSE(
      ClassifyContentPath("faq/id-card.ja.md", "content/faq/id-card.ja.md", config, diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.file, "content/faq/id-card.ja.md");
  EXPECT_NE(diagnostics.items()[0].message.find("'.ja'"), std::string::npos);
}

TEST(SourcePage, ReadsFrontMatterAndBody) {
  Diagnostics diagnostics;
  auto page = Parse("faq/id-card.zh-TW.md", R"(---
title: 身分證
description: 補發說明
date: 2026-10-01
updated: 2026-11-02
department: civil
weight: 3
icon: card
---
## 問題

答案。
)",
                    diagnostics);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->title, "身分證");
  EXPECT_EQ(page->slug, "id-card");
  EXPECT_EQ(page->date->iso, "2026-10-01");
  EXPECT_EQ(page->updated->day, 2);
  EXPECT_EQ(page->weight, 3);
  EXPECT_EQ(page->department, "civil");
  EXPECT_EQ(page->translation_key, "faq/id-card");
  ASSERT_NE(page->front_matter.Find("icon"), nullptr) << "other keys are kept for templates";
  ASSERT_EQ(page->body.headings.size(), 1u);
  EXPECT_EQ(page->body.headings[0].line, 10) << "body lines count from the top of the file";
  EXPECT_FALSE(diagnostics.has_errors());
}

TEST(SourcePage, MissingTitleIsReportedAtTheFrontMatter) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Parse("a.md", "---\ndate: 2026-01-01\n---\nx\n", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].format(),
            "content/a.md:1:1: error: the page has no title — add 'title: …' to the front matter");
}

TEST(SourcePage, BadYamlIsReportedAtItsLineAndColumn) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Parse("a.md", "---\ntitle: ok\ndescription: [unclosed\n---\n", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.file, "content/a.md");
  EXPECT_GE(diagnostics.items()[0].where.line, 3);
}

TEST(SourcePage, UnknownDepartmentIsReportedAtItsValue) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Parse("a.md", "---\ntitle: x\ndepartment: finance\n---\n", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  const Diagnostic& error = diagnostics.items()[0];
  EXPECT_EQ(error.where.line, 3);
  EXPECT_EQ(error.where.column, 13);
  EXPECT_NE(error.hint.find("civil"), std::string::npos) << "the hint lists the known ids";
}

TEST(SourcePage, InvalidUtf8IsReportedAtItsPosition) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Parse("a.md", "---\ntitle: 好\n---\n第一行\n第\xff行\n", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].where.line, 5);
  EXPECT_EQ(diagnostics.items()[0].where.column, 2);
}

TEST(SourcePage, RejectsSlugsThatLeaveTheirFolder) {
  for (const char* slug : {"../../etc", "a/b", ".hidden", "has space"}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(
        Parse("a.md", std::string("---\ntitle: x\nslug: \"") + slug + "\"\n---\n", diagnostics))
        << slug;
    ASSERT_EQ(diagnostics.error_count(), 1) << slug;
    EXPECT_EQ(diagnostics.items()[0].where.line, 3) << slug;
  }
}

TEST(SourcePage, RejectsBadDatesWeightsAndDrafts) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Parse("a.md",
                     "---\ntitle: x\ndate: 115-11-21\nupdated: 2026-02-30\nweight: high\n"
                     "draft: maybe\n---\n",
                     diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 4);
  EXPECT_EQ(diagnostics.items()[0].where.line, 3);
  EXPECT_EQ(diagnostics.items()[1].where.line, 4);
  EXPECT_EQ(diagnostics.items()[2].where.line, 6) << "draft is read before weight";
}

TEST(SourcePage, RequiresFrontMatter) {
  Diagnostics diagnostics;
  EXPECT_FALSE(Parse("a.md", "# Title\n", diagnostics));
  EXPECT_FALSE(Parse("b.md", "---\ntitle: x\n", diagnostics));
  EXPECT_EQ(diagnostics.error_count(), 2);
}

TEST(SourcePage, AcceptsAByteOrderMarkAndWindowsLineEnds) {
  Diagnostics diagnostics;
  auto page = Parse("a.md", "\xEF\xBB\xBF---\r\ntitle: 好\r\n---\r\n內文\r\n", diagnostics);
  ASSERT_TRUE(page) << diagnostics.items()[0].format();
  EXPECT_EQ(page->title, "好");
}

TEST(SourcePage, ReadsAliasesWithTheirPlaces) {
  Diagnostics diagnostics;
  auto page = Parse("faq/parks.zh-TW.md",
                    "---\ntitle: 公園\naliases:\n  - /faq/green/\n  - "
                    "https://www.example.gov.tw/faq/%E5%85%AC%E5%9C%92/\n---\n",
                    diagnostics);
  ASSERT_TRUE(page) << (diagnostics.items().empty() ? "" : diagnostics.items()[0].format());
  ASSERT_EQ(page->aliases.size(), 2u);
  EXPECT_EQ(page->aliases[0].address, "/faq/green/");
  EXPECT_EQ(page->aliases[0].where.line, 4);
  EXPECT_EQ(page->aliases[0].where.column, 5);
  EXPECT_EQ(page->aliases[1].address, "/faq/公園/");
}

TEST(SourcePage, AliasesMustBeAListOfAddresses) {
  Diagnostics diagnostics;
  EXPECT_FALSE(
      Parse("faq/parks.zh-TW.md", "---\ntitle: 公園\naliases: /faq/green/\n---\n", diagnostics));
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].format(),
            "content/faq/parks.zh-TW.md:3:10: error: 'aliases' must be a list of addresses, not "
            "the text '/faq/green/' — write it in brackets, as in 'aliases: [/faq/parks/]'");
  Diagnostics more;
  EXPECT_FALSE(
      Parse("faq/parks.zh-TW.md", "---\ntitle: 公園\naliases: [green/, {a: b}]\n---\n", more));
  EXPECT_EQ(more.error_count(), 2);
}

TEST(Date, ValidatesCalendarDays) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2026-02-29"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_TRUE(ParseDate("2026-11-21T09:30:00+08:00"));
  EXPECT_EQ(ParseDate("2026-11-21 09:30")->iso, "2026-11-21T09:30");
}

TEST(Date, AcceptsOnlyTheIsoShapes) {
  for (const char* good : {"2026-11-21", "2026-11-21T09:30", "2026-11-21T09:30:15",
                           "2026-11-21T09:30Z", "2026-11-21T09:30:15-05:00"}) {
    EXPECT_TRUE(ParseDate(good)) << good;
  }
  for (const char* bad : {"", "2026-1-21", "2026/11/21", "2026-11-21T", "2026-11-21T9:30",
                          "2026-11-21T09:30:1", "2026-11-21T09:30+0800", "2026-11-21T09:30Zx",
                          "2026-11-21 ", "２０２６-11-21", "2026-11-21T09:30:15+08:00:00"}) {
    EXPECT_FALSE(ParseDate(bad)) << bad;
  }
  const std::optional<Date> date = ParseDate("2026-11-21T09:30+08:00");
  ASSERT_TRUE(date);
  EXPECT_EQ(date->year, 2026);
  EXPECT_EQ(date->month, 11);
  EXPECT_EQ(date->day, 21);
}

}  // namespace
}  // namespace kiosk
