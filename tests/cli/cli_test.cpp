// The command line as a user meets it: exit statuses and messages.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/site_fixture.h"

namespace kiosk {
namespace {

struct CommandRun {
  int status = -1;
  std::string output;  // stdout and stderr together
};

CommandRun RunProgram(const std::string& program, const std::string& arguments) {
  CommandRun run;
  const std::string command = program + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer;
  for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
    run.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

CommandRun Kiosk(const std::string& arguments) { return RunProgram(KIOSK_BINARY, arguments); }

TEST(Cli, HelpAndVersion) {
  EXPECT_EQ(Kiosk("--help").status, 0);
  EXPECT_NE(Kiosk("--help").output.find("kiosk build"), std::string::npos);
  EXPECT_EQ(Kiosk("build --help").status, 0);
  EXPECT_NE(Kiosk("build --help").output.find("--strict-translations"), std::string::npos);
  const CommandRun version = Kiosk("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.output, std::string("kiosk ") + KIOSK_VERSION + "\n");
}

TEST(Cli, WrongUsageExitsWithTwo) {
  EXPECT_EQ(Kiosk("").status, 2);
  EXPECT_EQ(Kiosk("publish").status, 2);
  EXPECT_EQ(Kiosk("build --frobnicate").status, 2);
  EXPECT_EQ(Kiosk("build -j zero").status, 2);
  EXPECT_EQ(Kiosk("build -o").status, 2);
  EXPECT_EQ(Kiosk("build a b").status, 2);
}

TEST(Cli, BuildsASiteAndReportsTranslations) {
  testing::SiteFixture site;
  const CommandRun run = Kiosk("build " + site.site_dir() + " -v");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("1 page lacks its en version"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("content/privacy.zh-TW.md: no en version"), std::string::npos)
      << run.output;
  EXPECT_TRUE(site.OutputExists("index.html"));
}

TEST(Cli, ContentErrorsExitWithOneAndNameTheFile) {
  testing::SiteFixture site;
  site.Write("content/faq/id-card.en.md", "---\ndepartment: x\n---\n");
  const CommandRun run = Kiosk("build " + site.site_dir());
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find(site.site_dir() + "/content/faq/id-card.en.md:1:1: error: the page "
                                              "has no title — add 'title: …' to the front matter"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("nothing was written"), std::string::npos);
  EXPECT_FALSE(site.OutputExists("index.html"));
}

// The example, as the command line says it: a page renamed after its code was
// printed, with the message at the page that replaces it, naming the site folder.
TEST(Cli, ABuildThatWouldDropAPrintedAddressExitsWithOne) {
  testing::SiteFixture site;
  ASSERT_EQ(Kiosk("build " + site.site_dir() + " -q").status, 0);
  const CommandRun printed = Kiosk("poster " + site.site_dir() + " --page faq/id-card -o " +
                                   site.site_dir() + "/posters.pdf");
  ASSERT_EQ(printed.status, 0) << printed.output;
  EXPECT_NE(printed.output.find("published.txt counts them"), std::string::npos) << printed.output;
  const std::string page = site.Read("content/faq/id-card.zh-TW.md");
  site.Remove("content/faq/id-card.zh-TW.md");
  site.Write("content/faq/lost-id-card.zh-TW.md", page);
  const std::string home = site.Read("output/index.html");
  const CommandRun run = Kiosk("build " + site.site_dir());
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find(site.site_dir() +
                            "/content/faq/lost-id-card.zh-TW.md:1:1: error: /faq/id-card/ was "
                            "published (printed on 1 poster) and this build no longer makes it "
                            "— add 'aliases: [/faq/id-card/]' to the page that replaces it"),
            std::string::npos)
      << run.output;
  EXPECT_EQ(site.Read("output/index.html"), home) << "the previous output is untouched";
}

TEST(Cli, PosterUsage) {
  EXPECT_EQ(Kiosk("poster --help").status, 0);
  testing::SiteFixture site;
  EXPECT_EQ(Kiosk("poster " + site.site_dir()).status, 2) << "pages must be chosen";
  EXPECT_EQ(Kiosk("poster " + site.site_dir() + " --department civil --size A5").status, 2);
  EXPECT_EQ(Kiosk("poster " + site.site_dir() + " --page").status, 2);
  const CommandRun into_folder =
      Kiosk("poster " + site.site_dir() + " --department civil -o " + site.site_dir());
  EXPECT_EQ(into_folder.status, 2) << "a folder is never replaced by the PDF";
  EXPECT_NE(into_folder.output.find("is a folder"), std::string::npos) << into_folder.output;
  EXPECT_TRUE(std::filesystem::exists(site.site_dir() + "/site.yaml"));
}

TEST(Cli, PosterOfAnUnknownDepartmentOrPageFails) {
  testing::SiteFixture site;
  const std::string pdf = site.site_dir() + "/posters.pdf";
  const CommandRun department = Kiosk("poster " + site.site_dir() + " --department nope -o " + pdf);
  EXPECT_EQ(department.status, 1);
  EXPECT_NE(department.output.find("unknown department 'nope' — use one of civil, social"),
            std::string::npos)
      << department.output;
  const CommandRun page = Kiosk("poster " + site.site_dir() + " --page faq/none.md -o " + pdf);
  EXPECT_EQ(page.status, 1);
  EXPECT_NE(page.output.find("there is no page faq/none.md"), std::string::npos) << page.output;
  EXPECT_EQ(site.Read("posters.pdf"), "") << "nothing written";
}

TEST(Cli, PosterWritesAPdf) {
  testing::SiteFixture site;
  const CommandRun run =
      Kiosk("poster " + site.site_dir() + " --department civil -o " + site.site_dir() + "/p.pdf");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(site.Read("p.pdf").substr(0, 5), "%PDF-");
}

TEST(Cli, PosterWithoutItsModuleSaysWhereToPutIt) {
  testing::SiteFixture site;
  const std::string alone = site.site_dir() + "/bin";
  std::filesystem::create_directories(alone);
  std::filesystem::copy_file(KIOSK_BINARY, alone + "/kiosk");
  const CommandRun run =
      RunProgram(alone + "/kiosk", "poster " + site.site_dir() + " --department civil -o " +
                                       site.site_dir() + "/p.pdf");
  const std::string& output = run.output;
  EXPECT_EQ(run.status, 1) << output;
  EXPECT_NE(output.find(alone + "/kiosk-poster.so: error: the poster module is not beside the "
                                "kiosk program"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("copy build/kiosk-poster.so next to kiosk"), std::string::npos) << output;
  EXPECT_FALSE(std::filesystem::exists(site.site_dir() + "/p.pdf"));
}

TEST(Cli, OptionsTakeTheirValuesInEveryForm) {
  testing::SiteFixture site;
  const std::string dir = site.site_dir();
  for (const std::string& options :
       {"--output=" + dir + "/a --jobs=2", "--output " + dir + "/b --jobs 2",
        "-o" + dir + "/c -j2", "-o " + dir + "/d -j 2 --drafts --no-check"}) {
    const CommandRun run = Kiosk("build " + dir + " " + options);
    EXPECT_EQ(run.status, 0) << options << "\n" << run.output;
  }
  for (const std::string out : {"a", "b", "c", "d"}) {
    EXPECT_TRUE(std::filesystem::exists(dir + "/" + out + "/index.html")) << out;
  }
}

TEST(Cli, ShortFlagsBundle) {
  testing::SiteFixture site;
  const CommandRun quiet = Kiosk("build " + site.site_dir() + " -qvj2");
  EXPECT_EQ(quiet.status, 0) << quiet.output;
  // Warnings only (the fixture's raw HTML is one): -q wins over -v.
  EXPECT_EQ(quiet.output.find("kiosk: built"), std::string::npos) << quiet.output;
  EXPECT_EQ(quiet.output.find("no en version"), std::string::npos) << quiet.output;
  EXPECT_TRUE(site.OutputExists("index.html"));
}

TEST(Cli, DoubleDashEndsTheOptions) {
  testing::SiteFixture site;
  const std::filesystem::path parent = std::filesystem::path(site.site_dir()).parent_path();
  std::filesystem::rename(site.site_dir(), parent / "-site");
  const CommandRun run =
      RunProgram("cd '" + parent.string() + "' && " KIOSK_BINARY, "build -q -- -site");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_TRUE(std::filesystem::exists(parent / "-site/output/index.html"));
  std::filesystem::rename(parent / "-site", site.site_dir());
}

TEST(Cli, HelpOfACommandInBothForms) {
  for (const std::string command : {"build", "poster", "check"}) {
    const CommandRun help = Kiosk("help " + command);
    EXPECT_EQ(help.status, 0) << command;
    EXPECT_EQ(help.output, Kiosk(command + " --help").output) << command;
    EXPECT_EQ(help.output, Kiosk(command + " -h").output) << command;
    EXPECT_NE(help.output.find("Usage: kiosk " + command), std::string::npos) << help.output;
  }
  EXPECT_EQ(Kiosk("help").output, Kiosk("--help").output);
  EXPECT_NE(Kiosk("help poster").output.find("--department ID"), std::string::npos);
  const CommandRun unknown = Kiosk("help publish");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.output.find("unknown command 'publish'"), std::string::npos);
}

TEST(Cli, AMistypedCommandOrOptionIsSuggested) {
  const CommandRun command = Kiosk("biuld");
  EXPECT_EQ(command.status, 2);
  EXPECT_EQ(command.output,
            "kiosk: unknown command 'biuld' — did you mean 'build'?\n"
            "Run 'kiosk --help' for usage.\n");
  const CommandRun option = Kiosk("build --outptu=site");
  EXPECT_EQ(option.status, 2);
  EXPECT_EQ(option.output,
            "kiosk: unknown option '--outptu' — did you mean '--output'?\n"
            "Run 'kiosk build --help' for usage.\n");
  EXPECT_NE(Kiosk("check --levle AA").output.find("did you mean '--level'?"), std::string::npos);
  EXPECT_NE(Kiosk("build --strict").output.find("did you mean '--strict-translations'?"),
            std::string::npos);
  EXPECT_NE(Kiosk("help postr").output.find("did you mean 'poster'?"), std::string::npos);
}

TEST(Cli, AWrongValueSaysWhatItMustBe) {
  const CommandRun jobs = Kiosk("build -j zero");
  EXPECT_EQ(jobs.status, 2);
  EXPECT_NE(jobs.output.find("kiosk: --jobs must be a number of threads from 1, as in -j4, not "
                             "'zero'"),
            std::string::npos)
      << jobs.output;
  const CommandRun size = Kiosk("poster --size=A5 --department civil");
  EXPECT_EQ(size.status, 2);
  EXPECT_NE(size.output.find("kiosk: --size must be A4 or A3, not 'A5'"), std::string::npos)
      << size.output;
  const CommandRun base = Kiosk("build --base-url preview.example.gov.tw");
  EXPECT_EQ(base.status, 2);
  EXPECT_NE(base.output.find("kiosk: --base-url must be an absolute http(s) address, as in "
                             "https://preview.example.gov.tw/, not 'preview.example.gov.tw'"),
            std::string::npos)
      << base.output;
  const CommandRun output = Kiosk("build -o");
  EXPECT_EQ(output.status, 2);
  EXPECT_NE(output.output.find("kiosk: --output needs a value: OUT_DIR"), std::string::npos)
      << output.output;
  const CommandRun extra = Kiosk("build a b");
  EXPECT_NE(extra.output.find("unexpected argument 'b' — the usage is kiosk build [SITE_DIR] "
                              "[options]"),
            std::string::npos)
      << extra.output;
}

TEST(Cli, CheckTakesItsOptionsInEveryForm) {
  testing::SiteFixture site;
  ASSERT_EQ(Kiosk("build -q " + site.site_dir()).status, 0);
  const CommandRun run = Kiosk("check " + site.out_dir() + " --level=AA --edition 115.11 "
                               "--format=json");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("\"level\": \"AA\""), std::string::npos) << run.output;
}

// One page of a built site is checked against the whole site (its address from site.yaml,
// its stylesheets, the pages it links to); notices are counted, and listed on request.
TEST(Cli, CheckOfOnePageInsideABuiltSite) {
  testing::SiteFixture site;
  // A link without a title: a notice (HM3240900C, AAA) at the site's level.
  site.Write("site.yaml", site.Read("site.yaml") + "markdown:\n  unsafe_html: true\n");
  site.Write("content/faq/links.zh-TW.md",
             "---\ntitle: 相關連結\n---\n<a href=\"/office/faq/id-card/#fee\">費用</a>\n");
  ASSERT_EQ(Kiosk("build -q " + site.site_dir()).status, 0);
  const std::string page = site.out_dir() + "/faq/links/index.html";
  const CommandRun run = Kiosk("check " + page);
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(run.output.find("KS1240400C"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("CS3140802C"), std::string::npos) << "site.css sets line-height";
  EXPECT_EQ(run.output.find("notice  "), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("0 failures, 1 notice above the level (--notices lists them)"),
            std::string::npos)
      << run.output;
  const CommandRun notices = Kiosk("check --notices " + page);
  EXPECT_EQ(notices.status, 0) << notices.output;
  EXPECT_NE(notices.output.find("notice  HM3240900C"), std::string::npos) << notices.output;
}

TEST(Cli, StrictTranslationsFails) {
  testing::SiteFixture site;
  EXPECT_EQ(Kiosk("build " + site.site_dir() + " --strict-translations").status, 1);
}

}  // namespace
}  // namespace kiosk
