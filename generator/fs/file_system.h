// The file system behind an interface, so that stages can be tested against an in-memory
// fake and the build can never reach a path it was not given.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace kiosk {

// A file found by listing a folder.
struct FileInfo {
  std::string path;  // relative to the listed folder
  uint64_t size = 0;
  int64_t mtime_ns = 0;  // last modification, for incremental builds
};

// A file's bytes, read-only, for as long as the object lives.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::string_view view() const = 0;
};

// An exclusive lock on a lock file, held as long as the object lives (or the process: the
// system lets go of it when the process ends, however it ends).
class FileLock {
 public:
  virtual ~FileLock() = default;
};

// What is at a path, without following a symbolic link there.
enum class PathKind { kMissing, kFile, kFolder, kLink, kOther };

// Paths are UTF-8 strings with '/' separators.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Confines everything kiosk reads from a site to the site's folder, `site`: a site may come
  // from anyone's repository. Below any of `inputs` (paths under `site`), a symbolic link is
  // followed only if it leads to a place inside `site` (the real folder, its own links
  // resolved): reading through one that leads outside fails, listing a folder that holds one
  // fails at its path, and so does a loop of links; files are written there only into folders
  // inside `site`. Paths that are not below an input (the output folder) are not confined.
  virtual void ConfineInputs(const std::string& site, const std::vector<std::string>& inputs);

  virtual PathKind Kind(const std::string& path) const = 0;
  virtual bool IsFile(const std::string& path) const = 0;
  // Whether each of `paths`, relative to `root`, is a file: for the thousands of pages an
  // incremental build looks for. Reports false for all when `root` cannot be opened.
  virtual std::vector<char> AreFiles(const std::string& root,
                                     const std::vector<std::string>& paths) const;
  virtual bool IsDirectory(const std::string& path) const = 0;
  // True for a folder with nothing in it, hidden entries included.
  virtual bool IsEmptyDirectory(const std::string& path) const = 0;
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  // The file's bytes without copying them where the file system can (the disk maps the
  // file): for the large files an incremental build reads whole and keeps little of.
  virtual Result<std::unique_ptr<const FileBytes>> MapFile(const std::string& path) const = 0;
  // The file's size and modification time (`path` in the result is the given path).
  virtual Result<FileInfo> Stat(const std::string& path) const = 0;
  // The size and time of each of `paths`, relative to `root` (their `path` left empty), or
  // nullopt for one that is not a file: for the thousands of pieces of the search index an
  // incremental build looks at.
  virtual std::vector<std::optional<FileInfo>> StatFiles(
      const std::string& root, const std::vector<std::string_view>& paths) const;
  // Every regular file below `root`, sorted by path relative to it. Hidden entries (names
  // starting with '.') are skipped. An absent root lists nothing.
  virtual Result<std::vector<FileInfo>> ListFileInfos(const std::string& root) const = 0;
  // The same, paths only.
  Result<std::vector<std::string>> ListFiles(const std::string& root) const;

  // Writes the file, creating its parent folders: the bytes of `pieces`, one after another,
  // so that a large file made mostly of another file's bytes need not be joined first.
  virtual Status WriteFile(const std::string& path, std::span<const std::string_view> pieces) = 0;
  Status WriteFile(const std::string& path, std::string_view contents) {
    return WriteFile(path, std::span<const std::string_view>(&contents, 1));
  }
  virtual Status CopyFile(const std::string& from, const std::string& to) = 0;
  virtual Status CreateDirectories(const std::string& path) = 0;
  // Renames a file or folder. A file may replace a file at `to`, at once: a reader sees the
  // old file or the new one, never none. Any other `to` must not exist.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  // Swaps two folders at once (renameat2's RENAME_EXCHANGE): at every moment each path holds
  // one of the two. False when the file system cannot, and nothing was done.
  virtual Result<bool> Exchange(const std::string& a, const std::string& b) = 0;
  virtual Status RemoveAll(const std::string& path) = 0;
  // Takes the lock of the lock file at `path` (made if missing), without waiting: nullptr
  // when another process holds it; then Holder tells which, if it can.
  virtual Result<std::unique_ptr<FileLock>> Lock(const std::string& path) = 0;
  // The process that holds the lock at `path` ("process 1234"), or "".
  virtual std::string Holder(const std::string& path) const = 0;
  // `path` as an absolute path with its symbolic links resolved, as far as it exists.
  virtual std::string Resolve(const std::string& path) const = 0;
};

// The real disk.
class DiskFileSystem : public FileSystem {
 public:
  // `jobs`: the threads AreFiles, StatFiles and ListFileInfos use (a build's --jobs); 0 for one per core.
  explicit DiskFileSystem(int jobs = 0);

