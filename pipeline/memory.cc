#include "pipeline/memory.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/fuzzy.h"
#include "pipeline/sqlite.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

using sqlite::Statement;

// How long a process waits for another to finish writing the index.
constexpr int kBusyWaitMs = 120000;

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::IoError(what + ": " + sqlite3_errmsg(db));
}

// The distinct words (letters and digits, case folded) of a text's tokens, in no particular
// order.
std::vector<std::string> QueryWords(std::vector<std::string> tokens) {
  std::vector<std::string> words;
  for (std::string& token : tokens) {
    if (token.front() == '{') continue;
    bool word = false;
    for (unsigned char c : token) word |= std::isalnum(c) || c >= 0x80;
    if (!word) continue;
    if (AllAscii(token)) {
      LowerAscii(token);  // FoldCase of ASCII, in place
      words.push_back(std::move(token));
    } else {
      words.push_back(FoldCase(token));
    }
  }
  // A segment has a few dozen words: compared in place; more are sorted, so that a long entry
  // cannot make this quadratic.
  if (words.size() > 64) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (std::find(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(kept), words[i]) ==
        words.begin() + static_cast<std::ptrdiff_t>(kept)) {
      if (kept != i) words[kept] = std::move(words[i]);
      ++kept;
    }
  }
  words.resize(kept);
  return words;
}

std::string Quoted(const std::string& word) {
  std::string quoted = "\"";
  for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// The candidates at or above `min_similarity` to the text of `tokens`, best first, at most
// `max_results`; `tokenize` breaks the candidates' sources.
std::vector<MemoryMatch> Score(const std::vector<std::string>& tokens,
                               std::vector<TmEntry> candidates, Tokenizer& tokenize,
                               double min_similarity, std::size_t max_results) {
  std::vector<MemoryMatch> matches;
  for (TmEntry& entry : candidates) {
    const double similarity = Similarity(tokens, tokenize(ParseSignature(entry.source)));
    if (similarity >= min_similarity) matches.push_back({std::move(entry), similarity});
  }
  std::stable_sort(matches.begin(), matches.end(), [](const MemoryMatch& a, const MemoryMatch& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity
                                        : a.entry.source < b.entry.source;
  });
  if (matches.size() > max_results) matches.resize(max_results);
  return matches;
}

// An entry as the index stores it: the entry and its source's plain text, case folded.
struct PreparedEntry {
  std::string folded;
  TmEntry entry;
};

// Entries passed from the thread that reads and prepares them to the one that inserts them, a
// batch at a time and at most a few batches ahead, so that a memory is never held whole.
class EntryQueue {
 public:
  // The reader's side. False when the inserting side has stopped: the reader stops too.
  bool Push(std::vector<PreparedEntry>&& batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [this] { return batches_.size() < kAhead || stopped_; });
    if (stopped_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }
  // The reader is done, with the status of its reading.
  void Finish(Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    status_ = std::move(status);
    ready_.notify_one();
  }
  // The inserting side: the next batch into `batch`; false when the reader has finished and
  // every batch was taken.
  bool Pop(std::vector<PreparedEntry>& batch) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return !batches_.empty() || finished_; });
    if (batches_.empty()) return false;
    batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return true;
  }
  // The inserting side gives up (the reader's next Push returns false).
  void Stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    room_.notify_one();
  }
  // The reader's status, once it has finished.
  const Status& status() const { return status_; }

 private:
  static constexpr std::size_t kAhead = 4;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<std::vector<PreparedEntry>> batches_;
  bool finished_ = false;
  bool stopped_ = false;
  Status status_;
};

}  // namespace

Result<MemoryIndex> MemoryIndex::Open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status s = Status::IoError(
        std::string("cannot open the memory index: ") + (db ? sqlite3_errmsg(db) : "out of memory"),
        Location{path});
    sqlite3_close(db);
    return s;
  }
  MemoryIndex index(db);
  sqlite3_busy_timeout(db, kBusyWaitMs);
  L10N_RETURN_IF_ERROR(
      index.Exec("PRAGMA journal_mode=WAL;"
                 // An index made when every locale shared one word table: made again.
                 "DROP TABLE IF EXISTS loaded2;"
                 "DROP TABLE IF EXISTS entries;"
                 // Each locale's entries in a word table of its own, entries_ID.
                 "CREATE TABLE IF NOT EXISTS memories(locale TEXT PRIMARY KEY, "
                 "id INTEGER NOT NULL UNIQUE, signature TEXT);"
                 "CREATE TABLE IF NOT EXISTS frequency(locale TEXT, word TEXT, entries INTEGER, "
                 "PRIMARY KEY(locale, word)) WITHOUT ROWID;"));
  return index;
}

