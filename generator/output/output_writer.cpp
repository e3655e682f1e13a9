#include "output/output_writer.h"

#include <set>

#include "base/parallel.h"
#include "base/text.h"

namespace kiosk {

bool IsContainedPath(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
      path.find('\0') != std::string_view::npos) {
    return false;
  }
  for (size_t start = 0; start <= path.size();) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  return true;
}

namespace {

Status CheckPaths(const std::string& out_dir, const std::vector<OutputFile>& files) {
  std::set<std::string_view> seen;
  for (const OutputFile& file : files) {
    if (!IsContainedPath(file.path)) {
      return IoError(file.path, "refusing to write a file outside the output folder",
                     "this is a bug in kiosk: please report it");
    }
    if (!seen.insert(file.path).second) {
      return IoError(JoinPath(out_dir, file.path), "two outputs were to be written to one path",
                     "this is a bug in kiosk: please report it");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<StagedOutput>> StagedOutput::Begin(FileSystem& fs,
                                                          const std::string& out_dir) {
  if (fs.IsFile(out_dir)) {
    return IoError(out_dir, "the output path is a file, not a folder",
                   "choose another output folder with -o");
  }
  if (fs.IsDirectory(out_dir) && !fs.IsFile(JoinPath(out_dir, kOutputMarker)) &&
      !fs.IsEmptyDirectory(out_dir)) {
    return IoError(out_dir, "the output folder holds files that kiosk did not write",
                   "kiosk replaces its output folder on every build: choose an empty or new "
                   "folder with -o, or remove this one");
  }
  std::unique_ptr<StagedOutput> output(new StagedOutput(fs, out_dir));
  // Leftovers of an interrupted build.
  if (Status status = fs.RemoveAll(output->staging_); !status) return status.error();
  if (Status status = fs.RemoveAll(output->previous_); !status) return status.error();
  if (Status status = fs.CreateDirectories(output->staging_); !status) return status.error();
  output->begun_ = true;
  return output;
}

StagedOutput::StagedOutput(FileSystem& fs, const std::string& out_dir)
    : fs_(fs),
      out_dir_(out_dir),
      staging_(JoinPath(ParentPath(out_dir), "." + FileName(out_dir) + ".kiosk-staging")),
      previous_(JoinPath(ParentPath(out_dir), "." + FileName(out_dir) + ".kiosk-old")) {}

StagedOutput::~StagedOutput() {
  if (begun_ && !committed_) fs_.RemoveAll(staging_);
}

Status StagedOutput::Write(const OutputFile& file) {
  if (!IsContainedPath(file.path)) {
    return IoError(file.path, "refusing to write a file outside the output folder",
                   "this is a bug in kiosk: please report it");
  }
  const std::string target = JoinPath(staging_, file.path);
  return file.copy_from.empty() ? fs_.WriteFile(target, file.Bytes())
                                : fs_.CopyFile(file.copy_from, target);
}

Status StagedOutput::Commit() {
  if (Status status =
          fs_.WriteFile(JoinPath(staging_, kOutputMarker),
                        "This folder is written by kiosk and replaced on every build.\n");
      !status) {
    return status;
  }
  const bool had_previous = fs_.IsDirectory(out_dir_);
  if (had_previous) {
    if (Status status = fs_.Rename(out_dir_, previous_); !status) return status;
  }
  if (Status status = fs_.Rename(staging_, out_dir_); !status) {
    if (had_previous) fs_.Rename(previous_, out_dir_);
    return status;
  }
  committed_ = true;
  if (had_previous) fs_.RemoveAll(previous_);
  return Status::Ok();
}

Status WriteOutput(FileSystem& fs, const std::string& out_dir,
                   const std::vector<OutputFile>& files) {
  if (Status status = CheckPaths(out_dir, files); !status) return status;
  Result<std::unique_ptr<StagedOutput>> output = StagedOutput::Begin(fs, out_dir);
  if (!output) return output.error();
  for (const OutputFile& file : files) {
    if (Status status = (*output)->Write(file); !status) return status;
  }
  return (*output)->Commit();
}

Status UpdateOutput(FileSystem& fs, const std::string& out_dir,
                    const std::vector<OutputFile>& files, const std::vector<std::string>& removed) {
  if (Status status = CheckPaths(out_dir, files); !status) return status;
  if (!fs.IsFile(JoinPath(out_dir, kOutputMarker))) {
    return IoError(out_dir, "the output folder was not written by kiosk",
                   "build with --clean, or choose another folder");
  }
  for (const OutputFile& file : files) {
    const std::string target = JoinPath(out_dir, file.path);
    const std::string partial = JoinPath(ParentPath(target), ".kiosk-partial");
    Status status = file.copy_from.empty() ? fs.WriteFile(partial, file.Bytes())
                                           : fs.CopyFile(file.copy_from, partial);
    if (status) {
      // Renamed over the old file, so that a server reading the folder meanwhile gets the old
      // file or the new one; a folder in the way (a page that became a file) goes first.
      if (fs.IsDirectory(target)) fs.RemoveAll(target);
      status = fs.Rename(partial, target);
    }
    if (!status) {
      fs.RemoveAll(partial);
      return status;
    }
  }
  for (const std::string& path : removed) {
    if (!IsContainedPath(path)) continue;
    if (Status status = fs.RemoveAll(JoinPath(out_dir, path)); !status) return status;
    // Folders left empty go too, as a clean build would not have them.
    for (std::string folder = ParentPath(path); !folder.empty(); folder = ParentPath(folder)) {
      const std::string full = JoinPath(out_dir, folder);
      if (!fs.IsEmptyDirectory(full)) break;
      fs.RemoveAll(full);
    }
  }
  return Status::Ok();
}

}  // namespace kiosk
