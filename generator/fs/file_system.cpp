#include "fs/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "base/parallel.h"

namespace kiosk {

namespace stdfs = std::filesystem;

std::vector<char> FileSystem::AreFiles(const std::string& root,
                                       const std::vector<std::string>& paths) const {
  std::vector<char> found(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) found[i] = IsFile(JoinPath(root, paths[i]));
  return found;
}

std::vector<std::optional<FileInfo>> FileSystem::StatFiles(
    const std::string& root, const std::vector<std::string_view>& paths) const {
  std::vector<std::optional<FileInfo>> infos(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) {
    if (Result<FileInfo> info = Stat(JoinPath(root, paths[i]))) {
      infos[i] = FileInfo{"", info->size, info->mtime_ns};
    }
  }
  return infos;
}

Result<std::vector<std::string>> FileSystem::ListFiles(const std::string& root) const {
  Result<std::vector<FileInfo>> infos = ListFileInfos(root);
  if (!infos) return infos.error();
  std::vector<std::string> paths;
  paths.reserve(infos->size());
  for (FileInfo& info : *infos) paths.push_back(std::move(info.path));
  return paths;
}

namespace {

stdfs::path ToPath(const std::string& path) {
  return stdfs::path(std::u8string(path.begin(), path.end()));
}

Diagnostic SystemError(const std::string& path, const std::string& what,
                       const std::error_code& ec) {
  return IoError(path, what + ": " + ec.message());
}

}  // namespace

Status ReplaceFile(FileSystem& fs, const std::string& path, const std::string& partial,
                   std::span<const std::string_view> pieces) {
  Status status = fs.WriteFile(partial, pieces);
  if (status) status = fs.Rename(partial, path);
  if (!status) fs.RemoveAll(partial);
  return status;
}

std::string ProgramPath() {
  std::error_code ec;
  const stdfs::path program = stdfs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : program.string();
}

std::string JoinPath(std::string_view base, std::string_view relative) {
  if (base.empty()) return std::string(relative);
  if (relative.empty()) return std::string(base);
  std::string joined(base);
  if (joined.back() != '/') joined += '/';
  while (!relative.empty() && relative.front() == '/') relative.remove_prefix(1);
  joined += relative;
  return joined;
}

std::string ParentPath(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string FileName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::optional<std::string> ResolvePath(std::string_view folder, std::string_view relative) {
  const std::string joined = !relative.empty() && relative.front() == '/'
                                 ? std::string(relative)
                                 : JoinPath(folder, relative);
  std::vector<std::string_view> parts;
  for (std::string_view rest = joined;;) {
    const size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::string path;
  for (std::string_view part : parts) path = JoinPath(path, part);
  return path;
}

// ---------------------------------------------------------------------------------------
// DiskFileSystem

// Plain stat(2) for the checks an incremental build makes for every page: std::filesystem
// would first take the path apart.
bool DiskFileSystem::IsFile(const std::string& path) const {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

DiskFileSystem::DiskFileSystem(int jobs) : jobs_(jobs > 0 ? jobs : DefaultJobCount()) {}

// Below an open folder, the kernel walks only the relative part of each path.
std::vector<char> DiskFileSystem::AreFiles(const std::string& root,
                                           const std::vector<std::string>& paths) const {
  std::vector<char> found(paths.size(), 0);
  const int folder = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder < 0) return found;
  ParallelFor(paths.size(), jobs_, [&](size_t i, int) {
    struct stat info;
    found[i] = fstatat(folder, paths[i].c_str(), &info, 0) == 0 && S_ISREG(info.st_mode);
  });
  close(folder);
  return found;
}

std::vector<std::optional<FileInfo>> DiskFileSystem::StatFiles(
    const std::string& root, const std::vector<std::string_view>& paths) const {
  std::vector<std::optional<FileInfo>> infos(paths.size());
  const int folder = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder < 0) return infos;
  ParallelFor(paths.size(), jobs_, [&](size_t i, int) {
    const std::string path(paths[i]);
    struct stat status;
    if (fstatat(folder, path.c_str(), &status, 0) == 0 && S_ISREG(status.st_mode)) {
      infos[i] = FileInfo{"", static_cast<uint64_t>(status.st_size),
                          int64_t{status.st_mtim.tv_sec} * 1'000'000'000 + status.st_mtim.tv_nsec};
    }
  });
  close(folder);
  return infos;
}

bool DiskFileSystem::IsDirectory(const std::string& path) const {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool DiskFileSystem::IsEmptyDirectory(const std::string& path) const {
  std::error_code ec;
  return stdfs::is_directory(ToPath(path), ec) && stdfs::is_empty(ToPath(path), ec) && !ec;
}

namespace {

// Opens a regular file for reading and tells its size: the descriptor, or -1.
int OpenRegularFile(const std::string& path, struct stat& info) {
  const int file = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file >= 0 && (fstat(file, &info) != 0 || !S_ISREG(info.st_mode))) {
    close(file);
    return -1;
  }
  return file;
}

Diagnostic CannotOpen(const std::string& path) {
  return IoError(path, "cannot open the file", "check that it exists and is readable");
}

}  // namespace

Result<std::string> DiskFileSystem::ReadFile(const std::string& path) const {
  struct stat info;
  const int file = OpenRegularFile(path, info);
  if (file < 0) return CannotOpen(path);
  // Read to the end rather than to the size fstat gave, in case the file grew since.
  std::string contents(static_cast<size_t>(info.st_size), '\0');
  size_t filled = 0;
  for (;;) {
    char more[4096];
    const bool full = filled == contents.size();
    const ssize_t got = full ? read(file, more, sizeof more)
                             : read(file, contents.data() + filled, contents.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      close(file);
      if (got < 0) return IoError(path, "cannot read the file");
      contents.resize(filled);
      return contents;
    }
    if (full) contents.append(more, static_cast<size_t>(got));
    filled += static_cast<size_t>(got);
  }
}

namespace {

// A file mapped read-only: the kernel's page cache, not a copy of it.
class MappedFile : public FileBytes {
 public:
  MappedFile(void* address, size_t size) : address_(address), size_(size) {}
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() override {
    if (size_ > 0) munmap(address_, size_);
  }
  std::string_view view() const override {
    return size_ > 0 ? std::string_view(static_cast<const char*>(address_), size_)
                     : std::string_view();
  }

 private:
  void* address_;
  size_t size_;
};

class CopiedFile : public FileBytes {
 public:
  explicit CopiedFile(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string_view view() const override { return bytes_; }

 private:
  std::string bytes_;
};

}  // namespace

Result<std::unique_ptr<const FileBytes>> DiskFileSystem::MapFile(const std::string& path) const {
  struct stat info;
  const int file = OpenRegularFile(path, info);
  if (file < 0) return CannotOpen(path);
  const size_t size = static_cast<size_t>(info.st_size);
  void* address = size > 0 ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file, 0) : nullptr;
  close(file);
  if (address == MAP_FAILED) {
    // Some file systems cannot map files: read it instead.
    Result<std::string> bytes = ReadFile(path);
    if (!bytes) return bytes.error();
    return std::unique_ptr<const FileBytes>(std::make_unique<CopiedFile>(std::move(*bytes)));
  }
  return std::unique_ptr<const FileBytes>(std::make_unique<MappedFile>(address, size));
}

Result<FileInfo> DiskFileSystem::Stat(const std::string& path) const {
  // One stat() for the size and the time: an incremental build asks of thousands of files.
  struct stat status;
  const int error = ::stat(path.c_str(), &status) != 0 ? errno
                    : S_ISREG(status.st_mode)          ? 0
                                                       : EISDIR;
  if (error) return SystemError(path, "cannot read the file's size", std::error_code(error, std::generic_category()));
  FileInfo info;
  info.path = path;
  info.size = static_cast<uint64_t>(status.st_size);
  info.mtime_ns = int64_t{status.st_mtim.tv_sec} * 1'000'000'000 + status.st_mtim.tv_nsec;
  return info;
}

namespace {

// Walks a folder with one stat per entry (std::filesystem would take two per file, for the
// size and the time): listing is most of an unchanged rebuild. With `folders`, the
// sub-folders are collected there instead of walked, for ListFileInfos to walk in parallel.
bool ListInto(int parent, const std::string& relative, std::vector<FileInfo>& files,
              std::vector<std::string>* folders = nullptr) {
  const int folder =
      openat(parent, relative.empty() ? "." : relative.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder < 0) return false;
  DIR* entries = fdopendir(folder);
  if (!entries) {
    close(folder);
    return false;
  }
  bool ok = true;
  while (const dirent* entry = readdir(entries)) {
    const std::string_view name = entry->d_name;
    if (name.empty() || name.front() == '.') continue;
    struct stat info;
    if (fstatat(folder, entry->d_name, &info, 0) != 0) continue;
    const std::string path =
        relative.empty() ? std::string(name) : relative + "/" + std::string(name);
    if (S_ISDIR(info.st_mode)) {
      if (folders) {
        folders->push_back(path);
      } else {
        ok = ListInto(parent, path, files) && ok;
      }
    } else if (S_ISREG(info.st_mode)) {
      files.push_back(
          {path, static_cast<uint64_t>(info.st_size),
           static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec});
    }
  }
  closedir(entries);
  return ok;
}

}  // namespace

Result<std::vector<FileInfo>> DiskFileSystem::ListFileInfos(const std::string& root) const {
  std::vector<FileInfo> files;
  if (!IsDirectory(root)) return files;
  const int base = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (base < 0) return IoError(root, "cannot list the folder", "check its permissions");
  std::vector<std::string> folders;
  bool ok = ListInto(base, "", files, &folders);
  std::vector<std::vector<FileInfo>> found(folders.size());
  std::vector<char> listed(folders.size(), 0);
  ParallelFor(folders.size(), jobs_,
              [&](size_t i, int) { listed[i] = ListInto(base, folders[i], found[i]); });
  for (size_t i = 0; i < folders.size(); ++i) {
    ok = ok && listed[i];
    files.insert(files.end(), std::make_move_iterator(found[i].begin()),
                 std::make_move_iterator(found[i].end()));
  }
  close(base);
  if (!ok) return IoError(root, "cannot list the folder", "check the permissions of its folders");
  std::sort(files.begin(), files.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return files;
}

Status DiskFileSystem::WriteFile(const std::string& path,
                                 std::span<const std::string_view> pieces) {
  const auto open_new = [&] {
    return open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  };
  int file = open_new();
  if (const std::string folder = ParentPath(path);
      file < 0 && errno == ENOENT && !folder.empty()) {  // folders only when missing
    std::error_code ec;
    stdfs::create_directories(ToPath(folder), ec);
    if (ec) return SystemError(path, "cannot create the folder", ec);
    file = open_new();
  }
  bool written = file >= 0;
  for (std::string_view piece : pieces) {
    while (written && !piece.empty()) {
      const ssize_t count = write(file, piece.data(), piece.size());
      if (count < 0 && errno == EINTR) continue;
      written = count > 0;
      if (written) piece.remove_prefix(static_cast<size_t>(count));
    }
  }
  if (file >= 0 && close(file) != 0) written = false;
  if (!written) {
    return IoError(path, "cannot write the file", "check free disk space and permissions");
  }
  return Status::Ok();
}

Status DiskFileSystem::CopyFile(const std::string& from, const std::string& to) {
  const stdfs::path target = ToPath(to);
  std::error_code ec;
  if (target.has_parent_path()) stdfs::create_directories(target.parent_path(), ec);
  if (!ec) stdfs::copy_file(ToPath(from), target, stdfs::copy_options::overwrite_existing, ec);
  if (ec) return SystemError(from, "cannot copy the file to " + to, ec);
  return Status::Ok();
}

Status DiskFileSystem::CreateDirectories(const std::string& path) {
  std::error_code ec;
  stdfs::create_directories(ToPath(path), ec);
  if (ec) return SystemError(path, "cannot create the folder", ec);
  return Status::Ok();
}

Status DiskFileSystem::Rename(const std::string& from, const std::string& to) {
  std::error_code ec;
  stdfs::rename(ToPath(from), ToPath(to), ec);
  if (ec) return SystemError(from, "cannot rename to " + to, ec);
  return Status::Ok();
}

Status DiskFileSystem::RemoveAll(const std::string& path) {
  std::error_code ec;
  stdfs::remove_all(ToPath(path), ec);
  if (ec) return SystemError(path, "cannot remove", ec);
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------
// MemoryFileSystem

namespace {

bool IsBelow(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
         path[folder.size()] == '/';
}

}  // namespace

bool MemoryFileSystem::IsFile(const std::string& path) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  return files_.count(path) > 0;
}

bool MemoryFileSystem::IsDirectory(const std::string& path) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (directories_.count(path)) return true;
  return std::any_of(files_.begin(), files_.end(),
                     [&](const auto& entry) { return IsBelow(entry.first, path); });
}

bool MemoryFileSystem::IsEmptyDirectory(const std::string& path) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  const auto below = [&](const auto& entry) { return IsBelow(entry.first, path); };
  return directories_.count(path) && std::none_of(files_.begin(), files_.end(), below) &&
         std::none_of(directories_.begin(), directories_.end(), below);
}

Result<std::string> MemoryFileSystem::ReadFile(const std::string& path) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  const auto it = files_.find(path);
  if (it == files_.end()) return IoError(path, "cannot open the file", "check that it exists");
  return it->second;
}

Result<std::unique_ptr<const FileBytes>> MemoryFileSystem::MapFile(const std::string& path) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  Result<std::string> bytes = ReadFile(path);
  if (!bytes) return bytes.error();
  return std::unique_ptr<const FileBytes>(std::make_unique<CopiedFile>(std::move(*bytes)));
}

