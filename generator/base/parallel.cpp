#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace kiosk {

int DefaultJobCount() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

int WorkerCount(size_t count, int jobs) {
  return static_cast<int>(std::max<size_t>(1, std::min<size_t>(std::max(jobs, 1), count)));
}

void ParallelFor(size_t count, int jobs, const std::function<void(size_t, int)>& work) {
  const int workers = WorkerCount(count, jobs);
  // Items go out in runs, so that thousands of small ones (a stat, a hash) do not all
  // contend for one counter; 64 runs per worker keep the last ones short.
  const size_t run = std::max<size_t>(1, count / (static_cast<size_t>(workers) * 64));
  std::atomic<size_t> next{0};
  const auto drain = [&](int worker) {
    for (size_t start; (start = next.fetch_add(run)) < count;) {
      for (size_t i = start; i < std::min(count, start + run); ++i) work(i, worker);
    }
  };
  std::vector<std::jthread> threads;
  for (int worker = 1; worker < workers; ++worker) threads.emplace_back(drain, worker);
  drain(0);
}

}  // namespace kiosk
