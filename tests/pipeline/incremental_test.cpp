// Incremental builds: after any change, the output must be byte for byte what a clean
// build of the changed site writes, and only what changed is rendered again.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

#include "pipeline/pipeline.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using testing::Describe;
using testing::FilesBelow;
using testing::SiteFixture;

class IncrementalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const BuildResult first = site_.Build();
    ASSERT_TRUE(first.ok()) << Describe(first);
  }

  // Changes the site, builds incrementally, and compares with a clean build of the same
  // site into another folder.
  BuildResult ExpectSameAsClean(const std::function<void()>& change, bool check = true) {
    change();
    BuildOptions explain = options_;
    explain.explain = true;
    explain.check = check;
    const BuildResult incremental = site_.Build(explain);
    EXPECT_TRUE(incremental.ok()) << Describe(incremental);
    BuildOptions clean = options_;
    clean.check = check;
    clean.incremental = false;
    clean.out_dir = site_.site_dir() + "/clean-output";
    const BuildResult full = site_.Build(clean);
    EXPECT_TRUE(full.ok()) << Describe(full);
    const auto expected = FilesBelow(site_.site_dir() + "/clean-output");
    const auto actual = FilesBelow(site_.out_dir());
    EXPECT_EQ(actual.size(), expected.size());
    for (const auto& [path, contents] : expected) {
      const auto found = actual.find(path);
      if (found == actual.end()) {
        ADD_FAILURE() << "missing after the incremental build: " << path;
      } else {
        EXPECT_EQ(found->second, contents) << path;
      }
    }
    for (const auto& [path, contents] : actual) {
      EXPECT_TRUE(expected.count(path)) << "left over after the incremental build: " << path;
    }
    site_.Remove("clean-output");
    return incremental;
  }

  // The fixture's FAQ section holds plain pages; typed, its pages are in the FAQ open data.
  void MakeFaqSection() {
    site_.Write("content/faq/_index.zh-TW.md", "---\ntitle: 常見問題\ntype: faq\n---\n");
    site_.Write("content/faq/_index.en.md", "---\ntitle: FAQ\ntype: faq\n---\n");
  }

  // Makes the site Chinese only: site.yaml lists one language, and its English files go; its
  // English addresses lead to the home page. Returns those files, by path.
  std::map<std::string, std::string> TakeEnglishOut() {
    site_.Write("site.yaml", R"(base_url: https://www.example.gov.tw/office/
languages:
  - {code: zh-TW, name: 中文, title: 測試區公所}
office: {name: 測試區公所, address: 測試市測試路 1 號, phone: "(02) 1234-5678", hours: 8:30–17:30, email: service@example.gov.tw}
departments:
  - {id: civil, name: 民政課}
  - {id: social, name: 社會課}
retired:
  /en/*: /
)");
    std::map<std::string, std::string> english;
    for (const auto& entry : fs::recursive_directory_iterator(site_.site_dir() + "/content")) {
      const std::string path = entry.path().string().substr(site_.site_dir().size() + 1);
      if (path.size() > 6 && path.compare(path.size() - 6, 6, ".en.md") == 0) {
        english[path] = site_.Read(path);
      }
    }
    EXPECT_FALSE(english.empty());
    for (const auto& [path, text] : english) site_.Remove(path);
    return english;
  }

  // The build log of the output folder.
  std::string LogFile() const {
    for (const auto& entry : fs::directory_iterator(site_.site_dir() + "/.kiosk")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("build-log-", 0) == 0) return ".kiosk/" + name;
    }
    return ".kiosk/none";
  }

  // The search index in blocks of about two pages and many shards, so that the fixture's
  // few pages fill several of each.
  void SplitTheSearchIndexSmall() {
    options_.search_layout.pages_per_block = 2;
    options_.search_layout.block_bytes = 2000;
    options_.search_layout.shard_bytes = 300;
    ASSERT_TRUE(site_.Build(options_).ok());
  }

  // The search index's files of a language, by path, with their times.
  std::map<std::string, fs::file_time_type> SearchIndexTimes(const std::string& folder) const {
    std::map<std::string, fs::file_time_type> times;
    for (const auto& entry : fs::recursive_directory_iterator(site_.out_dir() + "/" + folder)) {
      if (entry.is_regular_file()) times[entry.path().string()] = entry.last_write_time();
    }
    return times;
  }

  SiteFixture site_;
  BuildOptions options_;
};

TEST_F(IncrementalTest, NoChangeRendersNothing) {
  const BuildResult again = ExpectSameAsClean([] {});
  EXPECT_EQ(again.pages_rendered, 0u);
  EXPECT_EQ(again.files_written, 0u);
}

TEST_F(IncrementalTest, NothingToDoStopsAfterReadingTheLogAndReportsAsBefore) {
  BuildOptions clean;
  clean.incremental = false;
  const BuildResult first = site_.Build(clean);
  EXPECT_GT(first.pages_rendered, 10u);
  BuildOptions explain;
  explain.explain = true;
  const BuildResult again = site_.Build(explain);
  ASSERT_TRUE(again.ok()) << Describe(again);
  ASSERT_EQ(again.explanations.size(), 1u);
  EXPECT_EQ(again.explanations[0].find("nothing:"), 0u) << again.explanations[0];
  EXPECT_EQ(again.timings.back().step, "read build log") << "no step after it ran";
  EXPECT_EQ(again.pages_per_language, first.pages_per_language);
  ASSERT_EQ(again.missing_translations.size(), first.missing_translations.size());
  EXPECT_FALSE(again.missing_translations.empty()) << "the fixture lacks a translation";
  EXPECT_EQ(again.missing_translations[0].file, first.missing_translations[0].file);
}

TEST_F(IncrementalTest, AnOptionThatChangesTheOutputIsNotNothingToDo) {
  BuildOptions drafts;
  drafts.include_drafts = true;
  EXPECT_GT(site_.Build(drafts).pages_rendered, 0u);
  BuildOptions strict;
  strict.strict_translations = true;
  EXPECT_FALSE(site_.Build(strict).ok()) << "the fixture lacks a translation";
}

TEST_F(IncrementalTest, AnotherBaseUrlRendersEveryPageAgain) {
  BuildOptions preview;
  preview.base_url = "https://preview.example.gov.tw/";
  const BuildResult moved = site_.Build(preview);
  ASSERT_TRUE(moved.ok()) << Describe(moved);
  BuildOptions clean;
  clean.incremental = false;
  clean.out_dir = site_.site_dir() + "/clean-output";
  const size_t pages = site_.Build(clean).pages_rendered;
  EXPECT_EQ(moved.pages_rendered, pages);
  EXPECT_NE(site_.ReadOutput("faq/id-card/index.html").find("https://preview.example.gov.tw/faq/"),
            std::string::npos);
  EXPECT_EQ(site_.Build().pages_rendered, pages) << "and back to site.yaml's";
}

TEST_F(IncrementalTest, EditingABodyRendersThatPageOnly) {
  const BuildResult again = ExpectSameAsClean([&] {
    site_.Write("content/faq/id-card.en.md",
                "---\ntitle: ID card FAQ\ndate: 2026-10-01\ndepartment: civil\n---\n## "
                "Lost?\n\nNew text.\n");
  });
  EXPECT_EQ(again.pages_rendered, 1u);
  ASSERT_EQ(again.explanations.size(), 1u);
  EXPECT_EQ(again.explanations[0], "/en/faq/id-card/: its source changed");
}

TEST_F(IncrementalTest, EditingADateMakesTheSiteMapAgain) {
  const BuildResult again = ExpectSameAsClean([&] {
    site_.Write("content/faq/id-card.en.md",
                "---\ntitle: ID card FAQ\ndate: 2026-11-02\ndepartment: civil\n---\n## "
                "Lost?\n\nText.\n");
  });
  EXPECT_NE(site_.ReadOutput("sitemap.xml").find("<lastmod>2026-11-02</lastmod>"),
            std::string::npos);
  EXPECT_NE(std::find(again.explanations.begin(), again.explanations.end(),
                      "/sitemap.xml: the file is new or changed"),
            again.explanations.end())
      << ::testing::PrintToString(again.explanations);
}

TEST_F(IncrementalTest, EditingATitleRendersThePagesThatListIt) {
  const BuildResult again = ExpectSameAsClean([&] {
    site_.Write("content/faq/id-card.en.md",
                "---\ntitle: Identity card FAQ\ndate: 2026-10-01\ndepartment: civil\n---\nText.\n");
  });
  EXPECT_GT(again.pages_rendered, 3u)
      << "the page, its section, the department and its translation";
  EXPECT_LT(again.pages_rendered, 12u);
}

// The open data and search index keep the bytes of the pages not rendered again; the pages
// rendered, added or removed around them must leave the files as a clean build writes them.
TEST_F(IncrementalTest, RecordFilesKeepTheLinesAroundEditedPages) {
  const auto faq = [](const std::string& title, const std::string& answer) {
    return "---\ntitle: " + title + "\ndate: 2026-11-01\n---\n## 問題一？\n\n" + answer +
           "\n\n## 問題二？\n\n第二個答案。\n";
  };
  ExpectSameAsClean([&] {
    MakeFaqSection();
    for (const char* name : {"a", "b", "c", "d"}) {
      site_.Write("content/faq/" + std::string(name) + ".zh-TW.md", faq(name, "答案。"));
    }
  });
  ExpectSameAsClean([&] {  // the first and the last
    site_.Write("content/faq/a.zh-TW.md", faq("a", "新的答案，帶有 \"引號\"。"));
    site_.Write("content/faq/id-card.zh-TW.md", faq("身分證", "新的答案。"));
  });
  ExpectSameAsClean([&] {  // one gone, one new between the rest, one edited after them
    site_.Remove("content/faq/b.zh-TW.md");
    site_.ForgetPublished("/faq/b/");
    site_.Write("content/faq/bb.zh-TW.md", faq("bb", "答案。"));
    site_.Write("content/faq/d.zh-TW.md", faq("d", "改過的答案。"));
  });
  EXPECT_NE(site_.ReadOutput("data/faq.csv").find("改過的答案"), std::string::npos);
}

// The build log says where each page's lines are in the record files, and holds only while
// a file is as the last build left it: lines are not kept from a file changed since.
TEST_F(IncrementalTest, ARecordFileChangedSinceTheLastBuildIsMadeAnew) {
  ExpectSameAsClean([&] { MakeFaqSection(); });
  std::string faq_csv = site_.ReadOutput("data/faq.csv");
  faq_csv.insert(faq_csv.find('\n') + 1, "\"edited by hand\"\n");
  site_.Write("output/data/faq.csv", faq_csv);
  ExpectSameAsClean([&] {
    const std::string page = site_.Read("content/faq/id-card.zh-TW.md");
    site_.Write("content/faq/id-card.zh-TW.md", page + "\n## 新問題？\n\n新答案。\n");
  });
  EXPECT_EQ(site_.ReadOutput("data/faq.csv").find("edited by hand"), std::string::npos);

  // Nothing else changed: the file is still made again.
  site_.Write("output/data/faq.csv", "edited by hand\n" + site_.ReadOutput("data/faq.csv"));
  EXPECT_EQ(ExpectSameAsClean([] {}).pages_rendered, 0u);
}

// A build that fails while writing in place (a file stands where a page's folder goes) puts
// nothing in place, the record files included; undoing the edit gives a clean build's output.
TEST_F(IncrementalTest, AFailedWriteInPlaceLeavesTheRecordFilesAsTheyWere) {
  ExpectSameAsClean([&] { MakeFaqSection(); });
  const std::string page = site_.Read("content/faq/id-card.en.md");
  const std::string faq_csv = site_.ReadOutput("data/faq.csv");
  site_.Write("content/faq/id-card.en.md", page + "\n## New question?\n\nNew answer.\n");
  site_.Remove("output/en/faq/id-card");
  site_.Write("output/en/faq/id-card", "in the way");
  const BuildResult failed = site_.Build();
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(failed.output_unchanged);
  EXPECT_EQ(site_.ReadOutput("data/faq.csv"), faq_csv) << "written beside it, never put in place";
  ExpectSameAsClean([&] {
    site_.Remove("output/en/faq/id-card");
    site_.Write("content/faq/id-card.en.md", page);
  });
  EXPECT_EQ(site_.ReadOutput("data/faq.csv").find("New answer"), std::string::npos);
}

// A content file renamed that keeps its address: nothing is rendered, but its place among
// the pages, and so among the open data's lines, moves.
TEST_F(IncrementalTest, ARenamedFileThatKeepsItsAddressMovesItsLines) {
  const auto faq = [](const std::string& slug) {
    return "---\ntitle: " + slug + "\nslug: " + slug + "\n---\n## 問？\n\n" + slug + "。\n";
  };
  ExpectSameAsClean([&] {
    MakeFaqSection();
    site_.Write("content/faq/b.zh-TW.md", faq("b"));
    site_.Write("content/faq/c.zh-TW.md", faq("c"));
  });
  ExpectSameAsClean([&] {
    site_.Remove("content/faq/b.zh-TW.md");
    site_.Write("content/faq/z.zh-TW.md", faq("b"));
  });
}

// A page rendered again whose records came out the same leaves the record files as they are.
TEST_F(IncrementalTest, RecordFilesThatCameOutTheSameAreNotWritten) {
  ExpectSameAsClean([&] { MakeFaqSection(); });
  const auto written = [&](const std::string& path) {
    return fs::last_write_time(fs::u8path(site_.site_dir() + "/output/" + path));
  };
  const auto faq_json = written("data/faq.json");
  const auto search_index = SearchIndexTimes("search-index");
  const BuildResult again = ExpectSameAsClean([&] {
    std::string page = site_.Read("content/faq/id-card.zh-TW.md");
    page.replace(page.find("updated: 2026-11-02"), 19, "updated: 2026-11-03");
    site_.Write("content/faq/id-card.zh-TW.md", page);
  });
  EXPECT_GE(again.pages_rendered, 1u);
  EXPECT_EQ(written("data/faq.json"), faq_json);
  EXPECT_EQ(SearchIndexTimes("search-index"), search_index);
}

// A content page that becomes a section at the same address (its page no longer a FAQ): its
// lines leave the open data.
TEST_F(IncrementalTest, APageThatBecomesASectionLeavesTheOpenData) {
  ExpectSameAsClean([&] { MakeFaqSection(); });
  ExpectSameAsClean([&] {
    for (const std::string language : {"zh-TW", "en"}) {
      std::string page = site_.Read("content/faq/id-card." + language + ".md");
      page.insert(page.find("department:"), "type: page\n");
      site_.Remove("content/faq/id-card." + language + ".md");
      site_.Write("content/faq/id-card/_index." + language + ".md", "---\ntitle: ID\n---\n");
      site_.Write("content/faq/id-card/lost." + language + ".md", page);
    }
  });
}

TEST_F(IncrementalTest, APageThatChangesTypeLeavesTheOpenDataOfItsOldType) {
  ExpectSameAsClean([&] { MakeFaqSection(); });
  EXPECT_NE(site_.ReadOutput("data/faq.json").find("遺失身分證"), std::string::npos);
  ExpectSameAsClean([&] {  // news now: it is in the feed, which every page links to
    std::string page = site_.Read("content/faq/id-card.zh-TW.md");
    page.insert(page.find("department:"), "type: news\n");
    site_.Write("content/faq/id-card.zh-TW.md", page);
  });
  EXPECT_EQ(site_.ReadOutput("data/faq.json").find("遺失身分證"), std::string::npos);
}

TEST_F(IncrementalTest, AddingAPage) {
  ExpectSameAsClean([&] {
    site_.Write("content/faq/new.zh-TW.md",
                "---\ntitle: 新問題\ndate: 2026-11-20\n---\n## 問？\n\n答。\n");
  });
}

TEST_F(IncrementalTest, DeletingAPage) {
  ExpectSameAsClean([&] {
    site_.Remove("content/news/volunteers.en.md");
    site_.ForgetPublished("/en/news/volunteers/");
  });
  EXPECT_FALSE(site_.OutputExists("en/news/volunteers/index.html"));
  EXPECT_FALSE(site_.OutputExists("en/news/volunteers")) << "its folder goes too";
}

// The old address, published, leads to the page from now on.
TEST_F(IncrementalTest, RenamingAPage) {
  ExpectSameAsClean([&] {
    std::string text = site_.Read("content/privacy.zh-TW.md");
    text.insert(text.find("\n") + 1, "aliases: [/privacy/]\n");
    site_.Remove("content/privacy.zh-TW.md");
    site_.Write("content/privacy-policy.zh-TW.md", text);
  });
  EXPECT_FALSE(site_.OutputExists("privacy/qr.png"));
  EXPECT_NE(site_.ReadOutput("privacy/index.html").find("url=/office/privacy-policy/"),
            std::string::npos);
}

TEST_F(IncrementalTest, EditingATemplate) {
  // A bare template that would not pass the accessibility check: build without it.
  ExpectSameAsClean(
      [&] { site_.Write("themes/default/templates/page.mustache", "<p>{{page.title}}</p>\n"); },
      /*check=*/false);
}

