#include "config/site_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <optional>
#include <string>

namespace kiosk {
namespace {

// A complete site.yaml using every key. Line numbers matter to the tests below.
constexpr std::string_view kFullConfig = R"(base_url: https://www.example.gov.tw/
theme: civic
languages:
  - code: zh-TW
    name: 中文
    title: 清溪區公所
  - code: en
    name: English
    title: Qingxi District Office
    html_lang: en-GB
office:
  name:
    zh-TW: 清溪區公所
    en: Qingxi District Office
  address: { zh-TW: 清溪路 100 號, en: "No. 100, Qingxi Rd." }
  phone: "(09) 9123-4567"
  fax: "(09) 9123-4500"
  hours: { zh-TW: 週一至週五 08:30–17:30, en: "Mon–Fri 08:30–17:30" }
  email: service@example.gov.tw
departments:
  - id: civil
    name: { zh-TW: 民政課, en: Civil Affairs }
    phone: "(09) 9123-4567 #200"
    location: { zh-TW: 本所 1 樓, en: 1st floor }
    email: civil@example.gov.tw
  - id: social
    name: { zh-TW: 社會課, en: Social Affairs }
markdown:
  unsafe_html: true
home:
  latest: 10
)";

constexpr std::string_view kBaseUrl = "base_url: https://www.example.gov.tw/\n";

// Two languages, zh-TW first: seven lines.
constexpr std::string_view kLanguages =
    "languages:\n"
    "  - code: zh-TW\n"
    "    name: 中文\n"
    "    title: 清溪區公所\n"
    "  - code: en\n"
    "    name: English\n"
    "    title: Qingxi District Office\n";

// An office with every required key: six lines.
constexpr std::string_view kOffice =
    "office:\n"
    "  name: { zh-TW: 清溪區公所, en: Qingxi District Office }\n"
    "  address: { zh-TW: 清溪路 100 號, en: \"No. 100, Qingxi Rd.\" }\n"
    "  phone: \"(09) 9123-4567\"\n"
    "  hours: 週一至週五 08:30–17:30\n"
    "  email: service@example.gov.tw\n";

std::string Join(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (std::string_view part : parts) text += part;
  return text;
}

// The smallest valid site.yaml, fourteen lines: every optional key is left out.
std::string MinimalConfig() { return Join({kBaseUrl, kLanguages, kOffice}); }

std::string ErrorsOf(const Diagnostics& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics.items()) text += d.format() + "\n";
  return text;
}

SiteConfig ParseOk(std::string_view text) {
  Diagnostics diagnostics;
  std::optional<SiteConfig> config = ParseSiteConfig(text, "site.yaml", diagnostics);
  EXPECT_FALSE(diagnostics.has_errors()) << ErrorsOf(diagnostics);
  EXPECT_TRUE(config.has_value()) << ErrorsOf(diagnostics);
  return config.value_or(SiteConfig{});
}

// Parses a config that must fail with exactly one error, and returns that error.
Diagnostic ParseOneError(std::string_view text) {
  Diagnostics diagnostics;
  std::optional<SiteConfig> config = ParseSiteConfig(text, "site.yaml", diagnostics);
  EXPECT_FALSE(config.has_value());
  EXPECT_EQ(diagnostics.error_count(), 1) << ErrorsOf(diagnostics);
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::kError) return d;
  }
  ADD_FAILURE() << "no error reported";
  return {};
}

