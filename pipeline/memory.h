// The translation memory's query index: an embedded SQLite database with an
// FTS5 word index per locale, rebuilt from the locale's TMX file (the durable
// store) whenever that file changes. A locale's lookups see its own entries
// only: their ranking does not depend on the other locales' memories. Lookups take candidates from
// the index (the entries sharing the query's rarest words) and score them exactly with the fuzzy
// scorer (fuzzy.h).
#ifndef L10N_PIPELINE_MEMORY_H_
#define L10N_PIPELINE_MEMORY_H_

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/content.h"
#include "pipeline/file_io.h"
#include "pipeline/status.h"
#include "pipeline/tmx.h"

struct sqlite3;
struct sqlite3_stmt;

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
  // The same with the entries that `read` passes to its sink, one at a time
  // (e.g. straight from a TMX file with ReadTmxFile), so that the memory is
  // never held whole. Entries without a source or target are skipped and
  // duplicates (same source and target) keep the first; nothing changes when
  // `read` fails. `read` runs on a thread of its own while the entries it has
  // passed are inserted, and returns before Load does.
  using EntrySource = std::function<Status(const TmEntrySink& each)>;
  Status Load(const std::string& locale, const EntrySource& read, const std::string& signature);
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
  // The word table of `locale`'s entries ("" when none was made).
  std::string TableOf(const std::string& locale) const;
  Status LoadEntries(const std::string& locale, const EntrySource& read,
                     const std::string& signature);
  sqlite3* db_ = nullptr;
};

// Each source's best match, looked up once: a build asks for the best match of a changed
// segment twice (to analyze the document, then to update its XLIFF file), and a lookup is most
// of what either costs. Not thread-safe: one per document being processed.
class BestMatches {
 public:
  explicit BestMatches(const MemoryIndex* index) : index_(index) {}
  // What index->Lookup(locale, source, min_similarity, 1) gives, as an optional: the best
  // match at or above `min_similarity`, or none (also when there is no index).
  Result<std::optional<MemoryMatch>> Best(const std::string& locale, const Content& source,
                                          double min_similarity);

 private:
  const MemoryIndex* index_;
  // By locale and source: the best match whatever its similarity, or none.
  std::unordered_map<std::string, std::optional<MemoryMatch>> best_;
};

// What a build adds to a locale's memory file, kept in a temporary database on
// disk instead of in memory (a first build adds every translation of the
// project), and the file written again with it, sorted, a piece at a time.
class MemoryFileUpdate {
 public:
  static Result<MemoryFileUpdate> Create();
  MemoryFileUpdate(MemoryFileUpdate&& other) noexcept;
  MemoryFileUpdate& operator=(MemoryFileUpdate&& other) noexcept;
  ~MemoryFileUpdate();

  // Adds an entry, unless its source or target is empty or an entry with the
  // same source and target was added before.
  Status Add(const TmEntry& entry);
  std::size_t added() const { return added_; }

  // Writes the memory file through `write`: the entries of the file at
  // `existing` (when there is one; `shown` names it in messages) and the
  // added ones, sorted by source then target, as WriteTmx writes them. Where
  // both have the same source and target, the file's entry is kept. The
  // source language is the file's, or `source_locale` when there is no file.
  Status Write(const std::filesystem::path& existing, const std::string& shown,
               const std::string& source_locale, const std::string& target_locale,
               const ContentWriter& write);

 private:
  explicit MemoryFileUpdate(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;  // Add's statement, prepared once
  std::size_t added_ = 0;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_MEMORY_H_
