// Runs independent work items on several threads.
#pragma once

#include <cstddef>
#include <functional>

namespace kiosk {

// The number of worker threads to use when the user did not say: one per core.
int DefaultJobCount();

// How many workers ParallelFor will start for `count` items and `jobs` allowed threads.
int WorkerCount(size_t count, int jobs);

// Calls work(item, worker) for every item in [0, count) on WorkerCount(count, jobs)
// threads; `worker` (from 0) lets callers keep per-thread state without locks. Callers write
// results into slot `item`, so output never depends on scheduling.
void ParallelFor(size_t count, int jobs, const std::function<void(size_t, int)>& work);

}  // namespace kiosk