void ExpectAt(const Diagnostic& error, int line, int column) {
  EXPECT_EQ(error.where.file, "site.yaml");
  EXPECT_EQ(error.where.line, line) << error.format();
  EXPECT_EQ(error.where.column, column) << error.format();
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------------------
// A full configuration

TEST(ParseSiteConfigTest, ReadsAFullConfig) {
  const SiteConfig config = ParseOk(kFullConfig);
  EXPECT_EQ(config.file, "site.yaml");
  EXPECT_EQ(config.base_url, "https://www.example.gov.tw/");
  EXPECT_EQ(config.base_path, "/");
  EXPECT_EQ(config.theme, "civic");
  EXPECT_EQ(config.theme_where.line, 2);
  EXPECT_EQ(config.theme_where.column, 8);
  EXPECT_TRUE(config.unsafe_html);
  EXPECT_EQ(config.home_latest, 10);
}

TEST(ParseSiteConfigTest, ReadsLanguagesInOrder) {
  const SiteConfig config = ParseOk(kFullConfig);
  ASSERT_EQ(config.languages.size(), 2u);
  const Language& zh = config.languages[0];
  EXPECT_EQ(zh.code, "zh-TW");
  EXPECT_EQ(zh.html_lang, "zh-Hant-TW");
  EXPECT_EQ(zh.name, "中文");
  EXPECT_EQ(zh.title, "清溪區公所");
  EXPECT_EQ(zh.url_prefix, "");
  const Language& en = config.languages[1];
  EXPECT_EQ(en.code, "en");
  EXPECT_EQ(en.html_lang, "en-GB");  // given explicitly
  EXPECT_EQ(en.name, "English");
  EXPECT_EQ(en.title, "Qingxi District Office");
  EXPECT_EQ(en.url_prefix, "/en");
  EXPECT_EQ(&config.default_language(), &config.languages[0]);
}

TEST(ParseSiteConfigTest, FindLanguage) {
  const SiteConfig config = ParseOk(kFullConfig);
  ASSERT_NE(config.FindLanguage("en"), nullptr);
  EXPECT_EQ(config.FindLanguage("en")->title, "Qingxi District Office");
  EXPECT_EQ(config.FindLanguage("ja"), nullptr);
}

TEST(ParseSiteConfigTest, ReadsTheOffice) {
  const SiteConfig config = ParseOk(kFullConfig);
  const Office& office = config.office;
  EXPECT_EQ(office.name.Get("zh-TW"), "清溪區公所");
  EXPECT_EQ(office.name.Get("en"), "Qingxi District Office");
  EXPECT_EQ(office.address.Get("zh-TW"), "清溪路 100 號");
  EXPECT_EQ(office.address.Get("en"), "No. 100, Qingxi Rd.");
  EXPECT_EQ(office.hours.Get("zh-TW"), "週一至週五 08:30–17:30");
  EXPECT_EQ(office.hours.Get("en"), "Mon–Fri 08:30–17:30");
  EXPECT_EQ(office.phone, "(09) 9123-4567");
  EXPECT_EQ(office.fax, "(09) 9123-4500");
  EXPECT_EQ(office.email, "service@example.gov.tw");
}

TEST(ParseSiteConfigTest, ReadsDepartments) {
  const SiteConfig config = ParseOk(kFullConfig);
  ASSERT_EQ(config.departments.size(), 2u);
  const Department& civil = config.departments[0];
  EXPECT_EQ(civil.id, "civil");
  EXPECT_EQ(civil.name.Get("zh-TW"), "民政課");
  EXPECT_EQ(civil.name.Get("en"), "Civil Affairs");
  EXPECT_EQ(civil.location.Get("zh-TW"), "本所 1 樓");
  EXPECT_EQ(civil.location.Get("en"), "1st floor");
  EXPECT_EQ(civil.phone, "(09) 9123-4567 #200");
  EXPECT_EQ(civil.email, "civil@example.gov.tw");
  EXPECT_EQ(civil.where.line, 21);
  const Department& social = config.departments[1];
  EXPECT_EQ(social.id, "social");
  EXPECT_EQ(social.name.Get("zh-TW"), "社會課");
  EXPECT_TRUE(social.location.empty());
  EXPECT_EQ(social.phone, "");
  EXPECT_EQ(social.where.line, 26);
}

TEST(ParseSiteConfigTest, FindDepartment) {
  const SiteConfig config = ParseOk(kFullConfig);
  ASSERT_NE(config.FindDepartment("social"), nullptr);
  EXPECT_EQ(config.FindDepartment("social")->name.Get("en"), "Social Affairs");
  EXPECT_EQ(config.FindDepartment("military"), nullptr);
}

TEST(ParseSiteConfigTest, FullConfigGivesNoWarnings) {
  Diagnostics diagnostics;
  ASSERT_TRUE(ParseSiteConfig(kFullConfig, "site.yaml", diagnostics).has_value());
  EXPECT_TRUE(diagnostics.items().empty()) << ErrorsOf(diagnostics);
}

// ---------------------------------------------------------------------------------------
// Defaults

TEST(ParseSiteConfigTest, MinimalConfigGetsDefaults) {
  const SiteConfig config = ParseOk(MinimalConfig());
  EXPECT_EQ(config.theme, "default");
  EXPECT_FALSE(config.unsafe_html);
  EXPECT_EQ(config.home_latest, 6);
  EXPECT_TRUE(config.departments.empty());
  EXPECT_EQ(config.office.fax, "");
}

TEST(ParseSiteConfigTest, HtmlLangDefaultsFromTheCode) {
  const SiteConfig config = ParseOk(MinimalConfig());
  ASSERT_EQ(config.languages.size(), 2u);
  EXPECT_EQ(config.languages[0].html_lang, "zh-Hant-TW");
  EXPECT_EQ(config.languages[1].html_lang, "en");
}

TEST(ParseSiteConfigTest, DefaultLanguageHasNoUrlPrefix) {
  const SiteConfig config = ParseOk(MinimalConfig());
  ASSERT_EQ(config.languages.size(), 2u);
  EXPECT_EQ(config.languages[0].url_prefix, "");
  EXPECT_EQ(config.languages[1].url_prefix, "/en");
}

TEST(ParseSiteConfigTest, EnglishFirstMakesEnglishTheDefault) {
  const SiteConfig config = ParseOk(Join({kBaseUrl,
                                          "languages:\n"
                                          "  - code: en\n"
                                          "    name: English\n"
                                          "    title: Qingxi District Office\n"
                                          "  - code: zh-TW\n"
                                          "    name: 中文\n"
                                          "    title: 清溪區公所\n",
                                          kOffice}));
  ASSERT_EQ(config.languages.size(), 2u);
  EXPECT_EQ(config.default_language().code, "en");
  EXPECT_EQ(config.languages[0].url_prefix, "");
  EXPECT_EQ(config.languages[1].url_prefix, "/zh-TW");
}

TEST(ParseSiteConfigTest, BasePathIsRootForAHostOnly) {
  const SiteConfig config =
      ParseOk(Join({"base_url: https://www.example.gov.tw\n", kLanguages, kOffice}));
  EXPECT_EQ(config.base_url, "https://www.example.gov.tw/");
  EXPECT_EQ(config.base_path, "/");
}

TEST(ParseSiteConfigTest, BasePathComesFromTheUrlPath) {
  const SiteConfig config =
      ParseOk(Join({"base_url: https://www.example.gov.tw/qingxi/office/\n", kLanguages, kOffice}));
  EXPECT_EQ(config.base_url, "https://www.example.gov.tw/qingxi/office/");
  EXPECT_EQ(config.base_path, "/qingxi/office/");
}

TEST(ParseSiteConfigTest, BasePathGetsATrailingSlash) {
  const SiteConfig config =
      ParseOk(Join({"base_url: http://localhost:8080/office\n", kLanguages, kOffice}));
  EXPECT_EQ(config.base_url, "http://localhost:8080/office/");
  EXPECT_EQ(config.base_path, "/office/");
}

TEST(ParseSiteConfigErrorTest, BaseUrlsThatAreNotAddresses) {
  for (const std::string url :
       {"ftp://www.example.gov.tw/", "https://", "https://www.example.gov.tw:/",
        "https://www.example.gov.tw/a b/", "https://www.example.gov.tw/?lang=en",
        "https://www.example.gov.tw#top", "HTTPS://www.example.gov.tw/"}) {
    const Diagnostic error =
        ParseOneError(Join({"base_url: '" + url + "'\n", kLanguages, kOffice}));
    ExpectAt(error, 1, 11);
    EXPECT_TRUE(Contains(error.message, "not an absolute http(s) address")) << url;
  }
}

TEST(ParseSiteConfigErrorTest, AVeryLongBaseUrlIsQuotedShortened) {
  // 100,000 characters: read by a scanner, and not repeated whole in the message.
  const std::string url = "https://www.example.gov.tw/" + std::string(100000, 'a') + "?";
  const Diagnostic error = ParseOneError(Join({"base_url: " + url + "\n", kLanguages, kOffice}));
  ExpectAt(error, 1, 11);
  EXPECT_LT(error.message.size(), 300u);
  EXPECT_TRUE(Contains(error.message, "…")) << error.message;
}

// ---------------------------------------------------------------------------------------
// LocalizedText

TEST(LocalizedTextTest, TextWrittenOnceAppliesToEveryLanguage) {
  const SiteConfig config = ParseOk(MinimalConfig());
  EXPECT_EQ(config.office.hours.Get("zh-TW"), "週一至週五 08:30–17:30");
  EXPECT_EQ(config.office.hours.Get("en"), "週一至週五 08:30–17:30");
}

TEST(LocalizedTextTest, MapGivesTextPerLanguage) {
  const SiteConfig config = ParseOk(MinimalConfig());
  EXPECT_EQ(config.office.name.Get("zh-TW"), "清溪區公所");
  EXPECT_EQ(config.office.name.Get("en"), "Qingxi District Office");
}

TEST(LocalizedTextTest, UnknownLanguageGivesEmptyText) {
  const SiteConfig config = ParseOk(MinimalConfig());
  EXPECT_EQ(config.office.name.Get("ja"), "");
  EXPECT_TRUE(LocalizedText().empty());
  EXPECT_EQ(LocalizedText().Get("zh-TW"), "");
}

// ---------------------------------------------------------------------------------------
// Errors, each at the line and column to edit

TEST(ParseSiteConfigErrorTest, MissingBaseUrl) {
  const Diagnostic error = ParseOneError(Join({kLanguages, kOffice}));
  ExpectAt(error, 1, 1);
  EXPECT_TRUE(Contains(error.message, "'base_url' is missing")) << error.message;
  EXPECT_FALSE(error.hint.empty());
}

TEST(ParseSiteConfigErrorTest, RelativeBaseUrl) {
  const Diagnostic error = ParseOneError(Join({"base_url: /office/\n", kLanguages, kOffice}));
  ExpectAt(error, 1, 11);
  EXPECT_TRUE(Contains(error.message, "not an absolute http(s) address")) << error.message;
}

TEST(ParseSiteConfigErrorTest, BaseUrlWithoutScheme) {
  ExpectAt(ParseOneError(Join({"base_url: www.example.gov.tw\n", kLanguages, kOffice})), 1, 11);
}

TEST(ParseSiteConfigErrorTest, BaseUrlWithAQuery) {
  ExpectAt(
      ParseOneError(Join({"base_url: https://www.example.gov.tw/?lang=zh\n", kLanguages, kOffice})),
      1, 11);
}

TEST(ParseSiteConfigErrorTest, DuplicateLanguage) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl, kLanguages,  // lines 1 to 8
                                               "  - code: zh-TW\n"    // line 9
                                               "    name: 正體中文\n"
                                               "    title: 清溪區公所\n",
                                               kOffice}));
  ExpectAt(error, 9, 11);
  EXPECT_TRUE(Contains(error.message, "'zh-TW' is listed twice")) << error.message;
}

