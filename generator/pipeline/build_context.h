// What a build is asked to do (BuildOptions), and what each of its stages is handed besides
// the results of the stages before it (BuildContext).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/progress.h"
#include "fs/file_system.h"
#include "search/search_index.h"

namespace kiosk {

struct BuildOptions {
  std::string site_dir = ".";  // where site.yaml is
  std::string display_dir;     // how messages name the site folder ("" for the current one)
  std::string out_dir;         // default: site_dir/output
  // Another address than site.yaml's base_url, for a preview deployment: the pages' links,
  // canonical addresses and QR codes follow it. "" for site.yaml's.
  std::string base_url;
  int jobs = 0;  // worker threads; 0 for one per core
  bool include_drafts = false;
  bool strict_translations = false;  // a page without a translation is an error
  bool incremental = true;           // use and keep the build log in SITE_DIR/.kiosk/
  bool explain = false;              // say why each page was rendered again
  bool check = true;                 // check each page it renders at site.yaml's check level
  // Also check each page whole, as `kiosk check` does, and fail where the gate's findings
  // differ: the gate leaves out of its parse what no rule reads (RenderedPage::unread).
  bool verify_gate = false;
  // Whether a successful build adds the addresses it made to SITE_DIR/published.txt: not a
  // preview's (kiosk serve), which a publication may never make. A build with drafts or for
  // another address (base_url) never does. Either way, a build fails when it would no longer
  // make an address recorded there.
  bool record_addresses = true;
  // false: the site model is left to the operating system, as a process about to exit
  // need not take apart tens of thousands of pages one allocation at a time.
  bool free_memory = true;
  // true: once the build knows which kind it is, it sets whether the process's memory may be
  // backed by 2 MB pages (AllowLargePages): allowed when incremental (it read a usable log),
  // not when full. A setting of the whole process, for the command line to choose.
  bool large_pages_when_incremental = false;
  // Each step as it starts, and the pages parsed and rendered, for a progress line.
  ProgressCallback progress;
  // When set, an incremental build writes the pages it rendered again (and the files it
  // copies) before it makes the site's search index and open data, and calls this in
  // between: kiosk serve reloads open pages then, as an edited page need not wait for files
  // that list every page (23 MB of open data for 5,000 FAQs). Only on a build that found no
  // error up to there and wrote something.
  std::function<void()> pages_written;
  // How the search index is split: blocks of pages, shards of keys (tests make them small).
  SearchIndexLayout search_layout;
};

// The options with their defaults filled in: the output folder and the number of threads.
BuildOptions Resolve(const BuildOptions& options);

// The file system, the options (resolved), where problems go and, with --explain, where the
// reasons for what the build does go.
struct BuildContext {
  FileSystem& fs;
  const BuildOptions& options;
  Diagnostics& diagnostics;
  std::vector<std::string>& explanations;

  int jobs() const { return options.jobs; }
  // A path below the site folder, to read or write.
  std::string SitePath(const std::string& relative) const {
    return JoinPath(options.site_dir, relative);
  }
  // The same path as messages name it.
  std::string DisplayPath(const std::string& relative) const {
    return JoinPath(options.display_dir, relative);
  }
  // A problem the file system found at a path of the site, named as messages name it.
  Diagnostic Shown(Diagnostic problem) const {
    return ShownAs(std::move(problem), options.site_dir, options.display_dir);
  }
  // With --explain, says why the build does something.
  void Explain(std::string reason) const {
    if (options.explain) explanations.push_back(std::move(reason));
  }
};

}  // namespace kiosk
