#include "pipeline/cli/batch.h"

#include <atomic>
#include <filesystem>
#include <iostream>
#include <map>
#include <system_error>
#include <thread>

#include "pipeline/parallel.h"

namespace l10n::cli {
namespace {

// Documents' logs are written about this much at a time: standard error is unbuffered, and a
// write per document would be a system call each.
constexpr std::size_t kLogBatchBytes = 64 * 1024;

// Batches smaller than this are flushed once, at the end.
constexpr std::size_t kEarlyFlushDocuments = 100;

}  // namespace

std::string BatchOutput(const std::string& dir, const std::string& source,
                        std::string_view extension) {
  std::string name = std::filesystem::path(source).stem().string();
  name += extension;
  return (std::filesystem::path(dir) / name).string();
}

std::optional<std::pair<std::size_t, std::size_t>> SameName(
    const std::vector<std::string>& sources) {
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto [it, inserted] = by_name.emplace(std::filesystem::path(sources[i]).stem().string(), i);
    if (!inserted) return std::make_pair(it->second, i);
  }
  return std::nullopt;
}

Result<std::vector<int>> RunBatch(std::size_t count, int jobs, const std::string& out_dir,
                                  const BatchInputs& inputs, const BatchItem& one) {
  const int workers = WorkerCount(jobs, count);
  std::vector<SegmenterCache> segmenters(static_cast<std::size_t>(workers));
  StagedWrites staged;
  const bool stage = !out_dir.empty();
  if (stage) L10N_RETURN_IF_ERROR(staged.Prepare(out_dir));
  std::vector<int> codes(count, 0);
  // Logs in document order, as soon as the documents before them are done.
  std::string ready;
  auto write_ready = [&ready] {
    std::cerr.write(ready.data(), static_cast<std::streamsize>(ready.size()));
    std::cerr.flush();
    ready.clear();
  };
  InOrder<std::string> logs([&](std::size_t, std::string&& log) {
    ready += log;
    if (ready.size() >= kLogBatchBytes) write_ready();
  });
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
  write_ready();  // every document is done: the rest of the logs
  if (early_flush.joinable()) early_flush.join();
  L10N_RETURN_IF_ERROR(staged.Commit());
  return codes;
}

}  // namespace l10n::cli
