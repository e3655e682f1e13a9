#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fs/file_system.h"

namespace kiosk {
namespace {

using Paths = std::vector<std::string>;

Paths List(const MemoryFileSystem& fs, const std::string& root) {
  Result<Paths> listed = fs.ListFiles(root);
  EXPECT_TRUE(listed.ok()) << listed.error().format();
  return listed.ok() ? *listed : Paths{};
}

std::string Read(const MemoryFileSystem& fs, const std::string& path) {
  Result<std::string> contents = fs.ReadFile(path);
  EXPECT_TRUE(contents.ok()) << contents.error().format();
  return contents.ok() ? *contents : std::string();
}

// ---------------------------------------------------------------------------------------
// Writing and reading

TEST(MemoryFileSystemTest, ReadsBackWhatWasWritten) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content/news/志工招募.zh-TW.md", "# 志工招募\n").ok());
  EXPECT_TRUE(fs.IsFile("content/news/志工招募.zh-TW.md"));
  EXPECT_EQ(Read(fs, "content/news/志工招募.zh-TW.md"), "# 志工招募\n");
}

TEST(MemoryFileSystemTest, WriteReplacesContents) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("a.txt", "舊").ok());
  ASSERT_TRUE(fs.WriteFile("a.txt", "新").ok());
  EXPECT_EQ(Read(fs, "a.txt"), "新");
  EXPECT_EQ(fs.files().size(), 1u);
}

TEST(MemoryFileSystemTest, WritesPiecesOneAfterAnother) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("a.txt", "舊的長內容").ok());
  const std::vector<std::string_view> pieces = {"新", "", "的"};
  ASSERT_TRUE(fs.WriteFile("a.txt", pieces).ok());
  EXPECT_EQ(Read(fs, "a.txt"), "新的");
}

TEST(MemoryFileSystemTest, KeepsBinaryContents) {
  MemoryFileSystem fs;
  const std::string bytes("\x89PNG\r\n\x1A\n\0\xFF", 10);
  ASSERT_TRUE(fs.WriteFile("static/logo.png", bytes).ok());
  EXPECT_EQ(Read(fs, "static/logo.png"), bytes);
}

TEST(MemoryFileSystemTest, ReadingAMissingFileIsAnErrorNamingIt) {
  MemoryFileSystem fs;
  const Result<std::string> contents = fs.ReadFile("content/不存在.md");
  ASSERT_FALSE(contents.ok());
  EXPECT_EQ(contents.error().severity, Severity::kError);
  EXPECT_EQ(contents.error().where.file, "content/不存在.md");
}

TEST(MemoryFileSystemTest, CopyFile) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("static/robots.txt", "User-agent: *\n").ok());
  ASSERT_TRUE(fs.CopyFile("static/robots.txt", "out/robots.txt").ok());
  EXPECT_EQ(Read(fs, "out/robots.txt"), "User-agent: *\n");
  EXPECT_EQ(Read(fs, "static/robots.txt"), "User-agent: *\n");
}

TEST(MemoryFileSystemTest, CopyingAMissingFileFails) {
  MemoryFileSystem fs;
  EXPECT_FALSE(fs.CopyFile("missing.txt", "out/missing.txt").ok());
  EXPECT_FALSE(fs.IsFile("out/missing.txt"));
}

// ---------------------------------------------------------------------------------------
// IsFile and IsDirectory

TEST(MemoryFileSystemTest, FoldersExistImplicitlyAboveFiles) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content/faq/id-card.zh-TW.md", "x").ok());
  EXPECT_TRUE(fs.IsDirectory("content"));
  EXPECT_TRUE(fs.IsDirectory("content/faq"));
  EXPECT_FALSE(fs.IsFile("content/faq"));
  EXPECT_FALSE(fs.IsDirectory("content/faq/id-card.zh-TW.md"));
  EXPECT_FALSE(fs.IsDirectory("content/news"));
}

TEST(MemoryFileSystemTest, FolderNameMustMatchAWholePathPart) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content-old/a.md", "x").ok());
  EXPECT_FALSE(fs.IsDirectory("content"));
  EXPECT_FALSE(fs.IsDirectory("content-ol"));
  EXPECT_TRUE(fs.IsDirectory("content-old"));
}

