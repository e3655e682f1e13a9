// `kiosk build`: a site folder into a website, and what the build found.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "base/text.h"
#include "cli/commands.h"
#include "cli/progress_line.h"
#include "config/site_config.h"
#include "fs/file_system.h"
#include "pipeline/pipeline.h"

namespace kiosk::cli {
namespace {

struct BuildCommandOptions {
  BuildOptions build;
  bool verbose = false;
  bool quiet = false;
};

// "out/" -> "out", "./site/../out" -> "out", "." -> the absolute path: the output folder is
// renamed as a whole, so it needs a real name.
std::string OutputFolder(std::string_view folder) {
  std::string plain = PlainFolder(folder);
  if (plain == "." || plain == ".." || EndsWith(plain, "/..")) {
    plain = PlainFolder(std::filesystem::absolute(plain).generic_string());
  }
  return plain;
}

void PrintSummary(const BuildCommandOptions& command, const BuildResult& result,
                  double milliseconds) {
  const BuildOptions& options = command.build;
  const std::string out_dir =
      options.out_dir.empty() ? JoinPath(options.display_dir, "output") : options.out_dir;
  int pages = 0;
  std::string per_language;
  for (const auto& [language, count] : result.pages_per_language) {
    pages += count;
    per_language += (per_language.empty() ? "" : ", ") + language + " " + std::to_string(count);
  }
  std::printf(
      "kiosk: built %d content pages (%s) into %s/ in %.0f ms: %zu pages rendered, "
      "%zu files written\n",
      pages, per_language.c_str(), out_dir.c_str(), milliseconds, result.pages_rendered,
      result.files_written);
  if (options.explain) {
    for (const std::string& line : result.explanations) std::printf("  %s\n", line.c_str());
  }

  if (options.check) {
    std::printf("accessibility: %zu pages checked, no failures at the site's level",
                result.pages_rendered);
    if (result.check_notices > 0) {
      std::printf("; %zu notices above it (kiosk check --notices lists them)",
                  result.check_notices);
    }
    std::printf("\n");
  }
  std::map<std::string, int> missing;
  for (const auto& entry : result.missing_translations) ++missing[entry.language];
  if (missing.empty()) {
    std::printf("translations: every page exists in every language\n");
  } else {
    std::string summary;
    for (const auto& [language, count] : missing) {
      summary += (summary.empty() ? "" : ", ") + std::to_string(count) +
                 (count == 1 ? " page lacks its " + language + " version"
                             : " pages lack their " + language + " versions");
    }
    std::printf("translations: %s%s\n", summary.c_str(),
                command.verbose ? ":" : " (-v names them)");
    if (command.verbose) {
      for (const auto& entry : result.missing_translations) {
        std::printf("  %s: no %s version\n", entry.file.c_str(), entry.language.c_str());
      }
    }
  }
  if (command.verbose) {
    std::printf("steps:\n");
    int width = 0;
    for (const auto& timing : result.timings) {
      width = std::max(width, static_cast<int>(timing.step.size()));
    }
    for (const auto& timing : result.timings) {
      std::printf("  %-*s %8.1f ms\n", width, timing.step.c_str(), timing.milliseconds);
    }
  }
}

int RunBuild(BuildCommandOptions& command) {
  BuildOptions& options = command.build;
  options.site_dir = PlainFolder(options.site_dir);
  options.display_dir = options.site_dir == "." ? "" : options.site_dir;
  if (!options.out_dir.empty()) options.out_dir = OutputFolder(options.out_dir);
  options.free_memory = false;  // kiosk exits right after
  options.large_pages_when_incremental = true;

  const auto start = std::chrono::steady_clock::now();
  DiskFileSystem disk(options.jobs);
  ProgressLine progress(command.quiet);
  options.progress = progress.Callback();
  const BuildResult result = BuildSite(disk, options);
  progress.Finish();
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;

  PrintDiagnostics(result.diagnostics);
  if (!result.ok()) {
    const int errors = result.diagnostics.error_count();
    std::fprintf(stderr, "kiosk: %d %s; %s\n", errors, errors == 1 ? "error" : "errors",
                 result.output_unchanged
                     ? "nothing was written (the previous output is unchanged)"
                     : "the output was partly updated before the build stopped: the next build "
                       "makes it whole");
    return kExitContentError;
  }
  if (!command.quiet) PrintSummary(command, result, elapsed.count());
  return kExitOk;
}

}  // namespace

Command AddBuildCommand(CLI::App& kiosk) {
  auto command = std::make_shared<BuildCommandOptions>();
  BuildOptions& options = command->build;
  CLI::App* build = kiosk.add_subcommand("build", R"(build the site in SITE_DIR (default: .)

Builds the site in SITE_DIR (a folder with site.yaml and content/) into OUT_DIR.
The first build writes everything into a staging folder and swaps it in; later builds
render only the pages whose sources, templates or neighbours changed (recorded in
SITE_DIR/.kiosk/build-log) and update OUT_DIR in place. Nothing is written when the site
has errors. Every address the site publishes is kept in SITE_DIR/published.txt (commit it
with the content): a build that would no longer make one fails until a page takes it as
an alias or site.yaml retires it. Previews (--drafts, --base-url) add nothing to it.)");
  build->add_option("SITE_DIR", options.site_dir, "the site's folder");
  build
      ->add_option("-o,--output", options.out_dir,
                   "where to write the site (default: SITE_DIR/output)")
      ->type_name("OUT_DIR");
  AddJobsOption(*build, options.jobs);
  AddCheckedOption<std::string>(
      *build, "--base-url", options.base_url,
      [](std::string_view url) -> std::optional<std::string> {
        return ParseBaseUrl(url) ? std::optional<std::string>(url) : std::nullopt;
      },
      "URL", "an absolute http(s) address, as in https://preview.example.gov.tw/",
      "the site's address for this build instead of site.yaml's base_url, for a preview: "
      "links, canonical addresses and QR codes follow it (published.txt is not added to)");
  build->add_flag("-v,--verbose", command->verbose,
                  "name the pages without a translation, and time each step");
  build->add_flag("-q,--quiet", command->quiet,
                  "print only warnings and errors (and no progress line)");
  build->add_flag("--drafts", options.include_drafts,
                  "include pages with 'draft: true' (a preview: published.txt is not added to)");
  build->add_flag("--explain", options.explain, "say why each page was rendered again");
  build->add_flag_callback(
      "--no-check", [&options] { options.check = false; },
      "do not check the pages against the accessibility rules");
  build->add_flag("--verify-gate", options.verify_gate,
                  "also check each page whole, as kiosk check does, and fail where the build's "
                  "check finds otherwise (twice the checking time; for kiosk's own tests)");
  build->add_flag_callback(
      "--clean", [&options] { options.incremental = false; },
      "ignore the build log in SITE_DIR/.kiosk/ and build everything");
  build->add_flag("--strict-translations", options.strict_translations,
                  "fail when a page lacks a translation");
  build->footer("Exit status: 0 success, 1 errors in the site, 2 wrong usage.");
  return {build, [command] { return RunBuild(*command); }};
}

}  // namespace kiosk::cli
