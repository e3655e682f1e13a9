// Published addresses, whole sites: every build records what it published in published.txt,
// and a build that would no longer make a recorded address fails, at the page that likely
// replaces it, until an alias or a retired entry keeps it. The fixture's first build has
// published every address of tests/fixtures/basic-site.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "addresses/published.h"
#include "fs/file_system.h"
#include "pipeline/pipeline.h"
#include "site/site.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using testing::Describe;
using testing::SiteFixture;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class AddressesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const BuildResult first = site_.Build();
    ASSERT_TRUE(first.ok()) << Describe(first);
    previous_home_ = site_.ReadOutput("index.html");
  }

  // Builds and expects it to fail with exactly these errors, "file:line:col: message — fix",
  // leaving the previous output and the record as they were.
  void ExpectErrors(const std::vector<std::string>& expected, BuildOptions options = {}) {
    const std::string record = site_.Read("published.txt");
    const BuildResult result = site_.Build(options);
    EXPECT_FALSE(result.ok());
    std::vector<std::string> errors;
    for (const Diagnostic& d : result.diagnostics.items()) {
      if (d.severity != Severity::kError) continue;
      std::string line = d.format();
      errors.push_back(line.replace(line.find(": error: "), 9, ": "));
    }
    EXPECT_EQ(errors, expected) << Describe(result);
    EXPECT_TRUE(site_.ReadOutput("index.html") == previous_home_) << "the previous output survives";
    EXPECT_TRUE(site_.Read("published.txt") == record) << "a failed build records nothing";
  }

  void ExpectBuilds(BuildOptions options = {}) {
    const BuildResult result = site_.Build(options);
    ASSERT_TRUE(result.ok()) << Describe(result);
    if (options.out_dir.empty()) previous_home_ = site_.ReadOutput("index.html");
  }

  // The page's front matter with `line` added after its opening '---'.
  void AddToFrontMatter(const std::string& file, const std::string& line) {
    std::string text = site_.Read(file);
    text.insert(4, line + "\n");
    site_.Write(file, text);
  }

  void Rename(const std::string& from, const std::string& to) {
    const std::string text = site_.Read(from);
    site_.Remove(from);
    site_.Write(to, text);
  }

  void Retire(const std::string& entries) {
    site_.Write("site.yaml", site_.Read("site.yaml") + "retired:\n" + entries);
  }

  // "published.txt:N:1", where the record lists an address.
  std::string PlaceInRecord(const std::string& address) {
    const std::string record = site_.Read("published.txt");
    const auto line =
        std::count(record.begin(), record.begin() + record.find("\n" + address + "\n") + 1, '\n');
    return "published.txt:" + std::to_string(line + 1) + ":1";
  }

  // The published.txt line of an address, or "" when it is not recorded.
  std::string Recorded(const std::string& address) {
    const std::string record = site_.Read("published.txt");
    const size_t at = record.find("\n" + address);
    if (at == std::string::npos) return "";
    const std::string line = record.substr(at + 1, record.find('\n', at + 1) - at - 1);
    return line == address || line.rfind(address + " ", 0) == 0 ? line : "";
  }

  SiteFixture site_;
  std::string previous_home_;
};

TEST_F(AddressesTest, TheFirstBuildRecordsEveryAddressItPublished) {
  const std::string record = site_.Read("published.txt");
  EXPECT_EQ(record.rfind("# ", 0), 0u) << "it says what it is";
  std::vector<std::string> addresses;
  for (size_t at = 0; at < record.size();) {
    const size_t end = record.find('\n', at);
    if (record[at] == '/') addresses.push_back(record.substr(at, end - at));
    at = end + 1;
  }
  EXPECT_TRUE(std::is_sorted(addresses.begin(), addresses.end()));
  for (const std::string address :
       {"/", "/en/", "/faq/", "/faq/id-card/", "/en/faq/id-card/", "/news/志工招募/",
        "/en/news/volunteers/", "/privacy/", "/departments/civil/", "/en/sitemap/", "/search/"}) {
    EXPECT_NE(std::find(addresses.begin(), addresses.end(), address), addresses.end()) << address;
  }
  EXPECT_EQ(std::count(addresses.begin(), addresses.end(), "/news/draft/"), 0) << "a draft";
  EXPECT_EQ(std::count(addresses.begin(), addresses.end(), "/404.html"), 0);
}

