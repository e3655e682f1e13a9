#include "pipeline/pipeline.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/memory.h"
#include "base/parallel.h"
#include "base/text.h"
#include "check/page_check.h"
#include "content/service_procedure.h"
#include "incremental/fingerprints.h"
#include "output/output_writer.h"
#include "render/page_renderer.h"
#include "render/record_files.h"
#include "render/site_files.h"

namespace kiosk {

namespace {

// Everything the steps hand on to each other.
struct BuildState {
  FileSystem& fs;
  const BuildOptions& options;
  BuildResult& result;
  LoadedSite& loaded;
  int jobs = 1;
  // A build stops reading when the previous build's output stands (LoadedSite::up_to_date);
  // commands that need the site model do not.
  bool stop_when_up_to_date = false;

  // The write steps' plan: what each page is made from, and which pages to render.
  std::vector<OutputRecord> records;
  std::vector<const LoggedPage*> logged;  // by page, when in place: its record in the log
  std::vector<int> to_render;
  bool in_place = false;  // update the previous output instead of replacing it
  std::vector<std::vector<OutputFile>> rendered;  // per entry of to_render, when in place
  std::unique_ptr<StagedOutput> staged;           // the new output folder, when not in place
  std::vector<OutputFile> copies;                 // static files whose source changed
  std::vector<OutputFile> record_files;           // search indexes and open data that changed
  std::vector<std::string> record_paths;          // RecordFilePaths, once outputs are planned
  std::map<std::string, uint64_t> copy_fingerprints;
  std::unordered_map<std::string_view, int> page_index;  // every page's HTML file -> page
  uint64_t site_map_inputs = 0;                          // SiteMapInputs

