// Reading and atomically writing files. All filesystem errors become Status.
#ifndef L10N_PIPELINE_FILE_IO_H_
#define L10N_PIPELINE_FILE_IO_H_

#include <cstddef>
#include <filesystem>
#include <string>

#include "pipeline/status.h"

namespace l10n {

// Largest input file the pipeline reads; larger ones are refused with a
// clear error instead of exhausting memory.
inline constexpr std::size_t kMaxInputBytes = 64u * 1024u * 1024u;

Result<std::string> ReadFile(const std::filesystem::path& path,
                             std::size_t max_bytes = kMaxInputBytes);

// Writes `contents` to a temporary file beside `path`, flushes it to disk and
// renames it over `path`, creating parent directories. On failure `path` is
// left as it was and no temporary file remains.
Status WriteFileAtomic(const std::filesystem::path& path, const std::string& contents);

}  // namespace l10n

#endif  // L10N_PIPELINE_FILE_IO_H_
