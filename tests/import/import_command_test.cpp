// `kiosk import` as a user meets it: what goes to standard output and error, exit statuses,
// and nothing written when the document cannot be read.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/site_fixture.h"

namespace kiosk::import {
namespace {

struct CommandRun {
  int status = -1;
  std::string out;  // standard output only
};

CommandRun Kiosk(const std::string& arguments) {
  CommandRun run;
  FILE* pipe = popen((std::string(KIOSK_BINARY) + " " + arguments + " 2>/dev/null").c_str(), "r");
  std::array<char, 4096> buffer;
  for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string Document(const std::string& name) {
  return testing::TestsDir() + "/import/documents/" + name;
}

class ImportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("kiosk-import-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string Path(const std::string& name) const { return (folder_ / name).string(); }
  size_t Files() const {
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(folder_),
                                             std::filesystem::directory_iterator()));
  }

  std::filesystem::path folder_;
};

TEST_F(ImportCommand, WritesThePageToStandardOutputOrToAFileWithItsImages) {
  const CommandRun printed = Kiosk("import " + Document("recycling-plant-2021-plan.odt") + " --type plan");
  EXPECT_EQ(printed.status, 0);
  EXPECT_TRUE(printed.out.starts_with("---\ntitle: 高雄市政府環境保護局中區資源回收廠"));
  EXPECT_EQ(Files(), 0u);

  const CommandRun written = Kiosk("import " + Document("recycling-plant-2021-plan.docx") +
                            " --type=plan -o " + Path("plan.zh-TW.md"));
  EXPECT_EQ(written.status, 0);
  EXPECT_TRUE(written.out.empty()) << "the page went to its file";
  EXPECT_TRUE(std::filesystem::exists(Path("plan.zh-TW.md")));
  EXPECT_TRUE(std::filesystem::exists(Path("plan-1.png")));
}

TEST_F(ImportCommand, AnUnreadableDocumentExitsWithOneAndWritesNothing) {
  for (const char* bad : {"old.doc", "truncated.docx", "entities.docx", "password.odt"}) {
    EXPECT_EQ(Kiosk("import " + Document(std::string("bad/") + bad) + " -o " + Path("page.md")).status, 1)
        << bad;
  }
  EXPECT_EQ(Kiosk("import " + Path("missing.odt")).status, 1);
  EXPECT_EQ(Files(), 0u);
}

TEST_F(ImportCommand, WrongUsageExitsWithTwo) {
  EXPECT_EQ(Kiosk("import").status, 2);
  EXPECT_EQ(Kiosk("import " + Document("household-transcript-sop.odt") + " --type service").status, 2);
  EXPECT_EQ(Kiosk("import " + Document("household-transcript-sop.odt") + " -o " + Path("page.html")).status, 2);
  const std::string page = Path("page.md");
  EXPECT_EQ(Kiosk("import " + Document("household-transcript-sop.odt") + " -o " + page).status, 0);
  EXPECT_EQ(Kiosk("import " + Document("household-transcript-sop.odt") + " -o " + page).status, 2)
      << "the page exists";
  EXPECT_EQ(Kiosk("import " + Document("household-transcript-sop.odt") + " --force -o " + page).status, 0);
}

}  // namespace
}  // namespace kiosk::import
