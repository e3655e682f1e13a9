#include "fs/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "base/parallel.h"
#include "base/text.h"

namespace kiosk {

namespace stdfs = std::filesystem;

std::vector<char> FileSystem::AreFiles(const std::string& root,
                                       const std::vector<std::string>& paths) const {
  std::vector<char> found(paths.size());
  for (size_t i = 0; i < paths.size(); ++i) found[i] = IsFile(JoinPath(root, paths[i]));
  return found;
}

// A file system without symbolic links has nothing to confine.
void FileSystem::ConfineInputs(const std::string&, const std::vector<std::string>&) {}

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

Diagnostic ShownAs(Diagnostic problem, const std::string& folder, const std::string& shown) {
  std::string& file = problem.where.file;
  if (file == folder) {
    file = shown.empty() ? "." : shown;
  } else if (file.size() > folder.size() && file.compare(0, folder.size(), folder) == 0 &&
             file[folder.size()] == '/') {
    file = JoinPath(shown, file.substr(folder.size() + 1));
  }
  return problem;
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

namespace {

// The real path of an open file or folder, as the kernel names it; "" when it cannot say.
std::string RealPathOf(int descriptor, const std::string& path) {
  char link[32];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", descriptor);
  std::string real(PATH_MAX, '\0');
  const ssize_t length = readlink(link, real.data(), real.size());
  if (length > 0 && static_cast<size_t>(length) < real.size()) {
    real.resize(static_cast<size_t>(length));
    return real;
  }
  // Without /proc: the path resolved again (a link changed meanwhile could mislead it).
  char* resolved = realpath(path.c_str(), nullptr);
  real = resolved ? resolved : "";
  std::free(resolved);
  return real;
}

bool IsInsideFolder(const std::string& real, const std::string& folder) {
  return real == folder || (real.size() > folder.size() &&
                            real.compare(0, folder.size(), folder) == 0 &&
                            (folder.back() == '/' || real[folder.size()] == '/'));
}

bool IsBelowOrAt(const std::string& path, const std::string& folder) {
  return path == folder || (path.size() > folder.size() &&
                            path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/');
}

Diagnostic LeadsOutside(const std::string& path, const std::string& target) {
  return IoError(path,
                 "the symbolic link leads outside the site folder" +
                     (target.empty() ? std::string() : " (to " + target + ")") +
                     ": kiosk never reads or publishes what it leads to",
                 "copy the file into the site, or remove the link");
}

Diagnostic LinkLoop(const std::string& path) {
  return IoError(path, "the symbolic links here lead in a loop",
                 "point the link at a file or folder that is not one of its own folders, or "
                 "remove it");
}

Diagnostic CannotOpen(const std::string& path) {
  return IoError(path, "cannot open the file", "check that it exists and is readable");
}

}  // namespace

DiskFileSystem::DiskFileSystem(int jobs) : jobs_(jobs > 0 ? jobs : DefaultJobCount()) {}

void DiskFileSystem::ConfineInputs(const std::string& site, const std::vector<std::string>& inputs) {
  site_ = site;
  char* real = realpath(site.c_str(), nullptr);
  site_real_ = real ? real : "";  // a site that is not there: nothing to read
  std::free(real);
  inputs_ = inputs;
}

bool DiskFileSystem::Confined(const std::string& path) const {
  return !site_real_.empty() &&
         std::any_of(inputs_.begin(), inputs_.end(),
                     [&](const std::string& input) { return IsBelowOrAt(path, input); });
}

Status DiskFileSystem::CheckInside(int descriptor, const std::string& path) const {
  if (!Confined(path)) return Status::Ok();
  const std::string real = RealPathOf(descriptor, path);
  if (!real.empty() && IsInsideFolder(real, site_real_)) return Status::Ok();
  return LeadsOutside(path, real);
}

PathKind DiskFileSystem::Kind(const std::string& path) const {
  struct stat info;
  if (lstat(path.c_str(), &info) != 0) return PathKind::kMissing;
  if (S_ISREG(info.st_mode)) return PathKind::kFile;
  if (S_ISDIR(info.st_mode)) return PathKind::kFolder;
  if (S_ISLNK(info.st_mode)) return PathKind::kLink;
  return PathKind::kOther;
}

// Plain stat(2) for the checks an incremental build makes for every page: std::filesystem
// would first take the path apart.
bool DiskFileSystem::IsFile(const std::string& path) const {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

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

Result<int> DiskFileSystem::OpenForReading(const std::string& path, uint64_t& size) const {
  // Not blocking: a FIFO named like a file would otherwise wait for a writer for ever.
  const int file = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (file < 0) return errno == ELOOP ? LinkLoop(path) : CannotOpen(path);
  struct stat info;
  Status inside = CheckInside(file, path);
  if (inside && (fstat(file, &info) != 0 || !S_ISREG(info.st_mode))) inside = CannotOpen(path);
  if (!inside) {
    close(file);
    return inside.error();
  }
  size = static_cast<uint64_t>(info.st_size);
  return file;
}

Result<std::string> DiskFileSystem::ReadFile(const std::string& path) const {
  uint64_t size = 0;
  const Result<int> opened = OpenForReading(path, size);
  if (!opened) return opened.error();
  const int file = *opened;
  // Read to the end rather than to the size fstat gave, in case the file grew since.
  std::string contents(static_cast<size_t>(size), '\0');
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
  uint64_t bytes = 0;
  const Result<int> opened = OpenForReading(path, bytes);
  if (!opened) return opened.error();
  const size_t size = static_cast<size_t>(bytes);
  void* address = size > 0 ? mmap(nullptr, size, PROT_READ, MAP_PRIVATE, *opened, 0) : nullptr;
  close(*opened);
  if (address == MAP_FAILED) {
    // Some file systems cannot map files: read it instead.
    Result<std::string> read = ReadFile(path);
    if (!read) return read.error();
    return std::unique_ptr<const FileBytes>(std::make_unique<CopiedFile>(std::move(*read)));
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

// A folder's identity, to notice a link that leads back into a folder being listed.
using FolderId = std::pair<dev_t, ino_t>;

// What a listing follows links by: `site_real` is the real path of the folder they must stay
// in ("" when they may lead anywhere); `root` names the listed folder in messages.
struct ListingRules {
  std::string root;
  std::string site_real;
};

// Walks a folder with one stat per entry (std::filesystem would take two per file, for the
// size and the time): listing is most of an unchanged rebuild. With `folders`, the
// sub-folders are collected there instead of walked, for ListFileInfos to walk in parallel.
// A symbolic link is followed to a file or folder where the rules allow; `ancestors` are the
// folders being walked, which a link must not lead back into; `via` is the last link the walk
// followed to get here ("" for none), which a loop is blamed on. Problems go to `problems`.
struct FolderToList {
  std::string path;
  FolderId id;
  std::string via;
};
void ListInto(int parent, const std::string& relative, const std::string& via,
              const ListingRules& rules, std::vector<FolderId>& ancestors,
              std::vector<FileInfo>& files, std::vector<Diagnostic>& problems,
              std::vector<FolderToList>* folders = nullptr) {
  const int folder =
      openat(parent, relative.empty() ? "." : relative.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* entries = folder < 0 ? nullptr : fdopendir(folder);
  if (!entries) {
    if (folder >= 0) close(folder);
    problems.push_back(IoError(JoinPath(rules.root, relative), "cannot list the folder",
                               "check its permissions"));
    return;
  }
  while (const dirent* entry = readdir(entries)) {
    const std::string_view name = entry->d_name;
    if (name.empty() || name.front() == '.') continue;
    struct stat info;
    if (fstatat(folder, entry->d_name, &info, AT_SYMLINK_NOFOLLOW) != 0) continue;
    const std::string path =
        relative.empty() ? std::string(name) : relative + "/" + std::string(name);
    std::string link = via;
    if (S_ISLNK(info.st_mode)) {
      link = path;
      const std::string shown = JoinPath(rules.root, path);
      const int target = openat(folder, entry->d_name, O_PATH | O_CLOEXEC);
      if (target < 0) {
        problems.push_back(errno == ELOOP
                               ? LinkLoop(shown)
                               : IoError(shown, "the symbolic link leads to nothing",
                                         "point it at a file of the site, or remove it"));
        continue;
      }
      std::string real;
      if (!rules.site_real.empty()) real = RealPathOf(target, shown);
      const bool stat_ok = fstat(target, &info) == 0;
      close(target);
      if (!rules.site_real.empty() && (real.empty() || !IsInsideFolder(real, rules.site_real))) {
        problems.push_back(LeadsOutside(shown, real));
        continue;
      }
      if (!stat_ok) continue;
    }
    if (S_ISDIR(info.st_mode)) {
      const FolderId id{info.st_dev, info.st_ino};
      if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
        problems.push_back(LinkLoop(JoinPath(rules.root, link.empty() ? path : link)));
      } else if (folders) {
        folders->push_back({path, id, link});
      } else {
        ancestors.push_back(id);
        ListInto(parent, path, link, rules, ancestors, files, problems);
        ancestors.pop_back();
      }
    } else if (S_ISREG(info.st_mode)) {
      files.push_back(
          {path, static_cast<uint64_t>(info.st_size),
           static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec});
    }
  }
  closedir(entries);
}

}  // namespace

Result<std::vector<FileInfo>> DiskFileSystem::ListFileInfos(const std::string& root) const {
  std::vector<FileInfo> files;
  if (!IsDirectory(root)) return files;
  const int base = open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (base < 0) return IoError(root, "cannot list the folder", "check its permissions");
  struct stat info;
  if (Status inside = CheckInside(base, root); !inside || fstat(base, &info) != 0) {
    close(base);
    return inside ? IoError(root, "cannot list the folder", "check its permissions")
                  : inside.error();
  }
  const ListingRules rules{root, Confined(root) ? site_real_ : std::string()};
  std::vector<FolderId> ancestors{{info.st_dev, info.st_ino}};
  std::vector<Diagnostic> problems;
  std::vector<FolderToList> folders;
  ListInto(base, "", "", rules, ancestors, files, problems, &folders);
  std::vector<std::vector<FileInfo>> found(folders.size());
  std::vector<std::vector<Diagnostic>> found_problems(folders.size());
  ParallelFor(folders.size(), jobs_, [&](size_t i, int) {
    std::vector<FolderId> chain{ancestors.front(), folders[i].id};
    ListInto(base, folders[i].path, folders[i].via, rules, chain, found[i], found_problems[i]);
  });
  for (size_t i = 0; i < folders.size(); ++i) {
    files.insert(files.end(), std::make_move_iterator(found[i].begin()),
                 std::make_move_iterator(found[i].end()));
    problems.insert(problems.end(), found_problems[i].begin(), found_problems[i].end());
  }
  close(base);
  if (!problems.empty()) {
    // The first by path, whatever order the threads found them in.
    return *std::min_element(problems.begin(), problems.end(),
                             [](const Diagnostic& a, const Diagnostic& b) {
                               return a.where.file < b.where.file;
                             });
  }
  std::sort(files.begin(), files.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return files;
}

namespace {

// Opens `path` to be written from its start, in `folder` (a descriptor of its folder, or
// AT_FDCWD with the whole path): a symbolic link there is replaced, not written through; a
// FIFO or a device is refused, not waited on.
int OpenForWriting(int folder, const char* name) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
  int file = openat(folder, name, kFlags, 0666);
  if (file < 0 && errno == ELOOP && unlinkat(folder, name, 0) == 0) {
    file = openat(folder, name, kFlags, 0666);
  }
  struct stat info;
  if (file >= 0 && (fstat(file, &info) != 0 || !S_ISREG(info.st_mode))) {
    close(file);
    errno = EINVAL;
    return -1;
  }
  return file;
}

}  // namespace

Result<int> DiskFileSystem::OpenToWrite(const std::string& path) {
  const std::string folder = ParentPath(path);
  int error = 0;
  const auto open_file = [&]() -> Result<int> {
    int parent = AT_FDCWD;
    std::string name = path;
    if (Confined(path)) {  // into a folder whose real place is inside the site
      parent = open(folder.empty() ? "." : folder.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (parent < 0) {
        error = errno;
        return -1;
      }
      if (Status inside = CheckInside(parent, path); !inside) {
        close(parent);
        return inside.error();
      }
      name = FileName(path);
    }
    const int file = OpenForWriting(parent, name.c_str());
    error = errno;
    if (parent != AT_FDCWD) close(parent);
    return file;
  };
  Result<int> file = open_file();
  if (file && *file < 0 && error == ENOENT && !folder.empty()) {  // folders only when missing
    if (Confined(path)) {  // ... and below a folder whose real place is inside the site
      std::string existing = ParentPath(folder);
      while (!existing.empty() && !IsDirectory(existing)) existing = ParentPath(existing);
      const int parent =
          open(existing.empty() ? "." : existing.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
      Status inside = parent < 0 ? Status::Ok() : CheckInside(parent, path);
      if (parent >= 0) close(parent);
      if (!inside) return inside.error();
    }
    std::error_code ec;
    stdfs::create_directories(ToPath(folder), ec);
    if (ec) return SystemError(path, "cannot create the folder", ec);
    file = open_file();
  }
  if (file && *file < 0) {
    return IoError(path, "cannot write the file", "check free disk space and permissions");
  }
  return file;
}

Status DiskFileSystem::WriteFile(const std::string& path,
                                 std::span<const std::string_view> pieces) {
  const Result<int> opened = OpenToWrite(path);
  if (!opened) return opened.error();
  const int file = *opened;
  bool written = true;
  for (std::string_view piece : pieces) {
    while (written && !piece.empty()) {
      const ssize_t count = write(file, piece.data(), piece.size());
      if (count < 0 && errno == EINTR) continue;
      written = count > 0;
      if (written) piece.remove_prefix(static_cast<size_t>(count));
    }
  }
  if (close(file) != 0) written = false;
  if (!written) {
    return IoError(path, "cannot write the file", "check free disk space and permissions");
  }
  return Status::Ok();
}

Status DiskFileSystem::CopyFile(const std::string& from, const std::string& to) {
  uint64_t size = 0;
  const Result<int> source = OpenForReading(from, size);
  if (!source) return source.error();
  const Result<int> target = OpenToWrite(to);
  if (!target) {
    close(*source);
    return target.error();
  }
  // In the kernel where the file system can; else through a buffer.
  bool copied = true;
  for (uint64_t left = size; copied && left > 0;) {
    const ssize_t count = copy_file_range(*source, nullptr, *target, nullptr, left, 0);
    if (count < 0 && (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP)) break;
    if (count < 0 && errno == EINTR) continue;
    copied = count > 0;
    if (copied) left -= static_cast<uint64_t>(count);
  }
  for (char buffer[65536]; copied;) {  // what copy_file_range left, or all of it
    const ssize_t got = read(*source, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      copied = got == 0;
      break;
    }
    for (ssize_t done = 0; copied && done < got;) {
      const ssize_t count = write(*target, buffer + done, static_cast<size_t>(got - done));
      if (count < 0 && errno == EINTR) continue;
      copied = count > 0;
      if (copied) done += count;
    }
  }
  close(*source);
  if (close(*target) != 0) copied = false;
  if (!copied) {
    return IoError(to, "cannot copy " + from + " here", "check free disk space and permissions");
  }
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

Result<bool> DiskFileSystem::Exchange(const std::string& a, const std::string& b) {
  if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) return false;
  return SystemError(a, "cannot swap with " + b, std::error_code(errno, std::system_category()));
}

Status DiskFileSystem::RemoveAll(const std::string& path) {
  std::error_code ec;
  stdfs::remove_all(ToPath(path), ec);
  if (ec) return SystemError(path, "cannot remove", ec);
  return Status::Ok();
}

namespace {

// flock(2)'s lock: the system lets go of it when the descriptor is closed, or the process ends.
class DiskLock : public FileLock {
 public:
  explicit DiskLock(int file) : file_(file) {}
  DiskLock(const DiskLock&) = delete;
  DiskLock& operator=(const DiskLock&) = delete;
  ~DiskLock() override { close(file_); }

 private:
  int file_;
};

}  // namespace

Result<std::unique_ptr<FileLock>> DiskFileSystem::Lock(const std::string& path) {
  constexpr int kFlags = O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW;
  int file = open(path.c_str(), kFlags, 0666);
  if (file < 0 && errno == ELOOP && unlink(path.c_str()) == 0) file = open(path.c_str(), kFlags, 0666);
  if (file < 0) {
    return IoError(path, "cannot make the lock file", "check the permissions of its folder");
  }
  if (flock(file, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    close(file);
    if (error == EWOULDBLOCK) return std::unique_ptr<FileLock>();
    return IoError(path, "cannot lock the lock file", "check that its file system allows locks");
  }
  // Who holds it, for the message another build gives.
  const std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(file, 0) != 0 || pwrite(file, pid.data(), pid.size(), 0) < 0) {
    // Only the message loses by it.
  }
  return std::unique_ptr<FileLock>(std::make_unique<DiskLock>(file));
}

std::string DiskFileSystem::Holder(const std::string& path) const {
  Result<std::string> text = ReadFile(path);
  const std::string_view pid = text ? Trim(*text) : std::string_view();
  if (pid.empty() || pid.size() > 10 ||
      !std::all_of(pid.begin(), pid.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "";
  }
  return "process " + std::string(pid);
}

std::string DiskFileSystem::Resolve(const std::string& path) const {
  std::error_code ec;
  const stdfs::path absolute = stdfs::absolute(ToPath(path), ec);
  stdfs::path resolved = stdfs::weakly_canonical(absolute, ec);
  if (ec) resolved = absolute.lexically_normal();
  const std::u8string text = resolved.generic_u8string();
  std::string result(text.begin(), text.end());
  while (result.size() > 1 && result.back() == '/') result.pop_back();
  return result;
}

// ---------------------------------------------------------------------------------------
// MemoryFileSystem

namespace {

bool IsBelow(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
         path[folder.size()] == '/';
}

}  // namespace

PathKind MemoryFileSystem::Kind(const std::string& path) const {
  if (IsFile(path)) return PathKind::kFile;
  return IsDirectory(path) ? PathKind::kFolder : PathKind::kMissing;
}

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

Result<bool> MemoryFileSystem::Exchange(const std::string& a, const std::string& b) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (!IsDirectory(a) || !IsDirectory(b)) return IoError(a, "cannot swap with " + b);
  // Three renames under the lock: no other thread sees the folders between them. (This
  // class's own renames: a test's override would see them.)
  const std::string between = a + ".exchanging";
  Status status = MemoryFileSystem::Rename(a, between);
  if (status) status = MemoryFileSystem::Rename(b, a);
  if (status) status = MemoryFileSystem::Rename(between, b);
  if (!status) return status.error();
  return true;
}

// A lock of the in-memory file system, held in its set of locked paths.
class MemoryLock : public FileLock {
 public:
  MemoryLock(MemoryFileSystem& fs, std::string path) : fs_(fs), path_(std::move(path)) {}
  ~MemoryLock() override {
    const std::lock_guard<std::recursive_mutex> lock(fs_.mutex_);
    fs_.locks_.erase(path_);
  }

 private:
  MemoryFileSystem& fs_;
  std::string path_;
};

Result<std::unique_ptr<FileLock>> MemoryFileSystem::Lock(const std::string& path) {
  const std::lock_guard<std::recursive_mutex> lock(mutex_);
  if (!locks_.insert(path).second) return std::unique_ptr<FileLock>();
  if (!files_.count(path)) WriteFile(path, "");
  return std::unique_ptr<FileLock>(std::make_unique<MemoryLock>(*this, path));
}

std::string MemoryFileSystem::Holder(const std::string&) const { return ""; }

}  // namespace kiosk
