// The disk: the fast paths an incremental build relies on (one read per file, mapped files,
// the batch existence check, the parallel walk) must agree with the plain answers, and the
// disk must do what the in-memory fake promises.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

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

// ---------------------------------------------------------------------------------------
// Symbolic links: a site may come from anyone's repository.

class ConfinedDiskTest : public DiskFileSystemTest {
 protected:
  void SetUp() override {
    DiskFileSystemTest::SetUp();
    Write("outside/secret.txt", "root:x:0:0");
    Write("outside/folder/key.pem", "-----BEGIN");
    Write("site/site.yaml", "base_url: https://www.example.gov.tw/\n");
    Write("site/static/robots.txt", "User-agent: *");
    Write("site/content/faq/logo.png", "png");
    Confine();
  }
  void Confine() {
    disk_.ConfineInputs(Path("site"), {Path("site/site.yaml"), Path("site/content"),
                                       Path("site/static"), Path("site/themes"),
                                       Path("site/.kiosk")});
  }
  void Link(const std::string& target, const std::string& link) {
    ASSERT_EQ(symlink(target.c_str(), Path(link).c_str()), 0) << link;
  }
  void ExpectListingFailsAt(const std::string& folder, const std::string& at,
                            const std::string& what) {
    const Result<std::vector<FileInfo>> listed = disk_.ListFileInfos(Path(folder));
    ASSERT_FALSE(listed.ok()) << folder;
    EXPECT_EQ(listed.error().where.file, Path(at));
    EXPECT_NE(listed.error().message.find(what), std::string::npos) << listed.error().message;
    EXPECT_FALSE(listed.error().hint.empty());
  }
};

TEST_F(ConfinedDiskTest, AFileLinkedFromOutsideTheSiteIsNeitherListedNorRead) {
  Link(Path("outside/secret.txt"), "site/static/passwd.txt");
  ExpectListingFailsAt("site/static", "site/static/passwd.txt", "outside the site folder");
  EXPECT_NE(disk_.ListFileInfos(Path("site/static")).error().message.find(Path("outside")),
            std::string::npos)
      << "the message names where the link leads";
  EXPECT_FALSE(disk_.ReadFile(Path("site/static/passwd.txt")).ok());
  EXPECT_FALSE(disk_.MapFile(Path("site/static/passwd.txt")).ok());
  EXPECT_FALSE(disk_.CopyFile(Path("site/static/passwd.txt"), Path("out/passwd.txt")).ok());
  EXPECT_FALSE(disk_.IsFile(Path("out/passwd.txt")));
}

TEST_F(ConfinedDiskTest, AFolderLinkedFromOutsideIsRefusedAtAnyDepth) {
  ASSERT_TRUE(disk_.CreateDirectories(Path("site/static/a/b/c")).ok());
  Link(Path("outside/folder"), "site/static/a/b/c/keys");
  ExpectListingFailsAt("site/static", "site/static/a/b/c/keys", "outside the site folder");
  EXPECT_FALSE(disk_.ReadFile(Path("site/static/a/b/c/keys/key.pem")).ok())
      << "nor read through the link";
}

TEST_F(ConfinedDiskTest, ARelativeLinkThatClimbsOutIsRefused) {
  Link("../../outside/secret.txt", "site/content/about.en.md");
  ExpectListingFailsAt("site/content", "site/content/about.en.md", "outside the site folder");
  EXPECT_FALSE(disk_.ReadFile(Path("site/content/about.en.md")).ok());
}

TEST_F(ConfinedDiskTest, TheConfigurationAndThemesCannotBeLinksOutEither) {
  ASSERT_EQ(std::remove(Path("site/site.yaml").c_str()), 0);
  Link(Path("outside/secret.txt"), "site/site.yaml");
  const Result<std::string> read = disk_.ReadFile(Path("site/site.yaml"));
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().where.file, Path("site/site.yaml"));
  ASSERT_TRUE(disk_.CreateDirectories(Path("site/themes")).ok());
  Link(Path("outside/folder"), "site/themes/default");
  ExpectListingFailsAt("site/themes/default", "site/themes/default", "outside the site folder");
}

TEST_F(ConfinedDiskTest, LinksThatStayInsideTheSiteAreFollowed) {
  Link("../content/faq/logo.png", "site/static/logo.png");    // relative
  Link(Path("site/content/faq"), "site/static/faq-images");   // absolute, to a folder
  const Result<std::vector<FileInfo>> listed = disk_.ListFileInfos(Path("site/static"));
  ASSERT_TRUE(listed.ok()) << listed.error().format();
  std::vector<std::string> paths;
  for (const FileInfo& info : *listed) paths.push_back(info.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"faq-images/logo.png", "logo.png", "robots.txt"}));
  EXPECT_EQ((*listed)[1].size, 3u) << "the size of the file it leads to";
  EXPECT_EQ(*disk_.ReadFile(Path("site/static/logo.png")), "png");
  ASSERT_TRUE(disk_.CopyFile(Path("site/static/faq-images/logo.png"), Path("out/logo.png")).ok());
  EXPECT_EQ(*disk_.ReadFile(Path("out/logo.png")), "png");
}

TEST_F(ConfinedDiskTest, ASiteReachedThroughALinkIsInsideItself) {
  Link(Path("site"), "site-link");
  disk_.ConfineInputs(Path("site-link"), {Path("site-link/static")});
  EXPECT_TRUE(disk_.ListFileInfos(Path("site-link/static")).ok());
  EXPECT_EQ(*disk_.ReadFile(Path("site-link/static/robots.txt")), "User-agent: *");
}

