#include "pipeline/record_stage.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "base/parallel.h"
#include "base/text.h"
#include "render/record_files.h"
#include "search/search_index.h"

namespace kiosk {

namespace {

// The files of the last build's output as its log recorded them: each known while its size
// and time are as the log says (a file changed by hand since, or by a build that failed, is
// not). Asked from several threads.
class LoggedOutput : public PreviousOutput {
 public:
  // `as_logged`: AreAsLogged of the log's record files.
  LoggedOutput(const BuildContext& context, const BuildLog* log, const std::vector<char>& as_logged)
      : context_(context) {
    for (size_t f = 0; log && f < log->record_files.size(); ++f) {
      if (as_logged[f]) sizes_.emplace(log->record_files[f].path, log->record_files[f].size);
    }
  }

  std::optional<uint64_t> Size(const std::string& path) const override {
    const auto found = sizes_.find(path);
    return found == sizes_.end() ? std::nullopt : std::optional(found->second);
  }

  std::shared_ptr<const FileBytes> Bytes(const std::string& path) const override {
    Result<std::unique_ptr<const FileBytes>> bytes =
        context_.fs.MapFile(JoinPath(context_.options.out_dir, path));
    return bytes ? std::shared_ptr<const FileBytes>(std::move(*bytes)) : nullptr;
  }

 private:
  const BuildContext& context_;
  std::unordered_map<std::string_view, uint64_t> sizes_;
};

// Each language's search index: the documents of the pages rendered now (and of those whose
// document the last build's files do not hold), the others' where the log says they are.
// Its files are added to `made.paths`, the pages' documents to their runs.
void MakeSearchIndexes(const BuildContext& context, LoadedSite& loaded, const OutputPlan& plan,
                       const BuildLog* log, const std::vector<char>& as_logged, RecordFiles& made) {
  const Site& site = loaded.site;
  const LoggedOutput logged(context, log, as_logged);
  std::vector<bool> rendered(site.pages().size(), !plan.in_place);
  for (int index : plan.to_render) rendered[index] = true;
  for (const Language& language : site.config().languages) {
    const std::string folder = SearchIndexFolder(site.config(), language.code);
    // The log's record files that are this index's and as it recorded them.
    std::vector<char> usable(log ? log->record_files.size() : 0);
    for (size_t f = 0; f < usable.size(); ++f) {
      usable[f] = as_logged[f] && StartsWith(log->record_files[f].path, folder);
    }
    const std::vector<int> listed = SearchIndexPages(site, language.code);
    std::vector<SearchIndexPage> pages(listed.size());
    std::vector<size_t> renewed;
    for (size_t i = 0; i < listed.size(); ++i) {
      const int page = listed[i];
      pages[i].page_file = site.page(page).output_file;
      const LoggedPage* logged_page = plan.logged[page];
      for (size_t r = 0; logged_page && r < logged_page->runs.size(); ++r) {
        const RecordRun& run = logged_page->runs[r];
        if (usable[run.file]) {
          pages[i].previous = SearchDocumentAt{log->record_files[run.file].path, run.offset, run.size};
        }
      }
      if (rendered[page] || !pages[i].previous) renewed.push_back(i);
    }
    std::vector<int> to_parse;
    for (size_t i : renewed) to_parse.push_back(listed[i]);
    ParseSummarizedPages(context, loaded, to_parse);
    ParallelFor(renewed.size(), context.jobs(), [&](size_t n, int) {
      pages[renewed[n]].document = SearchDocument(site, site.page(listed[renewed[n]]));
    });
    SearchIndexFiles index =
        MakeSearchIndex(folder, pages, logged, context.options.search_layout, context.jobs());
    const auto first_file = static_cast<uint32_t>(made.paths.size());
    for (std::string& path : index.paths) made.paths.push_back(std::move(path));
    for (size_t i = 0; i < listed.size(); ++i) {
      RecordRun at = index.documents[i];
      at.file += first_file;
      made.runs[listed[i]].push_back(at);
    }
    for (OutputFile& file : index.changed) made.changed.push_back(std::move(file));
  }
}

}  // namespace

RecordFiles MakeRecordFiles(const BuildContext& context, LoadedSite& loaded, const OutputPlan& plan,
                            const PreviousBuild& previous) {
  const Site& site = loaded.site;
  const BuildLog* log = plan.in_place ? previous.log() : nullptr;
  const std::vector<std::string>& paths = plan.record_paths;
  const std::vector<char> as_logged =
      log ? AreAsLogged(context, log->record_files) : std::vector<char>();
  // Each file's index in the log, and its bytes where it is as the log describes it.
  std::vector<std::optional<uint32_t>> logged_as(paths.size());
  std::vector<std::shared_ptr<const FileBytes>> before(paths.size());
  for (size_t f = 0; f < paths.size() && log; ++f) {
    logged_as[f] = log->FindRecordFile(paths[f]);
    if (!logged_as[f] || !as_logged[*logged_as[f]]) continue;
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
  made.paths = paths;
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
  MakeSearchIndexes(context, loaded, plan, log, as_logged, made);
  return made;
}

}  // namespace kiosk
