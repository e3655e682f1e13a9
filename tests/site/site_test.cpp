// Site assembly, through whole builds on an in-memory file system.
#include "site/site.h"

#include <gtest/gtest.h>

#include "fs/file_system.h"
#include "pipeline/pipeline.h"

namespace kiosk {
namespace {

constexpr const char* kSiteYaml = R"(base_url: https://www.example.gov.tw/
languages:
  - {code: zh-TW, name: 中文, title: 測試}
  - {code: en, name: English, title: Test}
office: {name: 測試, address: 地址, phone: "1", hours: 8-5, email: a@example.gov.tw}
)";

class SiteTest : public ::testing::Test {
 protected:
  void Page(const std::string& path, const std::string& front_matter,
            const std::string& body = "") {
    fs_.WriteFile("site/content/" + path, "---\n" + front_matter + "\n---\n" + body);
  }
  BuildResult Build() {
    if (!fs_.IsFile("site/site.yaml")) fs_.WriteFile("site/site.yaml", kSiteYaml);
    BuildOptions options;
    options.site_dir = "site";
    options.display_dir = "site";
    options.out_dir = "out";
    options.jobs = 2;
    return BuildSite(fs_, options);
  }
  std::string Output(const std::string& path) {
    auto text = fs_.ReadFile("out/" + path);
    return text ? *text : "(missing " + path + ")";
  }
  static const Diagnostic& FirstError(const BuildResult& result) {
    for (const auto& d : result.diagnostics.items()) {
      if (d.severity == Severity::kError) return d;
    }
    static const Diagnostic kNone;
    return kNone;
  }
  static std::string Errors(const BuildResult& result) {
    std::string text;
    for (const auto& d : result.diagnostics.items()) text += d.format() + "\n";
    return text;
  }
  MemoryFileSystem fs_;
};

TEST_F(SiteTest, BuildsEveryLanguageAtItsOwnPrefix) {
  Page("faq/id-card.zh-TW.md", "title: 身分證");
  Page("faq/id-card.en.md", "title: ID card");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  EXPECT_TRUE(fs_.IsFile("out/faq/id-card/index.html"));
  EXPECT_TRUE(fs_.IsFile("out/en/faq/id-card/index.html"));
  EXPECT_TRUE(fs_.IsFile("out/index.html"));
  EXPECT_TRUE(fs_.IsFile("out/en/index.html"));
  EXPECT_TRUE(fs_.IsFile("out/faq/index.html")) << "every section has an index per language";
  EXPECT_TRUE(fs_.IsFile("out/en/faq/index.html"));
}

TEST_F(SiteTest, ChineseFileNamesArePercentEncodedInLinks) {
  Page("news/志工招募.zh-TW.md", "title: 志工招募\ntranslationKey: volunteers");
  Page("news/volunteers.en.md", "title: Volunteers\ntranslationKey: volunteers");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  EXPECT_TRUE(fs_.IsFile("out/news/志工招募/index.html"));
  const std::string english = Output("en/news/volunteers/index.html");
  EXPECT_NE(english.find("href=\"/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/\""), std::string::npos)
      << "the switcher links to the encoded Chinese URL";
  EXPECT_NE(english.find("hreflang=\"zh-Hant-TW\""), std::string::npos);
}

TEST_F(SiteTest, TwoFilesClaimingOneUrlAreAnError) {
  Page("faq/a.zh-TW.md", "title: A\nslug: same");
  Page("faq/b.zh-TW.md", "title: B\nslug: same");
  const BuildResult result = Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Errors(result);
  const Diagnostic& error = FirstError(result);
  EXPECT_EQ(error.where.file, "site/content/faq/b.zh-TW.md");
  EXPECT_EQ(error.where.line, 3);
  EXPECT_NE(error.message.find("site/content/faq/a.zh-TW.md"), std::string::npos);
}

TEST_F(SiteTest, TwoVersionsInOneLanguageAreAnError) {
  Page("faq/a.en.md", "title: A\ntranslationKey: k");
  Page("faq/b.en.md", "title: B\ntranslationKey: k");
  const BuildResult result = Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Errors(result);
  EXPECT_EQ(FirstError(result).where.line, 3);
}

TEST_F(SiteTest, MissingTranslationLinksToTheOtherLanguagesSection) {
  Page("faq/_index.en.md", "title: FAQ");
  Page("faq/_index.zh-TW.md", "title: 常見問題");
  Page("faq/only-chinese.zh-TW.md", "title: 只有中文");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  ASSERT_EQ(result.missing_translations.size(), 1u);
  EXPECT_EQ(result.missing_translations[0].language, "en");
  const std::string page = Output("faq/only-chinese/index.html");
  EXPECT_NE(page.find("<a href=\"/en/faq/\" hreflang=\"en\" lang=\"en\" title=\"English\" "
                      "class=\"untranslated\">English"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("not available in English yet"), std::string::npos);
  EXPECT_EQ(page.find("<link rel=\"alternate\" hreflang=\"en\""), std::string::npos)
      << "no alternate link for a translation that does not exist";
}

TEST_F(SiteTest, SectionsListTheirPagesByWeightThenNewestFirst) {
  Page("news/old.zh-TW.md", "title: 舊\ndate: 2026-01-01");
  Page("news/new.zh-TW.md", "title: 新\ndate: 2026-06-01");
  Page("news/pinned.zh-TW.md", "title: 置頂\ndate: 2025-01-01\nweight: 1");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  const std::string index = Output("news/index.html");
  const size_t pinned = index.find("置頂");
  const size_t newer = index.find("新");
  const size_t older = index.find("舊");
  ASSERT_NE(older, std::string::npos);
  EXPECT_LT(pinned, newer);
  EXPECT_LT(newer, older);
}

// Listing order compares the first 16 bytes of dates and titles apart from the rest: texts
// alike in those bytes, or one the start of another, still sort as their whole bytes do.
TEST_F(SiteTest, ListingOrderReadsDatesAndTitlesPastTheirFirstBytes) {
  Page("news/a.zh-TW.md", "title: 甲\ndate: 2026-06-01T10:00");
  Page("news/b.zh-TW.md", "title: 乙\ndate: 2026-06-01T10:00:30");
  Page("news/c.zh-TW.md", "title: 戊\ndate: 2026-06-01T10:00:30Z");
  Page("faq/long.zh-TW.md", "title: 戶籍謄本申請常見問題之二");
  Page("faq/short.zh-TW.md", "title: 戶籍謄本申請常見問題");
  Page("faq/first.zh-TW.md", "title: 戶籍謄本申請常見問答");
  Page("faq/same-a.zh-TW.md", "title: 同名");
  Page("faq/same-b.zh-TW.md", "title: 同名");
  // Texts whose first difference and a later one disagree: the bytes are read in order.
  Page("news/d.zh-TW.md", "title: 丁\ndate: 2025-12-31");
  Page("news/e.zh-TW.md", "title: 己\ndate: 2026-01-01");
  Page("faq/mixed-a.zh-TW.md", "title: 丙甲");
  Page("faq/mixed-b.zh-TW.md", "title: 乙戊");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  const std::string news = Output("news/index.html");
  const size_t a = news.find("甲"), b = news.find("乙"), c = news.find("戊");
  ASSERT_NE(a, std::string::npos);
  EXPECT_LT(c, b) << "newest first: \"...:30Z\" after \"...:30\" in bytes";
  EXPECT_LT(b, a);
  EXPECT_LT(news.find("己"), news.find("丁")) << "2026-01-01 is newer than 2025-12-31";
  const std::string faq = Output("faq/index.html");
  const size_t short_title = faq.find("常見問題<");
  const size_t long_title = faq.find("常見問題之二");
  const size_t answers = faq.find("常見問答");
  ASSERT_NE(short_title, std::string::npos) << faq;
  EXPECT_LT(answers, short_title) << "問答 (E7 AD 94) before 問題 (E9 A1 8C) in UTF-8";
  EXPECT_LT(short_title, long_title) << "a title before the longer ones that start with it";
  EXPECT_LT(faq.find("/faq/same-a/"), faq.find("/faq/same-b/")) << "equal titles by URL";
  EXPECT_LT(faq.find("丙甲"), faq.find("乙戊")) << "丙 (E4 B8 99) before 乙 (E4 B9 99)";
}

// Departments are listed as site.yaml orders them, not by their names' character codes: on
// the site map as on /departments/.
TEST_F(SiteTest, DepartmentsKeepSiteYamlsOrderEverywhere) {
  fs_.WriteFile("site/site.yaml", std::string(kSiteYaml) + R"(departments:
  - {id: secretariat, name: {zh-TW: 秘書室, en: Secretariat}}
  - {id: civil, name: {zh-TW: 民政課, en: Civil Affairs}}
  - {id: social, name: {zh-TW: 社會課, en: Social Affairs}}
)");
  Page("faq/id-card.zh-TW.md", "title: 身分證");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  for (const char* page : {"departments/index.html", "sitemap/index.html"}) {
    const std::string html = Output(page);
    // By character code 民 (E6 B0 91) < 社 (E7 A4 BE) < 秘 (E7 A7 98); site.yaml's is 秘, 民, 社.
    const size_t secretariat = html.find("秘書室"), civil = html.find("民政課");
    ASSERT_NE(civil, std::string::npos) << page;
    EXPECT_LT(secretariat, civil) << page;
    EXPECT_LT(civil, html.find("社會課")) << page;
  }
  const std::string english = Output("en/sitemap/index.html");
  EXPECT_LT(english.find("Secretariat"), english.find("Civil Affairs"));
}

// An office may publish in Chinese only: no language switcher then, as an empty <nav> would
// fail the site's own check (HM1240102C).
TEST_F(SiteTest, ASiteInOneLanguageHasNoLanguageSwitcher) {
  fs_.WriteFile("site/site.yaml", R"(base_url: https://www.example.gov.tw/
languages:
  - {code: zh-TW, name: 中文, title: 測試}
office: {name: 測試, address: 地址, phone: "1", hours: 8-5, email: a@example.gov.tw}
)");
  Page("faq/id-card.zh-TW.md", "title: 身分證");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  const std::string page = Output("faq/id-card/index.html");
  EXPECT_NE(page.find("<h1"), std::string::npos) << page;
  EXPECT_EQ(page.find("language-switcher"), std::string::npos);
  EXPECT_NE(Output("index.html").find("<h1"), std::string::npos);
}

TEST_F(SiteTest, NestedFoldersAreNestedSections) {
  Page("services/household/transcript.zh-TW.md", "title: 謄本");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  EXPECT_TRUE(fs_.IsFile("out/services/household/transcript/index.html"));
  EXPECT_TRUE(fs_.IsFile("out/services/household/index.html"));
  EXPECT_NE(Output("services/index.html").find("href=\"/services/household/\""), std::string::npos);
}

TEST_F(SiteTest, DraftsAreLeftOut) {
  Page("news/draft.zh-TW.md", "title: 草稿\ndraft: true");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  EXPECT_FALSE(fs_.IsFile("out/news/draft/index.html"));
}

TEST_F(SiteTest, ASlugCollidingWithASectionIsAnError) {
  Page("faq.zh-TW.md", "title: 問答");
  Page("faq/x.zh-TW.md", "title: X");
  const BuildResult result = Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Errors(result);
  EXPECT_EQ(FirstError(result).where.file, "site/content/faq.zh-TW.md");
}

TEST_F(SiteTest, AShortUrlGetsARedirectPageAndIsWhatTheQrCodeHolds) {
  Page("faq/id-card.zh-TW.md", "title: 身分證\nshort_url: id");
  const BuildResult result = Build();
  ASSERT_TRUE(result.ok()) << Errors(result);
  const std::string redirect = Output("s/id/index.html");
  EXPECT_NE(redirect.find("<meta http-equiv=\"refresh\" content=\"0; url=/faq/id-card/\">"),
            std::string::npos)
      << redirect;
  EXPECT_NE(redirect.find("<a href=\"/faq/id-card/\" title=\"身分證\">"), std::string::npos)
      << "a plain link for browsers that do not follow the redirect";
  EXPECT_NE(Output("faq/id-card/index.html").find("https://www.example.gov.tw/s/id/</a>"),
            std::string::npos);
}

TEST_F(SiteTest, TwoPagesClaimingOneShortUrlAreAnError) {
  Page("faq/a.zh-TW.md", "title: A\nshort_url: same");
  Page("faq/b.zh-TW.md", "title: B\nshort_url: same");
  const BuildResult result = Build();
  EXPECT_EQ(FirstError(result).format(),
            "site/content/faq/b.zh-TW.md:3:12: error: the short_url 'same' is also used by "
            "site/content/faq/a.zh-TW.md — give each page its own short_url");
}

TEST_F(SiteTest, AShortUrlThatIsNotUrlSafeIsAnError) {
  Page("faq/a.zh-TW.md", "title: A\nshort_url: 身分證/補發");
  const BuildResult result = Build();
  EXPECT_EQ(FirstError(result).where.line, 3);
  EXPECT_EQ(FirstError(result).where.column, 12);
  EXPECT_NE(FirstError(result).message.find("not URL-safe"), std::string::npos);
}

TEST_F(SiteTest, GeneratedShortCodesAreStableAndUnique) {
  fs_.WriteFile("site/site.yaml", std::string(kSiteYaml) + "qr:\n  short_urls: true\n");
  for (int i = 0; i < 40; ++i) Page("faq/p" + std::to_string(i) + ".zh-TW.md", "title: P");
  ASSERT_TRUE(Build().ok());
  const auto first = fs_.files();
  ASSERT_TRUE(Build().ok());
  EXPECT_EQ(first, fs_.files()) << "the same codes on every build";
  size_t redirects = 0;
  for (const auto& [path, contents] : first) redirects += path.rfind("out/s/", 0) == 0;
  EXPECT_EQ(redirects, 40u + 8)
      << "one short link per page: 40 pages, 2 homes, 2 sections, 2 site maps, 2 searches";
}

}  // namespace
}  // namespace kiosk
