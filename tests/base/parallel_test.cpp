#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {
namespace {

TEST(DefaultJobCountTest, IsAtLeastOne) { EXPECT_GE(DefaultJobCount(), 1); }

TEST(WorkerCountTest, IsLimitedByJobsAndByItems) {
  EXPECT_EQ(WorkerCount(100, 4), 4);
  EXPECT_EQ(WorkerCount(3, 8), 3);
  EXPECT_EQ(WorkerCount(1, 8), 1);
}

TEST(WorkerCountTest, IsAlwaysAtLeastOne) {
  EXPECT_EQ(WorkerCount(0, 4), 1);
  EXPECT_EQ(WorkerCount(10, 0), 1);
  EXPECT_EQ(WorkerCount(10, -3), 1);
}

// Runs ParallelFor and checks that every item was handed out exactly once, to a worker id
// in [0, WorkerCount(count, jobs)).
void ExpectEveryItemExactlyOnce(size_t count, int jobs) {
  std::vector<std::atomic<int>> calls(count);
  std::atomic<int> bad_worker_ids{0};
  std::mutex mutex;
  std::set<int> workers_seen;
  const int workers = WorkerCount(count, jobs);
  ParallelFor(count, jobs, [&](size_t item, int worker) {
    ASSERT_LT(item, count);
    calls[item].fetch_add(1);
    if (worker < 0 || worker >= workers) bad_worker_ids.fetch_add(1);
    std::lock_guard lock(mutex);
    workers_seen.insert(worker);
  });
  for (size_t i = 0; i < count; ++i) {
    EXPECT_EQ(calls[i].load(), 1) << "item " << i << " with count " << count << ", jobs " << jobs;
  }
  EXPECT_EQ(bad_worker_ids.load(), 0);
  EXPECT_LE(static_cast<int>(workers_seen.size()), workers);
}

TEST(ParallelForTest, CoversEveryItemExactlyOnce) { ExpectEveryItemExactlyOnce(1000, 4); }

TEST(ParallelForTest, CoversEveryItemHandedOutInRunsWithAShortLastRun) {
  ExpectEveryItemExactlyOnce(100003, 3);
}

TEST(ParallelForTest, CoversEveryItemWithOneJob) { ExpectEveryItemExactlyOnce(50, 1); }

TEST(ParallelForTest, CoversEveryItemWhenJobsExceedItems) { ExpectEveryItemExactlyOnce(3, 16); }

TEST(ParallelForTest, CoversEveryItemWithZeroOrNegativeJobs) {
  ExpectEveryItemExactlyOnce(20, 0);
  ExpectEveryItemExactlyOnce(20, -1);
}

TEST(ParallelForTest, CountZeroNeverCallsWork) {
  std::atomic<int> calls{0};
  ParallelFor(0, 8, [&](size_t, int) { calls.fetch_add(1); });
  EXPECT_EQ(calls.load(), 0);
}

TEST(ParallelForTest, OneJobRunsEverythingOnWorkerZeroInOrder) {
  std::vector<size_t> order;
  std::vector<int> workers;
  ParallelFor(5, 1, [&](size_t item, int worker) {
    order.push_back(item);
    workers.push_back(worker);
  });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(workers, (std::vector<int>{0, 0, 0, 0, 0}));
}

TEST(ParallelForTest, ResultsWrittenPerSlotDoNotDependOnScheduling) {
  const std::vector<std::string> titles = {"最新消息", "常見問題", "志工招募", "隱私權政策"};
  std::vector<std::string> out(titles.size());
  ParallelFor(titles.size(), 4,
              [&](size_t item, int) { out[item] = "<h1>" + titles[item] + "</h1>"; });
  EXPECT_EQ(out, (std::vector<std::string>{"<h1>最新消息</h1>", "<h1>常見問題</h1>",
                                           "<h1>志工招募</h1>", "<h1>隱私權政策</h1>"}));
}

TEST(ParallelForTest, ReturnsOnlyAfterAllWorkIsDone) {
  std::atomic<int> done{0};
  ParallelFor(64, 8, [&](size_t, int) {
    std::this_thread::yield();
    done.fetch_add(1);
  });
  EXPECT_EQ(done.load(), 64);
}

TEST(ParallelForTest, PerWorkerStateNeedsNoLocks) {
  constexpr size_t kCount = 10000;
  constexpr int kJobs = 4;
  const int workers = WorkerCount(kCount, kJobs);
  std::vector<long long> sums(workers, 0);  // one slot per worker, written without a lock
  ParallelFor(kCount, kJobs, [&](size_t item, int worker) { sums[worker] += item; });
  long long total = 0;
  for (long long sum : sums) total += sum;
  EXPECT_EQ(total, static_cast<long long>(kCount * (kCount - 1) / 2));
}

}  // namespace
}  // namespace kiosk
