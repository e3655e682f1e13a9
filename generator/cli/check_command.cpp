// `kiosk check`: HTML pages against Taiwan's accessibility rules, as a report.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "check/page_check.h"
#include "check/report.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "config/site_config.h"
#include "fs/file_system.h"

namespace kiosk::cli {
namespace {

struct CheckCommandOptions {
  std::vector<std::string> paths;
  check::FolderCheckOptions check;
  check::ReportOptions report;
  std::string base_url;  // "": read from site.yaml next to a kiosk output, else "/"
  bool json = false;
  std::string html_report;
  bool quiet = false;
};

int RunCheck(CheckCommandOptions& options) {
  std::vector<std::string>& paths = options.paths;
  for (std::string& path : paths) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
  }
  if (paths.empty()) paths.push_back("output");
  check::ReportOptions& report = options.report;
  DiskFileSystem disk;
  options.check.base_url = options.base_url.empty() ? "/" : options.base_url;
  // Inside a kiosk output folder beside its site.yaml: the site's address is known.
  const std::string root = check::FindOutputRoot(disk, paths.front());
  if (options.base_url.empty() && !root.empty()) {
    const std::string site_yaml = JoinPath(ParentPath(root), "site.yaml");
    if (Result<std::string> text = disk.ReadFile(site_yaml)) {
      Diagnostics ignored;
      if (auto config = ParseSiteConfig(*text, site_yaml, ignored)) {
        options.check.base_url = config->base_url;
        report.site_name = config->default_language().title;
      }
    }
  }
  options.check.check.edition = report.edition;
  report.date = Today();
  Diagnostics problems;
  ProgressLine progress(options.quiet);
  options.check.progress = progress.Callback();
  const std::vector<check::PageFindings> pages =
      check::CheckFiles(disk, paths, options.check, problems);
  progress.Finish();
  PrintDiagnostics(problems);
  if (problems.has_errors()) return kExitContentError;
  std::cout << (options.json ? check::JsonReport(pages, report) : check::TextReport(pages, report));
  if (!options.html_report.empty()) {
    if (Status status = disk.WriteFile(options.html_report, check::HtmlReport(pages, report));
        !status) {
      std::cerr << status.error().format() << '\n';
      return kExitContentError;
    }
  }
  for (const auto& page : pages) {
    for (const auto& finding : page.findings) {
      if (check::Classify(finding, report.level) == check::Outcome::kFailure) {
        return kExitContentError;
      }
    }
  }
  return kExitOk;
}

}  // namespace

Command AddCheckCommand(CLI::App& kiosk) {
  auto options = std::make_shared<CheckCommandOptions>();
  CLI::App* check = kiosk.add_subcommand("check", R"(check HTML against Taiwan's accessibility rules

Checks HTML pages against 網站無障礙規範 (Taiwan's web accessibility rules, edition 115.11,
or 110.07 as today's Freego reports), by the official checkpoint codes, plus kiosk's own
checks (contrast, 導盲磚 accesskeys, meaningful alt text, links). PATH is a built site's
folder (every .html below it; it is the site's root) or HTML files; default: output. A page
or folder inside a kiosk output folder is checked against that whole folder (its
stylesheets, the pages it links to). Findings above the level are counted; --notices lists
them.)");
  check->add_option("PATH", options->paths, "a built site's folder, or pages and folders in it");
  AddCheckedOption<check::Level>(*check, "--level", options->report.level, check::ParseLevel,
                                 "A|AA|AAA", "A, AA or AAA",
                                 "the level that must pass (default AA); findings above it are "
                                 "notices");
  check->add_flag("--notices", options->report.notices,
                  "also list the findings above the level (they are counted anyway)");
  AddCheckedOption<check::Edition>(*check, "--edition", options->report.edition,
                                   check::ParseEdition, "115.11|110.07", "115.11 or 110.07",
                                   "the edition's codes (default 115.11)");
  AddCheckedOption<bool>(
      *check, "--format", options->json,
      [](std::string_view format) -> std::optional<bool> {
        if (format == "text" || format == "json") return format == "json";
        return std::nullopt;
      },
      "text|json", "text or json", "the report on standard output (default text)");
  check->add_option("--report", options->html_report,
                    "also write an accessible HTML report, to keep with a badge application")
      ->type_name("FILE.html");
  check->add_option("--base-url", options->base_url,
                    "the site's address, when it is served below a path (default: read from "
                    "SITE_DIR/site.yaml next to a kiosk output)")
      ->type_name("URL");
  check->add_flag("-q,--quiet", options->quiet, "no progress line");
  check->footer("Exit status: 0 no failures at the level, 1 failures, 2 wrong usage.");
  return {check, [options] { return RunCheck(*options); }};
}

}  // namespace kiosk::cli