TEST(ParseSiteConfigErrorTest, LanguageCodeThatIsNotBcp47) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl,
                                               "languages:\n"
                                               "  - code: zh_TW\n"  // line 3
                                               "    name: 中文\n"
                                               "    title: 清溪區公所\n",
                                               kOffice}));
  ExpectAt(error, 3, 11);
  EXPECT_TRUE(Contains(error.message, "BCP 47")) << error.message;
}

TEST(ParseSiteConfigErrorTest, MissingLanguages) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl, kOffice}));
  ExpectAt(error, 1, 1);
  EXPECT_TRUE(Contains(error.message, "'languages'")) << error.message;
}

TEST(ParseSiteConfigErrorTest, LocalizedBlockMapMissingALanguage) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl, kLanguages,      // lines 1 to 8
                                               "office:\n"                // line 9
                                               "  name:\n"                // line 10
                                               "    zh-TW: 清溪區公所\n"  // line 11
                                               "  address: 清溪路 100 號\n"
                                               "  phone: \"(09) 9123-4567\"\n"
                                               "  hours: 週一至週五\n"
                                               "  email: service@example.gov.tw\n"}));
  // A block map is where its first key is.
  ExpectAt(error, 11, 5);
  EXPECT_TRUE(Contains(error.message, "'office.name' has no text for the language 'en'"))
      << error.message;
  EXPECT_TRUE(Contains(error.hint, "en:")) << error.hint;
}

