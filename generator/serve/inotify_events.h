// FileEvents from Linux's inotify, for the folders a build reads: site.yaml beside them, and
// content/, static/ and themes/ with every folder below (watched as they are created or moved
// in, so that a folder added while serving is seen too).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "serve/file_events.h"

namespace kiosk::serve {

class InotifyEvents : public FileEvents {
 public:
  // Starts watching the site folder `site_dir`.
  static Result<std::unique_ptr<InotifyEvents>> Watch(const std::string& site_dir);
  ~InotifyEvents() override;
  InotifyEvents(const InotifyEvents&) = delete;
  InotifyEvents& operator=(const InotifyEvents&) = delete;

  std::vector<FileEvent> Wait(std::chrono::milliseconds timeout) override;
  Clock::time_point Now() const override { return Clock::now(); }
  void Stop() override;
  bool stopped() const override { return stopped_; }

 private:
  InotifyEvents(std::string site_dir, int inotify, int wake);
  // Watches the folder `relative` (to the site folder) and, with `below`, every folder in it.
  void WatchFolder(const std::string& relative, bool below);

  const std::string site_dir_;
  const int inotify_;
  const int wake_;  // an eventfd that Stop writes to
  std::atomic<bool> stopped_{false};
  std::map<int, std::string> folders_;  // watch descriptor -> folder, relative to the site
};

}  // namespace kiosk::serve