// The record changes only when the site publishes an address it had not, and a build with
// nothing to do still has nothing to do.
TEST_F(AddressesTest, TheRecordIsStableAndABuildAfterItHasNothingToDo) {
  const std::string record = site_.Read("published.txt");
  BuildOptions explain;
  explain.explain = true;
  const BuildResult again = site_.Build(explain);
  ASSERT_TRUE(again.ok()) << Describe(again);
  EXPECT_EQ(site_.Read("published.txt"), record);
  EXPECT_EQ(again.explanations.front().rfind("nothing:", 0), 0u) << again.explanations.front();

  site_.Write("content/faq/tax.zh-TW.md", "---\ntitle: 稅務\n---\n內容。\n");
  ExpectBuilds();
  EXPECT_EQ(Recorded("/faq/tax/"), "/faq/tax/");
  const BuildResult after = site_.Build(explain);
  EXPECT_EQ(after.explanations.front().rfind("nothing:", 0), 0u)
      << "the log knows the record this build left";
}

TEST_F(AddressesTest, ARenamedPageNamesItsLikelyReplacementUntilItHasTheAlias) {
  Rename("content/faq/id-card.zh-TW.md", "content/faq/id-card-lost.zh-TW.md");
  ExpectErrors(
      {"content/faq/id-card-lost.zh-TW.md:1:1: /faq/id-card/ was published and this "
       "build no longer makes it — add 'aliases: [/faq/id-card/]' to the page that "
       "replaces it (likely this one: the same text), or retire it in site.yaml"});

  AddToFrontMatter("content/faq/id-card-lost.zh-TW.md", "aliases: [/faq/id-card/]");
  ExpectBuilds();
  const std::string redirect = site_.ReadOutput("faq/id-card/index.html");
  EXPECT_TRUE(Contains(redirect, "<html lang=\"zh-Hant-TW\">"));
  EXPECT_TRUE(Contains(
      redirect, "<meta http-equiv=\"refresh\" content=\"0; url=/office/faq/id-card-lost/\">"));
  EXPECT_TRUE(Contains(
      redirect,
      "<link rel=\"canonical\" href=\"https://www.example.gov.tw/office/faq/id-card-lost/\">"));
  EXPECT_TRUE(Contains(redirect, "<meta name=\"robots\" content=\"noindex\">"));
  EXPECT_TRUE(
      Contains(redirect,
               "<a href=\"/office/faq/id-card-lost/\" title=\"身分證常見問題\">身分證常見問題</a>"))
      << "a visible link with the new page's title";
  EXPECT_FALSE(site_.OutputExists("faq/id-card/qr.png")) << "the old page's files go";
  EXPECT_EQ(Recorded("/faq/id-card-lost/"), "/faq/id-card-lost/");
  EXPECT_EQ(Recorded("/faq/id-card/"), "/faq/id-card/");
  const std::string sitemap = site_.ReadOutput("sitemap.xml");
  EXPECT_TRUE(Contains(sitemap, "/office/faq/id-card-lost/</loc>"));
  EXPECT_FALSE(Contains(sitemap, "/office/faq/id-card/</loc>")) << "pages, not aliases";
}

TEST_F(AddressesTest, AChangedSlugNamesTheSameFile) {
  AddToFrontMatter("content/faq/id-card.en.md", "slug: identity-card");
  ExpectErrors(
      {"content/faq/id-card.en.md:1:1: /en/faq/id-card/ was published and this build "
       "no longer makes it — add 'aliases: [/en/faq/id-card/]' to the page that "
       "replaces it (likely this one: made from the same file), or retire it in "
       "site.yaml"});
  AddToFrontMatter("content/faq/id-card.en.md", "aliases: [/en/faq/id-card/]");
  ExpectBuilds();
  EXPECT_TRUE(
      Contains(site_.ReadOutput("en/faq/id-card/index.html"), "url=/office/en/faq/identity-card/"));
}

// A page moved to another section: without the last build's log (a fresh clone, --clean),
// kiosk still finds it by its name among the addresses it did not publish before.
TEST_F(AddressesTest, APageMovedToAnotherSection) {
  site_.Write("content/services/_index.zh-TW.md", "---\ntitle: 便民服務\n---\n");
  site_.Write("content/services/_index.en.md", "---\ntitle: Services\n---\n");
  ExpectBuilds();
  std::string page = site_.Read("content/faq/id-card.zh-TW.md");
  page += "\n補充說明。\n";
  site_.Remove("content/faq/id-card.zh-TW.md");
  site_.Write("content/services/id-card.zh-TW.md", page);
  const std::string expected =
      "content/services/id-card.zh-TW.md:1:1: /faq/id-card/ was published and this build no "
      "longer makes it — add 'aliases: [/faq/id-card/]' to the page that replaces it (likely "
      "this one: the same title), or retire it in site.yaml";
  ExpectErrors({expected});
  BuildOptions clean;
  clean.incremental = false;
  ExpectErrors(
      {std::string(expected).replace(expected.find("the same title"), 14, "the same name")}, clean);
}

