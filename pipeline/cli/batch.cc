#include "pipeline/cli/batch.h"

#include <iostream>

#include "pipeline/parallel.h"

namespace l10n::cli {

Result<std::vector<int>> RunBatch(std::size_t count, int jobs, const std::string& out_dir,
                                  const std::vector<std::string>& inputs, const BatchItem& one) {
  const int workers = WorkerCount(jobs, count);
  std::vector<SegmenterCache> segmenters(static_cast<std::size_t>(workers));
  StagedWrites staged;
  const bool stage = !out_dir.empty();
  if (stage) L10N_RETURN_IF_ERROR(staged.Prepare(out_dir));
  std::vector<int> codes(count, 0);
  std::vector<std::string> logs(count);
  {
    // From a cold cache, the disk then has many reads to do at once rather than one per worker.
    const ReadAhead read_ahead(inputs);
    ParallelFor(count, workers, [&](std::size_t i, int worker) {
      codes[i] =
          one(i, segmenters[static_cast<std::size_t>(worker)], stage ? &staged : nullptr, logs[i]);
    });
  }
  // One write for all of them: standard error is unbuffered, and a line per document would be a
  // system call each after the work is done.
  std::size_t size = 0;
  for (const std::string& log : logs) size += log.size();
  std::string all;
  all.reserve(size);
  for (const std::string& log : logs) all += log;
  std::cerr.write(all.data(), static_cast<std::streamsize>(all.size()));
  std::cerr.flush();
  L10N_RETURN_IF_ERROR(staged.Commit());
  return codes;
}

}  // namespace l10n::cli
