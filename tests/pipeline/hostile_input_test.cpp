// A site folder as a hostile or careless one would write it, built over a good build's
// output: each is an error at its file (and line) with a fix, and the previous output stays
// byte for byte as it was.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "output/output_writer.h"
#include "pipeline/pipeline.h"
#include "support/site_fixture.h"

namespace kiosk {
namespace {

using testing::Describe;
using testing::FilesBelow;
using testing::SiteFixture;

class HostileInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const BuildResult first = site_.Build();
    ASSERT_TRUE(first.ok()) << Describe(first);
    before_ = FilesBelow(site_.out_dir());
    outside_ = site_.site_dir() + "/../outside";
    std::filesystem::create_directories(outside_ + "/folder");
    site_.Write("../outside/secret.txt", "root:x:0:0:root:/root:/bin/bash\n");
    site_.Write("../outside/folder/key.pem", "-----BEGIN PRIVATE KEY-----\n");
  }

  void Link(const std::string& target, const std::string& link) {
    std::filesystem::create_directories(
        std::filesystem::path(site_.site_dir() + "/" + link).parent_path());
    ASSERT_EQ(symlink(target.c_str(), (site_.site_dir() + "/" + link).c_str()), 0) << link;
  }

  // Builds, expecting one error at `file` (and `line`, when given) whose message holds
  // `what`, and the previous output exactly as it was.
  void ExpectError(const std::string& file, int line, const std::string& what,
                   BuildOptions options = {}) {
    const BuildResult result = site_.Build(options);
    ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
    // The fixture's own warnings (raw HTML shown as text) may come first.
    const Diagnostic& error =
        *std::find_if(result.diagnostics.items().begin(), result.diagnostics.items().end(),
                      [](const Diagnostic& item) { return item.severity == Severity::kError; });
    EXPECT_EQ(error.where.file, file) << error.format();
    if (line > 0) {
      EXPECT_EQ(error.where.line, line) << error.format();
    }
    EXPECT_NE(error.message.find(what), std::string::npos) << error.format();
    EXPECT_FALSE(error.hint.empty()) << error.format();
    EXPECT_TRUE(result.output_unchanged);
    EXPECT_EQ(FilesBelow(site_.out_dir()), before_)
        << "the previous output is byte for byte as it was";
    for (const auto& [path, bytes] : FilesBelow(site_.out_dir())) {
      EXPECT_EQ(bytes.find("root:x:0:0"), std::string::npos) << path;
    }
  }

  SiteFixture site_;
  std::map<std::string, std::string> before_;
  std::string outside_;
};

TEST_F(HostileInputTest, AStaticFileLinkedFromOutsideTheSite) {
  Link("/etc/passwd", "static/passwd.txt");
  ExpectError("static/passwd.txt", 0, "outside the site folder");
}

TEST_F(HostileInputTest, AStaticFolderLinkedFromOutsideTheSite) {
  Link(outside_ + "/folder", "static/deep/er/keys");
  ExpectError("static/deep/er/keys", 0, "outside the site folder");
}

TEST_F(HostileInputTest, APageLinkedFromOutsideTheSite) {
  Link("../../../outside/secret.txt", "content/faq/x.en.md");
  ExpectError("content/faq/x.en.md", 0, "outside the site folder");
}

TEST_F(HostileInputTest, AThemeFileLinkedFromOutsideTheSite) {
  Link(outside_ + "/secret.txt", "themes/default/static/css/site.css");
  ExpectError("themes/default/static/css/site.css", 0, "outside the site folder");
}

TEST_F(HostileInputTest, ALoopOfLinks) {
  Link("b", "static/a");
  Link("a", "static/b");
  ExpectError("static/a", 0, "loop");
}

TEST_F(HostileInputTest, ALinkInsideTheSiteIsPublishedAsAFile) {
  site_.Write("static/forms/apply.pdf", "%PDF-1.7");
  Link("forms/apply.pdf", "static/apply.pdf");
  const BuildResult result = site_.Build();
  ASSERT_TRUE(result.ok()) << Describe(result);
  EXPECT_EQ(site_.ReadOutput("apply.pdf"), "%PDF-1.7");
  EXPECT_FALSE(std::filesystem::is_symlink(site_.out_dir() + "/apply.pdf"));
}

TEST_F(HostileInputTest, AnOutputFolderInsideContentOrStatic) {
  for (const std::string folder : {"content/out", "static/out", "themes"}) {
    BuildOptions options;
    options.out_dir = site_.site_dir() + "/" + folder;
    const BuildResult result = site_.Build(options);
    ASSERT_EQ(result.diagnostics.error_count(), 1) << Describe(result);
    EXPECT_EQ(result.diagnostics.items()[0].where.file, options.out_dir);
    EXPECT_NE(result.diagnostics.items()[0].message.find("inside"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(site_.site_dir() + "/content/out"));
    EXPECT_FALSE(std::filesystem::exists(site_.site_dir() + "/static/out"));
  }
  EXPECT_EQ(FilesBelow(site_.out_dir()), before_);
}

TEST_F(HostileInputTest, AnotherBuildWritingTheFolder) {
  DiskFileSystem disk;
  Result<std::unique_ptr<FileLock>> held = LockOutput(disk, site_.out_dir());
  ASSERT_TRUE(held.ok() && *held);
  site_.Write("content/faq/id-card.en.md", "---\ntitle: Changed\n---\nnew\n");
  ExpectError(site_.out_dir(), 0, "another kiosk build (process " + std::to_string(getpid()));
  held->reset();
  EXPECT_TRUE(site_.Build().ok());
}

TEST_F(HostileInputTest, AContentFolderWhoseNameHoldsABackslash) {
  site_.Write("content/a\\b/p.en.md", "---\ntitle: x\n---\nx\n");
  ExpectError("content/a\\b/p.en.md", 0, "folder name");
}

TEST_F(HostileInputTest, AStaticFileWhoseNameHoldsABackslash) {
  site_.Write("static/a\\b.txt", "x");
  ExpectError("static/a\\b.txt", 0, "'\\'");
}

TEST_F(HostileInputTest, AYamlAliasBombInFrontMatter) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    const std::string previous(1, static_cast<char>(level - 1));
    yaml += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) yaml += (i ? ", *" : "*") + previous;
    yaml += "]\n";
  }
  site_.Write("content/faq/id-card.en.md", "---\ntitle: ID card\n" + yaml + "---\nx\n");
  ExpectError("content/faq/id-card.en.md", 7, "aliases");
}

TEST_F(HostileInputTest, AnAddressTooLongForAQrCodeIsAnErrorAtTheSlug) {
  // A new page: a published page's address changed would be an error of its own.
  site_.Write("content/faq/long.en.md",
              "---\ntitle: Long\nslug: " + std::string(3000, 'a') + "\n---\nx\n");
  ExpectError("content/faq/long.en.md", 3, "too long for a QR code");
}

TEST_F(HostileInputTest, MarkdownNestedTenThousandDeep) {
  site_.Write("content/faq/id-card.en.md",
              "---\ntitle: ID card\n---\n" + std::string(10000, '>') + " x\n");
  ExpectError("content/faq/id-card.en.md", 4, "nested more than 100 deep");
}

}  // namespace
}  // namespace kiosk
