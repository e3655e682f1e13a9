// `kiosk new` as a user meets it: a new site, a page made inside it, what is refused.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

namespace kiosk {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int status = -1;
  std::string output;  // stdout and stderr together
};

// `kiosk ARGUMENTS` run in `folder`.
CommandRun KioskIn(const fs::path& folder, const std::string& arguments) {
  CommandRun run;
  const std::string command =
      "cd '" + folder.string() + "' && " + KIOSK_BINARY + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer;
  for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) {
    run.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class NewCommandTest : public ::testing::Test {
 protected:
  NewCommandTest()
      : root_(fs::temp_directory_path() / ("kiosk-new-" + std::to_string(std::random_device()()))) {
    fs::create_directories(root_);
  }
  ~NewCommandTest() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(NewCommandTest, ASiteThenAPageInsideIt) {
  const CommandRun site =
      KioskIn(root_, "new site qingxi --name 範例市清溪區公所 --name-en 'Qingxi District Office'");
  ASSERT_EQ(site.status, 0) << site.output;
  EXPECT_NE(site.output.find("kiosk: made 26 files:\n  qingxi/.gitignore\n"), std::string::npos)
      << site.output;
  EXPECT_NE(site.output.find("cd qingxi && kiosk serve --open"), std::string::npos);

  const CommandRun page = KioskIn(root_ / "qingxi/content/faq", "new faq 停車");
  ASSERT_EQ(page.status, 0) << page.output;
  EXPECT_EQ(
      page.output,
      "kiosk: made 2 files:\n  ../../content/faq/停車.en.md\n  ../../content/faq/停車.zh-TW.md\n");
  const CommandRun again = KioskIn(root_, "new faq 停車 --site qingxi");
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.output.find("qingxi/content/faq/停車.en.md: error: the file exists already"),
            std::string::npos)
      << again.output;

  const CommandRun build = KioskIn(root_ / "qingxi", "build");
  EXPECT_EQ(build.status, 0) << build.output;
  EXPECT_EQ(build.output.find("warning"), std::string::npos) << build.output;
}

TEST_F(NewCommandTest, OutsideASiteOrWrongUsage) {
  const CommandRun outside = KioskIn(root_, "new news typhoon");
  EXPECT_EQ(outside.status, 1);
  EXPECT_NE(outside.output.find("site.yaml: error: there is no site.yaml in this folder — run "
                                "kiosk new inside a site, or name one with --site SITE_DIR"),
            std::string::npos)
      << outside.output;
  EXPECT_EQ(KioskIn(root_, "new").status, 2);
  EXPECT_EQ(KioskIn(root_, "new form x").status, 2);
  EXPECT_EQ(KioskIn(root_, "new faq").status, 2);
  EXPECT_EQ(KioskIn(root_, "new site").status, 2);
}

}  // namespace
}  // namespace kiosk