Result<FileInfo> MemoryFileSystem::Stat(const std::string& path) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  const auto it = files_.find(path);
  if (it == files_.end()) return IoError(path, "cannot read the size of a missing file");
  const auto mtime = mtimes_.find(path);
  return FileInfo{path, it->second.size(), mtime == mtimes_.end() ? 0 : mtime->second};
}

Result<std::vector<FileInfo>> MemoryFileSystem::ListFileInfos(const std::string& root) const {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  std::vector<FileInfo> listed;
  for (const auto& [path, contents] : files_) {
    if (!IsBelow(path, root)) continue;
    std::string relative = path.substr(root.size() + 1);
    const bool hidden = relative.front() == '.' || relative.find("/.") != std::string::npos;
    if (hidden) continue;
    const auto mtime = mtimes_.find(path);
    listed.push_back(
        {std::move(relative), contents.size(), mtime == mtimes_.end() ? 0 : mtime->second});
  }
  return listed;
}

Status MemoryFileSystem::WriteFile(const std::string& path,
                                   std::span<const std::string_view> pieces) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  std::string& contents = files_[path];
  contents.clear();
  for (std::string_view piece : pieces) contents += piece;
  mtimes_[path] = ++clock_;
  return Status::Ok();
}

Status MemoryFileSystem::CopyFile(const std::string& from, const std::string& to) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  const auto it = files_.find(from);
  if (it == files_.end()) return IoError(from, "cannot copy a missing file");
  files_[to] = it->second;
  mtimes_[to] = ++clock_;
  return Status::Ok();
}

