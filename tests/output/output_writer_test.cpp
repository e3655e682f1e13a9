#include "output/output_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fs/file_system.h"
#include "support/faulty_file_system.h"

namespace kiosk {
namespace {

using Paths = std::vector<std::string>;

const std::string kOut = "site/output";
const std::string kMarkerPath = "site/output/" + std::string(kOutputMarker);

OutputFile Page(std::string path, std::string contents) {
  return OutputFile{std::move(path), std::move(contents), ""};
}

Paths List(const FileSystem& fs, const std::string& root) {
  Result<Paths> listed = fs.ListFiles(root);
  EXPECT_TRUE(listed.ok());
  return listed.ok() ? *listed : Paths{};
}

std::string Read(const FileSystem& fs, const std::string& path) {
  Result<std::string> contents = fs.ReadFile(path);
  EXPECT_TRUE(contents.ok()) << path;
  return contents.ok() ? *contents : std::string();
}

// Every path in the file system that is not below `folder`, to check that nothing else
// was touched.
std::map<std::string, std::string> FilesOutside(const MemoryFileSystem& fs,
                                                const std::string& folder) {
  std::map<std::string, std::string> outside;
  for (const auto& [path, contents] : fs.files()) {
    if (path.rfind(folder + "/", 0) != 0) outside[path] = contents;
  }
  return outside;
}

// Nothing of the staging or previous folders is left beside the output folder.
void ExpectNoLeftovers(const MemoryFileSystem& fs) {
  EXPECT_FALSE(fs.IsDirectory("site/.output.kiosk-staging"));
  EXPECT_FALSE(fs.IsDirectory("site/.output.kiosk-old"));
  for (const auto& [path, contents] : fs.files()) {
    EXPECT_EQ(path.find(".kiosk-staging"), std::string::npos) << path;
    EXPECT_EQ(path.find(".kiosk-old"), std::string::npos) << path;
  }
}

// ---------------------------------------------------------------------------------------
// IsContainedPath

TEST(IsContainedPathTest, AcceptsRelativePaths) {
  EXPECT_TRUE(IsContainedPath("index.html"));
  EXPECT_TRUE(IsContainedPath("news/志工招募/index.html"));
  EXPECT_TRUE(IsContainedPath("en/faq/id-card/index.html"));
  EXPECT_TRUE(IsContainedPath("static/v1.2/app.css"));
  EXPECT_TRUE(IsContainedPath("..hidden-looking/but-fine"));
}

TEST(IsContainedPathTest, RejectsEmptyPath) { EXPECT_FALSE(IsContainedPath("")); }

TEST(IsContainedPathTest, RejectsAbsolutePaths) {
  EXPECT_FALSE(IsContainedPath("/abs"));
  EXPECT_FALSE(IsContainedPath("/etc/passwd"));
}

TEST(IsContainedPathTest, RejectsDotAndDotDotParts) {
  EXPECT_FALSE(IsContainedPath("a/../b"));
  EXPECT_FALSE(IsContainedPath("../b"));
  EXPECT_FALSE(IsContainedPath("a/.."));
  EXPECT_FALSE(IsContainedPath("./a"));
  EXPECT_FALSE(IsContainedPath("a/./b"));
  EXPECT_FALSE(IsContainedPath("."));
  EXPECT_FALSE(IsContainedPath(".."));
}

TEST(IsContainedPathTest, RejectsEmptyParts) {
  EXPECT_FALSE(IsContainedPath("a//b"));
  EXPECT_FALSE(IsContainedPath("a/"));
}

TEST(IsContainedPathTest, RejectsBackslashesAndNul) {
  EXPECT_FALSE(IsContainedPath("a\\b"));
  EXPECT_FALSE(IsContainedPath("..\\b"));
  EXPECT_FALSE(IsContainedPath(std::string_view("a\0b", 3)));
}

// ---------------------------------------------------------------------------------------
// WriteOutput

TEST(WriteOutputTest, WritesFilesAndTheMarkerIntoANewFolder) {
  MemoryFileSystem fs;
  const Status status = WriteOutput(fs, kOut,
                                    {Page("index.html", "<h1>清溪區公所</h1>"),
                                     Page("news/志工招募/index.html", "<h1>志工招募</h1>"),
                                     Page("en/index.html", "<h1>Qingxi</h1>")});
  ASSERT_TRUE(status.ok()) << status.error().format();
  EXPECT_TRUE(fs.IsDirectory(kOut));
  EXPECT_EQ(Read(fs, "site/output/index.html"), "<h1>清溪區公所</h1>");
  EXPECT_EQ(Read(fs, "site/output/news/志工招募/index.html"), "<h1>志工招募</h1>");
  EXPECT_EQ(Read(fs, "site/output/en/index.html"), "<h1>Qingxi</h1>");
  EXPECT_TRUE(fs.IsFile(kMarkerPath));
  EXPECT_EQ(List(fs, kOut), (Paths{"en/index.html", "index.html", "news/志工招募/index.html"}));
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, WritesIntoAFolderWithoutAParent) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, "public", {Page("index.html", "首頁")}).ok());
  EXPECT_EQ(Read(fs, "public/index.html"), "首頁");
  EXPECT_TRUE(fs.IsFile("public/" + std::string(kOutputMarker)));
  EXPECT_FALSE(fs.IsDirectory(".public.kiosk-staging"));
  EXPECT_FALSE(fs.IsDirectory(".public.kiosk-old"));
}