TEST_F(IncrementalTest, EditingSiteYaml) {
  const BuildResult again = ExpectSameAsClean([&] {
    std::string config = site_.Read("site.yaml");
    config.replace(config.find("(02) 1234-5678\""), 14, "(02) 8765-4321");
    site_.Write("site.yaml", config);
  });
  EXPECT_EQ(again.explanations.front().find("/"), 0u);
  EXPECT_NE(again.explanations.front().find("site.yaml"), std::string::npos);
}

// A language taken out of the site takes its pages with it, and its search index.
TEST_F(IncrementalTest, ALanguageTakenOutOfTheSite) {
  ASSERT_TRUE(site_.OutputExists("en/search-index/index.txt"));
  const BuildResult again = ExpectSameAsClean([&] { TakeEnglishOut(); });
  EXPECT_NE(std::find(again.explanations.begin(), again.explanations.end(),
                      "/en/search-index/index.txt: removed, as its page or file is gone"),
            again.explanations.end())
      << "removed by an update in place";
}

// A static file where a language added in the same edit puts its search index.
TEST_F(IncrementalTest, AStaticFileGivesWayToTheSearchIndexOfALanguageAdded) {
  const std::string site_yaml = site_.Read("site.yaml");
  const std::map<std::string, std::string> english = TakeEnglishOut();
  site_.Write("static/en/search-index/index.txt", "[]");
  ASSERT_TRUE(site_.Build().ok());
  ExpectSameAsClean([&] {
    site_.Write("site.yaml", site_yaml);
    for (const auto& [path, text] : english) site_.Write(path, text);
    site_.Remove("static/en/search-index");
  });
}