TEST_F(AddressesTest, ADeletedPageIsRetiredAsEnded) {
  site_.Remove("content/privacy.zh-TW.md");
  ExpectErrors({PlaceInRecord("/privacy/") +
                ": /privacy/ was published and this "
                "build no longer makes it — add 'aliases: [/privacy/]' to the page that "
                "replaces it, or retire it in site.yaml"});

  Retire("  /privacy/: ended\n");
  ExpectBuilds();
  const std::string ended = site_.ReadOutput("privacy/index.html");
  EXPECT_TRUE(Contains(ended, "<html lang=\"zh-Hant-TW\">"));
  EXPECT_TRUE(Contains(ended, "<h1>此服務已停止辦理</h1>"));
  EXPECT_TRUE(Contains(ended, "<a href=\"tel:0212345678\">(02) 1234-5678</a>"))
      << "the office's contact";
  EXPECT_TRUE(Contains(ended, "<meta name=\"robots\" content=\"noindex\">"));
  EXPECT_FALSE(site_.OutputExists("privacy/qr.png"));
  EXPECT_FALSE(Contains(site_.ReadOutput("sitemap.xml"), "/office/privacy/"));
  EXPECT_FALSE(Contains(site_.ReadOutput("index.html"), "href=\"/office/privacy/\""))
      << "listed nowhere";
}

TEST_F(AddressesTest, ARetiredAddressLeadsToItsReplacementInItsOwnLanguage) {
  site_.Remove("content/news/volunteers.en.md");
  Retire("  /en/news/volunteers/: /news/志工招募/\n");
  ExpectBuilds();
  const std::string redirect = site_.ReadOutput("en/news/volunteers/index.html");
  EXPECT_TRUE(Contains(redirect, "<html lang=\"en\">"));
  EXPECT_TRUE(Contains(redirect, "url=/office/news/%E5%BF%97%E5%B7%A5%E6%8B%9B%E5%8B%9F/"));
  EXPECT_TRUE(Contains(redirect, "<h1>This page has moved</h1>"));
  EXPECT_TRUE(Contains(redirect, "hreflang=\"zh-Hant-TW\" lang=\"zh-Hant-TW\">志工招募</a>"))
      << "the new page's title, marked as Chinese";
}

TEST_F(AddressesTest, TheEndedPagesOfOneServiceAreEachOthersTranslations) {
  site_.Remove("content/faq/id-card.zh-TW.md");
  site_.Remove("content/faq/id-card.en.md");
  Retire("  /faq/id-card/: ended\n  /en/faq/id-card/: ended\n");
  ExpectBuilds();
  EXPECT_TRUE(Contains(site_.ReadOutput("faq/id-card/index.html"),
                       "<a href=\"/office/en/faq/id-card/\" hreflang=\"en\" lang=\"en\" "
                       "title=\"English\">English</a>"));
  EXPECT_TRUE(
      Contains(site_.ReadOutput("en/faq/id-card/index.html"), "<h1>This service has ended</h1>"));
}

TEST_F(AddressesTest, RetiredEntriesThatCannotStand) {
  const std::string config = site_.Read("site.yaml");
  Retire("  /faq/id-card/: ended\n");
  ExpectErrors(
      {"site.yaml:22:3: /faq/id-card/ is retired, yet it is the address of "
       "content/faq/id-card.zh-TW.md — remove it from 'retired:' now that a page is "
       "there again"});
  site_.Write("site.yaml", config);
  Retire("  /gone/: /nowhere/\n");
  ExpectErrors(
      {"site.yaml:22:3: /gone/ is retired to /nowhere/, which is not a page of this "
       "site — write the address of the page that replaces it, or 'ended'"});
  site_.Write("site.yaml", config);
  Retire("  /old/: faq\n  /older: ended\n");
  ExpectErrors(
      {"site.yaml:22:10: 'faq' is neither an address of the site nor 'ended' — write "
       "the address of the page that replaces it (such as /faq/parks/), or 'ended' when "
       "the service has ended",
       "site.yaml:23:3: '/older' names neither a folder nor a page — end a page's "
       "address with '/', as in /older/ (or name an .html file)"});
}

