// Writes the output and the build log: a clean build's staging folder swapped in, or the
// changed files in place and what removed pages left deleted; at the same time, on another
// thread, the log of what this build read and wrote, which takes its place once the output
// is complete.
#pragma once

#include <cstddef>

#include "pipeline/build_context.h"
#include "pipeline/output_plan.h"
#include "pipeline/previous_build.h"
#include "pipeline/read_stages.h"
#include "pipeline/record_stage.h"
#include "pipeline/render_stage.h"

namespace kiosk {

struct WrittenOutput {
  size_t files = 0;  // written
  // After a failure: false when the output had begun to change (it is then partly updated).
  bool output_unchanged = true;
};

// A failed write leaves the previous output as it was: into a staging folder, with its log;
// in place, without a log, and the next build is a full one. Only renaming the files written
// in place into place can fail half-way, which the result says.
WrittenOutput WriteOutput(const BuildContext& context, const LoadedSite& loaded,
                          const PreviousBuild& previous, OutputPlan plan, RenderedPages rendered,
                          RecordFiles records);

}  // namespace kiosk
