// Builds one after another in one process (kiosk serve): each starts from the build before,
// kept in memory, and writes what a clean build of the same site writes.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/previous_build.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using testing::Describe;
using testing::FilesBelow;
using testing::SiteFixture;

class SiteBuilderTest : public ::testing::Test {
 protected:
  explicit SiteBuilderTest(const std::string& fixture = "basic-site")
      : site_(fixture), builder_(disk_, Options()) {}

  void SetUp() override {
    const BuildResult first = builder_.Build();
    ASSERT_TRUE(first.ok()) << Describe(first);
  }

  BuildOptions Options() {
    BuildOptions options;
    options.site_dir = site_.site_dir();
    options.out_dir = site_.site_dir() + "/preview";
    options.jobs = 2;
    options.record_addresses = false;  // as kiosk serve's builds, which publish nothing
    // As kiosk serve's builds, which show an edit's pages before the search index and the
    // open data are written.
    options.pages_written = [this] {
      ++pages_shown_;
      if (pages_written_) pages_written_();
    };
    return options;
  }

  // Changes the site, builds with the builder, and compares with a clean build of the same
  // site into another folder.
  // `changed`: the paths that changed, as a watcher tells them.
  BuildResult ExpectSameAsClean(const std::function<void()>& change,
                                std::optional<std::vector<std::string>> changed = std::nullopt) {
    change();
    const BuildResult built = builder_.Build(std::move(changed));
    EXPECT_TRUE(built.ok()) << Describe(built);
    BuildOptions clean = Options();
    clean.incremental = false;
    clean.out_dir = site_.site_dir() + "/clean-output";
    const BuildResult full = BuildSite(disk_, clean);
    EXPECT_TRUE(full.ok()) << Describe(full);
    const auto expected = FilesBelow(clean.out_dir);
    const auto actual = FilesBelow(Options().out_dir);
    EXPECT_EQ(actual.size(), expected.size());
    for (const auto& [path, contents] : expected) {
      const auto found = actual.find(path);
      if (found == actual.end()) {
        ADD_FAILURE() << "missing after the build: " << path;
      } else {
        EXPECT_EQ(found->second, contents) << path;
      }
    }
    site_.Remove("clean-output");
    return built;
  }

  // Without the build log on disk, only the build kept in memory says what is there.
  void RemoveTheBuildLogs() const { fs::remove_all(site_.site_dir() + "/.kiosk"); }

  int pages_shown_ = 0;
  std::function<void()> pages_written_;
  SiteFixture site_;
  DiskFileSystem disk_;
  SiteBuilder builder_;
};

TEST_F(SiteBuilderTest, AnEditStartsFromTheBuildKeptInMemory) {
  RemoveTheBuildLogs();
  const BuildResult again = ExpectSameAsClean([&] {
    site_.Write("content/faq/id-card.en.md",
                "---\ntitle: ID card FAQ\ndate: 2026-10-01\ndepartment: civil\n---\n## "
                "Lost?\n\nNew text.\n");
  });
  EXPECT_EQ(again.pages_rendered, 1u);
  RemoveTheBuildLogs();
  const BuildResult nothing = ExpectSameAsClean([] {});
  EXPECT_EQ(nothing.pages_rendered, 0u);
  EXPECT_EQ(nothing.files_written, 0u);
}

TEST_F(SiteBuilderTest, AnEditsPagesAreWrittenBeforeTheFilesThatListEveryPage) {
  EXPECT_EQ(pages_shown_, 0) << "the first build writes its output whole";
  site_.Write("content/faq/_index.en.md", "---\ntitle: FAQ\ntype: faq\n---\n");
  ExpectSameAsClean([] {});
  pages_shown_ = 0;
  std::string page_then;
  std::string data_then;
  pages_written_ = [&] {
    page_then = site_.Read("preview/en/faq/id-card/index.html");
    data_then = site_.Read("preview/data/faq.json");
  };
  ExpectSameAsClean([&] {
    site_.Write("content/faq/id-card.en.md",
                "---\ntitle: ID card FAQ\ndate: 2026-10-01\ndepartment: civil\n---\n## "
                "Lost?\n\nNew text.\n");
  });
  EXPECT_EQ(pages_shown_, 1);
  EXPECT_NE(page_then.find("New text."), std::string::npos);
  EXPECT_EQ(data_then.find("New text."), std::string::npos);
  EXPECT_NE(site_.Read("preview/data/faq.json").find("New text."), std::string::npos);
  ExpectSameAsClean([] {});
  EXPECT_EQ(pages_shown_, 1) << "nothing rendered, nothing shown";

  // A picture added with the page that shows it is there when the page is.
  bool picture_then = false;
  pages_written_ = [&] { picture_then = fs::exists(site_.site_dir() + "/preview/counter.png"); };
  ExpectSameAsClean([&] {
    site_.Write("static/counter.png", "");
    site_.Write("content/faq/id-card.en.md",
                "---\ntitle: ID card FAQ\ndate: 2026-10-01\ndepartment: civil\n---\n## "
                "Lost?\n\n![The counter](/office/counter.png)\n");
  });
  EXPECT_EQ(pages_shown_, 2);
  EXPECT_TRUE(picture_then);
}

