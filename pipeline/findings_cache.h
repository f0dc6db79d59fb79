// The QA findings of earlier builds, kept so that a build does not check again a document whose
// inputs have not changed.
//
// A document's findings are a function of what the checks read: the source document, the XLIFF
// file as it was and as the build brought it up to date, their names, the project's check
// settings and suppressions, the glossary, the target language's dictionary, and the program
// and libraries that check (ICU's data among them). A build hashes all of these into a key
// (KeyHasher) and keeps the findings under it; a later build with the same key takes them
// instead of checking, and any change to any of them is another key, so that findings are
// never taken for inputs they were not found in. `l10n build --recheck` checks everything again.
//
// The cache is a SQLite database in the project's .l10n-cache directory. Every key starts from a
// random secret made with the cache, and every entry is sealed with a hash of its key and its
// findings, so that an entry is taken only under the key it was kept under. The cache is only
// ever a help: when it cannot be opened, read or written, the build checks as if it were not
// there and says so; a damaged one is made anew.
#ifndef L10N_PIPELINE_FINDINGS_CACHE_H_
#define L10N_PIPELINE_FINDINGS_CACHE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/diagnostics.h"
#include "pipeline/hash.h"
#include "pipeline/status.h"

struct sqlite3;

namespace l10n {

namespace sqlite {
class Statement;
}

// What identifies the running program and every library it has loaded: each one's path, device,
// inode, size and modification time. A program built again, or a library upgraded, changes it.
std::string ProgramIdentity();

// The findings as bytes, and back; Decode gives nullopt for bytes that Encode did not make.
std::string EncodeFindings(const std::vector<Diagnostic>& findings);
std::optional<std::vector<Diagnostic>> DecodeFindings(std::string_view bytes);

// The findings kept under their keys. Find and Keep may be called from several threads.
// After the first error the cache does nothing (Find finds nothing, Keep keeps nothing) and
// problem() says what went wrong.
class FindingsCache {
 public:
  // Opens the database at `path`, creating it (and its directory) when it is not there. A file
  // there that is not such a database (a damaged cache) is replaced by a new cache, and
  // replaced() says why. An error when the database cannot be opened or made.
  static Result<FindingsCache> Open(const std::string& path);

  FindingsCache(FindingsCache&& other) noexcept;
  FindingsCache& operator=(FindingsCache&& other) noexcept;
  FindingsCache(const FindingsCache&) = delete;
  FindingsCache& operator=(const FindingsCache&) = delete;
  ~FindingsCache();

  // The findings kept under `key`, or nullopt. A key found is kept by Finish.
  std::optional<std::vector<Diagnostic>> Find(const CacheKey& key);
  // Keeps `findings` under `key`; they are written in batches, the last by Finish.
  void Keep(const CacheKey& key, const std::vector<Diagnostic>& findings);
  // Writes what Keep has not written yet and removes every entry neither found nor kept since
  // Open, so that the cache holds the findings of the last build and no more. A cache found
  // damaged on the way (problem() says so) is removed instead, for the next build to make anew.
  void Finish();
  // Empties the cache, for a build that finds that something its keys depend on changed while
  // it ran; problem() says `why`, and the cache does nothing more.
  void Discard(const std::string& why);

  // A random value made with the cache, which the keys of its entries start from: one who does
  // not know it cannot make two inputs that have one key (KeyHasher is not cryptographic).
  const CacheKey& secret() const { return secret_; }

  // What went wrong, or "" when nothing did.
  std::string problem() const;
  const std::string& path() const { return path_; }
  // Why Open replaced the file it found by a new cache, or "" when it did not.
  const std::string& replaced() const { return replaced_; }

 private:
  explicit FindingsCache(sqlite3* db, std::string path);
  static Result<FindingsCache> OpenFile(const std::string& path);
  void Fail(const std::string& what);  // with mutex_ held
  void Flush();                        // with mutex_ held

  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite::Statement> find_;  // Find's statement, prepared once
  std::string path_;
  mutable std::mutex mutex_;
  CacheKey secret_;
  std::string problem_;
  std::string replaced_;
  bool damaged_ = false;                                   // an error said the database is damaged
  std::vector<std::pair<CacheKey, std::string>> pending_;  // kept, not written yet
  std::size_t pending_bytes_ = 0;
  std::vector<CacheKey> used_;  // found or kept since Open
};

}  // namespace l10n

#endif  // L10N_PIPELINE_FINDINGS_CACHE_H_
