// Turns the events of a watcher into changes to build: only what a build reads (site.yaml,
// content/, static/, themes/, no hidden names such as editors' temporary files), and a burst
// of events (an editor saving by writing a temporary file and renaming it over the page, a
// checkout of many files) as one change, once it is over.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "serve/file_events.h"

namespace kiosk::serve {

struct Changes {
  std::set<std::string> paths;  // relative to the site folder, as the events named them
  bool anything = false;        // the watcher lost events: anything may have changed
};

// Whether a build reads the file at `path` (relative to the site folder).
bool BuildReads(const std::string& path);

class ChangeCollector {
 public:
  struct Timing {
    // A burst is over when this long passes without an event: editors' saves take a few
    // milliseconds, and every millisecond here is one more before the page shows the edit.
    std::chrono::milliseconds quiet{20};
    // ... or, under a stream of events, this long after its first.
    std::chrono::milliseconds longest{1000};
  };

  explicit ChangeCollector(FileEvents& events) : ChangeCollector(events, Timing()) {}
  ChangeCollector(FileEvents& events, Timing timing) : events_(events), timing_(timing) {}

  // Waits for an event that matters, then until its burst is over. nullopt once the events
  // are stopped.
  std::optional<Changes> Next();

 private:
  FileEvents& events_;
  const Timing timing_;
};

}  // namespace kiosk::serve