TEST_F(SiteBuilderTest, PagesTakeTheirSectionsTypeAgainEachBuild) {
  const auto set_type = [&](const std::string& type) {
    site_.Write("content/faq/_index.zh-TW.md", "---\ntitle: 常見問題\n" + type + "---\n");
    site_.Write("content/faq/_index.en.md", "---\ntitle: FAQ\n" + type + "---\n");
  };
  ExpectSameAsClean([&] { set_type("type: faq\n"); });
  EXPECT_NE(site_.Read("preview/data/faq.json").find("id-card"), std::string::npos);
  ExpectSameAsClean([&] { set_type(""); });
  EXPECT_EQ(site_.Read("preview/data/faq.json").find("id-card"), std::string::npos);
  ExpectSameAsClean([&] { set_type("type: news\n"); });
}

TEST_F(SiteBuilderTest, AFailedBuildLeavesTheBuildBeforeKept) {
  const std::string page = site_.Read("content/faq/id-card.en.md");
  site_.Write("content/faq/id-card.en.md", "---\ntitle: [unclosed\n---\nText.\n");
  const BuildResult broken = builder_.Build();
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.diagnostics.items().front().where.file, "content/faq/id-card.en.md");
  RemoveTheBuildLogs();
  const BuildResult fixed =
      ExpectSameAsClean([&] { site_.Write("content/faq/id-card.en.md", page + "\nMore text.\n"); });
  EXPECT_EQ(fixed.pages_rendered, 1u);
}

// The log is kept in memory, not written after each build; saved, the next process's build
// starts from it.
TEST_F(SiteBuilderTest, TheSavedLogIsTheLastBuilds) {
  ExpectSameAsClean([&] {
    site_.Write("content/faq/id-card.en.md", site_.Read("content/faq/id-card.en.md") + "\nA.\n");
  });
  const std::string log = LogPath(Resolve(Options()));
  EXPECT_FALSE(fs::exists(log)) << "the log on disk no longer describes the output";
  ASSERT_TRUE(builder_.SaveLog());
  BuildOptions next = Options();
  next.explain = true;
  const BuildResult again = BuildSite(disk_, next);
  EXPECT_TRUE(again.ok()) << Describe(again);
  EXPECT_EQ(again.pages_rendered, 0u) << ::testing::PrintToString(again.explanations);
}

TEST_F(SiteBuilderTest, ASiteYamlEditReadsEveryPageAgain) {
  ExpectSameAsClean([&] {
    std::string config = site_.Read("site.yaml");
    config.replace(config.find("title: Test District Office"), 27, "title: Test Office");
    site_.Write("site.yaml", config);
  });
}

// Told which files changed, a build lists only their folders again.
TEST_F(SiteBuilderTest, OnlyTheFoldersThatChangedAreListedAgain) {
  const std::string page = "---\ntitle: 停車\n---\n停車場。\n";
  ExpectSameAsClean([&] { site_.Write("content/faq/parking/a.zh-TW.md", page); },
                    std::vector<std::string>{"content/faq/parking"});
  ExpectSameAsClean([&] { site_.Write("content/faq/parking/b.zh-TW.md", page); },
                    std::vector<std::string>{"content/faq/parking/b.zh-TW.md"});
  ExpectSameAsClean([&] { site_.Write("static/forms/form.pdf", "%PDF"); },
                    std::vector<std::string>{"static/forms"});
  ExpectSameAsClean([&] { site_.Remove("content/faq/parking"); },
                    std::vector<std::string>{"content/faq/parking"});
  ExpectSameAsClean([&] { site_.Remove("static/forms/form.pdf"); },
                    std::vector<std::string>{"static/forms/form.pdf"});
  EXPECT_EQ(ExpectSameAsClean([] {}, std::vector<std::string>{}).pages_rendered, 0u);
  // A file in a folder it was not told of is not seen until that folder changes.
  site_.Write("content/news/unseen.zh-TW.md", page);
  EXPECT_EQ(builder_.Build(std::vector<std::string>{"content/faq/id-card.en.md"}).pages_rendered,
            0u);
  EXPECT_GT(builder_.Build(std::vector<std::string>{"content/news/unseen.zh-TW.md"}).pages_rendered,
            0u);
}

// A build that fails hands the kept build back as it was: the files it saw change are listed
// again by the next build, which was told only of the page fixed since.
TEST_F(SiteBuilderTest, AFailedBuildsChangesAreListedAgainByTheNext) {
  const std::string page = site_.Read("content/faq/id-card.en.md");
  site_.Write("static/photo.png", "");
  site_.Write("content/faq/id-card.en.md", page + "\n![image](/office/photo.png)\n");
  EXPECT_FALSE(
      builder_.Build(std::vector<std::string>{"static/photo.png", "content/faq/id-card.en.md"})
          .ok());
  ExpectSameAsClean(
      [&] {
        site_.Write("content/faq/id-card.en.md",
                    page + "\n![The counter of the registration office](/office/photo.png)\n");
      },
      std::vector<std::string>{"content/faq/id-card.en.md"});
}

class SiteBuilderServicesTest : public SiteBuilderTest {
 protected:
  SiteBuilderServicesTest() : SiteBuilderTest("content-types") {}
};

// A service page shows its forms' sizes: a form changed in static/ is shown anew, though the
// page's own file is unchanged and was kept.
TEST_F(SiteBuilderServicesTest, AServicePageShowsItsFormsAsStaticHasThemNow) {
  const BuildResult again = ExpectSameAsClean(
      [&] { site_.Write("static/forms/transcript.pdf", std::string(300 * 1024, 'x')); });
  EXPECT_GE(again.pages_rendered, 1u);
  EXPECT_NE(site_.Read("preview/services/transcript/index.html").find("300 KB"), std::string::npos);
}

}  // namespace
}  // namespace kiosk
