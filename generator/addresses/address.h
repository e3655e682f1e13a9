// A site's addresses as people write them and kiosk records them: the path below base_url,
// from its '/', percent-decoded: "/faq/parks/", "/en/faq/parks/", "/news/志工招募/", and for
// the files of an older site, "/old/parks.html".
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/result.h"

namespace kiosk {

// Reads an address a person wrote (front matter's `aliases:`, site.yaml's `retired:`): from
// the site's root ("/faq/parks/"), percent-encoded or not, or in full below `base_url`
// ("https://www.example.gov.tw/faq/parks/", as copied from a browser). It must name a page, a
// folder ending in '/' or an .html file; every part of it must be a usable name. `text` is
// valid UTF-8. A problem is an error at `where`, with its fix.
Result<std::string> ReadSiteAddress(std::string_view text, const SourceLocation& where,
                                    std::string_view base_url);

// The file that serves an address, below the output folder: "/faq/parks/" ->
// "faq/parks/index.html", "/old/parks.html" -> "old/parks.html", "/" -> "index.html".
std::string AddressFile(std::string_view address);

}  // namespace kiosk