// The search index in many blocks and shards: each piece follows edits, additions, removals
// and renames as a clean build writes it.
TEST_F(IncrementalTest, SearchIndexPiecesFollowEveryChange) {
  SplitTheSearchIndexSmall();
  ExpectSameAsClean([&] {
    const std::string page = site_.Read("content/faq/id-card.zh-TW.md");
    site_.Write("content/faq/id-card.zh-TW.md", page + "\n補領身分證請攜帶戶口名簿。\n");
  });
  ExpectSameAsClean([&] {
    site_.Write("content/faq/parking.zh-TW.md",
                "---\ntitle: 停車問題\ndate: 2026-11-20\n---\n## 哪裡可以停車？\n\n本所地下室。\n");
    site_.Write("content/faq/parking.en.md",
                "---\ntitle: Parking\ndate: 2026-11-20\n---\n## Where can I park?\n\nBelow.\n");
  });
  ExpectSameAsClean([&] {
    site_.Remove("content/news/volunteers.en.md");
    site_.ForgetPublished("/en/news/volunteers/");
  });
  ExpectSameAsClean([&] {
    const std::string text = site_.Read("content/privacy.zh-TW.md");
    site_.Remove("content/privacy.zh-TW.md");
    site_.ForgetPublished("/privacy/");
    site_.Write("content/privacy-policy.zh-TW.md", text);
  });
  ExpectSameAsClean([&] { site_.Remove("output/search-index/keys/1.txt"); });
}

