#include "pipeline/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <vector>

namespace l10n {
namespace {

TEST(ParallelTest, EveryIndexRunsOnceAndWorkersSeeAscendingIndexes) {
  constexpr std::size_t kCount = 1000;
  std::vector<int> runs(kCount, 0);
  std::vector<std::vector<std::size_t>> seen(3);
  std::mutex mutex;
  ParallelFor(kCount, 3, [&](std::size_t index, int worker) {
    std::lock_guard<std::mutex> lock(mutex);
    ++runs[index];
    seen[static_cast<std::size_t>(worker)].push_back(index);
  });
  for (std::size_t i = 0; i < kCount; ++i) EXPECT_EQ(runs[i], 1) << i;
  std::size_t total = 0;
  for (const auto& indexes : seen) {
    total += indexes.size();
    EXPECT_TRUE(std::is_sorted(indexes.begin(), indexes.end()));
  }
  EXPECT_EQ(total, kCount);
}

TEST(ParallelTest, WorkerCountStaysWithinItemsAndAboveZero) {
  EXPECT_EQ(WorkerCount(4, 2), 2);
  EXPECT_EQ(WorkerCount(4, 0), 1);
  EXPECT_EQ(WorkerCount(1, 100), 1);
  EXPECT_GE(WorkerCount(0, 100), 1);
}

TEST(ParallelTest, NothingToDoCallsNothing) {
  int calls = 0;
  ParallelFor(0, 2, [&](std::size_t, int) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace l10n
