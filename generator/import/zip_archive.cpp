#include "import/zip_archive.h"

#include <zip.h>

namespace kiosk::import {

namespace {

std::string MegaBytes(uint64_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

}  // namespace

ZipEntryStream::~ZipEntryStream() { zip_fclose(file_); }

long ZipEntryStream::Read(char* buffer, size_t size) {
  if (error_) return -1;
  const zip_int64_t got = zip_fread(file_, buffer, size);
  if (got < 0) {
    error_ = archive_.Damaged(name_, zip_error_strerror(zip_file_get_error(file_)));
    return -1;
  }
  read_ += static_cast<uint64_t>(got);
  archive_.total_read_ += static_cast<uint64_t>(got);
  if (read_ > archive_.limits_.entry_bytes || archive_.total_read_ > archive_.limits_.total_bytes) {
    error_ = archive_.TooLarge(name_, read_ > archive_.limits_.entry_bytes
                                          ? archive_.limits_.entry_bytes
                                          : archive_.limits_.total_bytes);
    return -1;
  }
  return static_cast<long>(got);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes, std::string display,
                                                     ZipLimits limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return Diagnostic{Severity::kError, {display}, "cannot read the file", ""};
  }
  zip* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive) {
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    zip_error_fini(&error);
    if (code == ZIP_ER_NOZIP && !(bytes.size() >= 4 && bytes.substr(0, 4) == "PK\x03\x04")) {
      return Diagnostic{Severity::kError, {display}, "the file is not a zip archive", ""};
    }
    return Diagnostic{Severity::kError, {display},
                      "the document is truncated or damaged (its zip directory cannot be read)",
                      "copy it again from where it came from, or open it in LibreOffice or Word "
                      "and save it again"};
  }
  zip_error_fini(&error);
  return std::unique_ptr<ZipArchive>(new ZipArchive(archive, std::move(display), limits));
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

bool ZipArchive::Has(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), 0) >= 0;
}

bool ZipArchive::IsEncrypted(const std::string& name) const {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive_, name.c_str(), 0, &stat) != 0) return false;
  return (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE;
}

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> names;
  const zip_int64_t count = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    if (const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0)) {
      names.emplace_back(name);
    }
  }
  return names;
}

Diagnostic ZipArchive::TooLarge(const std::string& name, uint64_t limit) const {
  return Diagnostic{Severity::kError, {display_},
                    "the document unpacks to more than " + MegaBytes(limit) + " ('" + name +
                        "'), which no real document does: it may be a zip bomb",
                    "open it in LibreOffice or Word and save it again, or ask whoever sent it"};
}

Diagnostic ZipArchive::Damaged(const std::string& name, const std::string& why) const {
  return Diagnostic{Severity::kError, {display_},
                    "the document is damaged: its part '" + name + "' cannot be read (" + why + ")",
                    "open it in LibreOffice or Word and save it again"};
}

Result<std::unique_ptr<ZipEntryStream>> ZipArchive::Stream(const std::string& name) {
  if (IsEncrypted(name)) {
    return Diagnostic{Severity::kError, {display_}, "the document is password-protected",
                      "open it with its password and save a copy without one"};
  }
  // The size the archive claims is checked first (a zip bomb is refused before it is
  // unpacked); what is read is counted too, as the claim may lie.
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive_, name.c_str(), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
      stat.size > limits_.entry_bytes) {
    return TooLarge(name, limits_.entry_bytes);
  }
  zip_file* file = zip_fopen(archive_, name.c_str(), 0);
  if (!file) return Damaged(name, zip_error_strerror(zip_get_error(archive_)));
  return std::unique_ptr<ZipEntryStream>(new ZipEntryStream(*this, file, name));
}

Result<std::string> ZipArchive::Read(const std::string& name) {
  Result<std::unique_ptr<ZipEntryStream>> stream = Stream(name);
  if (!stream) return stream.error();
  std::string bytes;
  char buffer[1 << 16];
  for (long got; (got = (*stream)->Read(buffer, sizeof buffer)) != 0;) {
    if (got < 0) return *(*stream)->error();
    bytes.append(buffer, static_cast<size_t>(got));
  }
  return bytes;
}

}  // namespace kiosk::import
