#include "pipeline/record_stage.h"

#include <memory>
#include <optional>
#include <string>

#include "render/record_files.h"

namespace kiosk {

RecordFiles MakeRecordFiles(const BuildContext& context, LoadedSite& loaded, const OutputPlan& plan,
                            const PreviousBuild& previous) {
  const Site& site = loaded.site;
  const BuildLog* log = plan.in_place ? previous.log() : nullptr;
  const std::vector<std::string>& paths = plan.record_paths;
  // Each file's index in the log, and its bytes where it is as the log describes it.
  std::vector<std::optional<uint32_t>> logged_as(paths.size());
  std::vector<std::shared_ptr<const FileBytes>> before(paths.size());
  for (size_t f = 0; f < paths.size() && log; ++f) {
    logged_as[f] = log->FindRecordFile(paths[f]);
    if (!logged_as[f] || !IsAsLogged(context, log->record_files[*logged_as[f]])) continue;
    const std::string path = JoinPath(context.options.out_dir, paths[f]);
    if (Result<std::unique_ptr<const FileBytes>> bytes = context.fs.MapFile(path)) {
      before[f] = std::move(*bytes);
    }
  }
  const auto logged_run = [&](const LoggedPage* logged, size_t f) -> const RecordRun* {
    if (!logged || !logged_as[f]) return nullptr;
    for (const RecordRun& run : logged->runs) {
      if (run.file == *logged_as[f]) return &run;
    }
    return nullptr;
  };

  // A file is made again when it is not as the last build left it (missing, or changed since:
  // all its pages' lines are made anew), or when a page it lists or listed was rendered or
  // is gone.
  std::vector<char> needed(paths.size());
  for (size_t f = 0; f < paths.size(); ++f) needed[f] = !before[f];
  if (log) {
    const std::vector<char> listing = RecordFilesListing(site, plan.to_render);
    for (size_t f = 0; f < paths.size(); ++f) needed[f] = needed[f] || listing[f];
    for (int index : plan.to_render) {
      for (size_t f = 0; f < paths.size(); ++f) {
        // Also the files the page was in before: its type or language may have changed.
        if (logged_run(plan.logged[index], f)) needed[f] = true;
      }
    }
    for (const LoggedPage& logged : log->pages) {
      if (plan.page_index.count(logged.page)) continue;
      for (size_t f = 0; f < paths.size(); ++f) {
        if (logged_run(&logged, f)) needed[f] = true;
      }
    }
    // Pages keep their order from build to build, unless a content file was renamed and kept
    // its address (a slug): its lines must then move.
    for (size_t f = 0; f < paths.size(); ++f) {
      uint64_t end = 0;
      for (size_t page = 0; page < site.pages().size() && !needed[f]; ++page) {
        const RecordRun* run = logged_run(plan.logged[page], f);
        if (!run || !run->size) continue;
        needed[f] = run->offset < end;
        end = run->offset + run->size;
      }
    }
  }
  RecordFiles made;
  made.runs.resize(site.pages().size());
  // Files kept as they are keep their pages' lines where they were.
  for (size_t f = 0; f < paths.size(); ++f) {
    if (needed[f]) continue;
    for (size_t page = 0; page < site.pages().size(); ++page) {
      if (const RecordRun* run = logged_run(plan.logged[page], f)) {
        made.runs[page].push_back({static_cast<uint32_t>(f), run->offset, run->size});
      }
    }
  }

  std::vector<bool> rendered(site.pages().size(), !plan.in_place);
  for (int index : plan.to_render) rendered[index] = true;
  const auto previous_lines = [&](size_t f, int page) -> std::optional<RecordLines> {
    const RecordRun* run = logged_run(plan.logged[page], f);
    if (!run) return std::nullopt;
    return RecordLines{run->offset, run->size};
  };
  std::vector<RecordFile> files = RenderRecordFiles(
      site, [&](int index) { return rendered[index]; },
      [&](const std::vector<int>& pages) { ParseSummarizedPages(context, loaded, pages); }, before,
      previous_lines, [&](size_t f) { return needed[f] != 0; }, context.jobs());
  for (RecordFile& file : files) {
    for (const auto& [page, lines] : file.lines) {
      made.runs[page].push_back({static_cast<uint32_t>(file.index), lines.offset, lines.size});
    }
    if (!file.unchanged) made.changed.push_back(std::move(file.file));
  }
  return made;
}

}  // namespace kiosk
