#include "addresses/address.h"

#include <algorithm>

#include "base/text.h"

namespace kiosk {

Result<std::string> ReadSiteAddress(std::string_view text, const SourceLocation& where,
                                    std::string_view base_url) {
  const std::string_view written = Trim(text);
  const auto problem = [&](std::string what, std::string fix) {
    return Diagnostic{Severity::kError, where, std::move(what), std::move(fix)};
  };
  std::string path(written);
  if (StartsWith(written, base_url)) {
    path = "/" + std::string(written.substr(base_url.size()));
  } else if (StartsWith(written, "http://") || StartsWith(written, "https://")) {
    return problem("'" + std::string(written) + "' is not an address of this site (" +
                       std::string(base_url) + ")",
                   "write the address below base_url, starting with '/', e.g. /faq/parks/");
  }
  if (!StartsWith(path, "/")) {
    return problem("'" + std::string(written) + "' does not start at the site's root",
                   "write it from the root, with a leading '/': /" + std::string(written));
  }
  if (std::any_of(path.begin(), path.end(), [](char c) { return c == '?' || c == '#'; })) {
    return problem("'" + std::string(written) + "' has a query or a fragment",
                   "write the path alone: a web server serves a site's files without "
                   "'?…' or '#…'");
  }
  // Only decoding can make text that is not UTF-8: what people write has been checked.
  if (path.find('%') != std::string::npos) {
    path = DecodeUrlPath(path);
    if (FindInvalidUtf8(path)) {
      return problem("'" + std::string(written) + "' is not valid UTF-8 once decoded",
                     "write the address as the browser shows it");
    }
  }
  const bool page_file = EndsWith(path, ".html") || EndsWith(path, ".htm");
  if (!EndsWith(path, "/") && !page_file) {
    return problem("'" + std::string(written) + "' names neither a folder nor a page",
                   "end a page's address with '/', as in " + path + "/ (or name an .html file)");
  }
  // Every part between the slashes must be a name a file can have.
  for (size_t start = 1; start < path.size();) {
    const size_t slash = std::min(path.find('/', start), path.size());
    const std::string_view part = std::string_view(path).substr(start, slash - start);
    if (const auto reason = InvalidSlugReason(part)) {
      return problem(
          "'" + std::string(written) + "' cannot be an address: " +
              (part.empty() ? "it has '//'" : "in '" + std::string(part) + "', " + *reason),
          "write each part of the address as the site names its folders and pages");
    }
    start = slash + 1;
  }
  return path;
}

std::string AddressFile(std::string_view address) {
  std::string file(address.substr(1));
  if (file.empty() || file.back() == '/') file += "index.html";
  return file;
}

}  // namespace kiosk