MemoryIndex::MemoryIndex(MemoryIndex&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
MemoryIndex& MemoryIndex::operator=(MemoryIndex&& other) noexcept {
  std::swap(db_, other.db_);
  return *this;
}
MemoryIndex::~MemoryIndex() { sqlite3_close(db_); }

Status MemoryIndex::Exec(const char* sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    return Status::IoError("memory index: " + message);
  }
  return Status::Ok();
}

Status MemoryIndex::ForEachPair(
    const std::string& locale,
    const std::function<void(std::string_view source, std::string_view target)>& each) const {
  const std::string table = TableOf(locale);
  if (table.empty()) return Status::Ok();
  Statement select(db_, ("SELECT source, target FROM " + table).c_str());
  if (!select.ok()) return SqliteError(db_, "memory index");
  int step;
  while ((step = sqlite3_step(select.get())) == SQLITE_ROW)
    each(select.ColumnText(0), select.ColumnText(1));
  if (step != SQLITE_DONE) return SqliteError(db_, "memory index");
  return Status::Ok();
}

std::string MemoryIndex::LoadedSignature(const std::string& locale) const {
  Statement select(db_, "SELECT signature FROM memories WHERE locale = ?");
  if (!select.ok()) return {};
  select.Bind(1, locale);
  return sqlite3_step(select.get()) == SQLITE_ROW ? select.Column(0) : std::string();
}

std::string MemoryIndex::TableOf(const std::string& locale) const {
  Statement select(db_, "SELECT id FROM memories WHERE locale = ?");
  if (!select.ok()) return {};
  select.Bind(1, locale);
  if (sqlite3_step(select.get()) != SQLITE_ROW) return {};
  return "entries_" + std::to_string(sqlite3_column_int64(select.get(), 0));
}

Status MemoryIndex::Load(const std::string& locale, const TranslationMemory& memory,
                         const std::string& signature) {
  return Load(
      locale,
      [&](const TmEntrySink& each) {
        for (const TmEntry& entry : memory.entries) L10N_RETURN_IF_ERROR(each(TmEntry(entry)));
        return Status::Ok();
      },
      signature);
}

Status MemoryIndex::Load(const std::string& locale, const EntrySource& read,
                         const std::string& signature) {
  if (!signature.empty() && LoadedSignature(locale) == signature) return Status::Ok();
  // The index is written by one process at a time (another l10n in the same project waits, up to
  // kBusyWaitMs): the write lock is taken first, so that the wait is at the start.
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    if (sqlite3_errcode(db_) == SQLITE_BUSY) {
      return Status::IoError(
          "the memory index is being written by another l10n process, which has not finished "
          "in " +
          std::to_string(kBusyWaitMs / 1000) +
          " s; run again when it has (or remove the project's .l10n-cache directory, which is "
          "made again)");
    }
    return SqliteError(db_, "memory index");
  }
  auto fail = [&](Status s) {
    (void)Exec("ROLLBACK");
    return s;
  };
  // Another process may have indexed the same file while this one waited.
  if (!signature.empty() && LoadedSignature(locale) == signature) return Exec("COMMIT");
  Status loaded = LoadEntries(locale, read, signature);
  return loaded.ok() ? Exec("COMMIT") : fail(loaded);
}

