// Live reload: how open pages follow the builds of the site they show. Each build's outcome
// (a generation number, and its errors) goes to every open page over Server-Sent Events, only
// once the build is complete; a page reloads when the site changed since it was served, and
// shows the errors of a failed build as an alert meanwhile. The script that does it is added to
// HTML responses only while serving, never to the built files.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace kiosk::serve {

// Where the server answers for itself: names starting with '.' are never a site's pages.
inline constexpr std::string_view kScriptPath = "/.kiosk/live-reload.js";
inline constexpr std::string_view kEventsPath = "/.kiosk/events";

struct SiteStatus {
  // Changes whenever what the server shows changes: files written, errors found or gone.
  uint64_t generation = 0;
  bool built = false;              // the served folder holds a complete build
  std::vector<Diagnostic> errors;  // of the last build; none when it succeeded
};

// {"generation":3,"errors":[{"where":"content/faq/a.md:3:1","message":"…","hint":"…"}]}
std::string StatusJson(const SiteStatus& status);

// One Server-Sent Event carrying the status.
std::string StatusEvent(const SiteStatus& status);

// The script open pages run (JavaScript).
std::string_view LiveReloadScript();

// `html` with the script, which knows the generation the page was served at, before
// </body>.
std::string WithLiveReload(std::string_view html, uint64_t generation);

// The page shown for every address while the site has never been built: its errors, as an
// alert, in Chinese and English.
std::string ProblemsPage(const SiteStatus& status);

// The status, for the requests that follow it, each on its own thread.
class StatusChannel {
 public:
  void Publish(SiteStatus status);
  SiteStatus Current() const;
  // Waits until the generation is no longer `seen`, up to `timeout`: the status then, or
  // nullopt when the time ran out or the channel closed.
  std::optional<SiteStatus> WaitForChange(uint64_t seen, std::chrono::milliseconds timeout);
  // Wakes every waiter for good: the server is stopping.
  void Close();
  bool closed() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  SiteStatus status_;
  bool closed_ = false;
};

}  // namespace kiosk::serve