// An edit of one page writes its block of the search index and the shards whose lines for
// that block changed, not the other blocks.
TEST_F(IncrementalTest, AnEditWritesOnlyThePiecesOfTheSearchIndexThatHoldIt) {
  for (int i = 0; i < 16; ++i) {
    const std::string name = "content/faq/question-" + std::to_string(i);
    site_.Write(name + ".en.md", "---\ntitle: Question " + std::to_string(i) +
                                     "\n---\n## How?\n\nAt the counter, with form " +
                                     std::to_string(i) + ".\n");
    site_.Write(name + ".zh-TW.md", "---\ntitle: 問題 " + std::to_string(i) +
                                        "\n---\n## 怎麼辦？\n\n請到櫃檯辦理。\n");
  }
  SplitTheSearchIndexSmall();
  const auto before = SearchIndexTimes("en/search-index");
  const auto chinese = SearchIndexTimes("search-index");
  ASSERT_GT(before.size(), 10u);
  ExpectSameAsClean([&] {
    const std::string page = site_.Read("content/faq/question-7.en.md");
    site_.Write("content/faq/question-7.en.md", page + "\nBring a photo.\n");
  });
  const auto after = SearchIndexTimes("en/search-index");
  size_t blocks_written = 0;
  size_t written = 0;
  for (const auto& [path, time] : after) {
    if (!before.count(path) || before.at(path) == time) continue;
    ++written;
    blocks_written += path.find("/pages/") != std::string::npos;
  }
  EXPECT_EQ(blocks_written, 1u);
  EXPECT_LT(written, after.size() / 2);
  EXPECT_EQ(SearchIndexTimes("search-index"), chinese) << "the other language's index";
}