// Load's work inside its transaction; the statements are finalized before
// the transaction ends. The entries are read, parsed and broken into words on a
// thread of their own while this one inserts them (SQLite's part is about a
// third of the work): the same rows in the same order as one thread would make.
Status MemoryIndex::LoadEntries(const std::string& locale, const EntrySource& read,
                                const std::string& signature) {
  // The locale's word table, made anew (dropping a table is quicker than deleting its rows).
  std::string table = TableOf(locale);
  if (table.empty()) {
    Statement add(
        db_, "INSERT INTO memories(locale, id) SELECT ?, COALESCE(MAX(id), 0) + 1 FROM memories");
    if (!add.ok()) return SqliteError(db_, "memory index");
    add.Bind(1, locale);
    if (sqlite3_step(add.get()) != SQLITE_DONE) return SqliteError(db_, "memory index");
    table = TableOf(locale);
  }
  L10N_RETURN_IF_ERROR(Exec(("DROP TABLE IF EXISTS " + table + "; CREATE VIRTUAL TABLE " + table +
                             " USING fts5(folded, source UNINDEXED, target UNINDEXED, context "
                             "UNINDEXED, tokenize='unicode61');")
                                .c_str()));
  Statement insert(
      db_,
      ("INSERT INTO " + table + "(folded, source, target, context) VALUES(?, ?, ?, ?)").c_str());
  Statement mark(db_, "UPDATE memories SET signature = ? WHERE locale = ?");
  Statement erase_frequency(db_, "DELETE FROM frequency WHERE locale = ?");
  Statement insert_frequency(db_, "INSERT INTO frequency(locale, word, entries) VALUES(?, ?, ?)");
  if (!insert.ok() || !mark.ok() || !erase_frequency.ok() || !insert_frequency.ok()) {
    return SqliteError(db_, "memory index");
  }
  erase_frequency.Bind(1, locale);
  sqlite3_step(erase_frequency.get());
  // How many entries hold each word, so that lookups can pick rare words (the reader's, until it
  // has finished).
  std::unordered_map<std::string, long long> frequency;
  // Reads the entries, prepares them and passes them on a batch at a time to `deliver`, which
  // returns false to stop the reading.
  auto produce = [&read, &frequency](
                     const std::function<bool(std::vector<PreparedEntry> &&)>& deliver) -> Status {
    constexpr std::size_t kBatch = 256;
    Tokenizer tokenize;
    std::unordered_set<TmPairHash, TmPairHash::Hasher> seen;
    std::vector<PreparedEntry> batch;
    Status got = read([&](TmEntry&& entry) -> Status {
      if (entry.source.empty() || entry.target.empty()) return Status::Ok();
      if (!seen.insert(TmPairHash::Of(entry)).second) return Status::Ok();
      const Content source = ParseSignature(entry.source);
      for (std::string& word : QueryWords(tokenize(source))) ++frequency[std::move(word)];
      batch.push_back({FoldCase(PlainText(source)), std::move(entry)});
      if (batch.size() < kBatch) return Status::Ok();
      if (!deliver(std::move(batch))) return Status::Internal("the index stopped inserting");
      batch.clear();
      return Status::Ok();
    });
    if (got.ok() && !batch.empty()) deliver(std::move(batch));
    return got;
  };
  Status inserted = Status::Ok();
  auto insert_all = [&](const std::vector<PreparedEntry>& batch) {
    for (const PreparedEntry& prepared : batch) {
      sqlite3_reset(insert.get());
      insert.Bind(1, prepared.folded);
      insert.Bind(2, prepared.entry.source);
      insert.Bind(3, prepared.entry.target);
      insert.Bind(4, prepared.entry.context);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) {
        inserted = SqliteError(db_, "memory index insert");
        return false;
      }
    }
    return true;
  };
  EntryQueue queue;
  std::thread reader;
  try {
    reader = std::thread([&produce, &queue] {
      queue.Finish(produce(
          [&queue](std::vector<PreparedEntry>&& batch) { return queue.Push(std::move(batch)); }));
    });
  } catch (const std::system_error&) {
    // No thread to be had: read and insert on this one.
    Status got = produce([&](std::vector<PreparedEntry>&& batch) { return insert_all(batch); });
    if (!inserted.ok()) return inserted;
    if (!got.ok()) return got;
  }
  if (reader.joinable()) {
    std::vector<PreparedEntry> batch;
    while (inserted.ok() && queue.Pop(batch)) insert_all(batch);
    if (!inserted.ok()) queue.Stop();
    reader.join();
    if (!inserted.ok()) return inserted;
    if (!queue.status().ok()) return queue.status();
  }
  // In the order of the words, as the table keeps them.
  std::vector<std::pair<std::string_view, long long>> counts(frequency.begin(), frequency.end());
  std::sort(counts.begin(), counts.end());
  for (const auto& [word, count] : counts) {
    sqlite3_reset(insert_frequency.get());
    insert_frequency.Bind(1, locale);
    insert_frequency.Bind(2, word);
    sqlite3_bind_int64(insert_frequency.get(), 3, count);
    sqlite3_step(insert_frequency.get());
  }
  mark.Bind(1, signature);
  mark.Bind(2, locale);
  sqlite3_step(mark.get());
  return Status::Ok();
}

