#include "serve/change_collector.h"

#include <algorithm>
#include <vector>

#include "base/text.h"

namespace kiosk::serve {

bool BuildReads(const std::string& path) {
  if (path == "site.yaml") return true;
  if (!StartsWith(path, "content/") && !StartsWith(path, "static/") &&
      !StartsWith(path, "themes/") && path != "content" && path != "static" && path != "themes") {
    return false;
  }
  // Hidden names are skipped by the build's listing: editors' swap and lock files
  // (.id-card.md.swp, .~lock.plan.odt#), and the temporary files they save through.
  size_t start = 0;
  while (start < path.size()) {
    if (path[start] == '.') return false;
    const size_t slash = path.find('/', start);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return true;
}

std::optional<Changes> ChangeCollector::Next() {
  Changes changes;
  // Adds what matters of `events`; true if anything did.
  const auto take = [&](const std::vector<FileEvent>& events) {
    bool taken = false;
    for (const FileEvent& event : events) {
      if (event.kind == FileEvent::Kind::kOverflow) {
        changes.anything = taken = true;
      } else if (BuildReads(event.path)) {
        changes.paths.insert(event.path);
        taken = true;
      }
    }
    return taken;
  };
  // The first event that matters.
  while (!take(events_.Wait(std::chrono::hours(1)))) {
    if (events_.stopped()) return std::nullopt;
  }
  // Its burst: until `quiet` passes without an event that matters, or `longest` is reached.
  const FileEvents::Clock::time_point first = events_.Now();
  FileEvents::Clock::time_point last = first;
  while (!events_.stopped()) {
    const FileEvents::Clock::time_point now = events_.Now();
    const auto until = std::min(last + timing_.quiet, first + timing_.longest);
    if (now >= until) break;
    if (take(events_.Wait(std::chrono::duration_cast<std::chrono::milliseconds>(until - now) +
                          std::chrono::milliseconds(1)))) {
      last = events_.Now();
    }
  }
  if (events_.stopped()) return std::nullopt;
  return changes;
}

}  // namespace kiosk::serve
