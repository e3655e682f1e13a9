// kiosk's command line: reads the arguments, runs a command, prints what it found.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/memory.h"
#include "base/text.h"
#include "pipeline/pipeline.h"
#include "check/page_check.h"
#include "check/report.h"
#include "config/site_config.h"
#include "fs/file_system.h"
#include "poster/poster_pages.h"

// jemalloc (linked in for speed) hands freed pages back to the system after a quarter of a
// second rather than ten. A build frees each page's memory as it goes on, so this keeps the
// peak low (350 MB instead of 375 for 10,000 pages). Handing them back at once would save
// another 15 MB but costs a second of system time, most of it in page faults and in
// flushing both cores' address caches on every release. It may back memory with 2 MB pages,
// which `kiosk build` allows only once the build knows it is incremental (base/memory.h).
extern "C" {
const char* malloc_conf = "dirty_decay_ms:250,muzzy_decay_ms:0,thp:always";
}

namespace {

constexpr int kExitOk = 0;
constexpr int kExitContentError = 1;
constexpr int kExitUsage = 2;

constexpr const char* kMainHelp =
    R"(kiosk — static websites for public service offices, in Chinese and English

Usage:
  kiosk build [SITE_DIR] [options]   build the site in SITE_DIR (default: .)
  kiosk poster [SITE_DIR] [options]  print-ready QR posters of pages, as one PDF
  kiosk check [PATH…] [options]      check HTML against Taiwan's accessibility rules
  kiosk --help                       show this help
  kiosk --version                    show the version

Run 'kiosk build --help', 'kiosk poster --help' or 'kiosk check --help' for their options.
Exit status: 0 success, 1 errors in the site, 2 wrong usage.
)";

constexpr const char* kBuildHelp = R"(Usage: kiosk build [SITE_DIR] [options]

Builds the site in SITE_DIR (a folder with site.yaml and content/) into OUT_DIR.
The first build writes everything into a staging folder and swaps it in; later builds
render only the pages whose sources, templates or neighbours changed (recorded in
SITE_DIR/.kiosk/build-log) and update OUT_DIR in place. Nothing is written when the site
has errors.

Options:
  -o, --output OUT_DIR     where to write the site (default: SITE_DIR/output)
  -j, --jobs N             worker threads (default: one per core)
  -v, --verbose            name the pages without a translation, and time each step
  -q, --quiet              print only warnings and errors
      --drafts             include pages with 'draft: true'
      --explain            say why each page was rendered again
      --no-check           do not check the pages against the accessibility rules
      --clean              ignore the build log in SITE_DIR/.kiosk/ and build everything
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

constexpr const char* kPosterHelp = R"(Usage: kiosk poster [SITE_DIR] [options]

Makes a print-ready PDF with one QR poster per page: the office's name, the page's title
in both languages, a QR code of the page's address (at least 8 cm wide on A4), the address
as text, the phone number, the service hours and how to scan, in both languages.

Choose the pages (any combination):
      --page CONTENT_PATH…  pages by their file: content/faq/id-card.zh-TW.md, or faq/id-card
                            for the default language (several paths may follow one --page)
      --section NAME        every page of a section (a folder under content/)
      --department ID       every page of a department in site.yaml

Options:
      --size A4|A3          paper size (default A4)
  -o, --output FILE.pdf     where to write the PDF (default: posters.pdf)
  -h, --help                show this help

Example: the yearly reprint of the civil affairs section's posters:
  kiosk poster --department civil -o civil-posters.pdf
)";

constexpr const char* kCheckHelp = R"(Usage: kiosk check [PATH…] [options]

