#include "pipeline/parallel.h"

#include <algorithm>
#include <atomic>
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

}  // namespace l10n