// Record files are known by their stamps: one deleted by hand is made again, even when
// nothing else changed.
TEST_F(IncrementalTest, ARecordFileDeletedByHandIsMadeAgain) {
  const BuildResult again = ExpectSameAsClean([&] { site_.Remove("output/data/faq.csv"); });
  EXPECT_EQ(again.pages_rendered, 0u);
}

TEST_F(IncrementalTest, EditingAStaticFile) {
  ExpectSameAsClean([&] { site_.Write("static/robots.txt", "User-agent: *\nDisallow:\n"); });
}

TEST_F(IncrementalTest, ACorruptLogIsIgnored) {
  std::string log = site_.Read(LogFile());
  log[log.size() / 2] ^= 0x55;
  site_.Write(LogFile(), log);
  const BuildResult again = ExpectSameAsClean([] {});
  EXPECT_GT(again.pages_rendered, 10u) << "everything is built again";
  EXPECT_NE(again.explanations.front().find("corrupt"), std::string::npos);
}

TEST_F(IncrementalTest, ATruncatedLogIsIgnored) {
  const std::string log = site_.Read(LogFile());
  site_.Write(LogFile(), log.substr(0, log.size() / 3));
  EXPECT_GT(ExpectSameAsClean([] {}).pages_rendered, 10u);
}

