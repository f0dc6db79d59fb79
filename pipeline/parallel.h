// Running independent pieces of work on several threads.
#ifndef L10N_PIPELINE_PARALLEL_H_
#define L10N_PIPELINE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace l10n {

// The number of worker threads to use for `requested` (0: one per core),
// never more than `items` and never less than 1.
int WorkerCount(int requested, std::size_t items);

// Calls body(index, worker) once for every index in [0, count), on `workers`
// threads (the calling thread is worker 0). Indexes are handed out in
// ascending order as threads become free, so each worker sees its indexes in
// ascending order; `worker` (in [0, workers)) lets a body keep per-thread
// state such as a segmenter. Returns when every call has returned.
void ParallelFor(std::size_t count, int workers,
                 const std::function<void(std::size_t index, int worker)>& body);

}  // namespace l10n

#endif  // L10N_PIPELINE_PARALLEL_H_
