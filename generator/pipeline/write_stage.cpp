#include "pipeline/write_stage.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <initializer_list>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "output/output_writer.h"

namespace kiosk {

namespace {

// Writes the files beside their targets in `out_dir`, then puts them all in place and deletes
// `removed` (StagedUpdate): a failed write leaves the folder as it was. `changed` says whether
// it changed all the same (a rename failing half-way).
Status UpdateInPlace(FileSystem& fs, const std::string& out_dir,
                     std::initializer_list<const std::vector<OutputFile>*> groups,
                     const std::vector<std::string>& removed, bool& changed) {
  Result<std::unique_ptr<StagedUpdate>> update = StagedUpdate::Begin(fs, out_dir);
  if (!update) return update.error();
  Status status;
  for (const std::vector<OutputFile>* files : groups) {
    for (auto file = files->begin(); status && file != files->end(); ++file) {
      status = (*update)->Write(*file);
    }
  }
  if (status) status = (*update)->Commit(removed);
  changed = (*update)->changed();
  return status;
}

// What the previous build wrote and this one does not: deleted or renamed pages, a page's
// file it no longer has, copied files whose source is gone, and the search index of a
// language the site no longer has. Only the files of pages gone or rendered again, copies
// no longer made and record files no longer made can be such files; most edits have none,
// and need not gather every file the output holds.
std::vector<std::string> FilesToRemove(const BuildContext& context, const BuildLog& log,
                                       const OutputPlan& plan,
                                       const std::vector<std::string>& record_paths) {
  std::vector<std::string_view> candidates;
  for (const LoggedPage& page : log.pages) {
    const auto now = plan.page_index.find(page.page);
    const std::vector<std::string>* files =
        now == plan.page_index.end() ? nullptr : &plan.records[now->second].files;
    for (std::string_view file : page.files) {
      if (!files || std::find(files->begin(), files->end(), file) == files->end()) {
        candidates.push_back(file);
      }
    }
  }
  for (const auto& [path, fingerprint] : log.copies) {
    if (!plan.copy_fingerprints.count(path)) candidates.push_back(path);
  }
  const std::unordered_set<std::string_view> made(record_paths.begin(), record_paths.end());
  for (const RecordFileStamp& stamp : log.record_files) {
    if (!made.count(stamp.path)) candidates.push_back(stamp.path);
  }
  if (candidates.empty()) return {};

  // A copy may take a page's file's place, a record file a copy's (a static file given up
  // for the search index of a language added in the same edit).
  std::unordered_set<std::string_view> wanted;
  wanted.reserve(3 * plan.records.size() + plan.copy_fingerprints.size() + record_paths.size());
  for (const OutputRecord& record : plan.records) {
    wanted.insert(record.files.begin(), record.files.end());
  }
  for (const auto& [path, fingerprint] : plan.copy_fingerprints) wanted.insert(path);
  wanted.insert(record_paths.begin(), record_paths.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::string> removed;
  for (std::string_view file : candidates) {
    if (!wanted.count(file)) removed.emplace_back(file);
  }
  for (const std::string& path : removed) {
    context.Explain("/" + path + ": removed, as its page or file is gone");
  }
  return removed;
}

// Whether the build log on disk says it all already: nothing was read or written anew.
bool LogStands(const LoadedSite& loaded, const PreviousBuild& previous, const OutputPlan& plan,
               const RecordFiles& records, bool removed_any) {
  const std::vector<std::optional<SourcePage>>& sources = loaded.sources.pages;
  const bool all_from_log =
      std::all_of(sources.begin(), sources.end(),
                  [](const auto& page) { return !page || page->summary_only; }) &&
      previous.log() && previous.log()->sources.size() == sources.size();
  return plan.in_place && all_from_log && plan.to_render.empty() && plan.copies.empty() &&
         records.changed.empty() && !removed_any &&
         previous.log()->inputs == LoggedInputs(loaded.inputs, loaded.published_after);
}

// The build log to leave for the next build, made once the output's files are known. It views
// the pages, records and summaries where the build holds them; the copies' fingerprints are
// moved into it.
BuildLog LogOf(const BuildContext& context, const LoadedSite& loaded,
               const std::vector<OutputRecord>& records, uint64_t site_map_inputs,
               std::map<std::string, uint64_t> copy_fingerprints) {
  BuildLog log;
  log.out_dir = AbsoluteFolder(context.options.out_dir);
  log.config_hash = loaded.config.hash;
  log.inputs = LoggedInputs(loaded.inputs, loaded.published_after);
  log.site_map = site_map_inputs;
  std::map<std::string, std::vector<Diagnostic>> warnings;  // by file
  for (const Diagnostic& diagnostic : context.diagnostics.items()) {
    if (diagnostic.severity != Severity::kWarning) continue;
    warnings[diagnostic.where.file].push_back(diagnostic);
    log.report.warnings.push_back(diagnostic);
  }
  for (const auto& [language, count] : loaded.translations.pages_per_language) {
    log.report.pages_per_language[language] = count;
  }
  for (const MissingTranslation& missing : loaded.translations.missing) {
    log.report.missing_translations.emplace_back(missing.file, missing.language);
  }
  // Content files come sorted by path.
  const ContentFiles& files = loaded.files;
  log.sources.reserve(files.pages.size());
  for (size_t i = 0; i < files.pages.size(); ++i) {
    if (!loaded.sources.pages[i]) continue;
    const FileInfo& info = files.page_infos[i];
    const ContentFile& file = files.pages[i];
    const auto found = warnings.find(file.file);
    log.sources.push_back({file.path, info.size, info.mtime_ns,
                           loaded.sources.pages[i]->content_hash, loaded.sources.summaries[i],
                           found == warnings.end() ? std::vector<Diagnostic>() : found->second});
  }
  const Site& site = loaded.site;
  log.pages.reserve(site.pages().size());
  size_t file_count = 0;
  for (const OutputRecord& record : records) file_count += record.files.size();
  log.page_files.reserve(file_count);  // so that the pages' spans stay where they point
  for (size_t i = 0; i < site.pages().size(); ++i) {
    const OutputRecord& record = records[i];
    const std::span<const std::string_view> page_files(
        log.page_files.data() + log.page_files.size(), record.files.size());
    log.page_files.insert(log.page_files.end(), record.files.begin(), record.files.end());
    log.pages.push_back({site.page(i).output_file, record.made_from, page_files, record.runs});
  }
  log.SortPages();
  log.copies = std::move(copy_fingerprints);
  return log;
}

// The record files as the output now holds them, in the order of RecordFiles::paths: those
// written now as they are on disk, the others as the last build left them.
std::vector<RecordFileStamp> RecordFileStamps(const BuildContext& context,
                                              const PreviousBuild& previous, const OutputPlan& plan,
                                              const std::vector<std::string>& paths,
                                              const std::vector<std::string>& written) {
  const std::unordered_set<std::string_view> written_now(written.begin(), written.end());
  std::unordered_map<std::string_view, const RecordFileStamp*> logged;
  if (plan.in_place) {
    for (const RecordFileStamp& stamp : previous.log()->record_files) logged[stamp.path] = &stamp;
  }
  std::vector<RecordFileStamp> stamps(paths.size());
  for (size_t f = 0; f < paths.size(); ++f) {
    stamps[f].path = paths[f];
    if (written_now.count(paths[f])) {
      if (Result<FileInfo> info = context.fs.Stat(JoinPath(context.options.out_dir, paths[f]))) {
        stamps[f].known = true;
        stamps[f].size = info->size;
        stamps[f].mtime_ns = info->mtime_ns;
      }
    } else if (const auto stamp = logged.find(paths[f]); stamp != logged.end()) {
      stamps[f] = *stamp->second;
    }
  }
  return stamps;
}

}  // namespace

WrittenOutput WritePagesAhead(const BuildContext& context, RenderedPages& rendered,
                              OutputPlan& plan) {
  // The log on disk goes first, as WriteOutput does before it writes anything in place.
  context.fs.RemoveAll(LogPath(context.options));
  // The copies too: a page shown without the picture added with it would stay so.
  std::vector<OutputFile> files = std::move(plan.copies);
  plan.copies.clear();
  for (std::vector<OutputFile>& page : rendered.files) {
    for (OutputFile& file : page) files.push_back(std::move(file));
  }
  rendered.files.clear();
  bool changed = false;
  if (Status status = UpdateInPlace(context.fs, context.options.out_dir, {&files}, {}, changed);
      !status) {
    context.diagnostics.add(status.error());
    return {.output_unchanged = !changed};
  }
  return {.files_written = files.size()};
}

// Writes the output and the build log at the same time: on an edit of a large site the two
// take about as long, each on one core. The log is written beside its place and takes it
// only once the output is written.
WrittenOutput WriteOutput(const BuildContext& context, const LoadedSite& loaded,
                          const PreviousBuild& previous, OutputPlan plan, RenderedPages rendered,
                          RecordFiles records, bool keep) {
  // Each page's record for the log: the files of the pages rendered now, and where every
  // page's lines are in the record files.
  for (size_t n = 0; n < plan.to_render.size(); ++n) {
    plan.records[plan.to_render[n]].files = std::move(rendered.paths[n]);
  }
  for (size_t page = 0; page < plan.records.size(); ++page) {
    plan.records[page].runs = std::move(records.runs[page]);
  }
  const BuildLog* previous_log = previous.log();
  std::vector<std::string> removed;
  if (!rendered.staged) removed = FilesToRemove(context, *previous_log, plan, records.paths);
  const bool log_changes = !LogStands(loaded, previous, plan, records, !removed.empty());
  // A kept build's log stays in memory (SiteBuilder::SaveLog writes it): the one on disk,
  // which will no longer describe the output, goes before anything is written.
  const bool save_log = log_changes && !keep;
  if (log_changes && keep) context.fs.RemoveAll(LogPath(context.options));
  WrittenOutput written;
  if (rendered.staged) {  // the pages' files are staged already
    for (int page : plan.to_render) written.files_written += plan.records[page].files.size();
  }
  std::vector<OutputFile> outputs;
  for (std::vector<OutputFile>& files : rendered.files) {
    for (OutputFile& file : files) outputs.push_back(std::move(file));
  }
  for (OutputFile& file : plan.copies) outputs.push_back(std::move(file));
  written.files_written += outputs.size();

  std::vector<OutputFile> record_files = std::move(records.changed);
  std::vector<std::string> records_written;
  for (const OutputFile& file : record_files) records_written.push_back(file.path);
  written.files_written += record_files.size();

  // From here the log's thread reads the loaded site and the plan's records and takes the
  // plan's copies' fingerprints; this one touches only the files it writes, the file system,
  // and, for the record files' stamps, the plan's record paths and the old log.
  const std::string log_path = LogPath(context.options);
  const std::string partial_log = log_path + ".partial";
  // The record files' stamps go last in the log, once the files are written.
  std::promise<std::vector<RecordFileStamp>> record_stamps;
  const std::shared_future<std::vector<RecordFileStamp>> stamps =
      record_stamps.get_future().share();
  std::optional<BuildLog> log;
  Status log_status;
  std::jthread log_writer([&](std::stop_token stop) {
    if (!save_log && !keep) return;
    log = LogOf(context, loaded, plan.records, plan.site_map_inputs,
                std::move(plan.copy_fingerprints));
    if (!save_log) return;
    log_status = WriteBuildLog(context.fs, partial_log, *log, [&] {
      // Left without them (an exception on the way), the thread's destructor asks it to stop.
      while (stamps.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready) {
        if (stop.stop_requested()) return std::vector<RecordFileStamp>();
      }
      return stamps.get();
    });
  });
  const auto give_stamps = [&](bool written_ok) {
    record_stamps.set_value(written_ok && (save_log || keep)
                                ? RecordFileStamps(context, previous, plan, records.paths,
                                                   records_written)
                                : std::vector<RecordFileStamp>());
  };
  Status status;
  bool changed_in_place = false;
  if (rendered.staged) {
    for (const auto* files : {&record_files, &outputs}) {
      for (auto file = files->begin(); status && file != files->end(); ++file) {
        status = rendered.staged->Write(*file);
      }
    }
    if (status) status = rendered.staged->Commit();
    give_stamps(status.ok());
  } else {
    // Every changed file is written beside its target before any takes its place: a failed
    // write (a full disk) leaves the output as it was. Should putting them in place fail
    // half-way, the output is one the previous log does not describe: without a log, the next
    // build is a full one, which makes it whole.
    if (save_log) context.fs.RemoveAll(log_path);
    status = UpdateInPlace(context.fs, context.options.out_dir, {&record_files, &outputs}, removed,
                           changed_in_place);
    give_stamps(status.ok());
  }
  // Freeing what was written (the pages, the copies, and the mappings of the previous record
  // files: megabytes of pages) overlaps the log's writing.
  record_files = {};
  outputs = {};
  log_writer.join();
  if (!status) {
    if (save_log) context.fs.RemoveAll(partial_log);
    context.diagnostics.add(status.error());
    return {.output_unchanged = !changed_in_place};
  }
  if (keep) {
    log->record_files = stamps.get();
    written.records = std::move(plan.records);
    written.log = std::move(log);
  }
  if (!save_log) return written;
  if (log_status) log_status = context.fs.Rename(partial_log, log_path);
  // The log is a cache: failing to save it costs the next build time, not correctness.
  if (!log_status) {
    context.fs.RemoveAll(partial_log);
    context.diagnostics.warning(log_status.error().where, "cannot save the build log",
                                "the next build will be a full one");
  }
  return written;
}

}  // namespace kiosk