TEST(WriteOutputTest, CopiesFilesGivenByCopyFrom) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("site/static/robots.txt", "User-agent: *\n").ok());
  const Status status =
      WriteOutput(fs, kOut, {OutputFile{"robots.txt", "", "site/static/robots.txt"}});
  ASSERT_TRUE(status.ok()) << status.error().format();
  EXPECT_EQ(Read(fs, "site/output/robots.txt"), "User-agent: *\n");
  EXPECT_EQ(Read(fs, "site/static/robots.txt"), "User-agent: *\n");
}

TEST(WriteOutputTest, LeavesFilesOutsideTheOutputFolderAlone) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("site/site.yaml", "base_url: x").ok());
  ASSERT_TRUE(fs.WriteFile("site/content/_index.zh-TW.md", "# 首頁").ok());
  ASSERT_TRUE(fs.WriteFile("site/output-backup/index.html", "backup").ok());
  const auto before = FilesOutside(fs, kOut);
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "首頁")}).ok());
  EXPECT_EQ(FilesOutside(fs, kOut), before);
}

TEST(WriteOutputTest, ReplacesAPreviousOutputCompletely) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut,
                          {Page("index.html", "舊首頁"), Page("news/舊消息/index.html", "舊"),
                           Page("privacy/index.html", "隱私")})
                  .ok());
  const Status status =
      WriteOutput(fs, kOut, {Page("index.html", "新首頁"), Page("news/新消息/index.html", "新")});
  ASSERT_TRUE(status.ok()) << status.error().format();
  EXPECT_EQ(List(fs, kOut), (Paths{"index.html", "news/新消息/index.html"}));
  EXPECT_EQ(Read(fs, "site/output/index.html"), "新首頁");
  EXPECT_FALSE(fs.IsFile("site/output/news/舊消息/index.html"));
  EXPECT_FALSE(fs.IsDirectory("site/output/news/舊消息"));
  EXPECT_FALSE(fs.IsDirectory("site/output/privacy"));
  EXPECT_TRUE(fs.IsFile(kMarkerPath));
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, ReplacesAPreviousOutputWithNothing) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "首頁")}).ok());
  ASSERT_TRUE(WriteOutput(fs, kOut, {}).ok());
  EXPECT_TRUE(List(fs, kOut).empty());
  EXPECT_TRUE(fs.IsFile(kMarkerPath));
}

