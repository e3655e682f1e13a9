// The output plan: what each page is made from, which pages to render, and which other files
// (static files, sitemap.xml, feeds) to write; every page in a clean build, what changed in
// an incremental one.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "incremental/build_log.h"
#include "pipeline/build_context.h"
#include "pipeline/previous_build.h"
#include "pipeline/read_stages.h"
#include "render/page_renderer.h"

namespace kiosk {

struct OutputPlan {
  bool in_place = false;  // update the previous output instead of replacing it
  // Per page: what it is made from, and the files of the pages kept as they are.
  std::vector<OutputRecord> records;
  std::vector<const LoggedPage*> logged;  // per page, when in place: its record in the log
  std::vector<int> to_render;             // pages, in page order
  std::vector<OutputFile> copies;         // static files and kiosk's own files to write
  std::map<std::string, uint64_t> copy_fingerprints;     // every such file the output holds
  std::unordered_map<std::string_view, int> page_index;  // every page's HTML file -> page
  std::vector<std::string> record_paths;                 // the open data's (RecordFilePaths)
  uint64_t site_map_inputs = 0;                          // what sitemap.xml is made of
};

// `missing_pages`: which of the log's page files are gone from the output (they are written
// again). A static file at a page's or a record file's path is an error.
OutputPlan PlanOutputs(const BuildContext& context, const LoadedSite& loaded,
                       const PreviousBuild& previous,
                       const std::unordered_set<std::string_view>& missing_pages);

}  // namespace kiosk
