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

bool IsAtOrBelow(const std::string& path, const std::string& folder) {
  return path == folder || (path.size() > folder.size() &&
                            path.compare(0, folder.size(), folder) == 0 &&
                            (folder.back() == '/' || path[folder.size()] == '/'));
}

// A path kiosk keeps beside the output folder: ".<name><suffix>".
std::string Beside(const std::string& out_dir, std::string_view suffix) {
  return JoinPath(ParentPath(out_dir), "." + FileName(out_dir) + std::string(suffix));
}

Diagnostic OutsideTheOutput(const std::string& path) {
  return IoError(path, "refusing to write a file outside the output folder",
                 "this is a bug in kiosk: please report it");
}

}  // namespace

Result<std::unique_ptr<FileLock>> LockOutput(FileSystem& fs, const std::string& out_dir) {
  // One lock whatever name the folder is given ("out", "./out", a link to it).
  const std::string folder = fs.Resolve(out_dir);
  if (Status made = fs.CreateDirectories(ParentPath(folder)); !made) return made.error();
  const std::string lock_path = Beside(folder, ".kiosk-lock");
  Result<std::unique_ptr<FileLock>> lock = fs.Lock(lock_path);
  if (lock && !*lock) {
    const std::string holder = fs.Holder(lock_path);
    return IoError(out_dir,
                   "another kiosk build" + (holder.empty() ? "" : " (" + holder + ")") +
                       " is writing this output folder",
                   "wait for it to finish, then build again");
  }
  return lock;
}

Status CheckOutputPlace(const FileSystem& fs, const std::string& site_dir,
                        const std::string& out_dir) {
  const std::string out = fs.Resolve(out_dir);
  for (const std::string input : {"content", "static", "themes"}) {
    if (!IsAtOrBelow(out, fs.Resolve(JoinPath(site_dir, input)))) continue;
    return IoError(out_dir,
                   "the output folder is inside " + input +
                       "/, which kiosk reads: every build would publish the last one's output "
                       "again",
                   "write the site outside content/, static/ and themes/, e.g. to output/ (the "
                   "default)");
  }
  return Status::Ok();
}

namespace {

Status CheckPaths(const std::string& out_dir, const std::vector<OutputFile>& files) {
  std::set<std::string_view> seen;
  for (const OutputFile& file : files) {
    if (!IsContainedPath(file.path)) return OutsideTheOutput(file.path);
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
  // Leftovers of an interrupted build; the output folder itself, if a build was stopped
  // between the two renames of its swap.
  if (!fs.IsDirectory(out_dir) && fs.IsFile(JoinPath(output->previous_, kOutputMarker))) {
    if (Status status = fs.Rename(output->previous_, out_dir); !status) return status.error();
  }
  if (Status status = fs.RemoveAll(output->staging_); !status) return status.error();
  if (Status status = fs.RemoveAll(output->previous_); !status) return status.error();
  if (Status status = fs.CreateDirectories(output->staging_); !status) return status.error();
  output->begun_ = true;
  return output;
}

StagedOutput::StagedOutput(FileSystem& fs, const std::string& out_dir)
    : fs_(fs),
      out_dir_(out_dir),
      staging_(Beside(out_dir, ".kiosk-staging")),
      previous_(Beside(out_dir, ".kiosk-old")) {}

StagedOutput::~StagedOutput() {
  if (begun_ && !committed_) fs_.RemoveAll(staging_);
}

Status StagedOutput::Write(const OutputFile& file) {
  if (!IsContainedPath(file.path)) return OutsideTheOutput(file.path);
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
    // At once where the file system can: the output folder is never missing.
    Result<bool> exchanged = fs_.Exchange(staging_, out_dir_);
    if (!exchanged) return exchanged.error();
    if (*exchanged) {
      committed_ = true;
      fs_.RemoveAll(staging_);  // now the previous output
      return Status::Ok();
    }
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

Result<std::unique_ptr<StagedUpdate>> StagedUpdate::Begin(FileSystem& fs,
                                                          const std::string& out_dir) {
  if (!fs.IsFile(JoinPath(out_dir, kOutputMarker))) {
    return IoError(out_dir, "the output folder was not written by kiosk",
                   "build with --clean, or choose another folder");
  }
  return std::unique_ptr<StagedUpdate>(new StagedUpdate(fs, out_dir));
}

namespace {

std::string PartialOf(const std::string& target) {
  return JoinPath(ParentPath(target), "." + FileName(target) + ".kiosk-partial");
}

}  // namespace

StagedUpdate::~StagedUpdate() {
  if (committed_) return;
  for (const std::string& path : written_) fs_.RemoveAll(PartialOf(JoinPath(out_dir_, path)));
  for (const std::string& folder : made_) fs_.RemoveAll(folder);
}

Status StagedUpdate::Write(const OutputFile& file) {
  if (!IsContainedPath(file.path)) return OutsideTheOutput(file.path);
  const std::string target = JoinPath(out_dir_, file.path);
  if (!paths_.insert(file.path).second) {
    return IoError(target, "two outputs were to be written to one path",
                   "this is a bug in kiosk: please report it");
  }
  // The outermost folder this file needs that is not there yet, to take away on failure.
  std::string missing;
  for (std::string folder = ParentPath(file.path);
       !folder.empty() && !fs_.IsDirectory(JoinPath(out_dir_, folder));
       folder = ParentPath(folder)) {
    missing = JoinPath(out_dir_, folder);
  }
  if (!missing.empty()) made_.push_back(missing);
  written_.push_back(file.path);
  const std::string partial = PartialOf(target);
  return file.copy_from.empty() ? fs_.WriteFile(partial, file.Bytes())
                                : fs_.CopyFile(file.copy_from, partial);
}

Status StagedUpdate::Commit(const std::vector<std::string>& removed) {
  committed_ = true;
  for (size_t i = 0; i < written_.size(); ++i) {
    const std::string target = JoinPath(out_dir_, written_[i]);
    // A folder in the way (a page that became a file) goes first.
    if (fs_.IsDirectory(target)) {
      fs_.RemoveAll(target);
      changed_ = true;
    }
    if (Status status = fs_.Rename(PartialOf(target), target); !status) {
      // The rest are not put in place: take their partial files away.
      for (size_t rest = i; rest < written_.size(); ++rest) {
        fs_.RemoveAll(PartialOf(JoinPath(out_dir_, written_[rest])));
      }
      if (!changed_) {
        for (const std::string& folder : made_) fs_.RemoveAll(folder);
      }
      return status;
    }
    changed_ = true;
  }
  for (const std::string& path : removed) {
    if (!IsContainedPath(path)) continue;
    if (Status status = fs_.RemoveAll(JoinPath(out_dir_, path)); !status) return status;
    changed_ = true;
    // Folders left empty go too, as a clean build would not have them.
    for (std::string folder = ParentPath(path); !folder.empty(); folder = ParentPath(folder)) {
      const std::string full = JoinPath(out_dir_, folder);
      if (!fs_.IsEmptyDirectory(full)) break;
      fs_.RemoveAll(full);
    }
  }
  return Status::Ok();
}

}  // namespace kiosk