TEST(WriteOutputTest, RemovesTheLeftoversOfAnInterruptedBuild) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("site/.output.kiosk-staging/stale.html", "半途").ok());
  ASSERT_TRUE(fs.WriteFile("site/.output.kiosk-old/older.html", "更舊").ok());
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "首頁")}).ok());
  EXPECT_EQ(List(fs, kOut), (Paths{"index.html"}));
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, RefusesANonEmptyFolderWithoutTheMarker) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("site/output/我的文件.docx", "重要").ok());
  ASSERT_TRUE(fs.WriteFile("site/output/photos/合照.jpg", "jpg").ok());
  const auto before = fs.files();
  const Status status = WriteOutput(fs, kOut, {Page("index.html", "首頁")});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().severity, Severity::kError);
  EXPECT_EQ(status.error().where.file, kOut);
  EXPECT_NE(status.error().message.find("did not write"), std::string::npos)
      << status.error().message;
  EXPECT_FALSE(status.error().hint.empty());
  EXPECT_EQ(fs.files(), before);  // untouched, and no staging folder left behind
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, AcceptsAnEmptyExistingFolder) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDirectories(kOut).ok());
  const Status status = WriteOutput(fs, kOut, {Page("index.html", "首頁")});
  ASSERT_TRUE(status.ok()) << status.error().format();
  EXPECT_EQ(Read(fs, "site/output/index.html"), "首頁");
  EXPECT_TRUE(fs.IsFile(kMarkerPath));
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, RefusesAnOutputPathThatIsAFile) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile(kOut, "not a folder").ok());
  const Status status = WriteOutput(fs, kOut, {Page("index.html", "首頁")});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().where.file, kOut);
  EXPECT_EQ(Read(fs, kOut), "not a folder");
}

TEST(WriteOutputTest, RefusesUnsafePaths) {
  for (const std::string& path :
       {std::string("../escape.html"), std::string("/etc/passwd"), std::string("a//b.html"),
        std::string("./index.html"), std::string("a\\b.html"), std::string("")}) {
    MemoryFileSystem fs;
    const Status status = WriteOutput(fs, kOut, {Page("index.html", "首頁"), Page(path, "惡意")});
    ASSERT_FALSE(status.ok()) << path;
    EXPECT_EQ(status.error().where.file, path);
    EXPECT_TRUE(fs.files().empty()) << path;  // refused before anything was written
    EXPECT_FALSE(fs.IsDirectory(kOut)) << path;
  }
}

TEST(WriteOutputTest, UnsafePathLeavesThePreviousOutputAsItWas) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁")}).ok());
  const auto before = fs.files();
  EXPECT_FALSE(WriteOutput(fs, kOut, {Page("../site.yaml", "base_url: evil")}).ok());
  EXPECT_EQ(fs.files(), before);
}

TEST(WriteOutputTest, RefusesTwoFilesWithOnePath) {
  MemoryFileSystem fs;
  const Status status =
      WriteOutput(fs, kOut, {Page("news/index.html", "一"), Page("news/index.html", "二")});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().where.file, "site/output/news/index.html");
  EXPECT_TRUE(fs.files().empty());
}

TEST(WriteOutputTest, AFailedCopyLeavesThePreviousOutputAsItWas) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁")}).ok());
  const auto before = fs.files();
  const Status status = WriteOutput(
      fs, kOut, {Page("index.html", "新首頁"), OutputFile{"logo.png", "", "site/missing.png"}});
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(fs.files(), before);
  ExpectNoLeftovers(fs);
}

// A folder holding only hidden files (output/.git of a GitHub Pages checkout) is not
// empty: kiosk must not replace it.
TEST(WriteOutputTest, RefusesAFolderHoldingOnlyHiddenFiles) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("site/output/.git/HEAD", "ref: refs/heads/gh-pages\n").ok());
  const auto before = fs.files();
  const Status status = WriteOutput(fs, kOut, {Page("index.html", "首頁")});
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(fs.files(), before);
}

// ---------------------------------------------------------------------------------------
// The swap of a full build

