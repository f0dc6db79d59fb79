#include "pipeline/memory.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "pipeline/fuzzy.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return ok_; }
  sqlite3_stmt* get() const { return stmt_; }
  void Bind(int index, const std::string& value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  std::string Column(int index) const {
    const unsigned char* text = sqlite3_column_text(stmt_, index);
    return text ? std::string(reinterpret_cast<const char*>(text),
                              static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
                : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::IoError(what + ": " + sqlite3_errmsg(db));
}

// The query's distinct words (letters and digits, case folded).
std::vector<std::string> QueryWords(const Content& source, Tokenizer& tokenize) {
  std::set<std::string> words;
  for (const std::string& token : tokenize(source)) {
    if (token.front() == '{') continue;
    bool word = false;
    for (unsigned char c : token) word |= std::isalnum(c) || c >= 0x80;
    if (word) words.insert(FoldCase(token));
  }
  return {words.begin(), words.end()};
}

std::string Quoted(const std::string& word) {
  std::string quoted = "\"";
  for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::vector<MemoryMatch> Score(const Content& source, std::vector<TmEntry> candidates,
                               double min_similarity, std::size_t max_results) {
  Tokenizer tokenize;
  const std::vector<std::string> tokens = tokenize(source);
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
  L10N_RETURN_IF_ERROR(
      index.Exec("PRAGMA journal_mode=WAL;"
                 "CREATE TABLE IF NOT EXISTS loaded2(locale TEXT PRIMARY KEY, signature TEXT);"
                 "CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(folded, source UNINDEXED, "
                 "target UNINDEXED, "
                 "context UNINDEXED, locale UNINDEXED, tokenize='unicode61');"
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
  Statement select(db_, "SELECT source, target FROM entries WHERE locale = ?");
  if (!select.ok()) return SqliteError(db_, "memory index");
  select.Bind(1, locale);
  auto view = [&](int column) {
    const unsigned char* text = sqlite3_column_text(select.get(), column);
    return text ? std::string_view(
                      reinterpret_cast<const char*>(text),
                      static_cast<std::size_t>(sqlite3_column_bytes(select.get(), column)))
                : std::string_view();
  };
  int step;
  while ((step = sqlite3_step(select.get())) == SQLITE_ROW) each(view(0), view(1));
  if (step != SQLITE_DONE) return SqliteError(db_, "memory index");
  return Status::Ok();
}

std::string MemoryIndex::LoadedSignature(const std::string& locale) const {
  Statement select(db_, "SELECT signature FROM loaded2 WHERE locale = ?");
  if (!select.ok()) return {};
  select.Bind(1, locale);
  return sqlite3_step(select.get()) == SQLITE_ROW ? select.Column(0) : std::string();
}

Status MemoryIndex::Load(const std::string& locale, const TranslationMemory& memory,
                         const std::string& signature) {
  if (!signature.empty() && LoadedSignature(locale) == signature) return Status::Ok();
  L10N_RETURN_IF_ERROR(Exec("BEGIN"));
  {
    Statement erase(db_, "DELETE FROM entries WHERE locale = ?");
    Statement insert(
        db_, "INSERT INTO entries(folded, source, target, context, locale) VALUES(?, ?, ?, ?, ?)");
    Statement mark(db_, "INSERT OR REPLACE INTO loaded2(locale, signature) VALUES(?, ?)");
    if (!erase.ok() || !insert.ok() || !mark.ok()) {
      Status s = SqliteError(db_, "memory index");
      (void)Exec("ROLLBACK");
      return s;
    }
    erase.Bind(1, locale);
    sqlite3_step(erase.get());
    Statement erase_frequency(db_, "DELETE FROM frequency WHERE locale = ?");
    Statement insert_frequency(db_, "INSERT INTO frequency(locale, word, entries) VALUES(?, ?, ?)");
    if (!erase_frequency.ok() || !insert_frequency.ok()) {
      Status s = SqliteError(db_, "memory index");
      (void)Exec("ROLLBACK");
      return s;
    }
    erase_frequency.Bind(1, locale);
    sqlite3_step(erase_frequency.get());
    // How many entries hold each word, so that lookups can pick rare words.
    Tokenizer tokenize;
    std::map<std::string, long long> frequency;
    for (const TmEntry& entry : memory.entries) {
      for (const std::string& word : QueryWords(ParseSignature(entry.source), tokenize))
        ++frequency[word];
    }
    for (const auto& [word, count] : frequency) {
      sqlite3_reset(insert_frequency.get());
      insert_frequency.Bind(1, locale);
      insert_frequency.Bind(2, word);
      sqlite3_bind_int64(insert_frequency.get(), 3, count);
      sqlite3_step(insert_frequency.get());
    }
    for (const TmEntry& entry : memory.entries) {
      sqlite3_reset(insert.get());
      insert.Bind(1, FoldCase(PlainText(ParseSignature(entry.source))));
      insert.Bind(2, entry.source);
      insert.Bind(3, entry.target);
      insert.Bind(4, entry.context);
      insert.Bind(5, locale);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) {
        Status s = SqliteError(db_, "memory index insert");
        (void)Exec("ROLLBACK");
        return s;
      }
    }
    mark.Bind(1, locale);
    mark.Bind(2, signature);
    sqlite3_step(mark.get());
  }
  return Exec("COMMIT");
}

// Candidates come from the word index, queried with the query's rarest
// words only (how many entries hold each word, counted at load), so that a common word
// does not make every entry a candidate; then each candidate is scored
// exactly.
Result<std::vector<MemoryMatch>> MemoryIndex::Lookup(const std::string& locale,
                                                     const Content& source, double min_similarity,
                                                     std::size_t max_results) const {
  Tokenizer tokenize;
  const std::vector<std::string> words = QueryWords(source, tokenize);
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
  Statement select(db_,
                   "SELECT source, target, context FROM entries WHERE entries MATCH ? AND locale = "
                   "? ORDER BY rank LIMIT 40");
  if (!select.ok()) return SqliteError(db_, "memory lookup");
  select.Bind(1, "folded : (" + query + ")");
  select.Bind(2, locale);
  std::vector<TmEntry> candidates;
  while (sqlite3_step(select.get()) == SQLITE_ROW) {
    candidates.push_back({select.Column(0), select.Column(1), select.Column(2)});
  }
  return Score(source, std::move(candidates), min_similarity, max_results);
}

Result<std::vector<MemoryMatch>> MemoryIndex::LookupExhaustive(const std::string& locale,
                                                               const Content& source,
                                                               double min_similarity,
                                                               std::size_t max_results) const {
  Statement select(db_, "SELECT source, target, context FROM entries WHERE locale = ?");
  if (!select.ok()) return SqliteError(db_, "memory scan");
  select.Bind(1, locale);
  std::vector<TmEntry> all;
  while (sqlite3_step(select.get()) == SQLITE_ROW)
    all.push_back({select.Column(0), select.Column(1), select.Column(2)});
  return Score(source, std::move(all), min_similarity, max_results);
}

}  // namespace l10n
