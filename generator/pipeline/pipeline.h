// The build pipeline: a flat list of named, timed steps that turn a site folder into a
// website. Each step is a stage that takes what the stages before it made and returns its own
// typed result (read_stages.h, previous_build.h, output_plan.h, render_stage.h,
// record_stage.h, write_stage.h); this is where they are run in order.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "fs/file_system.h"
#include "pipeline/build_context.h"
#include "pipeline/read_stages.h"

namespace kiosk {

struct StepTiming {
  std::string step;
  double milliseconds = 0;
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
  // With errors: false when the previous output was changed before the build failed (it is
  // then partly updated, and the next build, a full one, makes it whole).
  bool output_unchanged = true;

  bool ok() const { return !diagnostics.has_errors(); }
};

// Runs the steps that read and check a site. Problems, timings and the translation status
// go to `result`; the site is returned when `result` has no errors, else null.
std::unique_ptr<LoadedSite> LoadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result);

// Reads the site, renders it and replaces the output folder.
BuildResult BuildSite(FileSystem& fs, const BuildOptions& options);

struct KeptBuild;

// Builds one site again and again in one process (kiosk serve). Between builds it keeps the
// site it read and the account of what it wrote, so that an edit is read and placed without
// reading the whole site from the build log; a build that fails before writing leaves the
// one before it kept. The build log is kept in memory, not written after each build: the one
// on disk is removed when the output is written, and SaveLog writes it.
class SiteBuilder {
 public:
  SiteBuilder(FileSystem& fs, const BuildOptions& options);
  ~SiteBuilder();
  SiteBuilder(const SiteBuilder&) = delete;
  SiteBuilder& operator=(const SiteBuilder&) = delete;

  // `changed`: the paths below the site folder that changed since the last build (a
  // watcher's), when known; only their folders are listed again.
  BuildResult Build(std::optional<std::vector<std::string>> changed = std::nullopt);
  // Frees the build the last one replaced, which Build keeps until then or the next Build:
  // taking apart a large site takes milliseconds, which a caller may spend on telling what
  // came of the build first.
  void FreeReplaced();
  // Writes the log of the last build kept, for the next process to build from.
  Status SaveLog();

 private:
  FileSystem& fs_;
  const BuildOptions options_;
  std::unique_ptr<KeptBuild> kept_;
  std::unique_ptr<KeptBuild> replaced_;
  // What changed since kept_ was made: a build that fails hands kept_ back, its listing as it
  // was, so the changes it saw are listed again by the next. nullopt: list everything.
  std::optional<std::vector<std::string>> unlisted_ = std::vector<std::string>();
};

}  // namespace kiosk
