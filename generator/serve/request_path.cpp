#include "serve/request_path.h"

#include <optional>

#include "base/text.h"

namespace kiosk::serve {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One path segment decoded, or nullopt for a malformed escape.
std::optional<std::string> DecodeSegment(std::string_view segment) {
  std::string decoded;
  decoded.reserve(segment.size());
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      decoded += segment[i];
      continue;
    }
    if (i + 2 >= segment.size()) return std::nullopt;
    const int high = HexValue(segment[i + 1]);
    const int low = HexValue(segment[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    decoded += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return decoded;
}

RequestPath Refused(std::string why) {
  return {RequestPath::Outcome::kRefused, std::move(why), false};
}

}  // namespace

RequestPath ReadRequestPath(std::string_view target, std::string_view base_path) {
  std::string_view raw = target.substr(0, target.find_first_of("?#"));
  if (raw.empty() || raw.front() != '/') return Refused("the path does not start with '/'");
  const bool folder = raw.back() == '/';
  std::string path;
  size_t start = 1;  // after the leading '/'
  while (start <= raw.size()) {
    size_t end = raw.find('/', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view segment = raw.substr(start, end - start);
    start = end + 1;
    if (segment.empty()) continue;  // "//" or the trailing '/'
    const std::optional<std::string> name = DecodeSegment(segment);
    if (!name) return Refused("a malformed percent escape");
    if (*name == "." || *name == "..") return Refused("a '.' or '..' segment");
    if (name->find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      return Refused("a slash, backslash or NUL inside a segment");
    }
    if (name->front() == '.') return Refused("a hidden name");
    if (FindInvalidUtf8(*name)) return Refused("invalid UTF-8");
    if (!path.empty()) path += '/';
    path += *name;
  }

  // The base path, decoded the same way ("/office/" -> "office/").
  std::string base(Trim(base_path));
  while (!base.empty() && base.front() == '/') base.erase(0, 1);
  if (!base.empty() && base.back() != '/') base += '/';
  base = DecodeUrlPath(base);
  if (base.empty()) return {RequestPath::Outcome::kInSite, path, folder};
  if (path + "/" == base) return {RequestPath::Outcome::kInSite, "", folder};  // "/office"
  if (StartsWith(path, base)) {
    return {RequestPath::Outcome::kInSite, path.substr(base.size()), folder};
  }
  return {RequestPath::Outcome::kOutsideBase, path, folder};
}

}  // namespace kiosk::serve