TEST_F(IncrementalTest, ALogOfAnotherVersionIsIgnored) {
  site_.Write(LogFile(),
              "kiosk build log\n\x01\x05"
              "0.0.0garbage-and-a-hash");
  const BuildResult again = ExpectSameAsClean([] {});
  EXPECT_GT(again.pages_rendered, 10u);
}

TEST_F(IncrementalTest, ADeletedPageIsWrittenAgain) {
  site_.Remove("output/faq/id-card");
  const BuildResult again = ExpectSameAsClean([] {});
  EXPECT_EQ(again.pages_rendered, 1u);
  EXPECT_TRUE(site_.OutputExists("faq/id-card/qr.png"));
}

// A build that fails writing in place leaves no log, and the next build is a full one: had
// putting the files in place failed half-way, the output would be one the log does not
// describe.
TEST_F(IncrementalTest, AFailedWriteLeavesNoLogAndTheNextBuildIsAFullOne) {
  // A file where the edited page's folder should be: its files cannot be written.
  site_.Write("content/faq/id-card.en.md",
              "---\ntitle: ID card FAQ\ndate: 2026-10-01\ndepartment: civil\n---\n## "
              "Lost?\n\nNew text.\n");
  site_.Remove("output/en/faq/id-card");
  site_.Write("output/en/faq/id-card", "in the way");
  const BuildResult failed = site_.Build();
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(LogFile(), ".kiosk/none");
  EXPECT_FALSE(fs::exists(fs::u8path(site_.site_dir() + "/" + LogFile() + ".partial")));

  const BuildResult again = ExpectSameAsClean([&] { site_.Remove("output/en/faq/id-card"); });
  EXPECT_GT(again.pages_rendered, 10u);
  EXPECT_NE(LogFile(), ".kiosk/none");
}

