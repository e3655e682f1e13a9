// kiosk's command line: reads the arguments, runs a command, prints what it found.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "build/build.h"
#include "fs/file_system.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitContentError = 1;
constexpr int kExitUsage = 2;

constexpr const char* kMainHelp =
    R"(kiosk — static websites for public service offices, in Chinese and English

Usage:
  kiosk build [SITE_DIR] [options]   build the site in SITE_DIR (default: .)
  kiosk --help                       show this help
  kiosk --version                    show the version

Run 'kiosk build --help' for the build options.
Exit status: 0 success, 1 errors in the site, 2 wrong usage.
)";

constexpr const char* kBuildHelp = R"(Usage: kiosk build [SITE_DIR] [options]

Builds the site in SITE_DIR (a folder with site.yaml and content/) into OUT_DIR.
The output folder is replaced only when the whole build succeeds.

Options:
  -o, --output OUT_DIR     where to write the site (default: SITE_DIR/output)
  -j, --jobs N             worker threads (default: one per core)
  -v, --verbose            name the pages without a translation, and time each step
  -q, --quiet              print only warnings and errors
      --drafts             include pages with 'draft: true'
      --strict-translations
                           fail when a page lacks a translation
  -h, --help               show this help

Exit status: 0 success, 1 errors in the site, 2 wrong usage.
)";

// "out/" -> "out", "./site/../out" -> "out", "." -> the absolute path: the output folder is
// renamed as a whole, so it needs a real name.
std::string NormalizeFolder(std::string_view folder) {
  std::filesystem::path path = std::filesystem::path(folder).lexically_normal();
  std::string text = path.generic_string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  if (text == "." || text == ".." || kiosk::EndsWith(text, "/..")) {
    text = std::filesystem::absolute(path).lexically_normal().generic_string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
  }
  return text;
}

int UsageError(const std::string& message, const char* help_command) {
  std::cerr << "kiosk: " << message << "\nRun '" << help_command << "' for usage.\n";
  return kExitUsage;
}

std::optional<int> ParseJobs(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int jobs = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    jobs = jobs * 10 + (c - '0');
  }
  return jobs > 0 ? std::optional(jobs) : std::nullopt;
}

int RunBuild(const std::vector<std::string_view>& args) {
  kiosk::BuildOptions options;
  bool verbose = false;
  bool quiet = false;
  bool site_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const auto value = [&]() -> std::optional<std::string_view> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << kBuildHelp;
      return kExitOk;
    } else if (arg == "-o" || arg == "--output") {
      const auto out = value();
      if (!out) return UsageError(std::string(arg) + " needs a folder", "kiosk build --help");
      options.out_dir = NormalizeFolder(*out);
    } else if (arg == "-j" || arg == "--jobs") {
      const auto text = value();
      const auto jobs = text ? ParseJobs(*text) : std::nullopt;
      if (!jobs)
        return UsageError(std::string(arg) + " needs a number from 1", "kiosk build --help");
      options.jobs = *jobs;
    } else if (arg == "-v" || arg == "--verbose") {
      verbose = true;
    } else if (arg == "-q" || arg == "--quiet") {
      quiet = true;
    } else if (arg == "--drafts") {
      options.include_drafts = true;
    } else if (arg == "--strict-translations") {
      options.strict_translations = true;
    } else if (!arg.empty() && arg.front() == '-') {
      return UsageError("unknown option '" + std::string(arg) + "'", "kiosk build --help");
    } else if (site_given) {
      return UsageError("only one SITE_DIR can be built at a time", "kiosk build --help");
    } else {
      options.site_dir = std::string(arg);
      site_given = true;
    }
  }
  options.site_dir = std::filesystem::path(options.site_dir).lexically_normal().generic_string();
  while (options.site_dir.size() > 1 && options.site_dir.back() == '/') options.site_dir.pop_back();
  options.display_dir = options.site_dir == "." ? "" : options.site_dir;

  const auto start = std::chrono::steady_clock::now();
  kiosk::DiskFileSystem disk;
  const kiosk::BuildResult result = kiosk::BuildSite(disk, options);
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;

  for (const kiosk::Diagnostic& diagnostic : result.diagnostics.items()) {
    std::cerr << diagnostic.format() << '\n';
  }
  if (!result.ok()) {
    const int errors = result.diagnostics.error_count();
    std::cerr << "kiosk: " << errors << (errors == 1 ? " error" : " errors")
              << "; nothing was written (the previous output is unchanged)\n";
    return kExitContentError;
  }
  if (quiet) return kExitOk;

  const std::string out_dir =
      options.out_dir.empty() ? kiosk::JoinPath(options.display_dir, "output") : options.out_dir;
  int pages = 0;
  std::string per_language;
  for (const auto& [language, count] : result.pages_per_language) {
    pages += count;
    per_language += (per_language.empty() ? "" : ", ") + language + " " + std::to_string(count);
  }
  std::printf("kiosk: built %d content pages (%s), %zu files in all, into %s/ in %.0f ms\n", pages,
              per_language.c_str(), result.files_written, out_dir.c_str(), elapsed.count());

  std::map<std::string, int> missing;
  for (const auto& entry : result.missing_translations) ++missing[entry.language];
  if (missing.empty()) {
    std::printf("translations: every page exists in every language\n");
  } else {
    std::string summary;
    for (const auto& [language, count] : missing) {
      summary += (summary.empty() ? "" : ", ") + std::to_string(count) +
                 (count == 1 ? " page lacks " : " pages lack ") + "its " + language + " version";
    }
    std::printf("translations: %s%s\n", summary.c_str(), verbose ? ":" : " (-v names them)");
    if (verbose) {
      for (const auto& entry : result.missing_translations) {
        std::printf("  %s: no %s version\n", entry.file.c_str(), entry.language.c_str());
      }
    }
  }
  if (verbose) {
    std::printf("steps:\n");
    for (const auto& timing : result.timings) {
      std::printf("  %-22s %8.1f ms\n", timing.step.c_str(), timing.milliseconds);
    }
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kMainHelp;
    return kExitUsage;
  }
  const std::string_view command = args.front();
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kMainHelp;
    return kExitOk;
  }
  if (command == "--version" || command == "version") {
    std::cout << "kiosk " << KIOSK_VERSION << '\n';
    return kExitOk;
  }
  if (command == "build") return RunBuild({args.begin() + 1, args.end()});
  return UsageError("unknown command '" + std::string(command) + "'", "kiosk --help");
}