// A language taken out of site.yaml: one error for all of its addresses, and one entry
// retires them.
TEST_F(AddressesTest, ARemovedLanguage) {
  std::string config = site_.Read("site.yaml");
  config.erase(config.find("  - code: en"), config.find("office:") - config.find("  - code: en"));
  for (size_t at; (at = config.find(", en: ")) != std::string::npos;) {
    config.erase(at, config.find(" }", at) - at);
  }
  site_.Write("site.yaml", config);
  for (const char* file : {"_index.en.md", "faq/_index.en.md", "faq/id-card.en.md",
                           "news/_index.en.md", "news/volunteers.en.md"}) {
    site_.Remove("content/" + std::string(file));
  }
  const std::string record = site_.Read("published.txt");
  size_t english = 0;
  for (size_t at = 0; (at = record.find("\n/en/", at)) != std::string::npos; ++at) ++english;
  ExpectErrors({"site.yaml:2:1: /en/ and " + std::to_string(english - 1) + " addresses" +
                " below it were published, and 'en' is no longer one of the site's "
                "languages — retire them: add '/en/*: /' under 'retired:' in site.yaml (it sends "
                "them to the home page), or add the language back"});
  Retire("  /en/*: /\n");
  ExpectBuilds();
  EXPECT_TRUE(Contains(site_.ReadOutput("en/faq/id-card/index.html"), "url=/office/\">"));
  EXPECT_FALSE(site_.OutputExists("en/search-index.json"));
}

// A folder gone with its pages: one error for them all. A page's short link goes with its
// address.
TEST_F(AddressesTest, ARemovedSection) {
  AddToFrontMatter("content/faq/id-card.zh-TW.md", "short_url: id");
  ExpectBuilds();
  site_.Remove("content/faq");
  ExpectErrors({PlaceInRecord("/en/faq/") +
                    ": /en/faq/ and 1 address below it were published and this build no "
                    "longer makes them — retire them: add '/en/faq/*:' under 'retired:' in "
                    "site.yaml, with the address of the page that replaces them or 'ended'; or "
                    "give the pages that replace them 'aliases:'",
                PlaceInRecord("/faq/") +
                    ": /faq/ and 1 address below it (with 1 short link) were published and "
                    "this build no longer makes them — retire them: add '/faq/*:' under "
                    "'retired:' in site.yaml, with the address of the page that replaces them "
                    "or 'ended'; or give the pages that replace them 'aliases:'"});
  Retire("  /faq/*: ended\n  /en/faq/*: ended\n");
  ExpectBuilds();
  EXPECT_TRUE(Contains(site_.ReadOutput("en/faq/id-card/index.html"), "This service has ended"));
  EXPECT_TRUE(Contains(site_.ReadOutput("faq/index.html"), "此服務已停止辦理"));
  EXPECT_TRUE(Contains(site_.ReadOutput("s/id/index.html"), "url=/office/faq/id-card/\">"));
}

TEST_F(AddressesTest, ARemovedShortLink) {
  AddToFrontMatter("content/faq/id-card.zh-TW.md", "short_url: id");
  ExpectBuilds();
  EXPECT_EQ(Recorded("/s/id/"), "/s/id/");
  std::string page = site_.Read("content/faq/id-card.zh-TW.md");
  page.erase(page.find("short_url: id\n"), 14);
  site_.Write("content/faq/id-card.zh-TW.md", page);
  ExpectErrors(
      {"content/faq/id-card.zh-TW.md:1:1: /s/id/ was published and this build no "
       "longer makes it — give the page it led to 'short_url: id' again (likely this "
       "one: it had that short_url), or retire it in site.yaml"});
  Retire("  /s/id/: /faq/id-card/\n");
  ExpectBuilds();
  const std::string redirect = site_.ReadOutput("s/id/index.html");
  EXPECT_TRUE(Contains(redirect, "url=/office/faq/id-card/"));
}

