// Puts a file together from new bytes and byte ranges of its previous version, so that a
// large file that an incremental build changes in a few places is neither read nor copied
// whole: the open data, the search index.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fs/file_system.h"
#include "render/page_renderer.h"

namespace kiosk {

class RecordFileMaker {
 public:
  // `previous`: the file being replaced, or null.
  RecordFileMaker(std::string path, std::shared_ptr<const FileBytes> previous);

  void Reserve(size_t size) { file_.contents.reserve(size); }

  // The bytes so far.
  uint64_t size() const { return size_; }

  void Add(std::string_view bytes);
  // Takes `size` bytes of the previous file at `offset`.
  void Keep(size_t offset, size_t size);
  // Adds `bytes`, kept from the previous file when they follow there what was kept last, or
  // begin it (a header, a separator between two kept runs of lines, the end of the file).
  void AddOrKeep(std::string_view bytes);

  // Whether the previous file holds `lines`, joined by `separator`, as its `size` bytes at
  // `offset`: a page rendered again whose records did not change.
  bool Holds(uint64_t offset, uint64_t size, const std::vector<std::string>& lines,
             std::string_view separator) const;

  // Whether the file is its previous version, whole.
  bool Unchanged() const;

  OutputFile Finish();

 private:
  OutputFile file_;
  std::string_view previous_;
  uint64_t size_ = 0;
};

}  // namespace kiosk