  void ConfineInputs(const std::string& site, const std::vector<std::string>& inputs) override;
  PathKind Kind(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  std::vector<char> AreFiles(const std::string& root,
                             const std::vector<std::string>& paths) const override;
  bool IsDirectory(const std::string& path) const override;
  bool IsEmptyDirectory(const std::string& path) const override;
  Result<std::string> ReadFile(const std::string& path) const override;
  Result<std::unique_ptr<const FileBytes>> MapFile(const std::string& path) const override;
  Result<FileInfo> Stat(const std::string& path) const override;
  std::vector<std::optional<FileInfo>> StatFiles(
      const std::string& root, const std::vector<std::string_view>& paths) const override;
  Result<std::vector<FileInfo>> ListFileInfos(const std::string& root) const override;
  using FileSystem::WriteFile;
  Status WriteFile(const std::string& path, std::span<const std::string_view> pieces) override;
  Status CopyFile(const std::string& from, const std::string& to) override;
  Status CreateDirectories(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Result<bool> Exchange(const std::string& a, const std::string& b) override;
  Status RemoveAll(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> Lock(const std::string& path) override;
  std::string Holder(const std::string& path) const override;
  std::string Resolve(const std::string& path) const override;

 private:
  // Whether reading or writing `path` is confined to the site (ConfineInputs).
  bool Confined(const std::string& path) const;
  // An open file or folder at `path`: fine when it is not confined or its real place is
  // inside the site, else the error to report.
  Status CheckInside(int descriptor, const std::string& path) const;
  // Opens a regular file for reading (confined) and tells its size, or says why it cannot.
  Result<int> OpenForReading(const std::string& path, uint64_t& size) const;
  // Opens a file to be written from its start (in a folder inside the site, when confined),
  // making its folders when missing, or says why it cannot.
  Result<int> OpenToWrite(const std::string& path);

  int jobs_;
  std::string site_;                // as given to ConfineInputs
  std::string site_real_;           // its real path; "" when nothing is confined
  std::vector<std::string> inputs_;
};

// An in-memory file system for tests. Folders exist implicitly when a file is below them,
// or explicitly after CreateDirectories. Safe to use from several threads, as the disk is.
class MemoryFileSystem : public FileSystem {
 public:
  PathKind Kind(const std::string& path) const override;
  bool IsFile(const std::string& path) const override;
  bool IsDirectory(const std::string& path) const override;
  bool IsEmptyDirectory(const std::string& path) const override;
  Result<std::string> ReadFile(const std::string& path) const override;
  Result<std::unique_ptr<const FileBytes>> MapFile(const std::string& path) const override;
  Result<FileInfo> Stat(const std::string& path) const override;
  Result<std::vector<FileInfo>> ListFileInfos(const std::string& root) const override;
  using FileSystem::WriteFile;
  Status WriteFile(const std::string& path, std::span<const std::string_view> pieces) override;
  Status CopyFile(const std::string& from, const std::string& to) override;
  Status CreateDirectories(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Result<bool> Exchange(const std::string& a, const std::string& b) override;
  Status RemoveAll(const std::string& path) override;
  Result<std::unique_ptr<FileLock>> Lock(const std::string& path) override;
  std::string Holder(const std::string& path) const override;
  std::string Resolve(const std::string& path) const override { return path; }

  // For tests to read once the build is done (not locked).
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  mutable std::recursive_mutex mutex_;  // a method may call another
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> directories_;
  std::map<std::string, int64_t> mtimes_;  // a counter standing in for the clock
  int64_t clock_ = 0;
  std::set<std::string> locks_;  // held by a MemoryFileSystem lock
  friend class MemoryLock;
};

// Writes `pieces` to `partial`, beside `path`, and renames it over `path`: a reader finds
// the old file or the new one, never half of one. Nothing is left at `partial` on failure.
Status ReplaceFile(FileSystem& fs, const std::string& path, const std::string& partial,
                   std::span<const std::string_view> pieces);

// A problem the file system found, with its path named as messages name it: `folder` (as
// given to the file system) at its front replaced by `shown` ("" for the current folder).
Diagnostic ShownAs(Diagnostic problem, const std::string& folder, const std::string& shown);

// The running program's file, or "" when it cannot be found.
std::string ProgramPath();

// Joins two path parts with exactly one '/'.
std::string JoinPath(std::string_view base, std::string_view relative);
// The folder part of a path ("a/b/c.md" -> "a/b"; "c.md" -> "").
std::string ParentPath(std::string_view path);
// The last part of a path ("a/b/c.md" -> "c.md").
std::string FileName(std::string_view path);
// A relative path joined to a folder, "." and ".." folded ("faq" + "../img/a.png" ->
// "img/a.png"); one starting with '/' is taken from the root. nullopt when it leads out of
// the root.
std::optional<std::string> ResolvePath(std::string_view folder, std::string_view relative);

}  // namespace kiosk
