#include "pipeline/previous_build.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "base/hash.h"
#include "output/output_writer.h"

namespace kiosk {

std::string AbsoluteFolder(const std::string& folder) {
  const std::u8string path =
      std::filesystem::absolute(std::filesystem::path(std::u8string(folder.begin(), folder.end())))
          .lexically_normal()
          .generic_u8string();
  std::string text(path.begin(), path.end());
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::string LogPath(const BuildOptions& options) {
  char name[32];
  std::snprintf(name, sizeof name, "build-log-%016llx",
                static_cast<unsigned long long>(HashBytes(AbsoluteFolder(options.out_dir))));
  return JoinPath(JoinPath(options.site_dir, ".kiosk"), name);
}

namespace {

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

}  // namespace

uint64_t SiteHash(const BuildContext& context, uint64_t config_hash, const Theme& theme) {
  return Fingerprint()
      .Add(KioskFingerprint())
      .Add(config_hash)
      .Add(theme.fingerprint())
      .Add(static_cast<uint64_t>(context.options.include_drafts))
      .Add(static_cast<uint64_t>(context.options.check))
      .value();
}

uint64_t ThemeFileFingerprint(const FileSystem& fs, const ThemeStaticFile& file) {
  Fingerprint fingerprint;
  fingerprint.Add(file.disk_path).Add(file.contents);
  if (!file.disk_path.empty()) {
    if (Result<FileInfo> info = fs.Stat(file.disk_path)) {
      fingerprint.Add(info->size).Add(static_cast<uint64_t>(info->mtime_ns));
    }
  }
  return fingerprint.value();
}

uint64_t InputsStamp(const BuildContext& context, uint64_t config_hash, const Theme& theme,
                     const ContentListing& listing) {
  Fingerprint stamp;
  const SearchIndexLayout& layout = context.options.search_layout;
  stamp.Add(SiteHash(context, config_hash, theme))
      .Add(static_cast<uint64_t>(context.options.strict_translations))
      .Add(layout.pages_per_block)
      .Add(layout.block_bytes)
      .Add(layout.shard_bytes);
  for (const ThemeStaticFile& file : theme.static_files()) {
    stamp.Add(file.path).Add(ThemeFileFingerprint(context.fs, file));
  }
  for (const auto* files : {&listing.content, &listing.statics}) {
    stamp.Add(files->size());
    for (const FileInfo& info : *files) {
      stamp.Add(info.path).Add(info.size).Add(static_cast<uint64_t>(info.mtime_ns));
    }
  }
  return stamp.value();
}

uint64_t LoggedInputs(uint64_t inputs, std::string_view published) {
  return Fingerprint().Add(inputs).Add(HashBytes(published)).value();
}

bool LogDescribesOutput(const BuildContext& context, const BuildLog& log) {
  return log.out_dir == AbsoluteFolder(context.options.out_dir) &&
         context.fs.IsFile(JoinPath(context.options.out_dir, kOutputMarker));
}

std::vector<char> AreAsLogged(const BuildContext& context, std::span<const RecordFileStamp> stamps) {
  std::vector<std::string_view> paths;
  paths.reserve(stamps.size());
  for (const RecordFileStamp& stamp : stamps) paths.push_back(stamp.path);
  const std::vector<std::optional<FileInfo>> infos =
      context.fs.StatFiles(context.options.out_dir, paths);
  std::vector<char> as_logged(stamps.size());
  for (size_t i = 0; i < stamps.size(); ++i) {
    as_logged[i] = infos[i] && stamps[i].known && stamps[i].size == infos[i]->size &&
                   stamps[i].mtime_ns == infos[i]->mtime_ns;
  }
  return as_logged;
}

std::unordered_set<std::string_view> MissingPageFiles(const FileSystem& fs,
                                                      const std::string& out_dir,
                                                      std::span<const LoggedPage> pages) {
  std::vector<std::string> files;
  files.reserve(pages.size());
  for (const LoggedPage& page : pages) files.emplace_back(page.page);
  const std::vector<char> there = fs.AreFiles(out_dir, files);
  std::unordered_set<std::string_view> missing;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!there[i]) missing.insert(pages[i].page);
  }
  return missing;
}

namespace {

// The output folder is the one the log describes, with its pages' HTML files (their images
// come and go with them), the files it copied, and its search indexes and open data as the
// log recorded them.
bool OutputStands(const BuildContext& context, const BuildLog& log) {
  if (!LogDescribesOutput(context, log) ||
      !MissingPageFiles(context.fs, context.options.out_dir, log.pages).empty() ||
      std::ranges::count(AreAsLogged(context, log.record_files), 0) != 0) {
    return false;
  }
  std::vector<std::string> copies;
  for (const auto& [file, fingerprint] : log.copies) copies.push_back(file);
  const std::vector<char> found = context.fs.AreFiles(context.options.out_dir, copies);
  return std::all_of(found.begin(), found.end(), [](char there) { return there != 0; });
}

}  // namespace

PreviousBuild ReadBuildLog(const BuildContext& context, uint64_t inputs, bool stop_when_up_to_date,
                           std::unique_ptr<KeptBuild> kept) {
  PreviousBuild previous;
  if (!context.options.incremental) {
    previous.why_not = "a clean build was asked for";
    return previous;
  }
  if (kept) {
    previous.kept = std::move(kept);
  } else {
    previous.read = LoadBuildLog(context.fs, LogPath(context.options), previous.why_not);
    if (!previous.read) return previous;
  }
  const BuildLog& log = *previous.log();
  // A kept build's folder is written by this process alone: its files are all there.
  if (stop_when_up_to_date && !context.diagnostics.has_errors() && log.inputs == inputs &&
      (previous.kept ? LogDescribesOutput(context, log) : OutputStands(context, log))) {
    previous.up_to_date = true;
  } else if (previous.read && !DecodeSources(*previous.read)) {
    previous.read.reset();
    previous.why_not = "the build log is corrupt";
  }
  return previous;
}

}  // namespace kiosk