// A short link that qr.short_urls made abbreviates its page's address: renaming the page's
// file changes its code, and the old code, printed, leads where the address leads.
TEST_F(AddressesTest, AGeneratedShortLinkFollowsItsPagesAddress) {
  site_.Write("site.yaml", site_.Read("site.yaml") + "qr:\n  short_urls: true\n");
  ExpectBuilds();
  const std::string code = GeneratedShortCode("zh-TW", "faq/id-card", 0);
  ASSERT_EQ(Recorded("/s/" + code + "/"), "/s/" + code + "/");
  DiskFileSystem disk;
  ASSERT_TRUE(RecordPosters(disk, site_.site_dir(), "", "https://www.example.gov.tw/office/",
                            {"/s/" + code + "/"}));
  Rename("content/faq/id-card.zh-TW.md", "content/faq/id-card-lost.zh-TW.md");
  const std::string expected =
      "content/faq/id-card-lost.zh-TW.md:1:1: /faq/id-card/ and its short link /s/" + code +
      "/ (printed on 1 poster) were published and this build no longer makes them — add "
      "'aliases: [/faq/id-card/]' to the page that replaces it (likely this one: the same "
      "text), or retire it in site.yaml; /s/" +
      code + "/ then leads where /faq/id-card/ does";
  ExpectErrors({expected});
  BuildOptions clean;  // as in a fresh clone: the code is known by the address
  clean.incremental = false;
  ExpectErrors(
      {std::string(expected).replace(expected.find("the same text"), 13, "a similar name")}, clean);

  AddToFrontMatter("content/faq/id-card-lost.zh-TW.md", "aliases: [/faq/id-card/]");
  ExpectBuilds();
  EXPECT_TRUE(
      Contains(site_.ReadOutput("s/" + code + "/index.html"), "url=/office/faq/id-card-lost/\">"));
  EXPECT_EQ(Recorded("/s/" + code + "/"), "/s/" + code + "/ posters=1");

  // short_urls turned off: every code printed still leads to its page, in a fresh clone too.
  const std::string news = GeneratedShortCode("en", "key:volunteers", 0);
  ASSERT_EQ(Recorded("/s/" + news + "/"), "/s/" + news + "/");
  std::string config = site_.Read("site.yaml");
  config.replace(config.find("short_urls: true"), 16, "short_urls: false");
  site_.Write("site.yaml", config);
  ExpectBuilds(clean);
  EXPECT_TRUE(Contains(site_.ReadOutput("s/" + news + "/index.html"),
                       "url=/office/en/news/volunteers/\">"));
  EXPECT_TRUE(
      Contains(site_.ReadOutput("s/" + code + "/index.html"), "url=/office/faq/id-card-lost/\">"));
}

TEST_F(AddressesTest, AnAddressPrintedOnPostersSaysSo) {
  DiskFileSystem disk;
  ASSERT_TRUE(RecordPosters(disk, site_.site_dir(), "", "https://www.example.gov.tw/office/",
                            {"/faq/id-card/", "/en/faq/id-card/"}));
  ASSERT_TRUE(RecordPosters(disk, site_.site_dir(), "", "https://www.example.gov.tw/office/",
                            {"/faq/id-card/"}));
  EXPECT_EQ(Recorded("/faq/id-card/"), "/faq/id-card/ posters=2");
  EXPECT_EQ(Recorded("/en/faq/id-card/"), "/en/faq/id-card/ posters=1");
  ExpectBuilds();
  EXPECT_EQ(Recorded("/faq/id-card/"), "/faq/id-card/ posters=2") << "a build keeps the count";
  Rename("content/faq/id-card.zh-TW.md", "content/faq/id.zh-TW.md");
  ExpectErrors(
      {"content/faq/id.zh-TW.md:1:1: /faq/id-card/ was published (printed on 2 "
       "posters) and this build no longer makes it — add 'aliases: [/faq/id-card/]' "
       "to the page that replaces it (likely this one: the same text), or retire it "
       "in site.yaml"});
}

// published.txt is committed: a clone without .kiosk/ or output/ (CI, a colleague's
// machine) is protected as well as the machine that built the site.
TEST_F(AddressesTest, AFreshCloneWithoutTheBuildLogIsProtected) {
  SiteFixture clone;
  clone.Write("published.txt", site_.Read("published.txt"));
  ASSERT_FALSE(fs::exists(clone.site_dir() + "/.kiosk"));
  ASSERT_FALSE(fs::exists(clone.out_dir()));
  const std::string text = clone.Read("content/faq/id-card.en.md");
  clone.Remove("content/faq/id-card.en.md");
  clone.Write("content/faq/lost-id-card.en.md", text);
  const BuildResult result = clone.Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
  EXPECT_EQ(result.diagnostics.items()[0].format(),
            "content/faq/lost-id-card.en.md:1:1: error: /en/faq/id-card/ was published and this "
            "build no longer makes it — add 'aliases: [/en/faq/id-card/]' to the page that "
            "replaces it (likely this one: a similar name), or retire it in site.yaml");
  EXPECT_FALSE(fs::exists(clone.out_dir())) << "nothing was written";
}