TEST(ParseSiteConfigErrorTest, LocalizedFlowMapMissingALanguage) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl, kLanguages,  // lines 1 to 8
                                               "office:\n"            // line 9
                                               "  name: { en: Qingxi District Office }\n"
                                               "  address: 清溪路 100 號\n"
                                               "  phone: \"(09) 9123-4567\"\n"
                                               "  hours: 週一至週五\n"
                                               "  email: service@example.gov.tw\n"}));
  ExpectAt(error, 10, 9);  // the '{'
  EXPECT_TRUE(Contains(error.message, "no text for the language 'zh-TW'")) << error.message;
}

TEST(ParseSiteConfigErrorTest, LocalizedMapWithAnUnknownLanguage) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl, kLanguages,  // lines 1 to 8
                                               "office:\n"            // line 9
                                               "  name:\n"
                                               "    zh-TW: 清溪區公所\n"
                                               "    en: Qingxi District Office\n"
                                               "    ja: 清渓区役所\n"  // line 13
                                               "  address: 清溪路 100 號\n"
                                               "  phone: \"(09) 9123-4567\"\n"
                                               "  hours: 週一至週五\n"
                                               "  email: service@example.gov.tw\n"}));
  ExpectAt(error, 13, 5);
  EXPECT_TRUE(Contains(error.message, "'ja' is not one of the site's languages")) << error.message;
}

