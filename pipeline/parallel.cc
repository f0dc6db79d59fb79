#include "pipeline/parallel.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace l10n {

int WorkerCount(int requested, std::size_t items) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int wanted = requested > 0 ? requested : cores;
  return std::max(1, static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(wanted),
                                                            std::max<std::size_t>(items, 1))));
}

void ParallelFor(std::size_t count, int workers,
                 const std::function<void(std::size_t index, int worker)>& body) {
  std::atomic<std::size_t> next{0};
  auto run = [&](int worker) {
    for (std::size_t i = next++; i < count; i = next++) body(i, worker);
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (std::thread& t : threads) t.join();
}

void GroupedFor(const std::vector<std::size_t>& sizes, int workers,
                const std::function<void(std::size_t group, std::size_t index, int worker)>& body) {
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::mutex mutex;
  std::vector<std::size_t> next(sizes.size(), 0);  // the next index of each group
  std::size_t unstarted = 0;                       // groups below this have started
  // The next (group, index) for a worker on `group` (kNone: none yet).
  auto take = [&](std::size_t& group, std::size_t& index) {
    std::lock_guard<std::mutex> lock(mutex);
    if (group == kNone || next[group] >= sizes[group]) {
      group = kNone;
      while (unstarted < sizes.size() && sizes[unstarted] == 0) ++unstarted;
      if (unstarted < sizes.size()) {
        group = unstarted++;
      } else {
        std::size_t most = 0;
        for (std::size_t g = 0; g < sizes.size(); ++g) {
          if (sizes[g] - next[g] > most) {
            most = sizes[g] - next[g];
            group = g;
          }
        }
        if (group == kNone) return false;
      }
    }
    index = next[group]++;
    return true;
  };
  auto run = [&](int worker) {
    std::size_t group = kNone, index = 0;
    while (take(group, index)) body(group, index, worker);
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(run, w);
  run(0);
  for (std::thread& t : threads) t.join();
}

}  // namespace l10n
