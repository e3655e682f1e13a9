// The search indexes and open-data files: the records of the pages rendered now, and the
// previous files' lines for the others, found where the build log says they are.
#pragma once

#include <vector>

#include "incremental/build_log.h"
#include "pipeline/build_context.h"
#include "pipeline/output_plan.h"
#include "pipeline/previous_build.h"
#include "pipeline/read_stages.h"
#include "render/page_renderer.h"

namespace kiosk {

struct RecordFiles {
  // Every record file: the open data's (OutputPlan::record_paths), then each language's
  // search index's (SearchIndexFiles::paths), which depend on its pages.
  std::vector<std::string> paths;
  std::vector<OutputFile> changed;           // the files to write
  std::vector<std::vector<RecordRun>> runs;  // per page: where its lines are (file: in `paths`)
};

// Pages whose lines are not known are parsed in full for theirs (in `loaded`).
RecordFiles MakeRecordFiles(const BuildContext& context, LoadedSite& loaded, const OutputPlan& plan,
                            const PreviousBuild& previous);

}  // namespace kiosk