// Candidates come from the word index, queried with the query's rarest
// words only (how many entries hold each word, counted at load), so that a common word
// does not make every entry a candidate; then each candidate is scored
// exactly.
Result<std::vector<MemoryMatch>> MemoryIndex::Lookup(const std::string& locale,
                                                     const Content& source, double min_similarity,
                                                     std::size_t max_results) const {
  // The query is broken into words once, for choosing the candidates and for scoring them.
  Tokenizer tokenize;
  const std::vector<std::string> tokens = tokenize(source);
  const std::vector<std::string> words = QueryWords(tokens);
  if (words.empty()) return std::vector<MemoryMatch>{};
  std::vector<std::pair<long long, std::string>> by_frequency;
  {
    Statement frequency(db_, "SELECT entries FROM frequency WHERE locale = ? AND word = ?");
    if (!frequency.ok()) return SqliteError(db_, "memory vocabulary");
    for (const std::string& w : words) {
      sqlite3_reset(frequency.get());
      frequency.Bind(1, locale);
      frequency.Bind(2, w);
      if (sqlite3_step(frequency.get()) == SQLITE_ROW)
        by_frequency.emplace_back(sqlite3_column_int64(frequency.get(), 0), w);
    }
  }
  if (by_frequency.empty()) return std::vector<MemoryMatch>{};
  std::sort(by_frequency.begin(), by_frequency.end());
  // The rarest words, at least three, until together they select more than
  // a few thousand entries: enough for recall, few enough to rank quickly.
  constexpr std::size_t kMinWords = 3;
  constexpr long long kMaxPostings = 2500;
  std::string query;
  long long postings = 0;
  for (std::size_t i = 0; i < by_frequency.size(); ++i) {
    if (i >= kMinWords && postings + by_frequency[i].first > kMaxPostings) break;
    postings += by_frequency[i].first;
    query += (query.empty() ? "" : " OR ") + Quoted(by_frequency[i].second);
  }
  const std::string table = TableOf(locale);
  if (table.empty()) return std::vector<MemoryMatch>{};
  Statement select(db_, ("SELECT source, target, context FROM " + table + " WHERE " + table +
                         " MATCH ? ORDER BY rank LIMIT 40")
                            .c_str());
  if (!select.ok()) return SqliteError(db_, "memory lookup");
  select.Bind(1, "folded : (" + query + ")");
  std::vector<TmEntry> candidates;
  while (sqlite3_step(select.get()) == SQLITE_ROW) {
    candidates.push_back({select.Column(0), select.Column(1), select.Column(2)});
  }
  return Score(tokens, std::move(candidates), tokenize, min_similarity, max_results);
}

Result<std::vector<MemoryMatch>> MemoryIndex::LookupExhaustive(const std::string& locale,
                                                               const Content& source,
                                                               double min_similarity,
                                                               std::size_t max_results) const {
  const std::string table = TableOf(locale);
  if (table.empty()) return std::vector<MemoryMatch>{};
  Statement select(db_, ("SELECT source, target, context FROM " + table).c_str());
  if (!select.ok()) return SqliteError(db_, "memory scan");
  std::vector<TmEntry> all;
  while (sqlite3_step(select.get()) == SQLITE_ROW)
    all.push_back({select.Column(0), select.Column(1), select.Column(2)});
  Tokenizer tokenize;
  return Score(tokenize(source), std::move(all), tokenize, min_similarity, max_results);
}

Result<std::optional<MemoryMatch>> BestMatches::Best(const std::string& locale,
                                                     const Content& source, double min_similarity) {
  if (index_ == nullptr) return std::optional<MemoryMatch>();
  // The key holds everything a lookup reads of the source: each run's kind, id and text.
  std::string key = locale;
  for (const Run& run : source) {
    key += '\0';
    key += static_cast<char>('0' + static_cast<int>(run.kind));
    key += run.id;
    key += '\0';
    key += run.text;
  }
  auto known = best_.find(key);
  if (known == best_.end()) {
    // The best match at any similarity: the best at or above a threshold is the same entry
    // when it reaches the threshold, and none otherwise.
    Result<std::vector<MemoryMatch>> found = index_->Lookup(locale, source, 0, 1);
    if (!found.ok()) return found.status();
    std::optional<MemoryMatch> best;
    if (!found->empty()) best = std::move(found->front());
    known = best_.emplace(std::move(key), std::move(best)).first;
  }
  if (!known->second || known->second->similarity < min_similarity)
    return std::optional<MemoryMatch>();
  return known->second;
}

