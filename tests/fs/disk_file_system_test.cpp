// The disk: the fast paths an incremental build relies on (one read per file, mapped files,
// the batch existence check, the parallel walk) must agree with the plain answers, and the
// disk must do what the in-memory fake promises.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fs/file_system.h"

namespace kiosk {
namespace {

class DiskFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/kiosk-disk-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    root_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::string Path(const std::string& relative) const { return JoinPath(root_, relative); }
  void Write(const std::string& relative, const std::string& contents) {
    ASSERT_TRUE(disk_.WriteFile(Path(relative), contents).ok());
  }

  DiskFileSystem disk_;
  std::string root_;
};

TEST_F(DiskFileSystemTest, ReadsAFileLargerThanOneReadAndAnEmptyOne) {
  std::string large(1 << 20, 'x');
  large += "尾";
  Write("large.txt", large);
  Write("empty.txt", "");
  EXPECT_EQ(*disk_.ReadFile(Path("large.txt")), large);
  EXPECT_EQ(*disk_.ReadFile(Path("empty.txt")), "");
  EXPECT_FALSE(disk_.ReadFile(Path("missing.txt")).ok());
  EXPECT_FALSE(disk_.ReadFile(root_).ok()) << "a folder is not a file";
}

TEST_F(DiskFileSystemTest, MapsWhatReadFileReads) {
  Write("index.json", "{\"pages\":[\n{\"page\":\"a\"}\n]}\n");
  Write("empty.json", "");
  Result<std::unique_ptr<const FileBytes>> mapped = disk_.MapFile(Path("index.json"));
  ASSERT_TRUE(mapped.ok());
  EXPECT_EQ((*mapped)->view(), *disk_.ReadFile(Path("index.json")));
  Result<std::unique_ptr<const FileBytes>> empty = disk_.MapFile(Path("empty.json"));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE((*empty)->view().empty());
  EXPECT_FALSE(disk_.MapFile(Path("missing.json")).ok());
}

TEST_F(DiskFileSystemTest, WritesPiecesOneAfterAnotherIntoNewFolders) {
  const std::string large(1 << 20, 'x');
  const std::vector<std::string_view> pieces = {"開頭,", "", large, "\n結尾"};
  ASSERT_TRUE(disk_.WriteFile(Path("data/new/faq.csv"), pieces).ok());
  EXPECT_EQ(*disk_.ReadFile(Path("data/new/faq.csv")), "開頭," + large + "\n結尾");
  ASSERT_TRUE(disk_.WriteFile(Path("data/new/faq.csv"), "shorter").ok());
  EXPECT_EQ(*disk_.ReadFile(Path("data/new/faq.csv")), "shorter") << "replaced, not overwritten";
}

// How an incremental build remakes a record file: ranges of the mapped old file and new
// bytes go to a file beside it, which then takes its place.
TEST_F(DiskFileSystemTest, WritesRangesOfAMappedFileIntoTheFileThatReplacesIt) {
  std::string old_text;
  for (int line = 0; line < 20000; ++line) {
    old_text += "{\"page\":" + std::to_string(line) + "},\n";
  }
  Write("data/faq.json", old_text);
  Result<std::unique_ptr<const FileBytes>> old_file = disk_.MapFile(Path("data/faq.json"));
  ASSERT_TRUE(old_file.ok());
  const std::string_view old_bytes = (*old_file)->view();
  const size_t middle = old_bytes.size() / 2;
  const std::vector<std::string_view> pieces = {old_bytes.substr(0, middle), "新的一行,\n",
                                                old_bytes.substr(middle + 1)};
  ASSERT_TRUE(ReplaceFile(disk_, Path("data/faq.json"), Path("data/.partial"), pieces).ok());
  EXPECT_EQ(*disk_.ReadFile(Path("data/faq.json")),
            old_text.substr(0, middle) + "新的一行,\n" + old_text.substr(middle + 1));
  EXPECT_EQ((*old_file)->view(), old_text) << "the old file's bytes stay while it is mapped";
}

TEST_F(DiskFileSystemTest, WritingWhereAFileIsInTheWayNamesThePath) {
  Write("data", "a file, not a folder");
  const Status status = disk_.WriteFile(Path("data/faq.csv"), "x");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().where.file, Path("data/faq.csv"));
}