TEST_F(AddressesTest, AliasCollisions) {
  site_.Write("content/faq/tax.zh-TW.md",
              "---\ntitle: 稅務\naliases:\n  - /faq/id-card/\n  - /faq/tax/\n  - /s/id/\n"
              "  - /faq/old/\n  - /news/old/\n---\n");
  site_.Write("content/faq/fees.zh-TW.md", "---\ntitle: 規費\naliases: [/faq/old/]\n---\n");
  AddToFrontMatter("content/faq/id-card.zh-TW.md", "short_url: id");
  Retire("  /news/old/: ended\n");
  ExpectErrors({
      "content/faq/tax.zh-TW.md:4:5: the alias /faq/id-card/ is the address of "
      "content/faq/id-card.zh-TW.md — remove it from 'aliases:': an alias stands for an address "
      "that no page has any more",
      "content/faq/tax.zh-TW.md:5:5: the alias /faq/tax/ is this page's own address — remove it "
      "from 'aliases:': an alias stands for an address that no page has any more",
      "content/faq/tax.zh-TW.md:6:5: the alias /s/id/ is the address of the short link /s/id/ — "
      "remove it from 'aliases:': an alias stands for an address that no page has any more",
      "content/faq/tax.zh-TW.md:7:5: the alias /faq/old/ is also an alias of "
      "content/faq/fees.zh-TW.md — keep it on one of the two pages: the one that replaces it",
      "content/faq/tax.zh-TW.md:8:5: the alias /news/old/ is also retired in site.yaml (line 22) "
      "— keep one of the two: the alias, or the entry under 'retired:'",
  });
}

// An alias in a file the build log read unchanged is reported at its line too.
TEST_F(AddressesTest, AnAliasOfAnUnchangedFileIsReportedAtItsLine) {
  site_.Write("content/faq/tax.zh-TW.md", "---\ntitle: 稅務\naliases:\n  - /faq/old-tax/\n---\n");
  ExpectBuilds();
  site_.Write("content/faq/old-tax.zh-TW.md", "---\ntitle: 舊稅務\n---\n");
  ExpectErrors(
      {"content/faq/tax.zh-TW.md:4:5: the alias /faq/old-tax/ is the address of "
       "content/faq/old-tax.zh-TW.md — remove it from 'aliases:': an alias stands for "
       "an address that no page has any more"});
}

TEST_F(AddressesTest, AnAliasMustBeAnAddressOfTheSite) {
  site_.Write("content/faq/tax.zh-TW.md",
              "---\ntitle: 稅務\naliases: [faq/old/, 'https://other.example.com/x/', /a b/, "
              "/faq/old]\n---\n");
  ExpectErrors({
      "content/faq/tax.zh-TW.md:3:11: 'faq/old/' does not start at the site's root — write it "
      "from the root, with a leading '/': /faq/old/",
      "content/faq/tax.zh-TW.md:3:21: 'https://other.example.com/x/' is not an address of this "
      "site (https://www.example.gov.tw/office/) — write the address below base_url, starting "
      "with '/', e.g. /faq/parks/",
      "content/faq/tax.zh-TW.md:3:53: '/a b/' cannot be an address: in 'a b', it contains a "
      "space — write each part of the address as the site names its folders and pages",
      "content/faq/tax.zh-TW.md:3:60: '/faq/old' names neither a folder nor a page — end a "
      "page's address with '/', as in /faq/old/ (or name an .html file)",
  });
}