TEST(MemoryFileSystemTest, CreateDirectoriesMakesAnEmptyFolder) {
  MemoryFileSystem fs;
  EXPECT_FALSE(fs.IsDirectory("output"));
  ASSERT_TRUE(fs.CreateDirectories("output").ok());
  EXPECT_TRUE(fs.IsDirectory("output"));
  EXPECT_FALSE(fs.IsFile("output"));
  EXPECT_TRUE(List(fs, "output").empty());
}

// ---------------------------------------------------------------------------------------
// ListFiles

TEST(MemoryFileSystemTest, ListFilesIsSortedAndRelativeToTheRoot) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content/news/志工招募.zh-TW.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/_index.zh-TW.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/faq/id-card.en.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/news/_index.en.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/privacy.zh-TW.md", "").ok());
  EXPECT_EQ(List(fs, "content"), (Paths{"_index.zh-TW.md", "faq/id-card.en.md", "news/_index.en.md",
                                        "news/志工招募.zh-TW.md", "privacy.zh-TW.md"}));
}

TEST(MemoryFileSystemTest, ListFilesOnlyListsBelowTheRoot) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content/a.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content-old/b.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("static/c.css", "").ok());
  ASSERT_TRUE(fs.WriteFile("content.md", "").ok());
  EXPECT_EQ(List(fs, "content"), (Paths{"a.md"}));
}

TEST(MemoryFileSystemTest, ListFilesWorksForNestedRoots) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("site/content/news/a.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("site/content/b.md", "").ok());
  EXPECT_EQ(List(fs, "site/content"), (Paths{"b.md", "news/a.md"}));
  EXPECT_EQ(List(fs, "site/content/news"), (Paths{"a.md"}));
}

TEST(MemoryFileSystemTest, ListFilesSkipsHiddenFilesAndFolders) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content/.DS_Store", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/.git/config", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/news/.draft.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/news/.cache/x.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/news/a.md", "").ok());
  ASSERT_TRUE(fs.WriteFile("content/v1.2/notes.md", "").ok());  // a dot, not a hidden name
  EXPECT_EQ(List(fs, "content"), (Paths{"news/a.md", "v1.2/notes.md"}));
}

TEST(MemoryFileSystemTest, ListingAnAbsentRootGivesNothing) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("content/a.md", "").ok());
  EXPECT_TRUE(List(fs, "static").empty());
}

// ---------------------------------------------------------------------------------------
// Rename

TEST(MemoryFileSystemTest, RenameAFile) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("a/舊.md", "內容").ok());
  ASSERT_TRUE(fs.Rename("a/舊.md", "a/新.md").ok());
  EXPECT_FALSE(fs.IsFile("a/舊.md"));
  EXPECT_EQ(Read(fs, "a/新.md"), "內容");
}

TEST(MemoryFileSystemTest, RenameAFolderMovesEverythingBelowIt) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("staging/index.html", "首頁").ok());
  ASSERT_TRUE(fs.WriteFile("staging/news/志工招募/index.html", "志工").ok());
  ASSERT_TRUE(fs.WriteFile("staging-other/keep.txt", "keep").ok());
  ASSERT_TRUE(fs.Rename("staging", "output").ok());
  EXPECT_FALSE(fs.IsDirectory("staging"));
  EXPECT_TRUE(fs.IsDirectory("output"));
  EXPECT_EQ(Read(fs, "output/index.html"), "首頁");
  EXPECT_EQ(Read(fs, "output/news/志工招募/index.html"), "志工");
  EXPECT_EQ(Read(fs, "staging-other/keep.txt"), "keep");  // a sibling with a longer name
  EXPECT_EQ(List(fs, "output"), (Paths{"index.html", "news/志工招募/index.html"}));
}

TEST(MemoryFileSystemTest, RenameAnEmptyFolder) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDirectories("empty").ok());
  ASSERT_TRUE(fs.Rename("empty", "moved").ok());
  EXPECT_FALSE(fs.IsDirectory("empty"));
  EXPECT_TRUE(fs.IsDirectory("moved"));
}

// Folders made with CreateDirectories move with the folder they are in.
TEST(MemoryFileSystemTest, RenameAFolderMovesItsEmptySubfolders) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.CreateDirectories("staging/uploads").ok());
  ASSERT_TRUE(fs.WriteFile("staging/index.html", "首頁").ok());
  ASSERT_TRUE(fs.Rename("staging", "output").ok());
  EXPECT_TRUE(fs.IsDirectory("output/uploads"));
  EXPECT_FALSE(fs.IsDirectory("staging/uploads"));
  EXPECT_FALSE(fs.IsDirectory("staging"));
}

