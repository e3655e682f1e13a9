#include "support/faulty_file_system.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kiosk::testing {

Status FaultyFileSystem::Spend(const std::string& path, size_t bytes) {
  if (space && bytes > *space) {
    *space = 0;
    return IoError(path, "cannot write the file: No space left on device",
                   "check free disk space and permissions");
  }
  if (space) *space -= bytes;
  return Status::Ok();
}

Status FaultyFileSystem::WriteFile(const std::string& path,
                                   std::span<const std::string_view> pieces) {
  size_t bytes = 0;
  for (std::string_view piece : pieces) bytes += piece.size();
  if (Status status = Spend(path, bytes); !status) {
    // What a full disk leaves: the file made, with what fitted (here: nothing).
    MemoryFileSystem::WriteFile(path, "");
    Changed();
    return status;
  }
  Status status = MemoryFileSystem::WriteFile(path, pieces);
  Changed();
  return status;
}

Status FaultyFileSystem::CopyFile(const std::string& from, const std::string& to) {
  const Result<FileInfo> info = Stat(from);
  if (Status status = Spend(to, info ? info->size : 0); !status) return status;
  Status status = MemoryFileSystem::CopyFile(from, to);
  Changed();
  return status;
}

Status FaultyFileSystem::Rename(const std::string& from, const std::string& to) {
  if (renames_left && (*renames_left)-- <= 0) {
    return IoError(from, "cannot rename to " + to + ": Input/output error");
  }
  Status status = MemoryFileSystem::Rename(from, to);
  Changed();
  return status;
}

Result<bool> FaultyFileSystem::Exchange(const std::string& a, const std::string& b) {
  if (!can_exchange) return false;
  Result<bool> exchanged = MemoryFileSystem::Exchange(a, b);
  Changed();
  return exchanged;
}

Status FaultyFileSystem::RemoveAll(const std::string& path) {
  Status status = MemoryFileSystem::RemoveAll(path);
  Changed();
  return status;
}

void CopyIntoMemory(const std::string& from, MemoryFileSystem& fs, const std::string& to) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(from)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::u8string relative =
        std::filesystem::relative(entry.path(), from).generic_u8string();
    fs.WriteFile(JoinPath(to, std::string(relative.begin(), relative.end())), bytes.str());
  }
}

}  // namespace kiosk::testing