// An old site's page address, as copied from the browser, percent-encoded.
TEST_F(AddressesTest, AnAliasForAnOlderSitesPage) {
  site_.Write(
      "content/faq/tax.zh-TW.md",
      "---\ntitle: 稅務\naliases: ['https://www.example.gov.tw/office/cp/%E7%A8%85.html']\n---\n");
  ExpectBuilds();
  EXPECT_TRUE(Contains(site_.ReadOutput("cp/稅.html"), "url=/office/faq/tax/"));
  EXPECT_EQ(Recorded("/cp/稅.html"), "/cp/稅.html");
  // Written in full, it is read against site.yaml's address, also in a preview for another.
  BuildOptions test_server;
  test_server.base_url = "https://preview.example.gov.tw/qingxi/";
  test_server.out_dir = site_.site_dir() + "/preview";
  ExpectBuilds(test_server);
  EXPECT_TRUE(Contains(site_.Read("preview/cp/稅.html"), "url=/qingxi/faq/tax/"));
}

// A preview never records: a publication may never make what it made.
TEST_F(AddressesTest, PreviewsCheckTheRecordButNeverAddToIt) {
  const std::string record = site_.Read("published.txt");
  BuildOptions drafts;
  drafts.include_drafts = true;
  ExpectBuilds(drafts);
  EXPECT_TRUE(site_.OutputExists("news/draft/index.html"));
  EXPECT_EQ(site_.Read("published.txt"), record) << "--drafts";

  site_.Write("content/faq/tax.zh-TW.md", "---\ntitle: 稅務\n---\n");
  BuildOptions preview;
  preview.record_addresses = false;
  ExpectBuilds(preview);
  EXPECT_EQ(site_.Read("published.txt"), record) << "kiosk serve";
  site_.Remove("content/privacy.zh-TW.md");
  const BuildResult failed = site_.Build(preview);
  EXPECT_EQ(failed.diagnostics.error_count(), 1) << Describe(failed);
  site_.Write("content/privacy.zh-TW.md", "---\ntitle: 隱私權政策\n---\n");

  BuildOptions elsewhere;
  elsewhere.out_dir = site_.site_dir() + "/other-output";
  ExpectBuilds(elsewhere);
  EXPECT_EQ(Recorded("/faq/tax/"), "/faq/tax/") << "a build into another folder publishes too";
}

TEST_F(AddressesTest, ARecordWithAMergeConflictNamesItsLines) {
  std::string record = site_.Read("published.txt");
  record += "<<<<<<< HEAD\n/faq/a/\n=======\n/faq/b/ posters=x\n>>>>>>> branch\n";
  site_.Write("published.txt", record);
  const int last = static_cast<int>(std::count(record.begin(), record.end(), '\n'));
  const std::string markers =
      ": a merge left its conflict markers here — keep the addresses of both sides and delete "
      "the marker lines: kiosk sorts the file again";
  ExpectErrors({"published.txt:" + std::to_string(last - 4) + ":1" + markers,
                "published.txt:" + std::to_string(last - 2) + ":1" + markers,
                "published.txt:" + std::to_string(last - 1) +
                    ":9: 'posters=x' after the address is not a count of posters — write "
                    "'posters=N' after the address, or nothing",
                "published.txt:" + std::to_string(last) + ":1" + markers});
}

// Addresses recorded on two branches, merged: the lines of both, in any order, repeated.
TEST_F(AddressesTest, AMergedRecordIsSortedAgain) {
  std::string record = site_.Read("published.txt");
  record += "/faq/id-card/ posters=4\n/faq/zz/\n/faq/aa/\n";
  site_.Write("published.txt", record);
  site_.Write("content/faq/aa.zh-TW.md", "---\ntitle: 甲\n---\n");
  site_.Write("content/faq/zz.zh-TW.md", "---\ntitle: 乙\n---\n");
  ExpectBuilds();
  const std::string sorted = site_.Read("published.txt");
  EXPECT_LT(sorted.find("\n/faq/aa/\n"), sorted.find("\n/faq/id-card/ posters=4\n"));
  EXPECT_LT(sorted.find("\n/faq/id-card/ posters=4\n"), sorted.find("\n/faq/zz/\n"));
  EXPECT_EQ(std::count(sorted.begin(), sorted.end(), '\n'),
            std::count(record.begin(), record.end(), '\n') - 1);
}

// A build that fails after reading (here, the accessibility gate) publishes nothing.
TEST_F(AddressesTest, ABuildThatFailsRecordsNothing) {
  const std::string record = site_.Read("published.txt");
  site_.Write("content/faq/tax.zh-TW.md", "---\ntitle: 稅務\n---\n![image](x.png)\n");
  const BuildResult result = site_.Build();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.items()[0].where.file, "content/faq/tax.zh-TW.md");
  EXPECT_EQ(site_.Read("published.txt"), record);
}

}  // namespace
}  // namespace kiosk
