// Running one command over a batch of documents, as `l10n extract` and
// `l10n merge` do with --out-dir.
#ifndef L10N_PIPELINE_CLI_BATCH_H_
#define L10N_PIPELINE_CLI_BATCH_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/file_io.h"
#include "pipeline/segmenter.h"
#include "pipeline/status.h"

namespace l10n::cli {

// Does document `index` and returns its exit code, with its messages in
// `log`; writes its output through `staged` when that is not null.
using BatchItem = std::function<int(std::size_t index, SegmenterCache& segmenters,
                                    StagedWrites* staged, std::string& log)>;

// DIR/<name of `source` without its extension><extension>: where a batch writes what it makes
// of `source`.
std::string BatchOutput(const std::string& dir, const std::string& source,
                        std::string_view extension);

// The first two of `sources`, in order, whose names without their extensions are the same, so
// that a batch would write both to one output: their indexes, or nothing.
std::optional<std::pair<std::size_t, std::size_t>> SameName(
    const std::vector<std::string>& sources);

// The files the documents read, in the order they are read: `count` of them, input(i) the i-th.
struct BatchInputs {
  std::size_t count = 0;
  ReadAhead::PathOf input;
};

// Runs `one` for documents 0..count-1 on `jobs` workers (0: one per core),
// each worker with its own segmenters. With an `out_dir`, the outputs are
// staged and committed together (flushed to disk before the commit, a large
// batch's starting once half its documents are done; a new `out_dir` appears
// with all of them at once). Prints every document's log to stderr in input
// order, whatever order they finished in: once the documents before it are
// done, a log joins those ready to be written, and they are written about 64 KB
// at a time (the rest at the end). `inputs` are read ahead. Holds little for
// each document beyond the file it stages: paths are made as they are needed,
// and logs are let go once written. Returns the documents' exit codes, or the
// failure to ready `out_dir` or to commit.
Result<std::vector<int>> RunBatch(std::size_t count, int jobs, const std::string& out_dir,
                                  const BatchInputs& inputs, const BatchItem& one);

}  // namespace l10n::cli

#endif  // L10N_PIPELINE_CLI_BATCH_H_
