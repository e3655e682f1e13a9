// The build log: what the previous build read and wrote, kept in SITE_DIR/.kiosk/ (outside
// the output folder), so that the next build re-renders only what changed. Like ninja's
// log, it is never trusted blindly: a missing, truncated, corrupt or other-version log is
// ignored and the site is built from scratch.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "content/source_page.h"
#include "fs/file_system.h"

namespace kiosk {

// A content file as last read: if its size and time are unchanged, its summary stands in
// for parsing it again.
struct SourceRecord {
  std::string_view path;  // below content/
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t content_hash = 0;
  std::string_view summary;          // EncodeSourceSummary
  std::vector<Diagnostic> warnings;  // shown again while the file stays unchanged
};

// What a page's files were made from, in three parts so that --explain can say which
// changed.
struct MadeFrom {
  uint64_t site = 0;        // site.yaml, theme, kiosk's version, build options
  uint64_t source = 0;      // the page's own source file (and, for services, static/)
  uint64_t neighbours = 0;  // the pages it lists or links to (sections, translations, menu),
                            // and whether its language has a news feed
};

// Where a page's lines are in a record file (a search index, an open-data file), so that
// the next build can keep them without reading the file to find them.
struct RecordRun {
  uint32_t file = 0;    // the record file: an index into BuildLog::record_files
  uint64_t offset = 0;  // of the page's first line
  uint64_t size = 0;    // to the end of its last line; 0 for a page listed without lines
};

// A record file as the build left it. Its pages' runs hold only while its size and time are
// these: another build that failed half-way, or a hand edit, would have changed them.
struct RecordFileStamp {
  std::string path;    // relative to the output folder
  bool known = false;  // false: its size and time are not known, its runs are not used
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

// A page's record in this build.
struct OutputRecord {
  MadeFrom made_from;
  std::vector<std::string> files;  // the files written for the page (HTML, QR images)
  std::vector<RecordRun> runs;     // file: an index into RecordFilePaths
};

// A page's record as the log holds it: views into the log's bytes when read, into the
// build's pages and records when saved, as a large site has tens of thousands.
struct LoggedPage {
  std::string_view page;  // its HTML file, which keys the record
  MadeFrom made_from;
  std::span<const std::string_view> files;  // in BuildLog::page_files, or the build's
  std::span<const RecordRun> runs;          // in BuildLog::page_runs, or the build's
};

// What the build that wrote the log told its user, so that a build with nothing to do can
// tell it again without reading the site.
struct BuildReport {
  std::map<std::string, uint64_t> pages_per_language;
  std::vector<std::pair<std::string, std::string>> missing_translations;  // file, language
  std::vector<Diagnostic> warnings;
};

struct BuildLog {
  std::string out_dir;       // the output folder the log describes
  uint64_t config_hash = 0;  // site.yaml's bytes: summaries hold only with it
  uint64_t inputs = 0;       // every input's name, size and time (see the build's InputsStamp)
  uint64_t site_map = 0;     // what sitemap.xml was made of (the build's SiteMapInputs)
  BuildReport report;
  std::vector<LoggedPage> pages;  // each page once, sorted (SortPages)
  // What the pages' spans view: one vector for all pages rather than one for each. A log is
  // moved, never copied, so that they stay where the spans point.
  std::vector<std::string_view> page_files;
  std::vector<RecordRun> page_runs;
  std::map<std::string, uint64_t> copies;  // copied file -> fingerprint of its source
  // Sorted by path. Decoded by DecodeSources, as a build with nothing to do does not need
  // them. Their views point into `bytes` in a log read, into the build's strings in one
  // to save: a large site has tens of thousands, read and saved on every edit.
  std::vector<SourceRecord> sources;
  std::string_view encoded_sources;           // in `bytes`
  std::vector<RecordFileStamp> record_files;  // as read (WriteBuildLog is given them late)
  std::shared_ptr<const FileBytes> bytes;     // the log file as read

  BuildLog() = default;
  BuildLog(BuildLog&&) = default;
  BuildLog& operator=(BuildLog&&) = default;
  BuildLog(const BuildLog&) = delete;  // the pages' spans would view the original's vectors
  BuildLog& operator=(const BuildLog&) = delete;

  void SortPages();
  const LoggedPage* FindPage(std::string_view page) const;
  // A record file's index in `record_files`, if the log has it.
  std::optional<uint32_t> FindRecordFile(std::string_view path) const;
};

// Reads the log, all but its source records. nullopt, with the reason in `why_not`, for a
// missing, unreadable, corrupt or other-version log.
std::optional<BuildLog> LoadBuildLog(const FileSystem& fs, const std::string& path,
                                     std::string& why_not);
// Decodes `encoded_sources` into `sources`; false if they are corrupt.
bool DecodeSources(BuildLog& log);
// Writes the log at `path`: beside the log's place, to be renamed over it once the output
// it describes is complete, so that an interrupted build leaves a whole log, old or new.
// The record files' stamps are asked for last, once the rest is encoded: they are known only
// once the output is written, which a build does meanwhile.
Status WriteBuildLog(FileSystem& fs, const std::string& path, const BuildLog& log,
                     const std::function<std::vector<RecordFileStamp>()>& record_files);

// The front-matter facts of a page that the site model needs (not its body), so that an
// unchanged page need not be parsed to place it in the site.
std::string EncodeSourceSummary(const SourcePage& page);
// Decodes into `page`, in place, as a large site decodes tens of thousands. `page` must be
// default-constructed; on false it is left partly filled and must be discarded.
bool DecodeSourceSummary(std::string_view summary, const ContentFile& origin, SourcePage& page);

}  // namespace kiosk