TEST(WriteOutputTest, TheOutputFolderIsThereAtEveryMomentOfTheSwap) {
  testing::FaultyFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁")}).ok());
  bool always_there = true;
  fs.after_change = [&] { always_there = always_there && fs.IsFile(kMarkerPath); };
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "新首頁")}).ok());
  EXPECT_TRUE(always_there) << "a kill -9 at any moment leaves an output folder";
  EXPECT_EQ(Read(fs, "site/output/index.html"), "新首頁");
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, WithoutExchangeTheSwapIsTwoRenames) {
  testing::FaultyFileSystem fs;
  fs.can_exchange = false;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁")}).ok());
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "新首頁")}).ok());
  EXPECT_EQ(Read(fs, "site/output/index.html"), "新首頁");
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, AnOutputLeftBetweenTheTwoRenamesIsPutBackByTheNextBuild) {
  // What `kill -9` between the fallback's renames leaves: no output folder, the previous one
  // at .output.kiosk-old, and a staging folder.
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁")}).ok());
  ASSERT_TRUE(fs.Rename(kOut, "site/.output.kiosk-old").ok());
  ASSERT_TRUE(fs.WriteFile("site/.output.kiosk-staging/index.html", "新").ok());
  Result<std::unique_ptr<StagedOutput>> next = StagedOutput::Begin(fs, kOut);
  ASSERT_TRUE(next.ok()) << next.error().format();
  EXPECT_EQ(Read(fs, "site/output/index.html"), "舊首頁") << "put back before anything else";
  next->reset();  // the build failed: the previous output stays
  EXPECT_EQ(Read(fs, "site/output/index.html"), "舊首頁");
  ExpectNoLeftovers(fs);
}

TEST(WriteOutputTest, AFullDiskLeavesThePreviousOutput) {
  testing::FaultyFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁"), Page("a.html", "一")}).ok());
  const auto before = fs.files();
  fs.space = 4;
  EXPECT_FALSE(WriteOutput(fs, kOut, {Page("index.html", "新首頁"), Page("b.html", "二")}).ok());
  EXPECT_EQ(fs.files(), before);
}

// ---------------------------------------------------------------------------------------
// StagedUpdate: an incremental build's changes, in place

std::unique_ptr<StagedUpdate> BeginUpdate(FileSystem& fs) {
  Result<std::unique_ptr<StagedUpdate>> update = StagedUpdate::Begin(fs, kOut);
  EXPECT_TRUE(update.ok());
  return update.ok() ? std::move(*update) : nullptr;
}

TEST(StagedUpdateTest, PutsEveryFileInPlaceAndRemovesWhatIsGone) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut,
                          {Page("index.html", "舊"), Page("faq/old/index.html", "舊問答"),
                           Page("news/a/index.html", "消息")})
                  .ok());
  std::unique_ptr<StagedUpdate> update = BeginUpdate(fs);
  ASSERT_TRUE(update->Write(Page("index.html", "新")).ok());
  ASSERT_TRUE(update->Write(Page("faq/new/deep/index.html", "新問答")).ok());
  ASSERT_TRUE(update->Write(OutputFile{"robots.txt", "", kMarkerPath}).ok());
  EXPECT_EQ(Read(fs, "site/output/index.html"), "舊") << "nothing is in place before Commit";
  ASSERT_TRUE(update->Commit({"faq/old/index.html"}).ok());
  EXPECT_TRUE(update->changed());
  EXPECT_EQ(Read(fs, "site/output/index.html"), "新");
  EXPECT_EQ(Read(fs, "site/output/faq/new/deep/index.html"), "新問答");
  EXPECT_TRUE(fs.IsFile("site/output/robots.txt"));
  EXPECT_FALSE(fs.IsDirectory("site/output/faq/old")) << "emptied folders go";
  EXPECT_EQ(List(fs, kOut), (Paths{"faq/new/deep/index.html", "index.html",
                                   "news/a/index.html", "robots.txt"}));
}

TEST(StagedUpdateTest, AFullDiskLeavesTheFolderExactlyAsItWas) {
  testing::FaultyFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "舊首頁"), Page("a/index.html", "一")})
                  .ok());
  const auto before = fs.files();
  fs.space = 20;
  std::unique_ptr<StagedUpdate> update = BeginUpdate(fs);
  ASSERT_TRUE(update->Write(Page("index.html", "新首頁")).ok());
  ASSERT_TRUE(update->Write(Page("new/section/index.html", "新")).ok());
  EXPECT_FALSE(update->Write(Page("a/index.html", std::string(100, 'x'))).ok());
  update.reset();
  EXPECT_EQ(fs.files(), before) << "partial files and the folders made for them are gone";
  EXPECT_FALSE(fs.IsDirectory("site/output/new"));
}