Status MemoryFileSystem::CreateDirectories(const std::string& path) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  directories_[path] = true;
  return Status::Ok();
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (from == to && (IsFile(from) || IsDirectory(from))) return Status::Ok();  // as rename(2)
  if (IsDirectory(to)) return IoError(to, "cannot rename onto an existing folder");
  if (const auto it = files_.find(from); it != files_.end()) {
    files_[to] = std::move(it->second);
    files_.erase(it);
    mtimes_[to] = mtimes_[from];  // the file keeps its time, as on disk
    mtimes_.erase(from);
    return Status::Ok();
  }
  if (!IsDirectory(from)) return IoError(from, "cannot rename a missing path");
  if (IsFile(to)) return IoError(to, "cannot rename a folder onto a file");
  std::map<std::string, std::string> moved;
  for (auto it = files_.begin(); it != files_.end();) {
    if (IsBelow(it->first, from)) {
      const std::string moved_to = to + it->first.substr(from.size());
      moved[moved_to] = std::move(it->second);
      mtimes_[moved_to] = mtimes_[it->first];
      mtimes_.erase(it->first);
      it = files_.erase(it);
    } else {
      ++it;
    }
  }
  files_.merge(moved);
  std::map<std::string, bool> moved_directories;
  for (auto it = directories_.begin(); it != directories_.end();) {
    if (it->first == from || IsBelow(it->first, from)) {
      moved_directories[to + it->first.substr(from.size())] = true;
      it = directories_.erase(it);
    } else {
      ++it;
    }
  }
  directories_.merge(moved_directories);
  directories_[to] = true;
  return Status::Ok();
}

Status MemoryFileSystem::RemoveAll(const std::string& path) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  files_.erase(path);
  directories_.erase(path);
  std::erase_if(files_, [&](const auto& entry) { return IsBelow(entry.first, path); });
  std::erase_if(directories_, [&](const auto& entry) { return IsBelow(entry.first, path); });
  return Status::Ok();
}

}  // namespace kiosk
