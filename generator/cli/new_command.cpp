// `kiosk new`: a new site, or a new page in a site, ready to edit and to build.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "fs/file_system.h"
#include "scaffold/scaffold.h"

namespace kiosk::cli {
namespace {

struct NewPageCommandOptions {
  NewPageOptions page;
  std::string site;  // --site; else the site the current folder is in
};

void PrintMade(const std::vector<std::string>& files) {
  std::printf("kiosk: made %zu %s:\n", files.size(), files.size() == 1 ? "file" : "files");
  for (const std::string& file : files) std::printf("  %s\n", file.c_str());
}

int RunNewSite(NewSiteOptions& options) {
  options.dir = PlainFolder(options.dir);
  options.today = Today();
  DiskFileSystem disk;
  const MadeFiles made = MakeSite(disk, options);
  PrintDiagnostics(made.diagnostics);
  if (!made.ok()) return kExitContentError;
  PrintMade(made.files);
  std::printf(
      "Edit site.yaml with the office's facts, then preview the site as you edit it:\n"
      "  cd %s && kiosk serve --open\n",
      options.dir.c_str());
  return kExitOk;
}

int RunNewPage(NewPageCommandOptions& command) {
  NewPageOptions& options = command.page;
  DiskFileSystem disk;
  if (!command.site.empty()) {
    options.site_dir = PlainFolder(command.site);
    options.display_dir = options.site_dir == "." ? "" : options.site_dir;
  } else if (const std::optional<std::string> found = FindSiteFolder(disk, ".")) {
    // Messages name files as from the current folder, inside the site or not.
    const std::string relative =
        std::filesystem::relative(*found, std::filesystem::current_path()).generic_string();
    options.site_dir = relative.empty() ? "." : relative;
    options.display_dir = options.site_dir == "." ? "" : options.site_dir;
  }
  options.today = Today();
  const MadeFiles made = MakePage(disk, options);
  PrintDiagnostics(made.diagnostics);
  if (!made.ok()) return kExitContentError;
  PrintMade(made.files);
  return kExitOk;
}

// What each type of page is, for the help.
const char* Describe(const std::string& type) {
  if (type == "faq") return "a FAQ page: questions and answers (in content/faq/)";
  if (type == "sop") return "a service procedure, 標準作業程序 (in content/services/)";
  if (type == "plan") return "a long plan with numbered headings and tables (in content/plans/)";
  if (type == "news") return "a dated news item (in content/news/)";
  return "a plain page (at the top of content/, linked from every footer)";
}

}  // namespace

Command AddNewCommand(CLI::App& kiosk) {
  CLI::App* make = kiosk.add_subcommand("new", R"(make a new site, or a new page in a site

kiosk new site DIR makes a complete minimal office site in Chinese and English, which
builds with no warning and passes the accessibility check at AA. kiosk new TYPE NAME,
in a site's folder, makes a page in every language of site.yaml, its front matter
commented; it never overwrites a file.)");
  make->require_subcommand(1, 1);

  auto site = std::make_shared<NewSiteOptions>();
  CLI::App* new_site = make->add_subcommand("site", "a new office site in Chinese and English");
  new_site->add_option("DIR", site->dir, "the folder to make (absent or empty)")->required();
  new_site->add_option("--name", site->name, "the office's name in Chinese (default: 範例區公所)")
      ->type_name("名稱");
  new_site
      ->add_option("--name-en", site->name_en,
                   "the office's name in English (default: Example District Office)")
      ->type_name("NAME");
  new_site
      ->add_option("--base-url", site->base_url,
                   "the site's public address (default: https://www.example.gov.tw/)")
      ->type_name("URL");
  new_site->footer(
      "Example:\n  kiosk new site qingxi --name 範例市清溪區公所 --name-en \"Qingxi District "
      "Office\" "
      "--base-url https://qingxi.example.gov.tw/");

  auto page = std::make_shared<NewPageCommandOptions>();
  std::vector<std::pair<CLI::App*, std::string>> page_commands;
  for (const std::string& type : NewPageTypes()) {
    CLI::App* command = make->add_subcommand(type, Describe(type));
    command
        ->add_option("NAME", page->page.name,
                     "the file's name, and the last part of the page's address")
        ->required();
    command
        ->add_option_function<std::string>(
            "--section", [page](const std::string& section) { page->page.section = section; },
            "a folder under content/ (default: the type's)")
        ->type_name("S");
    command->add_option("--site", page->site, "the site's folder (default: the one you are in)")
        ->type_name("SITE_DIR");
    command->footer(
        "Example: kiosk new " + type + " id-card-replacement" +
        (type == "page"
             ? ""
             : " --section " + std::string(type == "sop" ? "services" : "faq") + "/cards"));
    page_commands.emplace_back(command, type);
  }
  make->footer("Exit status: 0 made, 1 nothing made (a file exists, a bad name), 2 wrong usage.");
  return {make, [new_site, site, page, page_commands] {
            if (new_site->parsed()) return RunNewSite(*site);
            for (const auto& [command, type] : page_commands) {
              if (command->parsed()) {
                page->page.type = type;
                return RunNewPage(*page);
              }
            }
            return kExitUsage;
          }};
}

}  // namespace kiosk::cli
