#include "pipeline/parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <utility>
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

TEST(ParallelTest, GroupedForRunsEveryIndexOnceInAscendingOrderPerGroup) {
  const std::vector<std::size_t> sizes = {50, 0, 7, 300, 1, 120};
  std::mutex mutex;
  std::vector<std::vector<int>> runs;
  for (std::size_t size : sizes) runs.emplace_back(size, 0);
  // What each worker saw, in order: (group, index).
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> seen(3);
  GroupedFor(sizes, 3, [&](std::size_t group, std::size_t index, int worker) {
    std::lock_guard<std::mutex> lock(mutex);
    ++runs[group][index];
    seen[static_cast<std::size_t>(worker)].emplace_back(group, index);
  });
  for (std::size_t g = 0; g < sizes.size(); ++g) {
    for (std::size_t i = 0; i < sizes[g]; ++i) EXPECT_EQ(runs[g][i], 1) << g << "/" << i;
  }
  for (const auto& order : seen) {
    // Ascending within each group, as seen by one worker.
    std::vector<std::size_t> last(sizes.size(), 0);
    std::vector<bool> any(sizes.size(), false);
    for (const auto& [group, index] : order) {
      if (any[group]) {
        EXPECT_GT(index, last[group]);
      }
      any[group] = true;
      last[group] = index;
    }
  }
}

TEST(ParallelTest, GroupedForKeepsOneWorkerOnAGroupUntilItIsDone) {
  // One worker: groups in order, each finished before the next starts.
  std::vector<std::pair<std::size_t, std::size_t>> order;
  GroupedFor({3, 2, 0, 2}, 1,
             [&](std::size_t group, std::size_t index, int) { order.emplace_back(group, index); });
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{0, 0}, {0, 1}, {0, 2}, {1, 0},
                                                                     {1, 1}, {3, 0}, {3, 1}};
  EXPECT_EQ(order, expected);
}

TEST(ParallelTest, GroupedForMovesEachWorkerBetweenGroupsAboutOncePerGroup) {
  // Two workers, eight groups: a worker changes group when its group runs
  // out, so the changes are far fewer than with indexes dealt out in turn.
  const std::vector<std::size_t> sizes(8, 200);
  std::mutex mutex;
  std::vector<std::size_t> current(2, sizes.size());
  int changes = 0;
  GroupedFor(sizes, 2, [&](std::size_t group, std::size_t, int worker) {
    std::lock_guard<std::mutex> lock(mutex);
    if (current[static_cast<std::size_t>(worker)] != group) ++changes;
    current[static_cast<std::size_t>(worker)] = group;
  });
  // At most: every group started once, plus each worker joining one last
  // group, plus the first group of each worker.
  EXPECT_LE(changes, static_cast<int>(sizes.size()) + 2);
}

TEST(ParallelTest, NothingToDoCallsNothing) {
  int calls = 0;
  ParallelFor(0, 2, [&](std::size_t, int) { ++calls; });
  GroupedFor({}, 2, [&](std::size_t, std::size_t, int) { ++calls; });
  GroupedFor({0, 0}, 2, [&](std::size_t, std::size_t, int) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
// Results done out of order are released in index order, each once, as soon as every earlier
// one is; on several threads too.
TEST(ParallelTest, InOrderReleasesResultsInIndexOrderAsSoonAsTheyCan) {
  std::vector<std::pair<std::size_t, std::string>> released;
  InOrder<std::string> in_order([&](std::size_t index, std::string&& result) {
    released.emplace_back(index, std::move(result));
  });
  in_order.Done(2, "c");
  in_order.Done(1, "b");
  EXPECT_TRUE(released.empty());
  in_order.Done(0, "a");
  ASSERT_EQ(released.size(), 3u);
  EXPECT_EQ(released[0], std::make_pair(std::size_t{0}, std::string("a")));
  EXPECT_EQ(released[2], std::make_pair(std::size_t{2}, std::string("c")));
  in_order.Done(4, "e");
  EXPECT_EQ(released.size(), 3u);
  in_order.Done(3, "d");
  EXPECT_EQ(released.size(), 5u);

  std::vector<std::size_t> order;
  InOrder<std::size_t> many([&](std::size_t index, std::size_t&& result) {
    EXPECT_EQ(index, result);
    order.push_back(index);
  });
  ParallelFor(5000, 4, [&](std::size_t i, int) { many.Done(i, std::size_t{i}); });
  ASSERT_EQ(order.size(), 5000u);
  for (std::size_t i = 0; i < order.size(); ++i) ASSERT_EQ(order[i], i);
}

}  // namespace l10n