TEST_F(IncrementalTest, WarningsOfUnchangedPagesAreShownAgain) {
  site_.Write("content/news/_index.en.md", "---\ntitle: News\nunknown: 1\n---\n");
  site_.Remove("content/faq/_index.en.md");
  const BuildResult first = site_.Build();
  const BuildResult second = site_.Build();
  EXPECT_EQ(first.diagnostics.warning_count(), second.diagnostics.warning_count());
  EXPECT_GT(second.diagnostics.warning_count(), 0);
}

TEST_F(IncrementalTest, ErrorsInAnIncrementalBuildStillNameTheirLines) {
  site_.Write("content/faq/copy.en.md", "---\ntitle: Copy\nslug: id-card\n---\n");
  const BuildResult result = site_.Build();
  ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
  EXPECT_EQ(result.diagnostics.items()[0].where.line, 3);
}

TEST_F(IncrementalTest, TheSameFolderNamedAnotherWayIsTheSameOutput) {
  BuildOptions relative;
  relative.out_dir = site_.site_dir() + "/./output/";
  EXPECT_EQ(site_.Build(relative).pages_rendered, 0u);
}

TEST_F(IncrementalTest, ACleanBuildLeavesALogForTheNext) {
  BuildOptions clean;
  clean.incremental = false;
  EXPECT_GT(site_.Build(clean).pages_rendered, 10u);
  EXPECT_EQ(site_.Build().pages_rendered, 0u);
}

TEST(IncrementalContentTypes, PagesReadFromTheLogAreParsedWhenRenderedElsewhere) {
  // Section indexes of a service section take the section's type without being services.
  SiteFixture site("content-types");
  ASSERT_TRUE(site.Build().ok());
  BuildOptions elsewhere;
  elsewhere.out_dir = site.site_dir() + "/other-output";
  const BuildResult result = site.Build(elsewhere);
  EXPECT_TRUE(result.ok()) << Describe(result);
  EXPECT_EQ(site.Read("other-output/services/transcript/index.html"),
            site.ReadOutput("services/transcript/index.html"));
}

}  // namespace
}  // namespace kiosk
