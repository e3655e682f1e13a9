// Revalidating what the browser keeps: a reloaded page asks again for its stylesheets and
// scripts, and a file that has not changed since is answered "304 Not Modified" without its
// bytes, so that the browser reuses the copy it has parsed already.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk::serve {

// The tag of one version of a file: its size and time of change, and, for a page, the
// generation of the build whose live-reload script it carries.
std::string EntityTag(uint64_t size, int64_t mtime_ns, uint64_t generation);

// Whether an If-None-Match header ("\"a\", W/\"b\"" or "*") names `tag`; weakly, as the
// header asks.
bool EntityTagMatches(std::string_view if_none_match, std::string_view tag);

}  // namespace kiosk::serve