Checks HTML pages against 網站無障礙規範 (Taiwan's web accessibility rules, edition 115.11,
or 110.07 as today's Freego reports), by the official checkpoint codes, plus kiosk's own
checks (contrast, 導盲磚 accesskeys, meaningful alt text, links). PATH is a built site's
folder (every .html below it; it is the site's root) or HTML files; default: output.

Options:
      --level A|AA|AAA      the level that must pass (default AA); findings above it are
                            notices
      --edition 115.11|110.07
                            the edition's codes (default 115.11)
      --format text|json    the report on standard output (default text)
      --report FILE.html    also write an accessible HTML report, to keep with a badge
                            application
      --base-url URL        the site's address, when it is served below a path
                            (default: read from SITE_DIR/site.yaml next to a kiosk output)
  -h, --help                show this help

Exit status: 0 no failures at the level, 1 failures, 2 wrong usage.
)";

int UsageError(const std::string& message, const char* help_command) {
  std::cerr << "kiosk: " << message << "\nRun '" << help_command << "' for usage.\n";
  return kExitUsage;
}

void PrintDiagnostics(const kiosk::Diagnostics& diagnostics) {
  for (const kiosk::Diagnostic& diagnostic : diagnostics.items()) {
    std::cerr << diagnostic.format() << '\n';
  }
}

// The argument after args[i], taking it (i moves on); nullopt at the end, or before an
// option when `stop_at_option`.
std::optional<std::string_view> NextArgument(const std::vector<std::string_view>& args, size_t& i,
                                             bool stop_at_option = false) {
  if (i + 1 >= args.size()) return std::nullopt;
  const std::string_view next = args[i + 1];
  if (stop_at_option && next.size() > 1 && next.front() == '-') return std::nullopt;
  return args[++i];
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
    const auto value = [&] { return NextArgument(args, i); };
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
    } else if (arg == "--explain") {
      options.explain = true;
    } else if (arg == "--no-check") {
      options.check = false;
    } else if (arg == "--clean") {
      options.incremental = false;
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

  options.free_memory = false;  // kiosk exits right after
  options.large_pages_when_incremental = true;
  const auto start = std::chrono::steady_clock::now();
  kiosk::DiskFileSystem disk(options.jobs);
  const kiosk::BuildResult result = kiosk::BuildSite(disk, options);
  const std::chrono::duration<double, std::milli> elapsed =
      std::chrono::steady_clock::now() - start;

  PrintDiagnostics(result.diagnostics);
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
  std::printf(
      "kiosk: built %d content pages (%s) into %s/ in %.0f ms: %zu pages rendered, "
      "%zu files written\n",
      pages, per_language.c_str(), out_dir.c_str(), elapsed.count(), result.pages_rendered,
      result.files_written);
  if (options.explain) {
    for (const std::string& line : result.explanations) std::printf("  %s\n", line.c_str());
  }

  if (options.check) {
    std::printf("accessibility: %zu pages checked, no failures at the site's level",
                result.pages_rendered);
    if (result.check_notices > 0) {
      std::printf("; %zu notices above it (kiosk check --level AAA lists them)",
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

int RunPoster(const std::vector<std::string_view>& args) {
  kiosk::BuildOptions options;
  kiosk::PosterRequest request;
  kiosk::PosterLayout layout;
  std::string output = "posters.pdf";
  bool site_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    // --page takes several paths: the values end at the next option.
    const auto value = [&] { return NextArgument(args, i, /*stop_at_option=*/true); };
    if (arg == "-h" || arg == "--help") {
      std::cout << kPosterHelp;
      return kExitOk;
    } else if (arg == "--page") {
      const size_t before = request.pages.size();
      while (const auto page = value()) request.pages.emplace_back(*page);
      if (request.pages.size() == before) {
        return UsageError("--page needs a content path", "kiosk poster --help");
      }
    } else if (arg == "--section" || arg == "--department") {
      const auto name = value();
      if (!name) return UsageError(std::string(arg) + " needs a name", "kiosk poster --help");
      (arg == "--section" ? request.section : request.department) = std::string(*name);
    } else if (arg == "--size") {
      const auto size = value();
      if (!size || (*size != "A4" && *size != "A3")) {
        return UsageError("--size must be A4 or A3", "kiosk poster --help");
      }
      layout.size = *size == "A4" ? kiosk::PaperSize::kA4 : kiosk::PaperSize::kA3;
    } else if (arg == "-o" || arg == "--output") {
      const auto file = value();
      if (!file) return UsageError(std::string(arg) + " needs a file", "kiosk poster --help");
      output = std::string(*file);
    } else if (!arg.empty() && arg.front() == '-') {
      return UsageError("unknown option '" + std::string(arg) + "'", "kiosk poster --help");
    } else if (site_given) {
      return UsageError("give the pages with --page (the site folder comes first)",
                        "kiosk poster --help");
    } else {
      options.site_dir = std::string(arg);
      site_given = true;
    }
  }
  if (request.pages.empty() && request.section.empty() && request.department.empty()) {
    return UsageError("choose pages with --page, --section or --department", "kiosk poster --help");
  }
  kiosk::DiskFileSystem disk;
  if (disk.IsDirectory(output)) {
    return UsageError("-o " + output + " is a folder; name the PDF inside it, as in -o " +
                          kiosk::JoinPath(output, "posters.pdf"),
                      "kiosk poster --help");
  }
  options.site_dir = std::filesystem::path(options.site_dir).lexically_normal().generic_string();
  while (options.site_dir.size() > 1 && options.site_dir.back() == '/') options.site_dir.pop_back();
  options.display_dir = options.site_dir == "." ? "" : options.site_dir;

  kiosk::BuildResult result;
  std::unique_ptr<kiosk::LoadedSite> site = kiosk::LoadSite(disk, options, result);
  std::vector<int> pages;
  if (!result.diagnostics.has_errors()) {
    layout.level = site->config->qr.print_level;
    pages = kiosk::SelectPosterPages(*site->site, request, result.diagnostics);
  }
  PrintDiagnostics(result.diagnostics);
  if (result.diagnostics.has_errors()) {
    std::cerr << "kiosk: no posters were made\n";
    return kExitContentError;
  }
  std::vector<kiosk::Poster> posters;
  for (int page : pages) posters.push_back(kiosk::MakePoster(*site->site, *site->theme, page));
  kiosk::Result<std::string> pdf = kiosk::RenderPosters(posters, layout);
  if (!pdf) {
    std::cerr << pdf.error().format() << "\nkiosk: no posters were made\n";
    return kExitContentError;
  }
  // A printer never sees half a file.
  const std::string_view bytes = *pdf;
  if (kiosk::Status status =
          kiosk::ReplaceFile(disk, output, output + ".kiosk-partial", {&bytes, 1});
      !status) {
    std::cerr << status.error().format() << '\n';
    return kExitContentError;
  }
  std::printf("kiosk: wrote %zu %s (%s) to %s\n", posters.size(),
              posters.size() == 1 ? "poster" : "posters",
              layout.size == kiosk::PaperSize::kA4 ? "A4" : "A3", output.c_str());
  return kExitOk;
}

std::string Today() {
  const std::time_t now = std::time(nullptr);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", std::localtime(&now));
  return text;
}

int RunCheck(const std::vector<std::string_view>& args) {
  kiosk::check::FolderCheckOptions options;
  kiosk::check::ReportOptions report;
  std::vector<std::string> paths;
  std::string format = "text";
  std::string html_report;
  bool base_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const auto value = [&] { return NextArgument(args, i); };
    if (arg == "-h" || arg == "--help") {
      std::cout << kCheckHelp;
      return kExitOk;
    } else if (arg == "--level") {
      const auto text = value();
      const auto level = text ? kiosk::check::ParseLevel(*text) : std::nullopt;
      if (!level) return UsageError("--level must be A, AA or AAA", "kiosk check --help");
      report.level = *level;
    } else if (arg == "--edition") {
      const auto text = value();
      const auto edition = text ? kiosk::check::ParseEdition(*text) : std::nullopt;
      if (!edition) return UsageError("--edition must be 115.11 or 110.07", "kiosk check --help");
      report.edition = options.check.edition = *edition;
    } else if (arg == "--format") {
      const auto text = value();
      if (!text || (*text != "text" && *text != "json")) {
        return UsageError("--format must be text or json", "kiosk check --help");
      }
      format = std::string(*text);
    } else if (arg == "--report") {
      const auto file = value();
      if (!file) return UsageError("--report needs a file", "kiosk check --help");
      html_report = std::string(*file);
    } else if (arg == "--base-url") {
      const auto url = value();
      if (!url) return UsageError("--base-url needs an address", "kiosk check --help");
      options.base_url = std::string(*url);
      base_given = true;
    } else if (!arg.empty() && arg.front() == '-') {
      return UsageError("unknown option '" + std::string(arg) + "'", "kiosk check --help");
    } else {
      std::string path(arg);
      while (path.size() > 1 && path.back() == '/') path.pop_back();
      paths.push_back(path);
    }
  }
  if (paths.empty()) paths.push_back("output");
  kiosk::DiskFileSystem disk;
  // A kiosk output folder beside its site.yaml: the site's address is known.
  if (!base_given && disk.IsFile(kiosk::JoinPath(paths.front(), ".kiosk-output"))) {
    const std::string site_yaml = kiosk::JoinPath(kiosk::ParentPath(paths.front()), "site.yaml");
    if (kiosk::Result<std::string> text = disk.ReadFile(site_yaml)) {
      kiosk::Diagnostics ignored;
      if (auto config = kiosk::ParseSiteConfig(*text, site_yaml, ignored)) {
        options.base_url = config->base_url;
        report.site_name = config->default_language().title;
      }
    }
  }
  report.date = Today();
  kiosk::Diagnostics problems;
  const std::vector<kiosk::check::PageFindings> pages =
      kiosk::check::CheckFiles(disk, paths, options, problems);
  PrintDiagnostics(problems);
  if (problems.has_errors()) return kExitContentError;
  std::cout << (format == "json" ? kiosk::check::JsonReport(pages, report)
                                 : kiosk::check::TextReport(pages, report));
  if (!html_report.empty()) {
    if (kiosk::Status status = disk.WriteFile(html_report, kiosk::check::HtmlReport(pages, report));
        !status) {
      std::cerr << status.error().format() << '\n';
      return kExitContentError;
    }
  }
  for (const auto& page : pages) {
    for (const auto& finding : page.findings) {
      if (kiosk::check::Classify(finding, report.level) == kiosk::check::Outcome::kFailure) {
        return kExitContentError;
      }
    }
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  kiosk::AllowLargePages(false);
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
  if (command == "poster") return RunPoster({args.begin() + 1, args.end()});
  if (command == "check") return RunCheck({args.begin() + 1, args.end()});
  return UsageError("unknown command '" + std::string(command) + "'", "kiosk --help");
}