TEST(ParseSiteConfigErrorTest, DuplicateDepartmentId) {
  const Diagnostic error = ParseOneError(Join({MinimalConfig(),  // lines 1 to 14
                                               "departments:\n"
                                               "  - id: civil\n"
                                               "    name: 民政課\n"
                                               "  - id: social\n"
                                               "    name: 社會課\n"
                                               "  - id: civil\n"  // line 20
                                               "    name: 兵役課\n"}));
  ExpectAt(error, 20, 9);
  EXPECT_TRUE(Contains(error.message, "'civil' is used twice")) << error.message;
}

TEST(ParseSiteConfigErrorTest, DepartmentIdThatIsNotAFolderName) {
  const Diagnostic error = ParseOneError(Join({MinimalConfig(),  // lines 1 to 14
                                               "departments:\n"
                                               "  - id: civil affairs\n"  // line 16
                                               "    name: 民政課\n"}));
  ExpectAt(error, 16, 9);
  EXPECT_TRUE(Contains(error.message, "contains a space")) << error.message;
}

TEST(ParseSiteConfigErrorTest, MissingOfficeKey) {
  const Diagnostic error = ParseOneError(Join({kBaseUrl, kLanguages,  // lines 1 to 8
                                               "office:\n"
                                               "  name: 清溪區公所\n"  // line 10
                                               "  address: 清溪路 100 號\n"
                                               "  phone: \"(09) 9123-4567\"\n"
                                               "  hours: 週一至週五\n"}));  // no email
  ExpectAt(error, 10, 3);  // the office map starts at its first key
  EXPECT_TRUE(Contains(error.message, "'email'")) << error.message;
}

TEST(ParseSiteConfigErrorTest, HomeLatestOutOfRange) {
  ExpectAt(ParseOneError(Join({MinimalConfig(), "home:\n  latest: 1000\n"})), 16, 11);
}

TEST(ParseSiteConfigErrorTest, UnsafeHtmlNotABool) {
  ExpectAt(ParseOneError(Join({MinimalConfig(), "markdown:\n  unsafe_html: \"yes\"\n"})), 16, 16);
}

