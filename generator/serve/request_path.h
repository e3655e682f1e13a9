// Which file of the served folder an HTTP request names, and which requests are refused
// because they could reach outside it.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::serve {

struct RequestPath {
  enum class Outcome {
    kInSite,       // `path` is below the served folder
    kOutsideBase,  // a well-formed path that is not below the site's base path
    kRefused,      // a path that could leave the folder or is not well formed: `path` says why
  };
  Outcome outcome = Outcome::kRefused;
  // kInSite: '/'-separated, decoded, relative to the served folder ("faq/辦證" for
  // "/office/faq/%E8%BE%A6%E8%AD%89/"); "" for the site's root. kRefused: why.
  std::string path;
  bool folder = false;  // the request's path ends with '/'
};

// Reads a request target ("/office/faq/%E8%BE%A6%E8%AD%89/?q=1") below the site's base path
// ("/office/"). Refused: "." and ".." segments, also percent-encoded (%2e%2e); encoded
// slashes and backslashes (%2F, %5C) and raw backslashes; NUL; names starting with '.'
// (kiosk never publishes such a file); malformed escapes; invalid UTF-8; a target that
// does not start with '/'.
RequestPath ReadRequestPath(std::string_view target, std::string_view base_path);

}  // namespace kiosk::serve