  Diagnostics& diagnostics() { return result.diagnostics; }
  std::string SitePath(const std::string& relative) const {
    return JoinPath(options.site_dir, relative);
  }
  std::string DisplayPath(const std::string& relative) const {
    return JoinPath(options.display_dir, relative);
  }
};

void ReadConfig(BuildState& state) {
  const std::string file = state.DisplayPath("site.yaml");
  Result<std::string> text = state.fs.ReadFile(state.SitePath("site.yaml"));
  if (!text) {
    state.diagnostics().error({file, 0, 0}, "there is no site.yaml in this folder",
                              "run kiosk in a site folder, or name one: kiosk build SITE_DIR");
    return;
  }
  state.loaded.config = ParseSiteConfig(*text, file, state.diagnostics());
  state.loaded.config_hash = HashBytes(*text);
}

void LoadThemeStep(BuildState& state) {
  if (!state.loaded.config) return;
  state.loaded.theme = LoadTheme(state.fs, state.options.site_dir, state.options.display_dir,
                                 *state.loaded.config, state.diagnostics());
}

void FindContent(BuildState& state) {
  if (!state.loaded.config) return;
  Result<std::vector<FileInfo>> listed = state.fs.ListFileInfos(state.SitePath("content"));
  if (!listed) {
    state.diagnostics().add(listed.error());
    return;
  }
  if (listed->empty()) {
    state.diagnostics().warning({state.DisplayPath("content"), 0, 0}, "there is no content",
                                "write Markdown files under content/");
  }
  state.loaded.content_listing = std::move(*listed);
  Result<std::vector<FileInfo>> statics = state.fs.ListFileInfos(state.SitePath("static"));
  if (statics) {
    state.loaded.static_files = std::move(*statics);
  } else {
    state.diagnostics().add(statics.error());
  }
}

// Each content path's section, name and language, worked out on all cores: a large site has
// tens of thousands. Only once the build log has not said that nothing changed.
void SortOutContent(BuildState& state) {
  if (!state.loaded.config) return;
  std::vector<FileInfo>& listed = state.loaded.content_listing;
  std::vector<std::optional<ContentFile>> files(listed.size());
  std::vector<Diagnostics> found(listed.size());
  ParallelFor(listed.size(), state.jobs, [&](size_t i, int) {
    const std::string& path = listed[i].path;  // not Markdown: nullopt
    files[i] = ClassifyContentPath(path, state.DisplayPath(JoinPath("content", path)),
                                   *state.loaded.config, found[i]);
  });
  state.loaded.content_files.reserve(listed.size());
  state.loaded.content_infos.reserve(listed.size());
  for (size_t i = 0; i < listed.size(); ++i) {
    FileInfo& info = listed[i];
    state.diagnostics().append(found[i]);
    if (!IsMarkdownPath(info.path)) {
      state.loaded.content_assets.push_back(std::move(info));
    } else if (files[i]) {
      state.loaded.content_files.push_back(std::move(*files[i]));
      state.loaded.content_infos.push_back(std::move(info));
    }
  }
  listed = {};
}

// The output folder as an absolute, normal path: "out", "./out" and "/site/out" are one.
std::string AbsoluteFolder(const std::string& folder) {
  const std::u8string path =
      std::filesystem::absolute(std::filesystem::path(std::u8string(folder.begin(), folder.end())))
          .lexically_normal()
          .generic_u8string();
  std::string text(path.begin(), path.end());
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

// One log per output folder, so that building into another folder (a preview, a test)
// does not cost the main output its incremental builds.
std::string LogPath(const BuildOptions& options) {
  char name[32];
  std::snprintf(name, sizeof name, "build-log-%016llx",
                static_cast<unsigned long long>(HashBytes(AbsoluteFolder(options.out_dir))));
  return JoinPath(JoinPath(options.site_dir, ".kiosk"), name);
}

// Whether the output folder is the one the log describes, written by kiosk: the previous
// build's files can be kept in place.
bool LogDescribesOutput(const BuildState& state, const BuildLog& log) {
  return log.out_dir == AbsoluteFolder(state.options.out_dir) &&
         state.fs.IsFile(JoinPath(state.options.out_dir, kOutputMarker));
}

// Reads and parses one content file in full.
std::optional<SourcePage> ParseContentFile(BuildState& state, size_t index, Diagnostics& found) {
  const ContentFile& file = state.loaded.content_files[index];
  Result<std::string> text = state.fs.ReadFile(state.SitePath(JoinPath("content", file.path)));
  if (!text) {
    found.add(text.error());
    return std::nullopt;
  }
  std::optional<SourcePage> page = ParseSourcePage(file, *text, *state.loaded.config, found);
  if (page) page->content_hash = HashBytes(*text);
  return page;
}

// Parses every content file, except those the build log knows unchanged (same size and
// time, same site.yaml): for those, the log's summary places them in the site.
void ParsePages(BuildState& state) {
  if (!state.loaded.config) return;
  const size_t count = state.loaded.content_files.size();
  state.loaded.sources.resize(count);
  state.loaded.summaries.resize(count);
  state.loaded.new_summaries.resize(count);
  // Each file's record in the log, if any: both are sorted by path.
  std::vector<const SourceRecord*> known(count, nullptr);
  if (state.loaded.log && state.loaded.log->config_hash == state.loaded.config_hash) {
    const std::vector<SourceRecord>& records = state.loaded.log->sources;
    size_t r = 0;
    for (size_t i = 0; i < count && r < records.size(); ++i) {
      const std::string_view path = state.loaded.content_files[i].path;
      while (r < records.size() && records[r].path < path) ++r;
      if (r < records.size() && records[r].path == path) known[i] = &records[r];
    }
  }
  std::vector<Diagnostics> found(count);
  ParallelFor(count, state.jobs, [&](size_t i, int) {
    const ContentFile& file = state.loaded.content_files[i];
    const FileInfo& info = state.loaded.content_infos[i];
    if (const SourceRecord* record = known[i];
        record && record->size == info.size && record->mtime_ns == info.mtime_ns) {
      std::optional<SourcePage>& page = state.loaded.sources[i];
      if (DecodeSourceSummary(record->summary, file, page.emplace())) {
        page->content_hash = record->content_hash;
        for (const Diagnostic& warning : record->warnings) found[i].add(warning);
        state.loaded.summaries[i] = record->summary;
        return;
      }
      page.reset();
    }
    state.loaded.sources[i] = ParseContentFile(state, i, found[i]);
    if (state.loaded.sources[i]) {
      state.loaded.new_summaries[i] = EncodeSourceSummary(*state.loaded.sources[i]);
      state.loaded.summaries[i] = state.loaded.new_summaries[i];
    }
  });
  for (const Diagnostics& diagnostics : found) state.diagnostics().append(diagnostics);
}

// Types: a page without its own `type` takes its section's (from the nearest _index file
// that sets one, preferring the page's language). Then each type's own fields are read.
void ReadContentTypes(BuildState& state) {
  if (!state.loaded.config) return;
  std::map<std::pair<std::string, std::string>, std::string> section_types;  // (lang, folder)
  std::map<std::string, std::string> any_language;                           // folder -> type
  for (const auto& source : state.loaded.sources) {
    if (source && source->origin.is_index && !source->type.empty()) {
      section_types[{source->origin.language, source->origin.section}] = source->type;
      any_language.emplace(source->origin.section, source->type);
    }
  }
  for (auto& source : state.loaded.sources) {
    if (!source || source->origin.is_index || !source->type.empty()) continue;
    for (std::string folder = source->origin.section;; folder = ParentPath(folder)) {
      const auto same = section_types.find({source->origin.language, folder});
      const auto other = any_language.find(folder);
      if (same != section_types.end() || other != any_language.end()) {
        source->type = same != section_types.end() ? same->second : other->second;
        break;
      }
      if (folder.empty()) break;
    }
  }
  const std::string static_dir = state.SitePath("static");
  const std::string static_display = state.DisplayPath("static");
  for (auto& source : state.loaded.sources) {
    if (!source || source->origin.is_index) continue;
    if (source->type == "sop" && !source->summary_only) {
      if (auto service = ReadServiceProcedure(*source, state.fs, static_dir, static_display,
                                              state.diagnostics())) {
        source->service = std::make_shared<const ServiceProcedure>(std::move(*service));
      }
    } else if (source->type == "news" && !source->date) {
      state.diagnostics().error(source->front_matter_where, "a news item needs a 'date'",
                                "add 'date: YYYY-MM-DD': news is listed newest first");
    }
  }
}

// The previous build's page files (HTML) that are no longer in the output. Their images
// come and go with them.
std::unordered_set<std::string_view> MissingPageFiles(const FileSystem& fs,
                                                      const std::string& out_dir,
                                                      const BuildLog& log) {
  std::vector<std::string> files;
  files.reserve(log.pages.size());
  for (const LoggedPage& page : log.pages) files.emplace_back(page.page);
  const std::vector<char> there = fs.AreFiles(out_dir, files);
  std::unordered_set<std::string_view> missing;
  for (size_t i = 0; i < log.pages.size(); ++i) {
    if (!there[i]) missing.insert(log.pages[i].page);
  }
  return missing;
}

void AssembleSiteStep(BuildState& state) {
  if (!state.loaded.config) return;
  // Placing the pages keeps one core busy; meanwhile a build that will update its output in
  // place looks for the previous build's page files.
  if (state.stop_when_up_to_date && state.loaded.log && !state.diagnostics().has_errors() &&
      LogDescribesOutput(state, *state.loaded.log)) {
    state.loaded.pages_missing =
        std::async(std::launch::async, MissingPageFiles, std::cref(state.fs), state.options.out_dir,
                   std::cref(*state.loaded.log));
  }
  std::vector<const SourcePage*> published;
  for (const auto& source : state.loaded.sources) {
    if (source && (!source->draft || state.options.include_drafts)) published.push_back(&*source);
  }
  // Titles of the pages kiosk writes itself, from the theme's interface strings.
  const auto label = [&](const std::string& language, const std::string& key) {
    if (state.loaded.theme && state.loaded.theme->Strings(language).count(key)) {
      return state.loaded.theme->Strings(language).at(key);
    }
    return key;
  };
  state.loaded.site = AssembleSite(*state.loaded.config, published, state.DisplayPath("content"),
                                   label, state.diagnostics());
}

void CheckTranslations(BuildState& state) {
  if (!state.loaded.site) return;
  for (const Page& page : state.loaded.site->pages()) {
    if (page.kind == PageKind::kPage) ++state.result.pages_per_language[page.language];
  }
  for (const auto& [index, language] : state.loaded.site->MissingTranslations()) {
    const std::string& file = state.loaded.site->page(index).source->origin.file;
    state.result.missing_translations.push_back({file, language});
    if (state.options.strict_translations) {
      state.diagnostics().error({file, 0, 0}, "the page has no " + language + " translation",
                                "add the translation, or build without --strict-translations");
    }
  }
}

// The static files: the theme's, then the site's (over the theme's), then the non-Markdown
// files of content/ beside their pages; each with a fingerprint of its source.
struct StaticFile {
  OutputFile file;
  uint64_t fingerprint = 0;
  std::string origin;  // the file as the user knows it, for messages
};

uint64_t ThemeFileFingerprint(const BuildState& state, const ThemeStaticFile& file) {
  Fingerprint fingerprint;
  fingerprint.Add(file.disk_path).Add(file.contents);
  if (!file.disk_path.empty()) {
    if (Result<FileInfo> info = state.fs.Stat(file.disk_path)) {
      fingerprint.Add(info->size).Add(static_cast<uint64_t>(info->mtime_ns));
    }
  }
  return fingerprint.value();
}

std::map<std::string, StaticFile> ListStaticFiles(BuildState& state) {
  std::map<std::string, StaticFile> files;
  for (const ThemeStaticFile& file : state.loaded.theme->static_files()) {
    files[file.path] = {{file.path, std::string(file.contents), file.disk_path},
                        ThemeFileFingerprint(state, file),
                        file.origin};
  }
  const auto add = [&](const FileInfo& info, const std::string& folder) {
    const std::string source = state.SitePath(JoinPath(folder, info.path));
    files[info.path] = {
        {info.path, "", source},
        Fingerprint().Add(source).Add(info.size).Add(static_cast<uint64_t>(info.mtime_ns)).value(),
        state.DisplayPath(JoinPath(folder, info.path))};
  };
  for (const FileInfo& info : state.loaded.static_files) add(info, "static");
  for (const FileInfo& info : state.loaded.content_assets) add(info, "content");
  return files;
}

// kiosk itself: its version, and the program file's size and time, so that a rebuilt kiosk
// with the same version number still renders everything again. (Its bytes would say the
// same, but reading tens of megabytes would slow every build down.)
uint64_t KioskFingerprint() {
  static const uint64_t fingerprint = [] {
    Fingerprint kiosk;
    kiosk.Add(KIOSK_VERSION);
    if (const std::string program = ProgramPath(); !program.empty()) {
      std::error_code ec;
      kiosk.Add(static_cast<uint64_t>(std::filesystem::file_size(program, ec)));
      kiosk.Add(static_cast<uint64_t>(
          std::filesystem::last_write_time(program, ec).time_since_epoch().count()));
    }
    return kiosk.value();
  }();
  return fingerprint;
}

uint64_t SiteHash(const BuildState& state) {
  return Fingerprint()
      .Add(KioskFingerprint())
      .Add(state.loaded.config_hash)
      .Add(state.loaded.theme->fingerprint())
      .Add(static_cast<uint64_t>(state.options.include_drafts))
      .Add(static_cast<uint64_t>(state.options.check))
      .value();
}

// Everything a build reads, by name, size and time (site.yaml and the templates by their
// bytes), and the options that change what it writes.
uint64_t InputsStamp(const BuildState& state) {
  Fingerprint stamp;
  stamp.Add(SiteHash(state)).Add(static_cast<uint64_t>(state.options.strict_translations));
  for (const ThemeStaticFile& file : state.loaded.theme->static_files()) {
    stamp.Add(file.path).Add(ThemeFileFingerprint(state, file));
  }
  for (const auto* files : {&state.loaded.content_listing, &state.loaded.static_files}) {
    stamp.Add(files->size());
    for (const FileInfo& info : *files) {
      stamp.Add(info.path).Add(info.size).Add(static_cast<uint64_t>(info.mtime_ns));
    }
  }
  return stamp.value();
}

// Whether a record file is as the log says the last build left it: only then are the places
// of its pages' lines known.
bool IsAsLogged(const BuildState& state, const RecordFileStamp& stamp) {
  const Result<FileInfo> info = state.fs.Stat(JoinPath(state.options.out_dir, stamp.path));
  return info && stamp.known && stamp.size == info->size && stamp.mtime_ns == info->mtime_ns;
}

// The output folder is the one the log describes, with its pages' HTML files (their images
// come and go with them), the files it copied, and its search indexes and open data as the
// log recorded them.
bool OutputStands(const BuildState& state, const BuildLog& log) {
  if (!LogDescribesOutput(state, log) ||
      !MissingPageFiles(state.fs, state.options.out_dir, log).empty() ||
      !std::all_of(log.record_files.begin(), log.record_files.end(),
                   [&](const RecordFileStamp& stamp) { return IsAsLogged(state, stamp); })) {
    return false;
  }
  std::vector<std::string> copies;
  for (const auto& [file, fingerprint] : log.copies) copies.push_back(file);
  const std::vector<char> found = state.fs.AreFiles(state.options.out_dir, copies);
  return std::all_of(found.begin(), found.end(), [](char there) { return there != 0; });
}

std::optional<BuildLog> UsableBuildLog(BuildState& state) {
  if (!state.options.incremental) {
    state.loaded.log_status = "a clean build was asked for";
    return std::nullopt;
  }
  std::optional<BuildLog> log =
      LoadBuildLog(state.fs, LogPath(state.options), state.loaded.log_status);
  if (!log) return std::nullopt;
  if (state.stop_when_up_to_date && !state.diagnostics().has_errors() &&
      log->inputs == state.loaded.inputs && OutputStands(state, *log)) {
    state.loaded.up_to_date = true;
  } else if (!DecodeSources(*log)) {
    state.loaded.log_status = "the build log is corrupt";
    return std::nullopt;
  }
  return log;
}

void ReadBuildLog(BuildState& state) {
  if (!state.loaded.config || !state.loaded.theme) return;
  state.loaded.inputs = InputsStamp(state);
  state.loaded.log = UsableBuildLog(state);
  // An incremental build places every page from the log at once; a full build streams.
  if (state.options.large_pages_when_incremental) AllowLargePages(state.loaded.log.has_value());
}

// The fingerprint the previous build logged for a file it copied or made apart from the
// pages (static files, sitemap.xml), when this build updates its output in place and the
// file is still there.
std::optional<uint64_t> StandingFile(const BuildState& state, const std::string& path) {
  if (!state.in_place) return std::nullopt;
  const auto logged = state.loaded.log->copies.find(path);
  if (logged == state.loaded.log->copies.end() ||
      !state.fs.IsFile(JoinPath(state.options.out_dir, path))) {
    return std::nullopt;
  }
  return logged->second;
}

// What sitemap.xml is made of: the site's settings and every page's address and dates.
uint64_t SiteMapInputs(const BuildState& state) {
  return Fingerprint().Add(SiteHash(state)).Add(SiteMapStamp(*state.loaded.site)).value();
}

// Decides what to render: every page in a clean build; in an incremental one, the pages
// whose fingerprint changed and those whose files are missing.
void PlanOutputs(BuildState& state) {
  const Site& site = *state.loaded.site;
  std::map<std::string, StaticFile> statics = ListStaticFiles(state);
  Fingerprint static_hash;
  for (const auto& [path, file] : statics) static_hash.Add(path).Add(file.fingerprint);
  state.records = PageFingerprints(site, SiteHash(state), static_hash.value(), state.jobs);

  const BuildLog* log = state.loaded.log ? &*state.loaded.log : nullptr;
  state.in_place = log && LogDescribesOutput(state, *log);
  if (!state.in_place && state.options.explain) {
    state.result.explanations.push_back(
        "every page: " + (log ? std::string("the output folder is not the one the build log "
                                            "describes, or is gone")
                              : state.loaded.log_status));
  }
  // The pages' own HTML files must still be there.
  std::unordered_set<std::string_view> missing;
  if (state.loaded.pages_missing.valid()) {
    std::unordered_set<std::string_view> found = state.loaded.pages_missing.get();
    if (state.in_place) missing = std::move(found);
  }
  std::vector<std::string> reasons(site.pages().size());
  state.logged.assign(site.pages().size(), nullptr);
  ParallelFor(site.pages().size(), state.jobs, [&](size_t i, int) {
    const Page& page = site.page(i);
    const LoggedPage* before = state.in_place ? log->FindPage(page.output_file) : nullptr;
    state.logged[i] = before;
    reasons[i] = state.in_place ? RebuildReason(state.records[i].made_from,
                                                before ? &before->made_from : nullptr)
                                : "every page";
    if (!reasons[i].empty()) return;
    if (missing.count(page.output_file)) {
      reasons[i] = "its file " + page.output_file + " is missing from the output";
    } else {
      state.records[i].files.assign(before->files.begin(), before->files.end());
    }
  });
  for (size_t i = 0; i < site.pages().size(); ++i) {
    if (reasons[i].empty()) continue;
    state.to_render.push_back(static_cast<int>(i));
    if (state.in_place && state.options.explain) {
      state.result.explanations.push_back("/" + site.page(i).path + ": " + reasons[i]);
    }
  }

  // robots.txt and the feeds: made anew each build, written when they changed. sitemap.xml
  // too, unless what it is made of is as the last build had it (an edit of a page's text).
  std::vector<OutputFile> site_files =
      RenderSiteFiles(site, *state.loaded.theme, statics.count("robots.txt"));
  state.site_map_inputs = SiteMapInputs(state);
  const std::string site_map = "sitemap.xml";
  if (const auto kept = StandingFile(state, site_map);
      kept && log->site_map == state.site_map_inputs) {
    statics.erase(site_map);
    state.copy_fingerprints[site_map] = *kept;
  } else {
    site_files.push_back(RenderSiteMap(site));
  }
  for (OutputFile& file : site_files) {
    const uint64_t fingerprint = HashBytes(file.contents);
    const std::string path = file.path;
    // kiosk's own files (robots.txt, sitemap.xml, the feeds) never take a page's or a
    // record file's path, so no message names them: their path will do.
    statics[path] = {std::move(file), fingerprint, path};
  }
  state.page_index.reserve(site.pages().size());
  for (int i = 0; i < static_cast<int>(site.pages().size()); ++i) {
    state.page_index.emplace(site.page(i).output_file, i);
  }
  state.record_paths = RecordFilePaths(*state.loaded.config);
  const std::vector<std::string>& record_paths = state.record_paths;
  for (auto& [path, file] : statics) {
    const bool record =
        std::find(record_paths.begin(), record_paths.end(), path) != record_paths.end();
    if (record || state.page_index.count(path)) {
      const std::string taken = record ? "the open data or search index kiosk writes" : "a page";
      state.diagnostics().error({file.origin, 0, 0},
                                "this file has the same path as " + taken + ": /" + path,
                                "rename or move the file");
      continue;
    }
    state.copy_fingerprints[path] = file.fingerprint;
    if (StandingFile(state, path) != file.fingerprint) {
      if (state.in_place && state.options.explain) {
        state.result.explanations.push_back("/" + path + ": the file is new or changed");
      }
      state.copies.push_back(std::move(file.file));
    }
  }
}

// Parses in full the pages placed from the build log's summary (`pages`: indexes into the
// site), in place, so that the site keeps pointing at them.
void ParseSummarizedPages(BuildState& state, const std::vector<int>& pages) {
  std::vector<int> summarized;
  for (int index : pages) {
    const Page& page = state.loaded.site->page(index);
    if (page.source && page.source->summary_only) summarized.push_back(index);
  }
  if (summarized.empty()) return;
  std::map<const SourcePage*, size_t> slots;
  for (size_t i = 0; i < state.loaded.sources.size(); ++i) {
    if (state.loaded.sources[i]) slots[&*state.loaded.sources[i]] = i;
  }
  std::vector<Diagnostics> found(summarized.size());
  ParallelFor(summarized.size(), state.jobs, [&](size_t n, int) {
    const size_t slot = slots.at(state.loaded.site->page(summarized[n]).source);
    std::optional<SourcePage>& source = state.loaded.sources[slot];
    std::optional<SourcePage> parsed = ParseContentFile(state, slot, found[n]);
    if (!parsed) return;
    parsed->type = source->type;  // as resolved from its section
    if (parsed->type == "sop" && !parsed->origin.is_index) {
      if (auto service = ReadServiceProcedure(*parsed, state.fs, state.SitePath("static"),
                                              state.DisplayPath("static"), found[n])) {
        parsed->service = std::make_shared<const ServiceProcedure>(std::move(*service));
      }
    }
    *source = std::move(*parsed);
  });
  // Its warnings were shown already, from the build log.
  for (const Diagnostics& diagnostics : found) {
    for (const Diagnostic& diagnostic : diagnostics.items()) {
      if (diagnostic.severity == Severity::kError) state.diagnostics().add(diagnostic);
    }
  }
}

void ParsePagesToRender(BuildState& state) { ParseSummarizedPages(state, state.to_render); }

// A record file's index in the log, if the log has it.
std::optional<uint32_t> LoggedRecordFile(const BuildLog& log, const std::string& path) {
  for (uint32_t index = 0; index < log.record_files.size(); ++index) {
    if (log.record_files[index].path == path) return index;
  }
  return std::nullopt;
}

// The search indexes and open-data files: the records of the pages rendered now, and the
// previous files' lines for the others, found where the build log says they are (pages
// whose lines are not known are parsed for theirs).
void MakeRecordFiles(BuildState& state) {
  const Site& site = *state.loaded.site;
  const BuildLog* log = state.in_place ? &*state.loaded.log : nullptr;
  const std::vector<std::string>& paths = state.record_paths;
  // Each file's index in the log, and its bytes where it is as the log describes it.
  std::vector<std::optional<uint32_t>> logged_as(paths.size());
  std::vector<std::shared_ptr<const FileBytes>> before(paths.size());
  for (size_t f = 0; f < paths.size() && log; ++f) {
    logged_as[f] = LoggedRecordFile(*log, paths[f]);
    if (!logged_as[f] || !IsAsLogged(state, log->record_files[*logged_as[f]])) continue;
    const std::string path = JoinPath(state.options.out_dir, paths[f]);
    if (Result<std::unique_ptr<const FileBytes>> bytes = state.fs.MapFile(path)) {
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
    const std::vector<char> listing = RecordFilesListing(site, state.to_render);
    for (size_t f = 0; f < paths.size(); ++f) needed[f] = needed[f] || listing[f];
    for (int index : state.to_render) {
      for (size_t f = 0; f < paths.size(); ++f) {
        // Also the files the page was in before: its type or language may have changed.
        if (logged_run(state.logged[index], f)) needed[f] = true;
      }
    }
    for (const LoggedPage& logged : log->pages) {
      if (state.page_index.count(logged.page)) continue;
      for (size_t f = 0; f < paths.size(); ++f) {
        if (logged_run(&logged, f)) needed[f] = true;
      }
    }
    // Pages keep their order from build to build, unless a content file was renamed and kept
    // its address (a slug): its lines must then move.
    for (size_t f = 0; f < paths.size(); ++f) {
      uint64_t end = 0;
      for (size_t page = 0; page < site.pages().size() && !needed[f]; ++page) {
        const RecordRun* run = logged_run(state.logged[page], f);
        if (!run || !run->size) continue;
        needed[f] = run->offset < end;
        end = run->offset + run->size;
      }
    }
  }
  // Files kept as they are keep their pages' lines where they were.
  for (size_t f = 0; f < paths.size(); ++f) {
    if (needed[f]) continue;
    for (size_t page = 0; page < site.pages().size(); ++page) {
      if (const RecordRun* run = logged_run(state.logged[page], f)) {
        state.records[page].runs.push_back({static_cast<uint32_t>(f), run->offset, run->size});
      }
    }
  }

  std::vector<bool> rendered(site.pages().size(), !state.in_place);
  for (int index : state.to_render) rendered[index] = true;
  const auto previous_lines = [&](size_t f, int page) -> std::optional<RecordLines> {
    const RecordRun* run = logged_run(state.logged[page], f);
    if (!run) return std::nullopt;
    return RecordLines{run->offset, run->size};
  };
  std::vector<RecordFile> files = RenderRecordFiles(
      site, [&](int index) { return rendered[index]; },
      [&](const std::vector<int>& pages) { ParseSummarizedPages(state, pages); }, before,
      previous_lines, [&](size_t f) { return needed[f] != 0; }, state.jobs);
  for (RecordFile& made : files) {
    for (const auto& [page, lines] : made.lines) {
      state.records[page].runs.push_back(
          {static_cast<uint32_t>(made.index), lines.offset, lines.size});
    }
    if (!made.unchanged) state.record_files.push_back(std::move(made.file));
  }
}

// The site's stylesheets by their path below the site root ("css/site.css"), for the
// checker's colour and unit rules.
std::map<std::string, std::string> Stylesheets(BuildState& state) {
  std::map<std::string, std::string> sheets;
  for (const ThemeStaticFile& file : state.loaded.theme->static_files()) {
    if (!EndsWith(file.path, ".css")) continue;
    if (file.disk_path.empty()) {
      sheets[file.path] = std::string(file.contents);
    } else if (Result<std::string> text = state.fs.ReadFile(file.disk_path)) {
      sheets[file.path] = std::move(*text);
    }
  }
  if (Result<std::vector<std::string>> listed = state.fs.ListFiles(state.SitePath("static"))) {
    for (const std::string& path : *listed) {
      if (!EndsWith(path, ".css")) continue;
      if (Result<std::string> text = state.fs.ReadFile(state.SitePath(JoinPath("static", path)))) {
        sheets[path] = std::move(*text);
      }
    }
  }
  return sheets;
}

// The build gate: findings at or below the site's level fail the build, at the Markdown
// line or template that caused them.
void ReportFindings(BuildState& state, const std::vector<check::Finding>& findings,
                    const std::string& url, check::Level level) {
  for (const check::Finding& finding : findings) {
    if (check::Classify(finding, level) == check::Outcome::kNotice) {
      ++state.result.check_notices;
      continue;
    }
    ++state.result.check_failures;
    SourceLocation where{finding.source_file, finding.source_line, finding.source_line ? 1 : 0};
    if (where.file.empty()) where = {url, finding.line, finding.column};
    state.diagnostics().error(
        where,
        finding.code + " (" + std::string(check::LevelName(finding.level)) + ", WCAG " +
            finding.criterion + "): " + finding.message_zh + " / " + finding.message_en,
        "in " + url + " line " + std::to_string(finding.line) + ": " + finding.snippet);
  }
}

// Renders the planned pages and checks each. A clean build writes each page into the
// staging folder as soon as it is rendered; an incremental one keeps its few pages until
// all are good.
void RenderPagesStep(BuildState& state) {
  if (!state.in_place) {
    Result<std::unique_ptr<StagedOutput>> staged =
        StagedOutput::Begin(state.fs, state.options.out_dir);
    if (!staged) {
      state.diagnostics().add(staged.error());
      return;
    }
    state.staged = std::move(*staged);
  }
  const SiteConfig& config = *state.loaded.config;
  const bool checking = state.options.check;
  check::CheckOptions check_options;
  check_options.edition = *check::ParseEdition(config.check.edition);
  check_options.describe_up_to = *check::ParseLevel(config.check.level);  // notices: counted
  const std::map<std::string, std::string> sheets =
      checking ? Stylesheets(state) : std::map<std::string, std::string>();
  const auto load = [&](const std::string& href) -> std::optional<std::string> {
    std::string path = href.substr(0, href.find_first_of("?#"));
    if (StartsWith(path, config.base_path)) path.erase(0, config.base_path.size());
    const auto found = sheets.find(path);
    return found == sheets.end() ? std::nullopt : std::optional(found->second);
  };

  check::CheckCache check_cache;
  const check::Level level = *check_options.describe_up_to;
  const size_t count = state.to_render.size();
  state.rendered.resize(count);
  std::vector<Status> written(count);
  std::vector<std::vector<check::Finding>> findings(count);  // failures, then links' findings
  std::vector<size_t> notices(count);                        // counted as they are found
  std::vector<check::PageLinks> links(count);
  std::vector<Diagnostics> check_problems(count);
  std::mutex one_writer;
  const Site& site = *state.loaded.site;
  RenderPages(site, *state.loaded.theme, state.to_render, state.jobs, state.diagnostics(),
              [&](size_t n, std::vector<OutputFile> files, const std::string& template_file) {
                const Page& page = site.page(state.to_render[n]);
                // Short links only send the browser on; there is nothing to read in them.
                if (checking && page.kind == PageKind::kRedirect) links[n].url = site.Url(page);
                if (checking && page.kind != PageKind::kRedirect) {
                  check::PageOrigin origin;
                  if (page.source) origin.markdown_file = page.source->origin.file;
                  origin.template_file = template_file;
                  Result<check::CheckedPage> checked =
                      check::CheckHtml(files.front().contents, site.Url(page), load, check_options,
                                       origin, &check_cache);
                  if (checked) {
                    // A large site has hundreds of thousands of notices, which are only
                    // counted: kept until the end, they took most of a build's memory growth.
                    findings[n] = std::move(checked->findings);
                    notices[n] = std::erase_if(findings[n], [&](const check::Finding& finding) {
                      return check::Classify(finding, level) == check::Outcome::kNotice;
                    });
                    links[n] = std::move(checked->links);
                  } else {
                    check_problems[n].add(checked.error());
                  }
                }
                // The pages carry their Markdown lines for the checker; readers need not.
                files.front().contents = StripSourcePositions(files.front().contents);
                std::vector<std::string>& paths = state.records[state.to_render[n]].files;
                paths.clear();
                for (const OutputFile& file : files) paths.push_back(file.path);
                if (!state.staged) {
                  state.rendered[n] = std::move(files);
                  return;
                }
                // One writer at a time: creating files in the same folders from several
                // threads makes the kernel spin on the folders' locks (several times slower).
                std::lock_guard<std::mutex> lock(one_writer);
                for (const OutputFile& file : files) {
                  if (Status status = state.staged->Write(file); !status) written[n] = status;
                }
              });
  for (const Status& status : written) {
    if (!status) state.diagnostics().add(status.error());
  }
  for (const Diagnostics& problems : check_problems) state.diagnostics().append(problems);
  for (size_t page_notices : notices) state.result.check_notices += page_notices;
  state.result.pages_rendered = count;
  if (!checking) return;
  // Links between pages, on a clean build, which has every page's ids. An incremental build
  // does not see the ids of the pages it keeps, so links are checked again only by a clean
  // build (or `kiosk check`).
  if (!state.in_place) {
    std::set<std::string> written_files;  // what the output will hold
    for (const OutputRecord& record : state.records) {
      written_files.insert(record.files.begin(), record.files.end());
    }
    for (const auto& [path, fingerprint] : state.copy_fingerprints) written_files.insert(path);
    written_files.insert(state.record_paths.begin(), state.record_paths.end());  // made next
    check::LinkCheckOptions link_options;
    link_options.base_url = config.base_url;
    link_options.file_exists = [&](const std::string& path) {
      std::string below = path;
      if (StartsWith(below, config.base_path)) below.erase(0, config.base_path.size());
      return written_files.count(below) > 0;
    };
    const std::vector<std::vector<check::Finding>> broken = check::CheckLinks(links, link_options);
    for (size_t n = 0; n < count && n < broken.size(); ++n) {
      findings[n].insert(findings[n].end(), broken[n].begin(), broken[n].end());
    }
  }
  for (size_t n = 0; n < count; ++n) {
    const Page& page = site.page(state.to_render[n]);
    for (check::Finding& finding : findings[n]) {
      if (finding.code == "KS1240400C" && finding.source_file.empty() && page.source) {
        finding.source_file = page.source->origin.file;  // links found by the site-wide check
      }
    }
    ReportFindings(state, findings[n], site.Url(page), level);
  }
}

// What the previous build wrote and this one does not: deleted or renamed pages, a page's
// file it no longer has, copied files whose source is gone, and the search index of a
// language the site no longer has. Only the files of pages gone or rendered again, copies
// no longer made and record files no longer made can be such files; most edits have none,
// and need not gather every file the output holds.
std::vector<std::string> FilesToRemove(BuildState& state) {
  const BuildLog& log = *state.loaded.log;
  std::vector<std::string_view> candidates;
  for (const LoggedPage& page : log.pages) {
    const auto now = state.page_index.find(page.page);
    const std::vector<std::string>* files =
        now == state.page_index.end() ? nullptr : &state.records[now->second].files;
    for (std::string_view file : page.files) {
      if (!files || std::find(files->begin(), files->end(), file) == files->end()) {
        candidates.push_back(file);
      }
    }
  }
  for (const auto& [path, fingerprint] : log.copies) {
    if (!state.copy_fingerprints.count(path)) candidates.push_back(path);
  }
  const std::vector<std::string>& record_paths = state.record_paths;
  for (const RecordFileStamp& stamp : log.record_files) {
    if (std::find(record_paths.begin(), record_paths.end(), stamp.path) == record_paths.end()) {
      candidates.push_back(stamp.path);
    }
  }
  if (candidates.empty()) return {};

  // A copy may take a page's file's place, a record file a copy's (a static file given up
  // for the search index of a language added in the same edit).
  std::unordered_set<std::string_view> wanted;
  wanted.reserve(3 * state.records.size() + state.copy_fingerprints.size() + record_paths.size());
  for (const OutputRecord& record : state.records) {
    wanted.insert(record.files.begin(), record.files.end());
  }
  for (const auto& [path, fingerprint] : state.copy_fingerprints) wanted.insert(path);
  wanted.insert(record_paths.begin(), record_paths.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::string> removed;
  for (std::string_view file : candidates) {
    if (!wanted.count(file)) removed.emplace_back(file);
  }
  if (state.options.explain) {
    for (const std::string& path : removed) {
      state.result.explanations.push_back("/" + path + ": removed, as its page or file is gone");
    }
  }
  return removed;
}

// Whether the build log on disk says it all already: nothing was read or written anew.
bool LogStands(const BuildState& state, bool removed_any) {
  const bool all_from_log =
      std::all_of(state.loaded.sources.begin(), state.loaded.sources.end(),
                  [](const auto& page) { return !page || page->summary_only; }) &&
      state.loaded.log && state.loaded.log->sources.size() == state.loaded.sources.size();
  return state.in_place && all_from_log && state.to_render.empty() && state.copies.empty() &&
         state.record_files.empty() && !removed_any &&
         state.loaded.log->inputs == state.loaded.inputs;
}

// The build log to leave for the next build, made once the output's files are known. It views
// the pages, records and summaries where the build holds them; the copies' fingerprints are
// moved into it.
BuildLog LogOf(BuildState& state) {
  BuildLog log;
  log.out_dir = AbsoluteFolder(state.options.out_dir);
  log.config_hash = state.loaded.config_hash;
  log.inputs = state.loaded.inputs;
  log.site_map = state.site_map_inputs;
  std::map<std::string, std::vector<Diagnostic>> warnings;  // by file
  for (const Diagnostic& diagnostic : state.diagnostics().items()) {
    if (diagnostic.severity != Severity::kWarning) continue;
    warnings[diagnostic.where.file].push_back(diagnostic);
    log.report.warnings.push_back(diagnostic);
  }
  for (const auto& [language, count] : state.result.pages_per_language) {
    log.report.pages_per_language[language] = count;
  }
  for (const MissingTranslation& missing : state.result.missing_translations) {
    log.report.missing_translations.emplace_back(missing.file, missing.language);
  }
  // Content files come sorted by path.
  log.sources.reserve(state.loaded.content_files.size());
  for (size_t i = 0; i < state.loaded.content_files.size(); ++i) {
    if (!state.loaded.sources[i]) continue;
    const FileInfo& info = state.loaded.content_infos[i];
    const ContentFile& file = state.loaded.content_files[i];
    const auto found = warnings.find(file.file);
    log.sources.push_back({file.path, info.size, info.mtime_ns,
                           state.loaded.sources[i]->content_hash, state.loaded.summaries[i],
                           found == warnings.end() ? std::vector<Diagnostic>() : found->second});
  }
  const Site& site = *state.loaded.site;
  log.pages.reserve(site.pages().size());
  size_t file_count = 0;
  for (const OutputRecord& record : state.records) file_count += record.files.size();
  log.page_files.reserve(file_count);  // so that the pages' spans stay where they point
  for (size_t i = 0; i < site.pages().size(); ++i) {
    const OutputRecord& record = state.records[i];
    const std::span<const std::string_view> files(log.page_files.data() + log.page_files.size(),
                                                  record.files.size());
    log.page_files.insert(log.page_files.end(), record.files.begin(), record.files.end());
    log.pages.push_back({site.page(i).output_file, record.made_from, files, record.runs});
  }
  log.SortPages();
  log.copies = std::move(state.copy_fingerprints);
  return log;
}

// The record files as the output now holds them, in the order of RecordFilePaths: those
// written now as they are on disk, the others as the last build left them.
std::vector<RecordFileStamp> RecordFileStamps(const BuildState& state,
                                              const std::vector<std::string>& written) {
  const std::vector<std::string>& paths = state.record_paths;
  std::vector<RecordFileStamp> stamps(paths.size());
  for (size_t f = 0; f < paths.size(); ++f) {
    stamps[f].path = paths[f];
    if (std::find(written.begin(), written.end(), paths[f]) != written.end()) {
      if (Result<FileInfo> info = state.fs.Stat(JoinPath(state.options.out_dir, paths[f]))) {
        stamps[f].known = true;
        stamps[f].size = info->size;
        stamps[f].mtime_ns = info->mtime_ns;
      }
    } else if (state.in_place) {
      const BuildLog& log = *state.loaded.log;
      if (const auto index = LoggedRecordFile(log, paths[f])) stamps[f] = log.record_files[*index];
    }
  }
  return stamps;
}

// Writes the output and the build log at the same time: on an edit of a large site the two
// take about as long, each on one core. The log is written beside its place and takes it
// only once the output is written. A failed write into a staging folder leaves the previous
// output and its log; one in place leaves no log, and the next build is a full one.
void WriteOutputStep(BuildState& state) {
  std::vector<std::string> removed;
  if (!state.staged) removed = FilesToRemove(state);
  const bool save_log = !LogStands(state, !removed.empty());
  size_t written = 0;
  if (state.staged) {  // the pages' files are staged already
    for (int page : state.to_render) written += state.records[page].files.size();
  }
  std::vector<OutputFile> outputs;
  for (std::vector<OutputFile>& files : state.rendered) {
    for (OutputFile& file : files) outputs.push_back(std::move(file));
  }
  for (OutputFile& file : state.copies) outputs.push_back(std::move(file));
  written += outputs.size();

  std::vector<OutputFile> record_files = std::move(state.record_files);
  std::vector<std::string> records_written;
  for (const OutputFile& file : record_files) records_written.push_back(file.path);
  written += record_files.size();

  // From here the log's thread reads the build's state and takes its copies' fingerprints;
  // this one touches only the files it writes, the file system, and, for the record files'
  // stamps, the site's settings and the old log.
  const std::string log_path = LogPath(state.options);
  const std::string partial_log = log_path + ".partial";
  // The record files' stamps go last in the log, once the files are written.
  std::promise<std::vector<RecordFileStamp>> record_stamps;
  std::future<std::vector<RecordFileStamp>> stamps = record_stamps.get_future();
  Status log_status;
  std::jthread log_writer([&](std::stop_token stop) {
    if (!save_log) return;
    log_status = WriteBuildLog(state.fs, partial_log, LogOf(state), [&] {
      // Left without them (an exception on the way), the thread's destructor asks it to stop.
      while (stamps.wait_for(std::chrono::milliseconds(5)) != std::future_status::ready) {
        if (stop.stop_requested()) return std::vector<RecordFileStamp>();
      }
      return stamps.get();
    });
  });
  const auto give_stamps = [&](bool written_ok) {
    record_stamps.set_value(written_ok && save_log ? RecordFileStamps(state, records_written)
                                                   : std::vector<RecordFileStamp>());
  };
  Status status;
  if (state.staged) {
    for (const auto* files : {&record_files, &outputs}) {
      for (auto file = files->begin(); status && file != files->end(); ++file) {
        status = state.staged->Write(*file);
      }
    }
    if (status) status = state.staged->Commit();
    give_stamps(status.ok());
  } else {
    // Files written in place and then a failure leave an output the previous log does not
    // describe (undoing the edit would leave the new files): without a log, the next build
    // is a full one.
    if (save_log) state.fs.RemoveAll(log_path);
    // The record files first, so that the log can be finished while the rest is written.
    status = UpdateOutput(state.fs, state.options.out_dir, record_files, {});
    give_stamps(status.ok());
    if (status) status = UpdateOutput(state.fs, state.options.out_dir, outputs, removed);
  }
  // Freeing what was written (the pages, the copies, and the mappings of the previous record
  // files: megabytes of pages) overlaps the log's writing.
  record_files = {};
  outputs = {};
  log_writer.join();
  if (!status) {
    if (save_log) state.fs.RemoveAll(partial_log);
    state.diagnostics().add(status.error());
    return;
  }
  state.result.files_written = written;
  if (!save_log) return;
  if (log_status) log_status = state.fs.Rename(partial_log, log_path);
  // The log is a cache: failing to save it costs the next build time, not correctness.
  if (!log_status) {
    state.fs.RemoveAll(partial_log);
    state.diagnostics().warning(log_status.error().where, "cannot save the build log",
                                "the next build will be a full one");
  }
}

struct Step {
  const char* name;
  void (*run)(BuildState&);
};

void RunSteps(const std::vector<Step>& steps, BuildState& state) {
  for (const Step& step : steps) {
    if (state.loaded.up_to_date) break;
    const auto start = std::chrono::steady_clock::now();
    step.run(state);
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - start;
    state.result.timings.push_back({step.name, elapsed.count()});
  }
}

// Reading the site runs every step even after errors, so that one build reports every
// problem of the content; writing only runs on a sound site.
const std::vector<Step> kReadSteps = {
    {"read site.yaml", ReadConfig},
    {"load theme", LoadThemeStep},
    {"find content", FindContent},
    {"read build log", ReadBuildLog},
    {"sort out content", SortOutContent},
    {"parse pages", ParsePages},
    {"read content types", ReadContentTypes},
    {"assemble site", AssembleSiteStep},
    {"check translations", CheckTranslations},
};
const std::vector<Step> kWriteSteps = {
    {"plan outputs", PlanOutputs},
    {"parse pages to render", ParsePagesToRender},
    {"render pages", RenderPagesStep},
    {"make search index and open data", MakeRecordFiles},
    {"write output and build log", WriteOutputStep},
};

BuildOptions Resolve(const BuildOptions& options) {
  BuildOptions resolved = options;
  if (resolved.out_dir.empty()) resolved.out_dir = JoinPath(options.site_dir, "output");
  if (resolved.jobs <= 0) resolved.jobs = DefaultJobCount();
  return resolved;
}

}  // namespace

namespace {

std::unique_ptr<LoadedSite> ReadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result, bool stop_when_up_to_date) {
  auto loaded = std::make_unique<LoadedSite>();
  BuildOptions resolved = Resolve(options);
  BuildState state{fs, resolved, result, *loaded};
  state.jobs = resolved.jobs;
  state.stop_when_up_to_date = stop_when_up_to_date;
  RunSteps(kReadSteps, state);
  const bool summarized = std::any_of(loaded->sources.begin(), loaded->sources.end(),
                                      [](const auto& page) { return page && page->summary_only; });
  if (result.diagnostics.has_errors() && summarized) {
    // Pages read from the build log carry no line numbers: read everything again, so that
    // every message points at its line.
    result = BuildResult();
    loaded = std::make_unique<LoadedSite>();
    resolved.incremental = false;
    BuildState full{fs, resolved, result, *loaded};
    full.jobs = resolved.jobs;
    RunSteps(kReadSteps, full);
  }
  result.diagnostics.sort();
  return loaded;
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

}  // namespace

std::unique_ptr<LoadedSite> LoadSite(FileSystem& fs, const BuildOptions& options,
                                     BuildResult& result) {
  return ReadSite(fs, options, result, false);
}

BuildResult BuildSite(FileSystem& fs, const BuildOptions& options) {
  BuildResult result;
  const BuildOptions resolved = Resolve(options);
  std::unique_ptr<LoadedSite> loaded = ReadSite(fs, resolved, result, true);
  if (loaded->up_to_date) {
    ReportUpToDate(*loaded->log, resolved, result);
  } else if (!result.diagnostics.has_errors()) {
    BuildState state{fs, resolved, result, *loaded};
    state.jobs = resolved.jobs;
    for (const Step& step : kWriteSteps) {
      if (result.diagnostics.has_errors()) break;
      RunSteps({step}, state);
    }
  }
  result.diagnostics.sort();
  if (!resolved.free_memory) {
    // Left to the operating system, but not while a thread still reads the output folder.
    if (loaded->pages_missing.valid()) loaded->pages_missing.wait();
    (void)loaded.release();
  }
  return result;
}

}  // namespace kiosk
