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

// Returns how many files were written. A failed write into a staging folder leaves the
// previous output and its log; one in place leaves no log, and the next build is a full one.
size_t WriteOutput(const BuildContext& context, const LoadedSite& loaded,
                   const PreviousBuild& previous, OutputPlan plan, RenderedPages rendered,
                   RecordFiles records);

}  // namespace kiosk
