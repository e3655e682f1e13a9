// Renders the pages the output plan names and checks each against the accessibility rules at
// site.yaml's level (the build gate): findings at or below it are errors at the Markdown line
// or template that caused them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "output/output_writer.h"
#include "pipeline/build_context.h"
#include "pipeline/output_plan.h"
#include "pipeline/read_stages.h"
#include "render/page_renderer.h"

namespace kiosk {

struct RenderedPages {
  // Per page of OutputPlan::to_render: the paths of its files, its HTML first.
  std::vector<std::vector<std::string>> paths;
  // An incremental build keeps its few pages until all are good (per page of to_render)...
  std::vector<std::vector<OutputFile>> files;
  // ... a clean build writes each page into the new output folder as soon as it is rendered
  // and checked, so that memory stays flat as the site grows.
  std::unique_ptr<StagedOutput> staged;
  size_t check_failures = 0;  // findings at or below the site's level: they fail the build
  size_t check_notices = 0;   // findings above it
};

// What becomes of the pages rendered.
enum class RenderedOutput {
  kWritten,    // kept, or written into the new output folder, as RenderedPages says
  kDiscarded,  // only checked: the site has errors already, and nothing will be written
};

RenderedPages RenderAndCheckPages(const BuildContext& context, const LoadedSite& loaded,
                                  const OutputPlan& plan,
                                  RenderedOutput output = RenderedOutput::kWritten);

}  // namespace kiosk
