// Fuzz target: kiosk import. Mutating a zip archive mostly breaks its compression and checksums,
// so the input is the archive's parts as text, each after a line "==> NAME <==" (as `head`
// shows several files; fuzz/import_seeds.py writes the test documents so), packed here into
// an archive (stored, not compressed) that kiosk reads as an .odt or .docx; a part named
// "--type" holds the page type (page, plan, sop, faq). An input that starts with "PK" is a
// whole archive, as a user's file. The page and its images are written into memory.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fs/file_system.h"
#include "import/importer.h"

namespace {

constexpr std::string_view kOpen = "==> ";
constexpr std::string_view kClose = " <==\n";

// The parts of `text`, each a name and its bytes (the line break before the next part's
// line is the part's own).
std::vector<std::pair<std::string, std::string_view>> SplitParts(std::string_view text) {
  std::vector<std::pair<std::string, std::string_view>> parts;
  size_t at = text.starts_with(kOpen) ? 0 : text.find(std::string("\n").append(kOpen));
  while (at != std::string_view::npos) {
    if (text[at] == '\n') ++at;
    const size_t name_end = text.find(kClose, at + kOpen.size());
    if (name_end == std::string_view::npos) break;
    const size_t begin = name_end + kClose.size();
    size_t end = text.find(std::string("\n").append(kOpen), begin);
    parts.emplace_back(std::string(text.substr(at + kOpen.size(), name_end - at - kOpen.size())),
                       text.substr(begin, (end == std::string_view::npos ? text.size() : end + 1) -
                                              begin));
    at = end;
  }
  return parts;
}

// A zip archive of `parts`, stored; empty when libzip refuses it.
std::string Pack(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_error_fini(&error);
  if (!buffer) return "";
  std::string bytes;
  if (zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, nullptr)) {
    zip_source_keep(buffer);  // the archive frees its reference when closed
    for (const auto& [name, part] : parts) {
      zip_source_t* source = zip_source_buffer(archive, part.data(), part.size(), 0);
      const zip_int64_t index =
          source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)
                 : -1;
      if (index < 0) {
        zip_source_free(source);
      } else {
        zip_set_file_compression(archive, index, ZIP_CM_STORE, 0);
      }
    }
    if (zip_close(archive) != 0) zip_discard(archive);
    zip_stat_t stat;
    if (zip_source_stat(buffer, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) &&
        zip_source_open(buffer) == 0) {
      bytes.resize(stat.size);
      const zip_int64_t read = zip_source_read(buffer, bytes.data(), bytes.size());
      bytes.resize(read > 0 ? static_cast<size_t>(read) : 0);
      zip_source_close(buffer);
    }
  }
  zip_source_free(buffer);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  kiosk::import::ImportOptions options;
  options.document = "documents/plan.docx";
  options.output = "content/plans/plan.zh-TW.md";
  options.force = true;
  // Small enough that a zip bomb is refused quickly, large enough for the test documents.
  options.limits = {.entry_bytes = 4u << 20, .total_bytes = 16u << 20};
  std::string document(input);
  if (!input.starts_with("PK")) {
    std::vector<std::pair<std::string, std::string_view>> parts = SplitParts(input);
    std::erase_if(parts, [&](const auto& part) {
      if (part.first != "--type") return false;
      std::string_view type = part.second;
      if (type.ends_with('\n')) type.remove_suffix(1);
      options.type = kiosk::import::ParsePageType(type).value_or(options.type);
      return true;
    });
    document = Pack(parts);
  }
  kiosk::MemoryFileSystem fs;
  if (!fs.WriteFile(options.document, document)) return 0;
  kiosk::import::ImportDocument(fs, options);
  return 0;
}
