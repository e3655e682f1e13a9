// Builds on a file system that fails as disks do: a full disk during an incremental build,
// a rename that fails half-way through putting files in place, a build stopped between the
// two renames of a swap. The output is what the build says it is, and the next build makes
// it whole.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "pipeline/pipeline.h"
#include "support/faulty_file_system.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

using testing::Describe;
using testing::FaultyFileSystem;

class FaultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::CopyIntoMemory(testing::TestsDir() + "/fixtures/basic-site", fs_, "site");
    const BuildResult first = Build();
    ASSERT_TRUE(first.ok()) << Describe(first);
  }

  BuildResult Build(const std::string& out_dir = "site/output", bool incremental = true) {
    BuildOptions options;
    options.site_dir = "site";
    options.out_dir = out_dir;
    options.jobs = 2;
    options.incremental = incremental;
    return BuildSite(fs_, options);
  }

  // kiosk serve's builds, into site/preview: they publish nothing.
  static BuildOptions ServeOptions() {
    BuildOptions options;
    options.site_dir = "site";
    options.out_dir = "site/preview";
    options.jobs = 2;
    options.record_addresses = false;
    return options;
  }

  // The files of a folder, by path below it.
  std::map<std::string, std::string> Files(const std::string& folder) const {
    std::map<std::string, std::string> found;
    for (const auto& [path, bytes] : fs_.files()) {
      if (path.rfind(folder + "/", 0) == 0) found[path.substr(folder.size() + 1)] = bytes;
    }
    return found;
  }

  // What a clean build of the site as it now is writes.
  std::map<std::string, std::string> Clean() {
    const BuildResult clean = Build("clean", false);
    EXPECT_TRUE(clean.ok()) << Describe(clean);
    return Files("clean");
  }

  void Edit() {
    fs_.WriteFile("site/content/faq/id-card.en.md",
                  "---\ntitle: ID card, changed\n---\nA new answer, longer than before.\n");
  }

  FaultyFileSystem fs_;
};

TEST_F(FaultsTest, AFullDiskDuringAnIncrementalBuildLeavesThePreviousOutput) {
  const std::map<std::string, std::string> before = Files("site/output");
  Edit();
  fs_.space = 2000;  // the edited page fits, not all the pages that list it
  const BuildResult failed = Build();
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.output_unchanged) << "the message may say the output is unchanged";
  EXPECT_NE(Describe(failed).find("No space left"), std::string::npos) << Describe(failed);
  EXPECT_EQ(Files("site/output"), before) << "byte for byte, no partial file left";

  fs_.space.reset();
  const BuildResult next = Build();
  ASSERT_TRUE(next.ok()) << Describe(next);
  EXPECT_EQ(Files("site/output"), Clean());
}

TEST_F(FaultsTest, ARenameFailingHalfWaySaysSoAndTheNextBuildRepairs) {
  Edit();
  fs_.renames_left = 2;  // the first files go in place, then renames fail
  const BuildResult failed = Build();
  ASSERT_FALSE(failed.ok());
  EXPECT_FALSE(failed.output_unchanged) << "the output was partly updated, and is said to be";

  fs_.renames_left.reset();
  const BuildResult next = Build();
  ASSERT_TRUE(next.ok()) << Describe(next);
  EXPECT_EQ(Files("site/output"), Clean());
}

TEST_F(FaultsTest, ARenameFailingHalfWayLetsGoOfTheBuildKeptInMemory) {
  // kiosk serve's builds: the build kept describes the output only while it is unchanged.
  SiteBuilder builder(fs_, ServeOptions());
  ASSERT_TRUE(builder.Build().ok());
  const std::string page = *fs_.ReadFile("site/content/faq/id-card.en.md");
  Edit();
  fs_.renames_left = 4;  // the record files (three), then one page, go in place
  const BuildResult failed = builder.Build();
  ASSERT_FALSE(failed.ok());
  ASSERT_FALSE(failed.output_unchanged);

  // The edit undone: the site is again the one the kept build read, not what the output holds.
  fs_.renames_left.reset();
  fs_.WriteFile("site/content/faq/id-card.en.md", page);
  const BuildResult next = builder.Build();
  ASSERT_TRUE(next.ok()) << Describe(next);
  EXPECT_EQ(Files("site/preview"), Clean());
}

TEST_F(FaultsTest, PagesWrittenAheadAreOneChangeToo) {
  // kiosk serve's builds write an edit's pages before the search index and open data.
  BuildOptions options = ServeOptions();
  int shown = 0;
  options.pages_written = [&] {
    ++shown;
    fs_.space = 0;  // the files that list every page find the disk full
  };
  SiteBuilder builder(fs_, options);
  ASSERT_TRUE(builder.Build().ok());
  const std::map<std::string, std::string> before = Files("site/preview");
  const std::string page = *fs_.ReadFile("site/content/faq/id-card.en.md");
  Edit();
  fs_.space = 2000;  // the edited page fits, not all the pages that list it
  const BuildResult full_disk = builder.Build();
  ASSERT_FALSE(full_disk.ok());
  EXPECT_TRUE(full_disk.output_unchanged);
  EXPECT_EQ(Files("site/preview"), before) << "byte for byte, no partial file left";
  EXPECT_EQ(shown, 0);

  fs_.space.reset();
  const BuildResult after_the_pages = builder.Build();
  ASSERT_FALSE(after_the_pages.ok());
  EXPECT_EQ(shown, 1);
  EXPECT_FALSE(after_the_pages.output_unchanged) << "the pages were in place";

  // The edit undone: the output is made a clean build's, not left with the edited pages.
  fs_.space.reset();
  fs_.WriteFile("site/content/faq/id-card.en.md", page);
  const BuildResult next = builder.Build();
  ASSERT_TRUE(next.ok()) << Describe(next);
  EXPECT_EQ(Files("site/preview"), Clean());
}

TEST_F(FaultsTest, AFullDiskDuringAFullBuildLeavesThePreviousOutput) {
  const std::map<std::string, std::string> before = Files("site/output");
  Edit();
  fs_.space = 20000;
  const BuildResult failed = Build("site/output", false);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.output_unchanged);
  EXPECT_EQ(Files("site/output"), before);
}

TEST_F(FaultsTest, TheOutputFolderIsNeverMissingDuringAFullBuild) {
  Edit();
  bool always_there = true;
  fs_.after_change = [&] { always_there = always_there && fs_.IsFile("site/output/index.html"); };
  ASSERT_TRUE(Build("site/output", false).ok());
  fs_.after_change = nullptr;
  EXPECT_TRUE(always_there) << "a build killed at any moment leaves the site served";
}

TEST_F(FaultsTest, ABuildStoppedBetweenTheTwoRenamesIsRepairedByTheNext) {
  // Where the file system cannot exchange folders, the swap is two renames; a kill -9
  // between them leaves the previous output at .output.kiosk-old and none in place.
  fs_.can_exchange = false;
  const std::map<std::string, std::string> before = Files("site/output");
  ASSERT_TRUE(fs_.Rename("site/output", "site/.output.kiosk-old").ok());
  Edit();
  const BuildResult next = Build();
  ASSERT_TRUE(next.ok()) << Describe(next);
  EXPECT_EQ(Files("site/output"), Clean());
  EXPECT_TRUE(Files("site/.output.kiosk-old").empty());
}

}  // namespace
}  // namespace kiosk
