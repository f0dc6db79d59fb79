#include "pipeline/cli/batch.h"

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "pipeline/parallel.h"

namespace l10n::cli {
namespace {

// Documents' logs, printed in document order as they become ready. Standard error is
// unbuffered, and a write per document would be a system call each: the logs are gathered and
// written a batch at a time.
class OrderedLogs {
 public:
  void Done(std::size_t index, std::string log) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (index != next_) {
      waiting_.emplace(index, std::move(log));
      return;
    }
    ready_ += log;
    ++next_;
    for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_;
         it = waiting_.erase(it), ++next_) {
      ready_ += it->second;
    }
    if (ready_.size() >= kBatchBytes) WriteReady();
  }

  // Writes what is ready (every log, once every document is done).
  void Flush() {
    const std::lock_guard<std::mutex> lock(mutex_);
    WriteReady();
  }

 private:
  static constexpr std::size_t kBatchBytes = 64 * 1024;

  void WriteReady() {
    std::cerr.write(ready_.data(), static_cast<std::streamsize>(ready_.size()));
    std::cerr.flush();
    ready_.clear();
  }

  std::mutex mutex_;
  std::size_t next_ = 0;                        // the first document whose log is not ready
  std::map<std::size_t, std::string> waiting_;  // logs of documents done before `next_`'s
  std::string ready_;                           // logs of documents before `next_`, unwritten
};

// Batches smaller than this are flushed once, at the end.
constexpr std::size_t kEarlyFlushDocuments = 100;

}  // namespace

Result<std::vector<int>> RunBatch(std::size_t count, int jobs, const std::string& out_dir,
                                  const BatchInputs& inputs, const BatchItem& one) {
  const int workers = WorkerCount(jobs, count);
  std::vector<SegmenterCache> segmenters(static_cast<std::size_t>(workers));
  StagedWrites staged;
  const bool stage = !out_dir.empty();
  if (stage) L10N_RETURN_IF_ERROR(staged.Prepare(out_dir));
  std::vector<int> codes(count, 0);
  OrderedLogs logs;
  // Once half the documents of a large batch are done, their outputs start going to disk while
  // the rest are made, so that the flush before the commit, which nothing overlaps, has less to
  // wait for.
  std::atomic<std::size_t> done{0};
  std::jthread early_flush;
  {
    // From a cold cache, the disk then has many reads to do at once rather than one per worker.
    const ReadAhead read_ahead(inputs.count, inputs.input);
    ParallelFor(count, workers, [&](std::size_t i, int worker) {
      std::string log;
      codes[i] =
          one(i, segmenters[static_cast<std::size_t>(worker)], stage ? &staged : nullptr, log);
      logs.Done(i, std::move(log));
      if (stage && count >= kEarlyFlushDocuments && ++done == count / 2) {
        try {
          early_flush = std::jthread([&staged] { staged.FlushSoFar(); });
        } catch (const std::system_error&) {
          // No thread to be had: the commit's flush does it all, as for a small batch.
        }
      }
    });
  }
  logs.Flush();
  if (early_flush.joinable()) early_flush.join();
  L10N_RETURN_IF_ERROR(staged.Commit());
  return codes;
}

}  // namespace l10n::cli
