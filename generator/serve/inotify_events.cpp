#include "serve/inotify_events.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "fs/file_system.h"

namespace kiosk::serve {

namespace {

// What is watched: what a build reads. IN_MODIFY is left out: a file being written is
// taken once it is closed (IN_CLOSE_WRITE), not half-written.
constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                           IN_MOVED_TO | IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_ONLYDIR;

// The folders below the site folder that a build reads; its files, such as site.yaml, are
// seen through the site folder's own watch.
constexpr const char* kFolders[] = {"content", "static", "themes"};

bool IsWatchedFolder(const std::string& relative) {
  for (const char* folder : kFolders) {
    if (relative == folder || relative.rfind(std::string(folder) + "/", 0) == 0) return true;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<InotifyEvents>> InotifyEvents::Watch(const std::string& site_dir) {
  const int inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (inotify < 0) {
    return IoError(site_dir, std::string("cannot watch the site's files: ") + std::strerror(errno),
                   "raise fs.inotify.max_user_instances (sysctl), or close other programs that "
                   "watch files");
  }
  const int wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake < 0) {
    close(inotify);
    return IoError(site_dir, std::string("cannot watch the site's files: ") + std::strerror(errno));
  }
  std::unique_ptr<InotifyEvents> events(new InotifyEvents(site_dir, inotify, wake));
  events->WatchFolder("", false);
  for (const char* folder : kFolders) events->WatchFolder(folder, true);
  if (events->folders_.empty()) {
    return IoError(site_dir, "cannot watch the site's folder", "check that it exists");
  }
  return events;
}

InotifyEvents::InotifyEvents(std::string site_dir, int inotify, int wake)
    : site_dir_(std::move(site_dir)), inotify_(inotify), wake_(wake) {}

InotifyEvents::~InotifyEvents() {
  close(inotify_);
  close(wake_);
}

void InotifyEvents::WatchFolder(const std::string& relative, bool below) {
  const std::string path = JoinPath(site_dir_, relative);
  const int watch = inotify_add_watch(inotify_, path.c_str(), kMask);
  if (watch < 0) return;  // gone already, or not a folder: its events said so
  folders_[watch] = relative;
  if (!below) return;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
    if (entry.is_directory(error) && !entry.is_symlink(error)) {
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name.front() != '.') WatchFolder(JoinPath(relative, name), true);
    }
  }
}

void InotifyEvents::Stop() {
  stopped_ = true;
  const uint64_t one = 1;
  (void)!write(wake_, &one, sizeof one);
}

std::vector<FileEvent> InotifyEvents::Wait(std::chrono::milliseconds timeout) {
  std::vector<FileEvent> events;
  if (stopped_) return events;
  pollfd fds[] = {{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}};
  if (poll(fds, 2, static_cast<int>(timeout.count())) <= 0 || stopped_) return events;
  alignas(inotify_event) char buffer[64 * 1024];
  for (;;) {
    const ssize_t size = read(inotify_, buffer, sizeof buffer);
    if (size <= 0) break;
    for (const char* at = buffer; at < buffer + size;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      at += sizeof(inotify_event) + event->len;
      if (event->mask & IN_Q_OVERFLOW) {
        events.push_back({FileEvent::Kind::kOverflow, ""});
        continue;
      }
      if (event->mask & IN_IGNORED) {
        folders_.erase(event->wd);
        continue;
      }
      const auto folder = folders_.find(event->wd);
      if (folder == folders_.end() || event->len == 0) continue;
      const std::string path = JoinPath(folder->second, event->name);
      FileEvent::Kind kind = FileEvent::Kind::kWritten;
      if (event->mask & IN_CREATE) kind = FileEvent::Kind::kCreated;
      if (event->mask & IN_DELETE) kind = FileEvent::Kind::kRemoved;
      if (event->mask & IN_MOVED_FROM) kind = FileEvent::Kind::kMovedAway;
      if (event->mask & IN_MOVED_TO) kind = FileEvent::Kind::kMovedHere;
      // A folder created or moved in, with what it already holds.
      if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO)) &&
          IsWatchedFolder(path)) {
        WatchFolder(path, true);
      }
      events.push_back({kind, path});
    }
  }
  return events;
}

}  // namespace kiosk::serve
