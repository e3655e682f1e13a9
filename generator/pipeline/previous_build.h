// The build before this one into the same output folder, as its build log describes it, and
// the stamps of a build's inputs that tell whether that build's output still stands.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "incremental/build_log.h"
#include "pipeline/build_context.h"
#include "pipeline/read_stages.h"
#include "theme/theme.h"

namespace kiosk {

// The output folder as an absolute, normal path: "out", "./out" and "/site/out" are one.
std::string AbsoluteFolder(const std::string& folder);

// One log per output folder, in SITE_DIR/.kiosk/, so that building into another folder (a
// preview, a test) does not cost the main output its incremental builds.
std::string LogPath(const BuildOptions& options);

// What every page depends on: kiosk itself, site.yaml, the theme's templates and strings,
// and the options that change the pages.
uint64_t SiteHash(const BuildContext& context, uint64_t config_hash, const Theme& theme);

// A static file of the theme: its bytes, or its file's name, size and time.
uint64_t ThemeFileFingerprint(const FileSystem& fs, const ThemeStaticFile& file);

// Everything a build reads, by name, size and time (site.yaml and the templates by their
// bytes), and the options that change what it writes.
uint64_t InputsStamp(const BuildContext& context, uint64_t config_hash, const Theme& theme,
                     const ContentListing& listing);

// A build kept in memory by the process that made it (kiosk serve), for the next build to
// start from: the site it read, and the account of what it wrote, which `log` views. The
// next build's ParsePages takes over its parsed pages; its log holds until a build writes
// the output again, so that a build that fails before writing gives it back.
struct KeptBuild {
  LoadedSite site;
  ContentListing listing;             // as found: the next build lists only what changed
  std::vector<OutputRecord> records;  // each page's
  BuildLog log;                       // views `site` and `records`: declared after them
  bool pages_taken = false;           // site.sources.pages are another build's now
};

// The stamp a build log keeps of its build's inputs: published.txt among them, as the build
// leaves it, so that the next build of the same inputs has nothing to do.
uint64_t LoggedInputs(uint64_t inputs, std::string_view published);

struct PreviousBuild {
  std::unique_ptr<KeptBuild> kept;  // the build before, when this process made it
  std::optional<BuildLog> read;     // else its log, read from SITE_DIR/.kiosk/
  std::string why_not;              // why there is neither
  // The previous build read the same inputs and its files are all there: nothing to do. A
  // log read is then left with its content files' records undecoded.
  bool up_to_date = false;

  // The previous build's log, or null.
  const BuildLog* log() const { return kept ? &kept->log : read ? &*read : nullptr; }
};

// The build before this one: `kept` when the process has it (and a clean build was not asked
// for), else the log of the output folder. With `stop_when_up_to_date` (a build, not a
// command that needs the site model), it says whether the output stands for inputs stamped
// `inputs` (LoggedInputs).
PreviousBuild ReadBuildLog(const BuildContext& context, uint64_t inputs, bool stop_when_up_to_date,
                           std::unique_ptr<KeptBuild> kept = nullptr);

// Whether the output folder is the one `log` describes, written by kiosk: the previous
// build's files can be kept in place.
bool LogDescribesOutput(const BuildContext& context, const BuildLog& log);

// Whether each record file is as the log says the last build left it: only then are the
// places of its pages' lines known. Looked at together: the search index has thousands.
std::vector<char> AreAsLogged(const BuildContext& context, std::span<const RecordFileStamp> stamps);

// Which of the previous build's page files (HTML), `pages` of its log, are no longer in the
// output. Their images come and go with them. The span is the log's vector's, which stays
// where it is when the log is moved, so that another thread can look while the build goes on.
std::unordered_set<std::string_view> MissingPageFiles(const FileSystem& fs,
                                                      const std::string& out_dir,
                                                      std::span<const LoggedPage> pages);

}  // namespace kiosk
