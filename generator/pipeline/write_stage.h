// Writes the output and the build log: a clean build's staging folder swapped in, or the
// changed files in place and what removed pages left deleted; at the same time, on another
// thread, the log of what this build read and wrote, which takes its place once the output
// is complete.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "pipeline/build_context.h"
#include "pipeline/output_plan.h"
#include "pipeline/previous_build.h"
#include "pipeline/read_stages.h"
#include "pipeline/record_stage.h"
#include "pipeline/render_stage.h"

namespace kiosk {

struct WrittenOutput {
  size_t files_written = 0;
  // After a failure: false when the output had begun to change (it is then partly updated).
  bool output_unchanged = true;
  // With `keep`, once written: each page's record, and this build's log, which views them
  // and the loaded site (for a KeptBuild).
  std::vector<OutputRecord> records;
  std::optional<BuildLog> log;
};

// The files of the pages rendered and the files to copy, written in place ahead of the rest
// of the output (see BuildOptions::pages_written) and taken out of `rendered` and `plan`, as
// one change: a failed write leaves the output as it was, which the result says as
// WriteOutput's does. On failure, the error is added; the build log on disk, which no longer
// describes the output, is removed either way.
WrittenOutput WritePagesAhead(const BuildContext& context, RenderedPages& rendered,
                              OutputPlan& plan);

// A failed write leaves the previous output as it was: into a staging folder, with its log;
// in place, without a log, and the next build is a full one. Only renaming the files written
// in place into place can fail half-way, which the result says. With `keep`, the log is not
// saved but returned, with the pages' records.
WrittenOutput WriteOutput(const BuildContext& context, const LoadedSite& loaded,
                          const PreviousBuild& previous, OutputPlan plan, RenderedPages rendered,
                          RecordFiles records, bool keep);

}  // namespace kiosk
