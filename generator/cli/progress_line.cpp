#include "cli/progress_line.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kiosk::cli {
namespace {

using namespace std::chrono_literals;

constexpr auto kQuietTime = 1000ms;  // work done sooner shows no line
constexpr auto kRedrawEvery = 100ms;

bool IsTerminalWithCursor() {
  const char* term = std::getenv("TERM");
  const char* ci = std::getenv("CI");
  return isatty(STDERR_FILENO) && (!term || std::strcmp(term, "dumb") != 0) && (!ci || !*ci);
}

size_t TerminalColumns() {
  winsize size{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

}  // namespace

ProgressLine::ProgressLine(bool quiet) : shown_(!quiet && IsTerminalWithCursor()) {
  if (shown_) redraw_ = std::jthread([this](std::stop_token stop) { Redraw(stop); });
}

ProgressCallback ProgressLine::Callback() {
  if (!shown_) return {};
  return [this](std::string_view step, size_t done, size_t total) { Report(step, done, total); };
}

void ProgressLine::Report(std::string_view step, size_t done, size_t total) {
  if (!step.empty() && step.data() != step_name_.load(std::memory_order_relaxed)) {
    std::lock_guard<std::mutex> lock(step_mutex_);
    step_ = step;
    step_name_.store(step.data(), std::memory_order_relaxed);
  }
  if (done == 0) {
    total_.store(total, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    return;
  }
  // Threads finish items in any order: the count only goes up.
  size_t shown = done_.load(std::memory_order_relaxed);
  while (shown < done && !done_.compare_exchange_weak(shown, done, std::memory_order_relaxed)) {
  }
}

void ProgressLine::Redraw(std::stop_token stop) {
  std::unique_lock<std::mutex> lock(wait_mutex_);
  auto wait = kQuietTime;
  while (!wake_.wait_for(lock, stop, wait, [] { return false; }) && !stop.stop_requested()) {
    wait = kRedrawEvery;
    std::string text;
    {
      std::lock_guard<std::mutex> step_lock(step_mutex_);
      if (step_.empty()) continue;
      text = "kiosk: " + step_;
    }
    const size_t total = total_.load(std::memory_order_relaxed);
    if (total > 0) {
      const size_t done = std::min(done_.load(std::memory_order_relaxed), total);
      text += ", " + std::to_string(done) + " of " + std::to_string(total) + " (" +
              std::to_string(done * 100 / total) + "%)";
    }
    Draw(text);
  }
}

// Over the line drawn before: back to its start, the new text, spaces over what is left of
// the old. No escape sequences, and never wider than the terminal, where it would wrap.
void ProgressLine::Draw(const std::string& text) {
  std::string line = text.substr(0, TerminalColumns() - 1);
  const size_t width = line.size();
  if (width < drawn_width_) line.append(drawn_width_ - width, ' ');
  std::fprintf(stderr, "\r%s", line.c_str());
  std::fflush(stderr);
  drawn_width_ = width;
}

void ProgressLine::Finish() {
  if (!redraw_.joinable()) return;
  redraw_.request_stop();
  redraw_.join();
  if (drawn_width_ > 0) {
    std::fprintf(stderr, "\r%s\r", std::string(drawn_width_, ' ').c_str());
    std::fflush(stderr);
  }
}

}  // namespace kiosk::cli
