#include "serve/entity_tag.h"

#include <cstdio>

#include "base/text.h"

namespace kiosk::serve {

std::string EntityTag(uint64_t size, int64_t mtime_ns, uint64_t generation) {
  char tag[80];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime_ns),
                static_cast<unsigned long long>(generation));
  return tag;
}

bool EntityTagMatches(std::string_view if_none_match, std::string_view tag) {
  while (!if_none_match.empty()) {
    const size_t comma = if_none_match.find(',');
    std::string_view listed = Trim(if_none_match.substr(0, comma));
    if_none_match = comma == std::string_view::npos ? "" : if_none_match.substr(comma + 1);
    if (StartsWith(listed, "W/")) listed.remove_prefix(2);
    if (listed == "*" || listed == tag) return true;
  }
  return false;
}

}  // namespace kiosk::serve