TEST_F(DiskFileSystemTest, RenameReplacesAFileAsTheMemoryOneDoes) {
  Write("search-index.json.partial", "new");
  Write("search-index.json", "old");
  ASSERT_TRUE(disk_.Rename(Path("search-index.json.partial"), Path("search-index.json")).ok());
  EXPECT_EQ(*disk_.ReadFile(Path("search-index.json")), "new");
  EXPECT_FALSE(disk_.IsFile(Path("search-index.json.partial")));
}

TEST_F(DiskFileSystemTest, AreFilesAnswersEachPathBelowTheRoot) {
  Write("faq/id-card/index.html", "<p>");
  Write("index.html", "<p>");
  ASSERT_TRUE(disk_.CreateDirectories(Path("empty-folder")).ok());
  const std::vector<char> found = disk_.AreFiles(
      root_, {"faq/id-card/index.html", "index.html", "faq/missing/index.html", "empty-folder"});
  EXPECT_EQ(found, (std::vector<char>{1, 1, 0, 0}));
  EXPECT_EQ(disk_.AreFiles(Path("no-such-folder"), {"index.html"}), std::vector<char>{0});

  MemoryFileSystem memory;
  ASSERT_TRUE(memory.WriteFile("out/index.html", "<p>").ok());
  EXPECT_EQ(memory.AreFiles("out", {"index.html", "other.html"}), (std::vector<char>{1, 0}));
}

TEST_F(DiskFileSystemTest, StatFilesGivesEachPathsSizeAndTimeAsStatDoes) {
  Write("search-index/keys/0.txt", "keys");
  Write("index.html", "<p>");
  ASSERT_TRUE(disk_.CreateDirectories(Path("empty-folder")).ok());
  const std::vector<std::optional<FileInfo>> infos = disk_.StatFiles(
      root_, {"search-index/keys/0.txt", "index.html", "search-index/keys/1.txt", "empty-folder"});
  ASSERT_EQ(infos.size(), 4u);
  for (size_t i : {0, 1}) {
    const std::string path = i ? "index.html" : "search-index/keys/0.txt";
    ASSERT_TRUE(infos[i].has_value()) << path;
    const Result<FileInfo> stat = disk_.Stat(Path(path));
    EXPECT_EQ(infos[i]->size, stat->size) << path;
    EXPECT_EQ(infos[i]->mtime_ns, stat->mtime_ns) << path;
  }
  EXPECT_FALSE(infos[2].has_value()) << "missing";
  EXPECT_FALSE(infos[3].has_value()) << "a folder";
  EXPECT_FALSE(disk_.StatFiles(Path("no-such-folder"), {"index.html"})[0].has_value());

  MemoryFileSystem memory;
  ASSERT_TRUE(memory.WriteFile("out/index.html", "<p>").ok());
  const std::vector<std::optional<FileInfo>> in_memory =
      memory.StatFiles("out", {"index.html", "other.html"});
  ASSERT_TRUE(in_memory[0].has_value());
  EXPECT_EQ(in_memory[0]->size, 3u);
  EXPECT_FALSE(in_memory[1].has_value());
}

TEST_F(DiskFileSystemTest, ListsNestedFoldersSortedWithSizes) {
  Write("b/z.md", "zz");
  Write("a/y/x.md", "x");
  Write("top.md", "top");
  Write("a/.hidden.md", "no");
  Write(".git/config", "no");
  Result<std::vector<FileInfo>> listed = disk_.ListFileInfos(root_);
  ASSERT_TRUE(listed.ok());
  std::vector<std::string> paths;
  for (const FileInfo& info : *listed) paths.push_back(info.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"a/y/x.md", "b/z.md", "top.md"}));
  EXPECT_EQ((*listed)[1].size, 2u);
  EXPECT_GT((*listed)[1].mtime_ns, 0);
}

}  // namespace
}  // namespace kiosk
