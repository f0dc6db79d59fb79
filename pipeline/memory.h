// The translation memory's query index: an embedded SQLite database with an
// FTS5 word index, rebuilt from a locale's TMX file (the durable store)
// whenever that file changes. Lookups take candidates from the index (the
// entries sharing the query's rarest words) and score them exactly with the
// fuzzy scorer (fuzzy.h).
#ifndef L10N_PIPELINE_MEMORY_H_
#define L10N_PIPELINE_MEMORY_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/content.h"
#include "pipeline/status.h"
#include "pipeline/tmx.h"

struct sqlite3;

namespace l10n {

struct MemoryMatch {
  TmEntry entry;
  double similarity = 0;  // percent
};

class MemoryIndex {
 public:
  // Opens (creating) the database at `path`; ":memory:" for a private one.
  static Result<MemoryIndex> Open(const std::string& path);
  MemoryIndex(MemoryIndex&& other) noexcept;
  MemoryIndex& operator=(MemoryIndex&& other) noexcept;
  ~MemoryIndex();

  // Replaces the entries of `locale` by `memory`'s, unless `signature` (e.g.
  // the TMX file's size and time) is what was indexed last.
  Status Load(const std::string& locale, const TranslationMemory& memory,
              const std::string& signature = "");
  // The signature recorded by the last Load of `locale` ("" when none).
  std::string LoadedSignature(const std::string& locale) const;

  // The best matches for `source`, at least `min_similarity`, best first.
  Result<std::vector<MemoryMatch>> Lookup(const std::string& locale, const Content& source,
                                          double min_similarity, std::size_t max_results) const;

  // Calls `each` with the source and target (as stored in the TMX) of every
  // entry of `locale`, streaming, in no particular order.
  Status ForEachPair(
      const std::string& locale,
      const std::function<void(std::string_view source, std::string_view target)>& each) const;

  // Brute force over every entry (for measuring the index's recall).
  Result<std::vector<MemoryMatch>> LookupExhaustive(const std::string& locale,
                                                    const Content& source, double min_similarity,
                                                    std::size_t max_results) const;

 private:
  explicit MemoryIndex(sqlite3* db) : db_(db) {}
  Status Exec(const char* sql) const;
  sqlite3* db_ = nullptr;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_MEMORY_H_