TEST(MemoryFileSystemTest, RenameReplacesAFile) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("search-index.json.partial", "new").ok());
  ASSERT_TRUE(fs.WriteFile("search-index.json", "old").ok());
  ASSERT_TRUE(fs.Rename("search-index.json.partial", "search-index.json").ok());
  EXPECT_EQ(Read(fs, "search-index.json"), "new");
  EXPECT_FALSE(fs.IsFile("search-index.json.partial"));
}

TEST(MemoryFileSystemTest, RenameOntoAnExistingPathFails) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("a/x.txt", "a").ok());
  ASSERT_TRUE(fs.WriteFile("b/y.txt", "b").ok());
  ASSERT_TRUE(fs.WriteFile("c.txt", "c").ok());
  EXPECT_FALSE(fs.Rename("a", "b").ok());
  EXPECT_FALSE(fs.Rename("a", "c.txt").ok());
  EXPECT_FALSE(fs.Rename("c.txt", "b").ok());
  EXPECT_EQ(Read(fs, "a/x.txt"), "a");
  EXPECT_EQ(Read(fs, "b/y.txt"), "b");
  EXPECT_EQ(Read(fs, "c.txt"), "c");
}

TEST(MemoryFileSystemTest, RenameOfAMissingPathFails) {
  MemoryFileSystem fs;
  EXPECT_FALSE(fs.Rename("missing", "other").ok());
  EXPECT_FALSE(fs.IsDirectory("other"));
}

// ---------------------------------------------------------------------------------------
// RemoveAll

TEST(MemoryFileSystemTest, RemoveAllRemovesAFolderAndEverythingBelowIt) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("output/index.html", "").ok());
  ASSERT_TRUE(fs.WriteFile("output/news/a/index.html", "").ok());
  ASSERT_TRUE(fs.CreateDirectories("output/empty").ok());
  ASSERT_TRUE(fs.WriteFile("output-keep/index.html", "keep").ok());
  ASSERT_TRUE(fs.WriteFile("content/a.md", "").ok());
  ASSERT_TRUE(fs.RemoveAll("output").ok());
  EXPECT_FALSE(fs.IsDirectory("output"));
  EXPECT_FALSE(fs.IsDirectory("output/empty"));
  EXPECT_FALSE(fs.IsFile("output/index.html"));
  EXPECT_TRUE(List(fs, "output").empty());
  EXPECT_EQ(Read(fs, "output-keep/index.html"), "keep");
  EXPECT_TRUE(fs.IsFile("content/a.md"));
}

TEST(MemoryFileSystemTest, RemoveAllRemovesASingleFile) {
  MemoryFileSystem fs;
  ASSERT_TRUE(fs.WriteFile("a/b.txt", "").ok());
  ASSERT_TRUE(fs.WriteFile("a/c.txt", "").ok());
  ASSERT_TRUE(fs.RemoveAll("a/b.txt").ok());
  EXPECT_FALSE(fs.IsFile("a/b.txt"));
  EXPECT_TRUE(fs.IsFile("a/c.txt"));
}

TEST(MemoryFileSystemTest, RemoveAllOfAMissingPathSucceeds) {
  MemoryFileSystem fs;
  EXPECT_TRUE(fs.RemoveAll("missing").ok());
}

// ---------------------------------------------------------------------------------------
// Path helpers

TEST(PathHelpersTest, JoinPathUsesExactlyOneSlash) {
  EXPECT_EQ(JoinPath("output", "news/index.html"), "output/news/index.html");
  EXPECT_EQ(JoinPath("output/", "index.html"), "output/index.html");
  EXPECT_EQ(JoinPath("output", "/index.html"), "output/index.html");
  EXPECT_EQ(JoinPath("", "index.html"), "index.html");
  EXPECT_EQ(JoinPath("output", ""), "output");
}

TEST(PathHelpersTest, ParentPathAndFileName) {
  EXPECT_EQ(ParentPath("content/news/志工招募.zh-TW.md"), "content/news");
  EXPECT_EQ(ParentPath("site.yaml"), "");
  EXPECT_EQ(FileName("content/news/志工招募.zh-TW.md"), "志工招募.zh-TW.md");
  EXPECT_EQ(FileName("site.yaml"), "site.yaml");
}

}  // namespace
}  // namespace kiosk
