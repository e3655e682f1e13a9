// An in-memory file system that fails as disks do: out of space after so many bytes, a
// rename refused, no RENAME_EXCHANGE. For the promises a build makes when writing fails.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "fs/file_system.h"

namespace kiosk::testing {

class FaultyFileSystem : public MemoryFileSystem {
 public:
  // Writes and copies fail ("no space left") once this many more bytes would be written.
  std::optional<size_t> space;
  // Renames fail once this many more have been made.
  std::optional<int> renames_left;
  // The file system cannot exchange folders: callers must fall back on renames.
  bool can_exchange = true;
  // Called after every change, for tests that watch a path through a build.
  std::function<void()> after_change;

  using MemoryFileSystem::WriteFile;
  Status WriteFile(const std::string& path, std::span<const std::string_view> pieces) override;
  Status CopyFile(const std::string& from, const std::string& to) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Result<bool> Exchange(const std::string& a, const std::string& b) override;
  Status RemoveAll(const std::string& path) override;

 private:
  Status Spend(const std::string& path, size_t bytes);
  void Changed() const {
    if (after_change) after_change();
  }
};

// Copies a folder of the disk (a fixture site) into `fs` at `to`.
void CopyIntoMemory(const std::string& from, MemoryFileSystem& fs, const std::string& to);

}  // namespace kiosk::testing
