// The file system behind an interface, so that stages can be tested against an in-memory
// fake and the build can never reach a path it was not given.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
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

// Paths are UTF-8 strings with '/' separators.
class FileSystem {
 public:
  virtual ~FileSystem() = default;

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
  virtual Status RemoveAll(const std::string& path) = 0;
};

// The real disk.
class DiskFileSystem : public FileSystem {
 public:
  // `jobs`: the threads AreFiles, StatFiles and ListFileInfos use (a build's --jobs); 0 for one per core.
  explicit DiskFileSystem(int jobs = 0);

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
  Status RemoveAll(const std::string& path) override;

 private:
  int jobs_;
};

// An in-memory file system for tests. Folders exist implicitly when a file is below them,
// or explicitly after CreateDirectories. Safe to use from several threads, as the disk is.
class MemoryFileSystem : public FileSystem {
 public:
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
  Status RemoveAll(const std::string& path) override;

  // For tests to read once the build is done (not locked).
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  mutable std::recursive_mutex mutex_;  // a method may call another
  std::map<std::string, std::string> files_;
  std::map<std::string, bool> directories_;
  std::map<std::string, int64_t> mtimes_;  // a counter standing in for the clock
  int64_t clock_ = 0;
};

// Writes `pieces` to `partial`, beside `path`, and renames it over `path`: a reader finds
// the old file or the new one, never half of one. Nothing is left at `partial` on failure.
Status ReplaceFile(FileSystem& fs, const std::string& path, const std::string& partial,
                   std::span<const std::string_view> pieces);

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
