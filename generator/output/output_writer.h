// Writes a built site into its output folder all at once: the files go to a staging folder
// beside it, which replaces the output folder only when everything was written. A failed
// build leaves the previous site as it was.
#pragma once

#include <memory>
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

// A new output folder, written beside the old one (".<name>.kiosk-staging") and swapped in
// by Commit. Destroyed without Commit, it leaves the old output as it was.
class StagedOutput {
 public:
  // Checks that `out_dir` may be replaced (it is absent, empty, or kiosk's) and starts.
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

// Updates an output folder kiosk wrote before, in place: writes `files` (each beside its
// target, then renamed over it, so no reader sees half a file) and deletes `removed`.
Status UpdateOutput(FileSystem& fs, const std::string& out_dir,
                    const std::vector<OutputFile>& files, const std::vector<std::string>& removed);

}  // namespace kiosk
