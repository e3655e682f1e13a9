#include "serve/content_types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace kiosk::serve {

namespace {

// By extension, lower case: what kiosk writes, and what offices put under static/ (forms in
// open and closed formats, images, fonts, media).
constexpr std::array<std::pair<std::string_view, std::string_view>, 31> kTypes = {{
    {"atom", "application/atom+xml; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"csv", "text/csv; charset=utf-8"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"gif", "image/gif"},
    {"htm", "text/html; charset=utf-8"},
    {"html", "text/html; charset=utf-8"},
    {"ico", "image/vnd.microsoft.icon"},
    {"jpeg", "image/jpeg"},
    {"jpg", "image/jpeg"},
    {"js", "text/javascript; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"mp3", "audio/mpeg"},
    {"mp4", "video/mp4"},
    {"odp", "application/vnd.oasis.opendocument.presentation"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"pdf", "application/pdf"},
    {"png", "image/png"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"svg", "image/svg+xml; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"vtt", "text/vtt; charset=utf-8"},
    {"webp", "image/webp"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"xml", "application/xml; charset=utf-8"},
}};

}  // namespace

std::string_view ContentTypeOf(std::string_view path) {
  const std::string_view name = path.substr(path.find_last_of('/') + 1);
  // The news feeds are Atom documents under a .xml name.
  if (name == "feed.xml") return "application/atom+xml; charset=utf-8";
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string extension(name.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto found =
      std::lower_bound(kTypes.begin(), kTypes.end(), extension,
                       [](const auto& entry, const std::string& key) { return entry.first < key; });
  if (found == kTypes.end() || found->first != extension) return "application/octet-stream";
  return found->second;
}

}  // namespace kiosk::serve
