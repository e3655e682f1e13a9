// One line on the terminal that says what a long build or check is doing, redrawn as it
// goes: "kiosk: render pages, 4210 of 10000 (42%)".
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

#include "base/progress.h"

namespace kiosk::cli {

class ProgressLine {
 public:
  // Shown once the work has run for a second, and only on a terminal: never when standard
  // error is a pipe or a file, on a terminal without cursor control (TERM=dumb), in CI (the
  // CI variable is set), or when `quiet`.
  explicit ProgressLine(bool quiet);
  ~ProgressLine() { Finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // For the library's options: empty when the line is not shown, so that the work does not
  // even count. Valid while this ProgressLine lives.
  ProgressCallback Callback();

  // Stops redrawing and clears the line, so that what follows starts on a clean line.
  void Finish();

 private:
  void Report(std::string_view step, size_t done, size_t total);
  void Redraw(std::stop_token stop);
  void Draw(const std::string& text);

  bool shown_ = false;
  std::mutex step_mutex_;  // taken when a step starts, not for each item
  std::string step_;
  std::atomic<const char*> step_name_{nullptr};  // the library's name of the current step
  std::atomic<size_t> done_{0};
  std::atomic<size_t> total_{0};
  size_t drawn_width_ = 0;  // of the line on the terminal; the redrawing thread's
  std::mutex wait_mutex_;
  std::condition_variable_any wake_;
  std::jthread redraw_;
};

}  // namespace kiosk::cli
