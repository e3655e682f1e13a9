// What a watcher of a site's folders reports: files written, created, removed and moved, as
// inotify reports them, behind an interface so that what is made of them (change_collector.h)
// is tested without a real file system or clock.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace kiosk::serve {

struct FileEvent {
  enum class Kind {
    kWritten,  // written and closed, or its time or mode changed
    kCreated,
    kRemoved,
    kMovedAway,  // renamed to another name (or out of the watched folders)
    kMovedHere,  // renamed to this name: how many editors save
    kOverflow,   // events were lost: anything may have changed
  };
  Kind kind = Kind::kWritten;
  std::string path;  // relative to the site folder ("content/faq/id-card.zh-TW.md")
};

class FileEvents {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~FileEvents() = default;
  // Waits up to `timeout` for events and returns those that have come (none when the time
  // ran out, or when Stop was called).
  virtual std::vector<FileEvent> Wait(std::chrono::milliseconds timeout) = 0;
  virtual Clock::time_point Now() const = 0;
  // Ends a Wait under way, and every later one, at once; from any thread.
  virtual void Stop() = 0;
  virtual bool stopped() const = 0;
};

}  // namespace kiosk::serve