Result<MemoryFileUpdate> MemoryFileUpdate::Create() {
  sqlite3* db = nullptr;
  // "": a private database in a temporary file, removed when closed.
  if (sqlite3_open_v2("", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Status s = Status::IoError(std::string("cannot make a temporary database for the memory: ") +
                               (db ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return s;
  }
  MemoryFileUpdate update(db);
  char* error = nullptr;
  if (sqlite3_exec(db,
                   "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-4096;"
                   "CREATE TABLE entries(source TEXT NOT NULL, target TEXT NOT NULL, context TEXT, "
                   "from_file INTEGER, PRIMARY KEY(source, target)) WITHOUT ROWID; BEGIN;",
                   nullptr, nullptr, &error) != SQLITE_OK) {
    Status s = Status::IoError(std::string("temporary database for the memory: ") +
                               (error ? error : "unknown error"));
    sqlite3_free(error);
    return s;
  }
  return update;
}

MemoryFileUpdate::MemoryFileUpdate(MemoryFileUpdate&& other) noexcept
    : db_(other.db_), insert_(other.insert_), added_(other.added_) {
  other.db_ = nullptr;
  other.insert_ = nullptr;
}
MemoryFileUpdate& MemoryFileUpdate::operator=(MemoryFileUpdate&& other) noexcept {
  std::swap(db_, other.db_);
  std::swap(insert_, other.insert_);
  std::swap(added_, other.added_);
  return *this;
}
MemoryFileUpdate::~MemoryFileUpdate() {
  sqlite3_finalize(insert_);
  sqlite3_close(db_);
}

Status MemoryFileUpdate::Add(const TmEntry& entry) {
  if (entry.source.empty() || entry.target.empty()) return Status::Ok();
  if (insert_ == nullptr &&
      sqlite3_prepare_v2(db_, "INSERT OR IGNORE INTO entries VALUES(?, ?, ?, 0)", -1, &insert_,
                         nullptr) != SQLITE_OK) {
    return SqliteError(db_, "temporary database for the memory");
  }
  sqlite3_reset(insert_);
  auto bind = [&](int index, const std::string& value) {
    sqlite3_bind_text(insert_, index, value.data(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
  };
  bind(1, entry.source);
  bind(2, entry.target);
  bind(3, entry.context);
  if (sqlite3_step(insert_) != SQLITE_DONE)
    return SqliteError(db_, "temporary database for the memory");
  added_ += static_cast<std::size_t>(sqlite3_changes(db_));
  return Status::Ok();
}

Status MemoryFileUpdate::Write(const std::filesystem::path& existing, const std::string& shown,
                               const std::string& source_locale, const std::string& target_locale,
                               const ContentWriter& write) {
  std::string srclang = source_locale;
  {
    // The file's entries win over added ones with the same pair; among the
    // file's, the first.
    Statement insert(db_,
                     "INSERT INTO entries VALUES(?, ?, ?, 1) ON CONFLICT(source, target) DO "
                     "UPDATE SET context = excluded.context, from_file = 1 WHERE from_file = 0");
    if (!insert.ok()) return SqliteError(db_, "temporary database for the memory");
    TmxInfo info;
    Status read = ReadTmxFile(existing, shown, info, [&](TmEntry&& entry) -> Status {
      if (entry.source.empty() || entry.target.empty()) return Status::Ok();
      sqlite3_reset(insert.get());
      insert.Bind(1, entry.source);
      insert.Bind(2, entry.target);
      insert.Bind(3, entry.context);
      if (sqlite3_step(insert.get()) != SQLITE_DONE)
        return SqliteError(db_, "temporary database for the memory");
      return Status::Ok();
    });
    if (read.ok()) {
      srclang = info.source_locale;
    } else if (read.code() != Status::Code::kNotFound) {
      return read;
    }
  }
  Statement select(db_, "SELECT source, target, context FROM entries ORDER BY source, target");
  if (!select.ok()) return SqliteError(db_, "temporary database for the memory");
  std::string out = TmxHead(srclang);
  TmEntry entry;
  int step;
  while ((step = sqlite3_step(select.get())) == SQLITE_ROW) {
    entry.source = select.Column(0);
    entry.target = select.Column(1);
    entry.context = select.Column(2);
    AppendTmxEntry(out, entry, srclang, target_locale);
    if (out.size() >= (1u << 20)) {
      L10N_RETURN_IF_ERROR(write(out));
      out.clear();
    }
  }
  if (step != SQLITE_DONE) return SqliteError(db_, "temporary database for the memory");
  out += TmxFoot();
  return write(out);
}

}  // namespace l10n