TEST_F(ConfinedDiskTest, LoopsOfLinksAreAnError) {
  Link("loop", "site/static/loop");
  ExpectListingFailsAt("site/static", "site/static/loop", "loop");
  EXPECT_FALSE(disk_.ReadFile(Path("site/static/loop")).ok());
  ASSERT_EQ(std::remove(Path("site/static/loop").c_str()), 0);
  // Inside the site, but into a folder that holds the link: the walk would never end.
  Link("..", "site/static/up");
  ExpectListingFailsAt("site/static", "site/static/up", "loop");
}

TEST_F(ConfinedDiskTest, ALinkToNothingIsAnError) {
  Link("missing.pdf", "site/static/form.pdf");
  ExpectListingFailsAt("site/static", "site/static/form.pdf", "leads to nothing");
}

TEST_F(ConfinedDiskTest, PathsThatAreNotInputsAreNotConfined) {
  // An output folder may be a link to where a web server serves it.
  ASSERT_TRUE(disk_.CreateDirectories(Path("www")).ok());
  Link(Path("www"), "site/output");
  ASSERT_TRUE(disk_.WriteFile(Path("site/output/index.html"), "<p>").ok());
  EXPECT_EQ(*disk_.ReadFile(Path("www/index.html")), "<p>");
  EXPECT_TRUE(disk_.ListFileInfos(Path("site/output")).ok());
}

TEST_F(ConfinedDiskTest, TheBuildLogIsNotWrittenThroughALinkedFolder) {
  Link(Path("outside/folder"), "site/.kiosk");
  const Status status = disk_.WriteFile(Path("site/.kiosk/build-log"), "log");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("outside the site folder"), std::string::npos);
  EXPECT_FALSE(disk_.IsFile(Path("outside/folder/build-log")));
}

TEST_F(DiskFileSystemTest, WritingAtALinkReplacesTheLinkNotWhatItLeadsTo) {
  Write("victim.txt", "keep");
  ASSERT_EQ(symlink(Path("victim.txt").c_str(), Path("out.pdf").c_str()), 0);
  ASSERT_TRUE(disk_.WriteFile(Path("out.pdf"), "%PDF").ok());
  EXPECT_EQ(*disk_.ReadFile(Path("victim.txt")), "keep");
  EXPECT_EQ(disk_.Kind(Path("out.pdf")), PathKind::kFile);
  ASSERT_EQ(symlink(Path("victim.txt").c_str(), Path("copy.txt").c_str()), 0);
  ASSERT_TRUE(disk_.CopyFile(Path("out.pdf"), Path("copy.txt")).ok());
  EXPECT_EQ(*disk_.ReadFile(Path("victim.txt")), "keep");
}

TEST_F(DiskFileSystemTest, AFifoIsRefusedNotWaitedOn) {
  ASSERT_EQ(mkfifo(Path("fifo").c_str(), 0600), 0);
  EXPECT_FALSE(disk_.WriteFile(Path("fifo"), "x").ok());
  EXPECT_FALSE(disk_.ReadFile(Path("fifo")).ok());
  EXPECT_EQ(disk_.Kind(Path("fifo")), PathKind::kOther);
}

TEST_F(DiskFileSystemTest, KindDoesNotFollowLinks) {
  Write("file.txt", "x");
  ASSERT_EQ(symlink(Path("file.txt").c_str(), Path("link").c_str()), 0);
  EXPECT_EQ(disk_.Kind(Path("file.txt")), PathKind::kFile);
  EXPECT_EQ(disk_.Kind(Path("link")), PathKind::kLink);
  EXPECT_EQ(disk_.Kind(root_), PathKind::kFolder);
  EXPECT_EQ(disk_.Kind(Path("missing")), PathKind::kMissing);
}

TEST_F(DiskFileSystemTest, ExchangeSwapsTwoFoldersAtOnce) {
  Write("output/index.html", "old");
  Write(".output.kiosk-staging/index.html", "new");
  const Result<bool> exchanged = disk_.Exchange(Path(".output.kiosk-staging"), Path("output"));
  ASSERT_TRUE(exchanged.ok()) << exchanged.error().format();
  if (!*exchanged) GTEST_SKIP() << "this file system cannot exchange folders";
  EXPECT_EQ(*disk_.ReadFile(Path("output/index.html")), "new");
  EXPECT_EQ(*disk_.ReadFile(Path(".output.kiosk-staging/index.html")), "old");
}

TEST_F(DiskFileSystemTest, ALockIsHeldUntilItsObjectGoes) {
  Result<std::unique_ptr<FileLock>> first = disk_.Lock(Path(".output.kiosk-lock"));
  ASSERT_TRUE(first.ok());
  ASSERT_NE(*first, nullptr);
  DiskFileSystem other;
  Result<std::unique_ptr<FileLock>> second = other.Lock(Path(".output.kiosk-lock"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, nullptr) << "held";
  EXPECT_EQ(other.Holder(Path(".output.kiosk-lock")), "process " + std::to_string(getpid()));
  first->reset();
  Result<std::unique_ptr<FileLock>> third = other.Lock(Path(".output.kiosk-lock"));
  ASSERT_TRUE(third.ok());
  EXPECT_NE(*third, nullptr) << "let go";
}

TEST_F(DiskFileSystemTest, ResolveFollowsLinksAsFarAsThePathExists) {
  ASSERT_TRUE(disk_.CreateDirectories(Path("real/static")).ok());
  ASSERT_EQ(symlink(Path("real").c_str(), Path("site").c_str()), 0);
  char* real_root = realpath(root_.c_str(), nullptr);
  const std::string resolved_root = real_root;
  free(real_root);
  EXPECT_EQ(disk_.Resolve(Path("site/static/new/out")), resolved_root + "/real/static/new/out");
  EXPECT_EQ(disk_.Resolve(Path("site/./static/../static/")), resolved_root + "/real/static");
}

}  // namespace
}  // namespace kiosk
