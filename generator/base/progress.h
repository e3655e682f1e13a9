// How far long work has come, for a progress line: the library reports it, the command line
// shows it.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string_view>

namespace kiosk {

// Called as each step of the work starts, with its name ("render pages") and `done` and
// `total` 0; and in a step that goes through many items, as each is done, with an empty name
// (the step last named), how many are done and of how many. Item calls come from every
// thread of the work at once: the callback must be safe to call from any thread, and cheap.
using ProgressCallback = std::function<void(std::string_view step, size_t done, size_t total)>;

// Counts the items of a step as the threads doing them finish each, for a ProgressCallback:
// one atomic increment an item, no lock.
class ProgressCounter {
 public:
  ProgressCounter(const ProgressCallback& report, size_t total) : report_(report), total_(total) {
    if (report_) report_({}, 0, total_);
  }
  void Done() {
    if (report_) report_({}, done_.fetch_add(1, std::memory_order_relaxed) + 1, total_);
  }

 private:
  const ProgressCallback& report_;
  const size_t total_;
  std::atomic<size_t> done_{0};
};

}  // namespace kiosk