TEST(StagedUpdateTest, ARenameThatFailsSaysTheFolderChanged) {
  testing::FaultyFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("a.html", "一"), Page("b.html", "二")}).ok());
  std::unique_ptr<StagedUpdate> update = BeginUpdate(fs);
  ASSERT_TRUE(update->Write(Page("a.html", "新一")).ok());
  ASSERT_TRUE(update->Write(Page("b.html", "新二")).ok());
  fs.renames_left = 1;
  EXPECT_FALSE(update->Commit({}).ok());
  EXPECT_TRUE(update->changed());
  EXPECT_EQ(Read(fs, "site/output/a.html"), "新一");
  EXPECT_EQ(Read(fs, "site/output/b.html"), "二");
  for (const auto& [path, contents] : fs.files()) {
    EXPECT_EQ(path.find(".kiosk-partial"), std::string::npos) << path;
  }
}

TEST(StagedUpdateTest, TheFirstRenameFailingChangesNothing) {
  testing::FaultyFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("a.html", "一")}).ok());
  const auto before = fs.files();
  std::unique_ptr<StagedUpdate> update = BeginUpdate(fs);
  ASSERT_TRUE(update->Write(Page("new/a.html", "新一")).ok());
  fs.renames_left = 0;
  EXPECT_FALSE(update->Commit({}).ok());
  EXPECT_FALSE(update->changed());
  EXPECT_EQ(fs.files(), before);
}

TEST(StagedUpdateTest, RefusesUnsafePathsAndAFolderKioskDidNotWrite) {
  MemoryFileSystem fs;
  ASSERT_TRUE(WriteOutput(fs, kOut, {Page("index.html", "首頁")}).ok());
  const auto before = fs.files();
  std::unique_ptr<StagedUpdate> update = BeginUpdate(fs);
  EXPECT_FALSE(update->Write(Page("a\\b/index.html", "x")).ok());
  EXPECT_FALSE(update->Write(Page("../site.yaml", "x")).ok());
  ASSERT_TRUE(update->Write(Page("x.html", "一")).ok());
  EXPECT_FALSE(update->Write(Page("x.html", "二")).ok());
  update.reset();
  EXPECT_EQ(fs.files(), before);
  ASSERT_TRUE(fs.WriteFile("site/mine/a.txt", "mine").ok());
  EXPECT_FALSE(StagedUpdate::Begin(fs, "site/mine").ok());
}

// ---------------------------------------------------------------------------------------
// One build at a time, in a folder outside the inputs

TEST(LockOutputTest, ASecondBuildOfTheFolderFailsWhileTheFirstHoldsIt) {
  MemoryFileSystem fs;
  Result<std::unique_ptr<FileLock>> first = LockOutput(fs, kOut);
  ASSERT_TRUE(first.ok());
  ASSERT_NE(*first, nullptr);
  Result<std::unique_ptr<FileLock>> second = LockOutput(fs, kOut);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().where.file, kOut);
  EXPECT_NE(second.error().message.find("another kiosk build"), std::string::npos);
  EXPECT_NE(second.error().hint.find("wait"), std::string::npos);
  EXPECT_TRUE(fs.IsFile("site/.output.kiosk-lock"));
  first->reset();
  EXPECT_TRUE(LockOutput(fs, kOut).ok());
}

TEST(CheckOutputPlaceTest, RefusesAFolderInsideWhatKioskReads) {
  MemoryFileSystem fs;
  for (const std::string out : {"site/content", "site/content/out", "site/static/out/deeper",
                                "site/themes/out"}) {
    const Status status = CheckOutputPlace(fs, "site", out);
    ASSERT_FALSE(status.ok()) << out;
    EXPECT_EQ(status.error().where.file, out);
    EXPECT_NE(status.error().hint.find("output/"), std::string::npos);
  }
  for (const std::string out : {"site/output", "site/static-site", "public", "site/contents"}) {
    EXPECT_TRUE(CheckOutputPlace(fs, "site", out).ok()) << out;
  }
}

}  // namespace
}  // namespace kiosk
