#include "output/output_writer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fs/file_system.h"

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

}  // namespace
}  // namespace kiosk
