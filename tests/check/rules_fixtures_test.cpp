// Every check against HTML fixtures: tests/check/fixtures/manifest.txt lists, per file, the
// exact code and line of every expected finding, the codes that must not be found, and the
// pages that must be clean.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "check/checker.h"
#include "support/check_fixtures.h"

namespace kiosk::check {
namespace {

struct Expectation {
  std::map<std::string, std::vector<std::string>> findings;  // code -> locations
  std::set<std::string> absent;
  std::optional<Level> clean;
};

std::map<std::string, Expectation> ReadManifest() {
  std::map<std::string, Expectation> manifest;
  std::istringstream lines(testing::ReadCheckFixture("manifest.txt").value_or(""));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string file, code, location;
    words >> file >> code >> location;
    Expectation& expectation = manifest[file];
    if (code == "clean") {
      expectation.clean = ParseLevel(location);
    } else if (code[0] == '!') {
      expectation.absent.insert(code.substr(1));
    } else {
      expectation.findings[code].push_back(location);
    }
  }
  return manifest;
}

std::vector<Finding> CheckFixture(const std::string& file, const CheckOptions& options = {}) {
  const std::optional<std::string> html = testing::ReadCheckFixture(file);
  EXPECT_TRUE(html) << file;
  Result<HtmlDocument> page = HtmlDocument::Parse(html.value_or(""), file);
  EXPECT_TRUE(page.ok());
  return CheckPage(*page, CollectStylesheets(*page, testing::LoadFixtureStylesheet), options);
}

std::string LocationOf(const Finding& finding) {
  return (finding.stylesheet.empty() ? "" : finding.stylesheet + ":") +
         std::to_string(finding.line);
}

std::string Describe(const std::vector<Finding>& findings) {
  std::string text;
  for (const Finding& finding : findings) {
    text += "  " + finding.code + " " + LocationOf(finding) + ":" + std::to_string(finding.column) +
            " " + finding.message_en + "\n";
  }
  return text;
}

std::vector<std::string> FixtureNames() {
  std::vector<std::string> names;
  for (const auto& [file, expectation] : ReadManifest()) names.push_back(file);
  return names;
}

class CheckFixtures : public ::testing::TestWithParam<std::string> {};

TEST_P(CheckFixtures, FindsWhatTheManifestLists) {
  const std::string file = GetParam();
  const Expectation expectation = ReadManifest().at(file);
  const std::vector<Finding> findings = CheckFixture(file);

  for (const auto& [code, expected] : expectation.findings) {
    std::vector<std::string> found;
    for (const Finding& finding : findings) {
      if (finding.code == code) found.push_back(LocationOf(finding));
    }
    std::vector<std::string> wanted = expected;
    std::sort(found.begin(), found.end());
    std::sort(wanted.begin(), wanted.end());
    EXPECT_EQ(found, wanted) << file << ": " << code << "\nall findings:\n" << Describe(findings);
  }
  for (const std::string& code : expectation.absent) {
    for (const Finding& finding : findings) {
      EXPECT_NE(finding.code, code) << file << " should have no " << code << ", found at "
                                    << LocationOf(finding) << ": " << finding.message_en;
    }
  }
  if (expectation.clean) {
    for (const Finding& finding : findings) {
      EXPECT_EQ(Classify(finding, *expectation.clean), Outcome::kNotice)
          << file << " should be clean at " << LevelName(*expectation.clean) << ", found "
          << finding.code << " at " << LocationOf(finding) << ": " << finding.message_en;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(CheckManifest, CheckFixtures, ::testing::ValuesIn(FixtureNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.find('.'));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(CheckRules, EveryCodeHasAFailingAndAPassingFixture) {
  std::set<std::string> failing;
  std::set<std::string> passing;
  for (const auto& [file, expectation] : ReadManifest()) {
    for (const auto& [code, locations] : expectation.findings) failing.insert(code);
    for (const std::string& code : expectation.absent) passing.insert(code);
    if (expectation.clean) {
      for (const Rule& rule : RulesOf(Edition::k115_11)) passing.insert(std::string(rule.code));
    }
  }
  for (const Rule& rule : RulesOf(Edition::k115_11)) {
    const std::string code(rule.code);
    if (code == "KS1240400C" || code == "KS1110101C") continue;  // site-wide: links_test.cpp
    EXPECT_TRUE(failing.count(code)) << code << " has no failing fixture";
    EXPECT_TRUE(passing.count(code)) << code << " has no passing fixture";
  }
}

// Every fixture page is listed, and every failing page has a clean twin that must not trip
// the codes it finds.
TEST(CheckRules, EveryFailingFixtureHasACleanTwin) {
  const std::map<std::string, Expectation> manifest = ReadManifest();
  for (const auto& entry : std::filesystem::directory_iterator(testing::kCheckFixtures)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".html") {
      EXPECT_TRUE(manifest.count(name)) << name << " is not in manifest.txt";
    }
  }
  for (const auto& [file, expectation] : manifest) {
    const size_t suffix = file.rfind("-fail.html");
    if (suffix == std::string::npos) continue;
    const std::string twin = file.substr(0, suffix) + "-pass.html";
    ASSERT_TRUE(manifest.count(twin)) << file << " has no clean twin " << twin;
    const Expectation& clean = manifest.at(twin);
    for (const auto& [code, locations] : expectation.findings) {
      EXPECT_TRUE(clean.absent.count(code) || clean.clean) << twin << " should list !" << code;
    }
  }
}

TEST(CheckRules, EachRuleNamesTheCriterionOfItsCode) {
  for (Edition edition : {Edition::k115_11, Edition::k110_07}) {
    for (const Rule& rule : RulesOf(edition)) {
      EXPECT_EQ(CriterionOfCode(rule.code), rule.criterion) << rule.code;
      EXPECT_EQ(rule.code[2] - '0', static_cast<int>(rule.level)) << rule.code;
      EXPECT_FALSE(rule.title_zh.empty());
      EXPECT_FALSE(rule.title_en.empty());
    }
  }
  EXPECT_EQ(CriterionOfCode("HM3241000C"), "2.4.10");
  EXPECT_EQ(CriterionOfCode("CS2140401C"), "1.4.4");
}

TEST(CheckRules, FindingsCarryLevelCriterionMessagesAndSnippet) {
  const std::vector<Finding> findings = CheckFixture("images-fail.html");
  const auto missing_alt = std::find_if(findings.begin(), findings.end(),
                                        [](const Finding& f) { return f.code == "HM1110100C"; });
  ASSERT_NE(missing_alt, findings.end());
  EXPECT_EQ(missing_alt->level, Level::kA);
  EXPECT_EQ(missing_alt->criterion, "1.1.1");
  EXPECT_EQ(missing_alt->line, 10);
  EXPECT_EQ(missing_alt->column, 4);
  EXPECT_EQ(missing_alt->snippet, "<img src=\"/images/map.png\">");
  EXPECT_NE(missing_alt->message_zh.find("alt"), std::string::npos);
  EXPECT_NE(missing_alt->message_en.find("alt"), std::string::npos);
  EXPECT_TRUE(missing_alt->source_file.empty());
  EXPECT_EQ(missing_alt->source_line, 0);
}

TEST(CheckRules, LevelDecidesFailureOrNotice) {
  Finding aaa;
  aaa.level = Level::kAAA;
  Finding a;
  a.level = Level::kA;
  EXPECT_EQ(Classify(a, Level::kA), Outcome::kFailure);
  EXPECT_EQ(Classify(aaa, Level::kAA), Outcome::kNotice);
  EXPECT_EQ(Classify(aaa, Level::kAAA), Outcome::kFailure);
  EXPECT_EQ(ParseLevel("aa"), Level::kAA);
  EXPECT_EQ(ParseLevel("AAAA"), std::nullopt);
}

TEST(CheckRules, Edition110UsesItsOwnCodes) {
  CheckOptions options;
  options.edition = Edition::k110_07;
  std::set<std::string> codes;
  for (const Finding& finding : CheckFixture("forms-fail.html", options)) {
    codes.insert(finding.code);
  }
  EXPECT_TRUE(codes.count("HM1130103C_1"));  // optgroup
  EXPECT_TRUE(codes.count("HM1130103C"));    // fieldset without legend
  EXPECT_FALSE(codes.count("HM1130105C"));

  // The radio group outside a fieldset is 115.11's only.
  int fieldset_findings = 0;
  for (const Finding& finding : CheckFixture("forms-fail.html", options)) {
    if (finding.code == "HM1130103C") ++fieldset_findings;
  }
  EXPECT_EQ(fieldset_findings, 1);
}

// One policy for the checks 115.11 withdrew: made under both editions while today's Freego
// makes them (both codes alike), unless turned off; under 110.07 always.
TEST(CheckRules, WithdrawnChecksAreMadeInBothEditionsUnlessTurnedOff) {
  for (const std::string code : {"HM1410100C", "HM1110102C"}) {
    const Rule* rule = FindRule(code);
    ASSERT_NE(rule, nullptr) << code;
    EXPECT_TRUE(rule->withdrawn) << code;
    ASSERT_NE(FindRule(code, Edition::k110_07), nullptr) << code;
  }
  for (const auto& [file, code] : {std::pair{"validity-fail.html", "HM1410100C"},
                                   std::pair{"longdesc-fail.html", "HM1110102C"}}) {
    for (Edition edition : {Edition::k115_11, Edition::k110_07}) {
      for (bool withdrawn : {true, false}) {
        CheckOptions options;
        options.edition = edition;
        options.withdrawn = withdrawn;
        const std::vector<Finding> findings = CheckFixture(file, options);
        const bool found = std::any_of(findings.begin(), findings.end(),
                                       [&code = code](const Finding& f) { return f.code == code; });
        EXPECT_EQ(found, withdrawn || edition == Edition::k110_07)
            << code << " in " << EditionName(edition) << ", withdrawn checks " << withdrawn;
      }
    }
  }
}

TEST(CheckRules, OptionsTurnOffExtensionsAndContextTitles) {
  CheckOptions options;
  options.extensions = false;
  options.link_context_title = false;
  for (const Finding& finding : CheckFixture("images-fail.html", options)) {
    EXPECT_NE(finding.code.substr(0, 2), "KS");
  }
  int context = 0;
  for (const Finding& finding : CheckFixture("links-fail.html", options)) {
    if (finding.code == "HM1240401C") ++context;
  }
  EXPECT_EQ(context, 2);  // the empty link and the empty image link only
}

}  // namespace
}  // namespace kiosk::check