TEST(ParseSiteConfigErrorTest, DuplicateYamlKeyIsReportedAtTheSecondKey) {
  ExpectAt(ParseOneError(Join({MinimalConfig(), "base_url: https://example.org/\n"})), 15, 1);
}

TEST(ParseSiteConfigErrorTest, Big5FileIsRejectedWithTheLocationOfTheFirstBadByte) {
  // "中文" in Big5, as an old editor would save it.
  const Diagnostic error = ParseOneError(Join({kBaseUrl, "title: \xA4\xA4\xA4\xE5\n"}));
  ExpectAt(error, 2, 8);
  EXPECT_TRUE(Contains(error.message, "UTF-8")) << error.message;
}

TEST(ParseSiteConfigErrorTest, NotAMap) { ExpectAt(ParseOneError("- 一\n- 二\n"), 1, 1); }

// Every problem is reported, not only the first.
TEST(ParseSiteConfigErrorTest, MissingLanguageIsReportedAfterAnEarlierUnrelatedError) {
  const std::string text = Join({"base_url: /office/\n",  // line 1: an error
                                 kLanguages,              // lines 2 to 8
                                 "office:\n"
                                 "  name:\n"
                                 "    zh-TW: 清溪區公所\n"  // line 11: no 'en'
                                 "  address: 清溪路 100 號\n"
                                 "  phone: \"(09) 9123-4567\"\n"
                                 "  hours: 週一至週五\n"
                                 "  email: service@example.gov.tw\n"});
  Diagnostics diagnostics;
  EXPECT_FALSE(ParseSiteConfig(text, "site.yaml", diagnostics).has_value());
  EXPECT_EQ(diagnostics.error_count(), 2) << ErrorsOf(diagnostics);
}

// ---------------------------------------------------------------------------------------
// Warnings

TEST(ParseSiteConfigWarningTest, UnknownTopLevelKeyIsAWarningNotAnError) {
  const std::string text = Join({MinimalConfig(), "titel: 清溪區公所\n"});  // line 15
  Diagnostics diagnostics;
  const std::optional<SiteConfig> config = ParseSiteConfig(text, "site.yaml", diagnostics);
  ASSERT_TRUE(config.has_value()) << ErrorsOf(diagnostics);
  EXPECT_FALSE(diagnostics.has_errors());
  ASSERT_EQ(diagnostics.warning_count(), 1);
  const Diagnostic& warning = diagnostics.items()[0];
  EXPECT_EQ(warning.severity, Severity::kWarning);
  ExpectAt(warning, 15, 1);
  EXPECT_TRUE(Contains(warning.message, "unknown key 'titel'")) << warning.message;
  EXPECT_TRUE(Contains(warning.hint, "base_url")) << warning.hint;
}

TEST(ParseSiteConfigWarningTest, UnknownNestedKeysAreWarnings) {
  const std::string text = Join({kBaseUrl,
                                 "languages:\n"
                                 "  - code: zh-TW\n"
                                 "    name: 中文\n"
                                 "    title: 清溪區公所\n"
                                 "    flag: 🇹🇼\n"  // line 6
                                 "  - code: en\n"
                                 "    name: English\n"
                                 "    title: Qingxi District Office\n",
                                 kOffice,               // lines 10 to 15
                                 "  line: '@qingxi'\n"  // line 16, in office
                                 "home:\n"
                                 "  newest: 3\n"});  // line 18
  Diagnostics diagnostics;
  const std::optional<SiteConfig> config = ParseSiteConfig(text, "site.yaml", diagnostics);
  ASSERT_TRUE(config.has_value()) << ErrorsOf(diagnostics);
  EXPECT_EQ(diagnostics.error_count(), 0);
  ASSERT_EQ(diagnostics.warning_count(), 3) << ErrorsOf(diagnostics);
  diagnostics.sort();
  ExpectAt(diagnostics.items()[0], 6, 5);
  ExpectAt(diagnostics.items()[1], 16, 3);
  ExpectAt(diagnostics.items()[2], 18, 3);
  EXPECT_EQ(config->home_latest, 6);
}

