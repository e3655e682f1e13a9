// The build pipeline: a flat list of named steps that turn a site folder into a website.
#pragma once

#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/diagnostic.h"
#include "config/site_config.h"
#include "content/source_page.h"
#include "fs/file_system.h"
#include "incremental/build_log.h"
#include "site/site.h"
#include "theme/theme.h"

namespace kiosk {

struct BuildOptions {
  std::string site_dir = ".";  // where site.yaml is
  std::string display_dir;     // how messages name the site folder ("" for the current one)
  std::string out_dir;         // default: site_dir/output
  int jobs = 0;                // worker threads; 0 for one per core
  bool include_drafts = false;
  bool strict_translations = false;  // a page without a translation is an error
  bool incremental = true;           // use and keep the build log in SITE_DIR/.kiosk/
  bool explain = false;              // say why each page was rendered again
  bool check = true;                 // check each page it renders at site.yaml's check level
  // false: the site model is left to the operating system, as a process about to exit
  // need not take apart tens of thousands of pages one allocation at a time.
  bool free_memory = true;
  // true: once the build knows which kind it is, it sets whether the process's memory may be
  // backed by 2 MB pages (AllowLargePages): allowed when incremental (it read a usable log),
  // not when full. A setting of the whole process, for the command line to choose.
  bool large_pages_when_incremental = false;
};

struct StepTiming {
  std::string step;
  double milliseconds = 0;
};

struct MissingTranslation {
  std::string file;      // the page that exists
  std::string language;  // the language it lacks
};

struct BuildResult {
  Diagnostics diagnostics;
  std::vector<StepTiming> timings;
  std::map<std::string, int> pages_per_language;  // content pages, by language code
  std::vector<MissingTranslation> missing_translations;
  size_t files_written = 0;
  size_t pages_rendered = 0;
  size_t check_failures = 0;  // findings at or below the site's level: they fail the build
  size_t check_notices = 0;   // findings above it
  std::vector<std::string> explanations;  // with BuildOptions::explain

  bool ok() const { return !diagnostics.has_errors(); }
};

// A site read and checked, not yet rendered: for the build and for commands that need the
// pages (posters). Site points into config and sources, so a LoadedSite stays where it is.
struct LoadedSite {
  LoadedSite() = default;
  LoadedSite(const LoadedSite&) = delete;
  LoadedSite& operator=(const LoadedSite&) = delete;

  std::optional<SiteConfig> config;
  uint64_t config_hash = 0;  // site.yaml's bytes
  std::optional<Theme> theme;
  // Every file under content/, sorted by path; moved into the three below (and emptied) once
  // the build knows it has work to do.
  std::vector<FileInfo> content_listing;
  std::vector<ContentFile> content_files;
  std::vector<FileInfo> content_infos;   // of content_files
  std::vector<FileInfo> content_assets;  // other files under content/, copied as they are
  std::vector<FileInfo> static_files;    // the files under static/
  std::optional<BuildLog> log;           // the previous build's, when usable
  std::string log_status;                // why there is no usable log
  // Which of the log's page files are gone from the output: looked for on another thread,
  // through the build's FileSystem, while the site is assembled, as an edit of one page
  // looks for every page's file. Declared after `log`, whose pages it views, so that it is
  // waited for first.
  std::future<std::unordered_set<std::string_view>> pages_missing;
  uint64_t inputs = 0;  // InputsStamp: what the build reads
  // The previous build read the same inputs and its files are all there: nothing to do.
  bool up_to_date = false;
  std::vector<std::optional<SourcePage>> sources;  // of content_files
  // For the build log, each source's summary: the previous log's, or one of
  // `new_summaries`, made for the files parsed now.
  std::vector<std::string_view> summaries;
  std::vector<std::string> new_summaries;
  std::optional<Site> site;
};

// Runs the steps that read and check a site. Problems, timings and the translation status
// go to `result`; the site is usable when `result` has no errors.
std::unique_ptr<LoadedSite> LoadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result);

// Reads the site, renders it and replaces the output folder.
BuildResult BuildSite(FileSystem& fs, const BuildOptions& options);

}  // namespace kiosk
