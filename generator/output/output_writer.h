// Writes a built site into its output folder: all at once, into a staging folder beside it
// that takes the output folder's place only when everything was written, or in place, each
// changed file written beside its target and all of them renamed over their targets only
// when every one was written. A failed build leaves the previous site as it was; only one
// build writes a folder at a time.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "fs/file_system.h"
#include "render/page_renderer.h"

namespace kiosk {

// The file kiosk leaves in every output folder it writes, so that it never replaces a
// folder it did not write.
inline constexpr std::string_view kOutputMarker = ".kiosk-output";

// True for a relative path without '.', '..' or empty parts: one that stays inside the
// folder it is joined to.
bool IsContainedPath(std::string_view path);

// Holds the lock of an output folder for as long as it lives: ".<name>.kiosk-lock" beside
// the folder, so that two builds never write one folder (and its build log) at once. Another
// build meanwhile fails at once, saying which process holds it.
Result<std::unique_ptr<FileLock>> LockOutput(FileSystem& fs, const std::string& out_dir);

// Refuses an output folder inside the folders kiosk reads from the site (content/, static/,
// themes/): each build would publish the last build's output again.
Status CheckOutputPlace(const FileSystem& fs, const std::string& site_dir,
                        const std::string& out_dir);

// A new output folder, written beside the old one (".<name>.kiosk-staging") and swapped in
// by Commit: exchanged with it at once where the file system can (renameat2), else by two
// renames, the old folder waiting at ".<name>.kiosk-old" in between. Destroyed without
// Commit, it leaves the old output as it was.
class StagedOutput {
 public:
  // Checks that `out_dir` may be replaced (it is absent, empty, or kiosk's) and starts. An
  // output folder a build left at ".<name>.kiosk-old" (stopped between the two renames) is
  // put back first.
  static Result<std::unique_ptr<StagedOutput>> Begin(FileSystem& fs, const std::string& out_dir);
  ~StagedOutput();
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;

  // Writes one file.
  Status Write(const OutputFile& file);
  // Marks the folder as kiosk's and swaps it in for `out_dir`.
  Status Commit();

 private:
  StagedOutput(FileSystem& fs, const std::string& out_dir);
  FileSystem& fs_;
  const std::string out_dir_;
  const std::string staging_;
  const std::string previous_;
  bool begun_ = false;
  bool committed_ = false;
};

// Replaces `out_dir` by a folder holding exactly `files`. Refuses to replace a non-empty
// folder that kiosk did not write.
Status WriteOutput(FileSystem& fs, const std::string& out_dir,
                   const std::vector<OutputFile>& files);

// Changes to an output folder kiosk wrote before, made in place as one: each file is written
// beside its target (".<name>.kiosk-partial"), and only Commit renames them over their
// targets (a reader finds the old file or the new one, never half of one) and deletes what
// is gone. Destroyed without Commit, it removes its partial files and the folders it made for
// them: a failed write (a full disk) leaves the folder exactly as it was.
class StagedUpdate {
 public:
  // Checks that `out_dir` is an output folder kiosk wrote.
  static Result<std::unique_ptr<StagedUpdate>> Begin(FileSystem& fs, const std::string& out_dir);
  ~StagedUpdate();
  StagedUpdate(const StagedUpdate&) = delete;
  StagedUpdate& operator=(const StagedUpdate&) = delete;

  // Writes one file beside its target.
  Status Write(const OutputFile& file);
  // Puts the written files in place and deletes `removed` (paths in the folder). Renames need
  // no disk space; should one fail all the same, the folder is left partly changed, which
  // changed() tells.
  Status Commit(const std::vector<std::string>& removed);
  // Whether Commit changed the folder, in full or in part.
  bool changed() const { return changed_; }

 private:
  StagedUpdate(FileSystem& fs, const std::string& out_dir) : fs_(fs), out_dir_(out_dir) {}
  FileSystem& fs_;
  const std::string out_dir_;
  std::vector<std::string> written_;  // paths in the folder, in the order written
  std::set<std::string> paths_;       // the same, to refuse a path given twice
  std::vector<std::string> made_;     // folders made for partial files, outermost first
  bool committed_ = false;
  bool changed_ = false;
};

}  // namespace kiosk