// ---------------------------------------------------------------------------------------
// retired: addresses once published and gone

TEST(ParseSiteConfigTest, ReadsRetiredAddresses) {
  const SiteConfig config = ParseOk(Join({MinimalConfig(),
                                          "retired:\n"
                                          "  /faq/parks/: /faq/parks-and-green-space/\n"
                                          "  /services/dog-license/: ended\n"
                                          "  /en/*: /\n"}));
  ASSERT_EQ(config.retired.size(), 3u);
  EXPECT_EQ(config.retired[0].address, "/faq/parks/");
  EXPECT_EQ(config.retired[0].replacement, "/faq/parks-and-green-space/");
  EXPECT_FALSE(config.retired[0].folder);
  EXPECT_EQ(config.retired[0].where.line, 16);
  EXPECT_EQ(config.retired[1].replacement, "") << "ended";
  EXPECT_EQ(config.retired[2].address, "/en/");
  EXPECT_TRUE(config.retired[2].folder);
  EXPECT_EQ(config.retired[2].replacement, "/");
}

TEST(ParseSiteConfigTest, ARetiredEntryMustNameAnAddressAndWhereItLeads) {
  ExpectAt(ParseOneError(Join({MinimalConfig(), "retired:\n  faq/parks/: ended\n"})), 16, 3);
  const Diagnostic target =
      ParseOneError(Join({MinimalConfig(), "retired:\n  /faq/parks/: removed\n"}));
  ExpectAt(target, 16, 16);
  EXPECT_TRUE(Contains(target.hint, "'ended'")) << target.format();
  ExpectAt(ParseOneError(Join({MinimalConfig(), "retired:\n  /*: /\n"})), 16, 3);
  ExpectAt(ParseOneError(Join({MinimalConfig(), "retired: [/faq/]\n"})), 15, 10);
}

// ---------------------------------------------------------------------------------------
// Helpers

TEST(DefaultHtmlLangTest, UsesScriptSubtagsForChinese) {
  EXPECT_EQ(DefaultHtmlLang("zh-TW"), "zh-Hant-TW");
  EXPECT_EQ(DefaultHtmlLang("zh-HK"), "zh-Hant-HK");
  EXPECT_EQ(DefaultHtmlLang("zh-CN"), "zh-Hans-CN");
  EXPECT_EQ(DefaultHtmlLang("en"), "en");
  EXPECT_EQ(DefaultHtmlLang("ja"), "ja");
}

TEST(LooksLikeLanguageTagTest, AcceptsTagsAndRejectsOtherText) {
  EXPECT_TRUE(LooksLikeLanguageTag("en"));
  EXPECT_TRUE(LooksLikeLanguageTag("zh-TW"));
  EXPECT_TRUE(LooksLikeLanguageTag("zh-Hant-TW"));
  EXPECT_TRUE(LooksLikeLanguageTag("nan-TW"));  // Taiwanese Hokkien
  EXPECT_FALSE(LooksLikeLanguageTag(""));
  EXPECT_FALSE(LooksLikeLanguageTag("中文"));
  EXPECT_FALSE(LooksLikeLanguageTag("zh_TW"));
  EXPECT_FALSE(LooksLikeLanguageTag("e"));
  EXPECT_FALSE(LooksLikeLanguageTag("zh-"));
}

}  // namespace
}  // namespace kiosk

namespace kiosk {
namespace {

TEST(SiteConfigKeys, TheExampleSitesConfigurationHasNoUnknownKey) {
  std::ifstream in(std::string(KIOSK_TESTS_DIR) + "/../site.yaml");
  std::stringstream text;
  text << in.rdbuf();
  Diagnostics diagnostics;
  const auto config = ParseSiteConfig(text.str(), "site.yaml", diagnostics);
  ASSERT_TRUE(config);
  EXPECT_EQ(diagnostics.items().size(), 0u)
      << (diagnostics.items().empty() ? "" : diagnostics.items()[0].format());
  EXPECT_EQ(config->badge_level, "AA");
  EXPECT_EQ(config->check.level, "AA");
}

}  // namespace
}  // namespace kiosk
