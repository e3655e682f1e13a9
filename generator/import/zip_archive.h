// A zip archive held in memory (an .odt or .docx), read through libzip, wrapped once here.
//
// Nothing in an archive is trusted: every entry is read with a limit on its uncompressed
// size and all entries together with a limit on the total (zip bombs), whatever sizes the
// archive's directory claims; entry names are only ever looked up, never used as paths.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

struct zip;
struct zip_file;

namespace kiosk::import {

struct ZipLimits {
  uint64_t entry_bytes = 128ull << 20;  // one part, uncompressed
  uint64_t total_bytes = 512ull << 20;  // every part read, together
};

class ZipArchive;

// An entry being read, a piece at a time (the XML parts of a long document are streamed).
class ZipEntryStream {
 public:
  ~ZipEntryStream();
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;

  // Reads up to `size` bytes; 0 at the end; -1 when the entry is damaged or over a limit
  // (error() says which).
  long Read(char* buffer, size_t size);
  const std::optional<Diagnostic>& error() const { return error_; }

 private:
  friend class ZipArchive;
  ZipEntryStream(ZipArchive& archive, zip_file* file, std::string name)
      : archive_(archive), file_(file), name_(std::move(name)) {}

  ZipArchive& archive_;
  zip_file* file_;
  std::string name_;
  uint64_t read_ = 0;
  std::optional<Diagnostic> error_;
};

class ZipArchive {
 public:
  // Opens the archive in `bytes`, which must outlive it. `display` names the file in
  // messages. Fails for bytes that are not a zip, or a damaged or truncated one.
  static Result<std::unique_ptr<ZipArchive>> Open(std::string_view bytes, std::string display,
                                                  ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool Has(const std::string& name) const;
  // Whether the entry is encrypted (a password-protected document).
  bool IsEncrypted(const std::string& name) const;
  std::vector<std::string> Names() const;

  // The whole entry, within the limits.
  Result<std::string> Read(const std::string& name);
  Result<std::unique_ptr<ZipEntryStream>> Stream(const std::string& name);

  const std::string& display() const { return display_; }

 private:
  friend class ZipEntryStream;
  ZipArchive(zip* archive, std::string display, ZipLimits limits)
      : archive_(archive), display_(std::move(display)), limits_(limits) {}
  Diagnostic Damaged(const std::string& name, const std::string& why) const;
  Diagnostic TooLarge(const std::string& name, uint64_t limit) const;

  zip* archive_;
  std::string display_;
  ZipLimits limits_;
  uint64_t total_read_ = 0;
};

}  // namespace kiosk::import
