// The build: a flat list of named steps that turn a site folder into a website.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "fs/file_system.h"

namespace kiosk {

struct BuildOptions {
  std::string site_dir = ".";  // where site.yaml is
  std::string display_dir;     // how messages name the site folder ("" for the current one)
  std::string out_dir;         // default: site_dir/output
  int jobs = 0;                // worker threads; 0 for one per core
  bool include_drafts = false;
  bool strict_translations = false;  // a page without a translation is an error
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

  bool ok() const { return !diagnostics.has_errors(); }
};

BuildResult BuildSite(FileSystem& fs, const BuildOptions& options);

}  // namespace kiosk
