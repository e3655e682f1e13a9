#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "base/memory.h"
#include "base/parallel.h"
#include "pipeline/address_stage.h"
#include "pipeline/output_plan.h"
#include "pipeline/previous_build.h"
#include "pipeline/record_stage.h"
#include "pipeline/render_stage.h"
#include "pipeline/write_stage.h"

namespace kiosk {

BuildOptions Resolve(const BuildOptions& options) {
  BuildOptions resolved = options;
  if (resolved.out_dir.empty()) resolved.out_dir = JoinPath(options.site_dir, "output");
  if (resolved.jobs <= 0) resolved.jobs = DefaultJobCount();
  return resolved;
}

namespace {

// Runs a build's steps, timing each under its name (kiosk build -v) and reporting it to the
// progress callback as it starts.
class Steps {
 public:
  Steps(std::vector<StepTiming>& timings, const ProgressCallback& progress)
      : timings_(timings), progress_(progress) {}

  template <typename Step>
  decltype(auto) Run(const char* name, Step&& step) {
    if (progress_) progress_(name, 0, 0);
    const Timer timer{name, timings_, std::chrono::steady_clock::now()};
    return step();
  }

 private:
  struct Timer {
    const char* name;
    std::vector<StepTiming>& timings;
    std::chrono::steady_clock::time_point start;
    ~Timer() {
      const std::chrono::duration<double, std::milli> elapsed =
          std::chrono::steady_clock::now() - start;
      timings.push_back({name, elapsed.count()});
    }
  };
  std::vector<StepTiming>& timings_;
  const ProgressCallback& progress_;
};

// What reading a site found.
struct SiteReading {
  PreviousBuild previous;
  // Which of the log's page files are gone from the output: looked for on another thread,
  // through the build's FileSystem, while the site is assembled, as an edit of one page looks
  // for every page's file. After `previous`, whose log it views, so that it is waited for
  // first.
  std::future<std::unordered_set<std::string_view>> pages_missing;
  std::unique_ptr<LoadedSite> loaded;  // when site.yaml and the theme could be read
};

// Reading the site runs every step even after errors, so that one build reports every
// problem of the content; it stops after the build log when `building` and the log says that
// nothing changed.
SiteReading ReadSteps(const BuildContext& context, Steps& steps, bool building) {
  SiteReading reading;
  std::optional<ConfigFile> config =
      steps.Run("read site.yaml", [&] { return ReadConfig(context); });
  if (!config) return reading;
  const SiteConfig& settings = *config->config;
  std::optional<Theme> theme = steps.Run("load theme", [&] {
    return LoadTheme(context.fs, context.options.site_dir, context.options.display_dir, settings,
                     context.diagnostics);
  });
  ContentListing listing = steps.Run("find content", [&] { return FindContent(context); });
  std::string published = steps.Run("read published.txt", [&] { return ReadPublished(context); });
  uint64_t inputs = 0;
  if (theme) {
    steps.Run("read build log", [&] {
      inputs = InputsStamp(context, config->hash, *theme, listing);
      reading.previous = ReadBuildLog(context, LoggedInputs(inputs, published), building);
      // An incremental build places every page from the log at once; a full build streams.
      if (context.options.large_pages_when_incremental) {
        AllowLargePages(reading.previous.log.has_value());
      }
    });
    if (reading.previous.up_to_date) return reading;
  }
  ContentFiles files = steps.Run(
      "sort out content", [&] { return SortOutContent(context, settings, std::move(listing)); });
  const BuildLog* log = reading.previous.log ? &*reading.previous.log : nullptr;
  ParsedSources sources =
      steps.Run("parse pages", [&] { return ParsePages(context, *config, files, log); });
  steps.Run("read content types", [&] {
    ReadContentTypes(context, sources);
    CheckPageImages(context, settings, files, theme ? &*theme : nullptr, sources);
  });
  Site site = steps.Run("assemble site", [&] {
    // Placing the pages keeps one core busy; meanwhile a build that will update its output in
    // place looks for the previous build's page files.
    if (building && log && !context.diagnostics.has_errors() && LogDescribesOutput(context, *log)) {
      reading.pages_missing =
          std::async(std::launch::async, MissingPageFiles, std::cref(context.fs),
                     context.options.out_dir, std::span<const LoggedPage>(log->pages));
    }
    return AssemblePages(context, settings, theme ? &*theme : nullptr, sources);
  });
  TranslationStatus translations =
      steps.Run("check translations", [&] { return CheckTranslations(context, site); });
  if (theme) {
    reading.loaded = std::make_unique<LoadedSite>(LoadedSite{
        std::move(*config), std::move(*theme), inputs, std::move(published), std::string(),
        std::move(files), std::move(sources), std::move(site), std::move(translations)});
  }
  return reading;
}

bool AnySummarized(const LoadedSite* loaded) {
  return loaded && std::any_of(loaded->sources.pages.begin(), loaded->sources.pages.end(),
                               [](const auto& page) { return page && page->summary_only; });
}

// The site's addresses settled, once it is known that no page has to be read again for its
// lines.
SiteReading Settled(const BuildContext& context, Steps& steps, SiteReading reading) {
  if (reading.loaded) {
    steps.Run("settle addresses", [&] {
      SettleAddressStage(context, *reading.loaded,
                         reading.previous.log ? &*reading.previous.log : nullptr);
    });
  }
  return reading;
}

// The problems sorted, and the translation status, for the command line.
SiteReading Reported(SiteReading reading, BuildResult& result) {
  result.diagnostics.sort();
  if (reading.loaded) {
    result.pages_per_language = reading.loaded->translations.pages_per_language;
    result.missing_translations = reading.loaded->translations.missing;
  }
  return reading;
}

SiteReading ReadSite(FileSystem& fs, const BuildOptions& options, BuildResult& result,
                     bool building) {
  BuildContext context{fs, options, result.diagnostics, result.explanations};
  Steps steps(result.timings, context.options.progress);
  SiteReading reading = ReadSteps(context, steps, building);
  if (!result.diagnostics.has_errors() || !AnySummarized(reading.loaded.get())) {
    return Reported(Settled(context, steps, std::move(reading)), result);
  }
  // Pages read from the build log carry no line numbers: read everything again, so that
  // every message points at its line. The log still tells which pages changed, for the
  // accessibility check of a site with errors (CheckSteps).
  PreviousBuild previous = std::move(reading.previous);
  result = BuildResult();
  BuildOptions full = options;
  full.incremental = false;
  BuildContext full_context{fs, full, result.diagnostics, result.explanations};
  SiteReading full_reading = ReadSteps(full_context, steps, building);
  full_reading.previous = std::move(previous);
  return Reported(Settled(full_context, steps, std::move(full_reading)), result);
}

// Nothing to do: the previous build's report stands, warnings included.
void ReportUpToDate(const BuildLog& log, const BuildOptions& options, BuildResult& result) {
  result.diagnostics = Diagnostics();
  for (const Diagnostic& warning : log.report.warnings) result.diagnostics.add(warning);
  for (const auto& [language, count] : log.report.pages_per_language) {
    result.pages_per_language[language] = static_cast<int>(count);
  }
  for (const auto& [file, language] : log.report.missing_translations) {
    result.missing_translations.push_back({file, language});
  }
  if (options.explain) {
    result.explanations.push_back(
        "nothing: no input changed since the last build, and its output is all there");
  }
}

// Writing runs only on a sound site, and stops at the first step that finds a problem.
void WriteSteps(const BuildContext& context, Steps& steps, SiteReading& reading,
                BuildResult& result) {
  LoadedSite& loaded = *reading.loaded;
  const PreviousBuild& previous = reading.previous;
  const auto failed = [&] { return context.diagnostics.has_errors(); };
  OutputPlan plan = steps.Run("plan outputs", [&] {
    std::unordered_set<std::string_view> missing;
    if (reading.pages_missing.valid()) missing = reading.pages_missing.get();
    return PlanOutputs(context, loaded, previous, missing);
  });
  if (failed()) return;
  steps.Run("parse pages to render",
            [&] { ParseSummarizedPages(context, loaded, plan.to_render); });
  if (failed()) return;
  RenderedPages rendered =
      steps.Run("render pages", [&] { return RenderAndCheckPages(context, loaded, plan); });
  result.pages_rendered = plan.to_render.size();
  result.check_failures = rendered.check_failures;
  result.check_notices = rendered.check_notices;
  if (failed()) return;
  RecordFiles records = steps.Run("make search index and open data",
                                  [&] { return MakeRecordFiles(context, loaded, plan, previous); });
  if (failed()) return;
  result.files_written = steps.Run("write output and build log", [&] {
    return WriteOutput(context, loaded, previous, std::move(plan), std::move(rendered),
                       std::move(records));
  });
  if (failed()) return;
  steps.Run("write published.txt", [&] { RecordPublished(context, loaded); });
}

// A site with errors writes nothing, but its pages are still checked, so that the gate's
// findings come with the other errors rather than in a second round: the pages a sound build
// would render (those that changed, with a build log), each rendered, checked and let go.
void CheckSteps(const BuildContext& context, Steps& steps, const SiteReading& reading,
                BuildResult& result) {
  const LoadedSite& loaded = *reading.loaded;
  const OutputPlan plan =
      steps.Run("plan outputs", [&] { return PlanOutputs(context, loaded, reading.previous, {}); });
  const RenderedPages rendered = steps.Run("check pages", [&] {
    return RenderAndCheckPages(context, loaded, plan, RenderedOutput::kDiscarded);
  });
  result.check_failures = rendered.check_failures;
  result.check_notices = rendered.check_notices;
}

}  // namespace

std::unique_ptr<LoadedSite> LoadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result) {
  SiteReading reading = ReadSite(fs, Resolve(options), result, /*building=*/false);
  if (result.diagnostics.has_errors()) return nullptr;
  return std::move(reading.loaded);
}

BuildResult BuildSite(FileSystem& fs, const BuildOptions& options) {
  BuildResult result;
  const BuildOptions resolved = Resolve(options);
  SiteReading reading = ReadSite(fs, resolved, result, /*building=*/true);
  if (reading.previous.up_to_date) {
    ReportUpToDate(*reading.previous.log, resolved, result);
  } else if (!result.diagnostics.has_errors() || (reading.loaded && resolved.check)) {
    BuildContext context{fs, resolved, result.diagnostics, result.explanations};
    Steps steps(result.timings, context.options.progress);
    if (result.diagnostics.has_errors()) {
      CheckSteps(context, steps, reading, result);
    } else {
      WriteSteps(context, steps, reading, result);
    }
  }
  result.diagnostics.sort();
  if (!resolved.free_memory) {
    // Left to the operating system, but not while a thread still reads the output folder.
    if (reading.pages_missing.valid()) reading.pages_missing.wait();
    (void)new SiteReading(std::move(reading));
  }
  return result;
}

}  // namespace kiosk
