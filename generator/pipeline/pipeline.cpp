#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "addresses/published.h"
#include "base/memory.h"
#include "base/parallel.h"
#include "output/output_writer.h"
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

// What a SiteBuilder hands each build, and takes back.
struct Keeping {
  std::unique_ptr<KeptBuild> kept;      // the build before, once this process has made one
  std::unique_ptr<KeptBuild> replaced;  // the build this one replaced, for the caller to free
  // The paths below the site folder that changed since the build before, when known.
  std::optional<std::vector<std::string>> changed;
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
  std::optional<ContentListing> listing;  // as found, when the build is to be kept
};

// Reading the site runs every step even after errors, so that one build reports every
// problem of the content; it stops after the build log when `building` and the log says that
// nothing changed. With `keeping`, it starts from the build kept there, which it takes.
SiteReading ReadSteps(const BuildContext& context, Steps& steps, bool building,
                      Keeping* keeping) {
  SiteReading reading;
  std::optional<ConfigFile> config =
      steps.Run("read site.yaml", [&] { return ReadConfig(context); });
  if (!config) return reading;
  const SiteConfig& settings = *config->config;
  std::optional<Theme> theme = steps.Run("load theme", [&] {
    return LoadTheme(context.fs, context.options.site_dir, context.options.display_dir, settings,
                     context.diagnostics);
  });
  const KeptBuild* before = keeping ? keeping->kept.get() : nullptr;
  ContentListing listing = steps.Run("find content", [&] {
    if (!before || !keeping->changed) return FindContent(context);
    return FindContent(context, &before->listing, &*keeping->changed);
  });
  if (keeping) reading.listing = listing;
  std::string published = steps.Run("read published.txt", [&] { return ReadPublished(context); });
  uint64_t inputs = 0;
  if (theme) {
    steps.Run("read build log", [&] {
      inputs = InputsStamp(context, config->hash, *theme, listing);
      reading.previous = ReadBuildLog(context, LoggedInputs(inputs, published), building,
                                      keeping ? std::move(keeping->kept) : nullptr);
      // An incremental build places every page from the log at once; a full build streams.
      if (context.options.large_pages_when_incremental) {
        AllowLargePages(reading.previous.log() != nullptr);
      }
    });
    if (reading.previous.up_to_date) return reading;
  }
  ContentFiles files = steps.Run(
      "sort out content", [&] { return SortOutContent(context, settings, std::move(listing)); });
  ParsedSources sources = steps.Run(
      "parse pages", [&] { return ParsePages(context, *config, files, reading.previous); });
  steps.Run("read content types", [&] {
    ReadContentTypes(context, sources);
    CheckPageImages(context, settings, files, theme ? &*theme : nullptr, sources);
  });
  Site site = steps.Run("assemble site", [&] {
    // Placing the pages keeps one core busy; meanwhile a build that will update its output in
    // place looks for the previous build's page files.
    // (A kept build's folder is written by this process alone: its files are all there.)
    const BuildLog* log = reading.previous.read ? &*reading.previous.read : nullptr;
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

// Whether an error names a file whose page was placed from the build log's summary, which
// carries no line numbers (another page claiming its address, its translation key).
bool ErrorsInSummarizedPages(const Diagnostics& diagnostics, const LoadedSite* loaded) {
  if (!loaded || !diagnostics.has_errors()) return false;
  std::unordered_set<std::string_view> summarized;
  for (const auto& page : loaded->sources.pages) {
    if (page && page->summary_only) summarized.insert(page->origin.file);
  }
  return std::any_of(
      diagnostics.items().begin(), diagnostics.items().end(), [&](const Diagnostic& diagnostic) {
        return diagnostic.severity == Severity::kError && summarized.count(diagnostic.where.file);
      });
}

// The site's addresses settled, once it is known that no page has to be read again for its
// lines.
SiteReading Settled(const BuildContext& context, Steps& steps, SiteReading reading) {
  if (reading.loaded) {
    steps.Run("settle addresses", [&] {
      SettleAddressStage(context, *reading.loaded,
                         reading.previous.log());
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
                     bool building, Keeping* keeping = nullptr) {
  // Nothing is read from outside the site through a symbolic link, nor the log written there.
  std::vector<std::string> inputs;
  for (const char* input : {"site.yaml", kPublishedFile, "content", "static", "themes", ".kiosk"}) {
    inputs.push_back(JoinPath(options.site_dir, input));
  }
  fs.ConfineInputs(options.site_dir, inputs);
  BuildContext context{fs, options, result.diagnostics, result.explanations};
  Steps steps(result.timings, context.options.progress);
  SiteReading reading = ReadSteps(context, steps, building, keeping);
  if (!ErrorsInSummarizedPages(result.diagnostics, reading.loaded.get())) {
    return Reported(Settled(context, steps, std::move(reading)), result);
  }
  // Pages read from the build log carry no line numbers: read everything again, so that
  // every message points at its line. The build before still tells which pages changed, for
  // the accessibility check of a site with errors (CheckSteps), and, as nothing is written
  // after errors, a kept build still describes the output.
  PreviousBuild previous = std::move(reading.previous);
  result = BuildResult();
  BuildOptions full = options;
  full.incremental = false;
  BuildContext full_context{fs, full, result.diagnostics, result.explanations};
  SiteReading full_reading = ReadSteps(full_context, steps, building, nullptr);
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

// Writing runs only on a sound site, and stops at the first step that finds a problem. With
// `keeping`, the build is kept there for the next when it succeeds; when it stops with the
// output unchanged, the build before it is kept again, as the output is still the one it
// describes (an output partly updated is not: the next build starts afresh).
void WriteSteps(const BuildContext& context, Steps& steps, SiteReading& reading,
                BuildResult& result, Keeping* keeping) {
  LoadedSite& loaded = *reading.loaded;
  const PreviousBuild& previous = reading.previous;
  const auto failed = [&] {
    if (!context.diagnostics.has_errors()) return false;
    if (keeping && result.output_unchanged) keeping->kept = std::move(reading.previous.kept);
    return true;
  };
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
  if (context.options.pages_written && plan.in_place && !rendered.staged) {
    const WrittenOutput ahead =
        steps.Run("write pages", [&] { return WritePagesAhead(context, rendered, plan); });
    result.files_written += ahead.files_written;
    // Pages in place: should the build fail from here, the output is partly updated.
    result.output_unchanged = ahead.output_unchanged && ahead.files_written == 0;
    if (failed()) return;
    if (ahead.files_written > 0) context.options.pages_written();
  }
  RecordFiles records = steps.Run("make search index and open data",
                                  [&] { return MakeRecordFiles(context, loaded, plan, previous); });
  if (failed()) return;
  WrittenOutput written = steps.Run("write output and build log", [&] {
    return WriteOutput(context, loaded, previous, std::move(plan), std::move(rendered),
                       std::move(records), keeping != nullptr);
  });
  result.files_written += written.files_written;
  result.output_unchanged = result.output_unchanged && written.output_unchanged;
  if (!failed()) steps.Run("write published.txt", [&] { RecordPublished(context, loaded); });
  // Last: the kept build takes the site over.
  if (keeping && written.log) {
    keeping->kept = std::make_unique<KeptBuild>(
        KeptBuild{std::move(*reading.loaded), std::move(*reading.listing),
                  std::move(written.records), std::move(*written.log)});
  }
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

// Builds the site, with `keeping` from the build before and for the next when given.
BuildResult Build(FileSystem& fs, const BuildOptions& options, Keeping* keeping) {
  BuildResult result;
  const BuildOptions resolved = Resolve(options);
  // The output folder and its log are this build's alone until it returns.
  Status place = CheckOutputPlace(fs, resolved.site_dir, resolved.out_dir);
  Result<std::unique_ptr<FileLock>> lock =
      place ? LockOutput(fs, resolved.out_dir) : Result<std::unique_ptr<FileLock>>(place.error());
  if (!lock) {
    result.diagnostics.add(lock.error());
    return result;
  }
  SiteReading reading = ReadSite(fs, resolved, result, /*building=*/true, keeping);
  if (!reading.previous.up_to_date && !result.diagnostics.has_errors()) {
    BuildContext context{fs, resolved, result.diagnostics, result.explanations};
    Steps steps(result.timings, context.options.progress);
    WriteSteps(context, steps, reading, result, keeping);
  } else {
    if (reading.previous.up_to_date) {
      ReportUpToDate(*reading.previous.log(), resolved, result);
    } else if (reading.loaded && resolved.check) {
      BuildContext context{fs, resolved, result.diagnostics, result.explanations};
      Steps steps(result.timings, context.options.progress);
      CheckSteps(context, steps, reading, result);
    }
    if (keeping) keeping->kept = std::move(reading.previous.kept);  // nothing was written
  }
  if (keeping) keeping->replaced = std::move(reading.previous.kept);
  result.diagnostics.sort();
  if (!resolved.free_memory) {
    // Left to the operating system, but not while a thread still reads the output folder.
    // A static holds it, so that LeakSanitizer sees it kept, as it is, until the process ends.
    if (reading.pages_missing.valid()) reading.pages_missing.wait();
    [[maybe_unused]] static const SiteReading* left_to_the_system = nullptr;
    left_to_the_system = new SiteReading(std::move(reading));
  }
  return result;
}

}  // namespace

std::unique_ptr<LoadedSite> LoadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result) {
  SiteReading reading = ReadSite(fs, Resolve(options), result, /*building=*/false);
  if (result.diagnostics.has_errors()) return nullptr;
  return std::move(reading.loaded);
}

BuildResult BuildSite(FileSystem& fs, const BuildOptions& options) {
  return Build(fs, options, nullptr);
}

SiteBuilder::SiteBuilder(FileSystem& fs, const BuildOptions& options)
    : fs_(fs), options_(Resolve(options)) {}

SiteBuilder::~SiteBuilder() = default;

BuildResult SiteBuilder::Build(std::optional<std::vector<std::string>> changed) {
  replaced_.reset();
  if (!changed) {
    unlisted_.reset();
  } else if (unlisted_) {
    unlisted_->insert(unlisted_->end(), changed->begin(), changed->end());
  }
  const KeptBuild* before = kept_.get();
  Keeping keeping{std::move(kept_), nullptr, unlisted_};
  BuildResult result = kiosk::Build(fs_, options_, &keeping);
  kept_ = std::move(keeping.kept);
  replaced_ = std::move(keeping.replaced);
  if (kept_.get() != before) unlisted_.emplace();  // a new build, listed as it is now
  return result;
}

void SiteBuilder::FreeReplaced() { replaced_.reset(); }

Status SiteBuilder::SaveLog() {
  if (!kept_) return Status::Ok();
  const std::string path = LogPath(options_);
  const std::string partial = path + ".partial";
  Status status = WriteBuildLog(fs_, partial, kept_->log, [&] { return kept_->log.record_files; });
  if (status) status = fs_.Rename(partial, path);
  if (!status) fs_.RemoveAll(partial);
  return status;
}

}  // namespace kiosk
