// Running independent pieces of work on several threads.
#ifndef L10N_PIPELINE_PARALLEL_H_
#define L10N_PIPELINE_PARALLEL_H_

#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

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

// Calls body(group, index, worker) once for every index in [0, sizes[group])
// of every group, on `workers` threads (the calling thread is worker 0).
// Workers keep to a group: a worker takes the next index of the group it is
// on while that group has any left; then it starts a group nobody has
// started (the lowest-numbered); when every group has started, it joins the
// group with the most indexes left. So a worker moves between groups about
// once per group, and per-group state a worker keeps (a dictionary, a
// segmenter) is made about once per group instead of once per worker and
// group. Within a group, indexes are handed out in ascending order, so index 0
// of a group is always handed out before the group's other indexes.
// Returns when every call has returned.
void GroupedFor(const std::vector<std::size_t>& sizes, int workers,
                const std::function<void(std::size_t group, std::size_t index, int worker)>& body);

// Results of work done out of order (ParallelFor hands out indexes in order, but they finish in
// any), handed on in index order: Done(i, result) from any thread calls release(i, result) for
// i and every later index already done, once every index before it has been released. Only the
// results waiting for an earlier one are held. release runs under the object's lock, one call at
// a time, so what it touches needs no lock of its own.
template <typename T>
class InOrder {
 public:
  using Release = std::function<void(std::size_t index, T&& result)>;
  explicit InOrder(Release release) : release_(std::move(release)) {}

  void Done(std::size_t index, T result) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (index != next_) {
      waiting_.emplace(index, std::move(result));
      return;
    }
    release_(next_++, std::move(result));
    for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_;
         it = waiting_.erase(it)) {
      release_(next_++, std::move(it->second));
    }
  }

 private:
  const Release release_;
  std::mutex mutex_;
  std::size_t next_ = 0;              // the first index not released
  std::map<std::size_t, T> waiting_;  // results done before `next_`'s
};

}  // namespace l10n

#endif  // L10N_PIPELINE_PARALLEL_H_
