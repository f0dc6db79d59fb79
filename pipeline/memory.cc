#include "pipeline/memory.h"

#include <sqlite3.h>

#include <algorithm>
#include <set>

#include "pipeline/fuzzy.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK; }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return ok_; }
  sqlite3_stmt* get() const { return stmt_; }
  void Bind(int index, const std::string& value) { sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT); }
  std::string Column(int index) const {
    const unsigned char* text = sqlite3_column_text(stmt_, index);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))) : std::string();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

Status SqliteError(sqlite3* db, const std::string& what) {
  return Status::IoError(what + ": " + sqlite3_errmsg(db));
}

// An FTS5 query that finds entries sharing any word of three or more
// characters with the text (the trigram tokenizer needs three).
std::string CandidateQuery(const Content& source) {
  std::set<std::string> words;
  for (const std::string& token : Tokenize(source)) {
    if (CountCodePoints(token) < 3 || token.front() == '{') continue;
    words.insert(FoldCase(token));
  }
  std::string query;
  for (const std::string& w : words) {
    std::string quoted = "\"";
    for (char c : w) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    query += (query.empty() ? "" : " OR ") + quoted + "\"";
  }
  return query;
}

std::vector<MemoryMatch> Score(const Content& source, std::vector<TmEntry> candidates, double min_similarity,
                               std::size_t max_results) {
  const std::vector<std::string> tokens = Tokenize(source);
  std::vector<MemoryMatch> matches;
  for (TmEntry& entry : candidates) {
    const double similarity = Similarity(tokens, Tokenize(ParseSignature(entry.source)));
    if (similarity >= min_similarity) matches.push_back({std::move(entry), similarity});
  }
  std::stable_sort(matches.begin(), matches.end(), [](const MemoryMatch& a, const MemoryMatch& b) {
    return a.similarity != b.similarity ? a.similarity > b.similarity : a.entry.source < b.entry.source;
  });
  if (matches.size() > max_results) matches.resize(max_results);
  return matches;
}

}  // namespace

Result<MemoryIndex> MemoryIndex::Open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    Status s = Status::IoError(std::string("cannot open the memory index: ") + (db ? sqlite3_errmsg(db) : "out of memory"),
                               Location{path});
    sqlite3_close(db);
    return s;
  }
  MemoryIndex index(db);
  L10N_RETURN_IF_ERROR(index.Exec(
      "PRAGMA journal_mode=WAL;"
      "CREATE TABLE IF NOT EXISTS loaded(locale TEXT PRIMARY KEY, signature TEXT);"
      "CREATE VIRTUAL TABLE IF NOT EXISTS tm USING fts5(folded, source UNINDEXED, target UNINDEXED, "
      "context UNINDEXED, locale UNINDEXED, tokenize='trigram');"));
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

std::string MemoryIndex::LoadedSignature(const std::string& locale) const {
  Statement select(db_, "SELECT signature FROM loaded WHERE locale = ?");
  if (!select.ok()) return {};
  select.Bind(1, locale);
  return sqlite3_step(select.get()) == SQLITE_ROW ? select.Column(0) : std::string();
}

Status MemoryIndex::Load(const std::string& locale, const TranslationMemory& memory, const std::string& signature) {
  if (!signature.empty() && LoadedSignature(locale) == signature) return Status::Ok();
  L10N_RETURN_IF_ERROR(Exec("BEGIN"));
  {
    Statement erase(db_, "DELETE FROM tm WHERE locale = ?");
    Statement insert(db_, "INSERT INTO tm(folded, source, target, context, locale) VALUES(?, ?, ?, ?, ?)");
    Statement mark(db_, "INSERT OR REPLACE INTO loaded(locale, signature) VALUES(?, ?)");
    if (!erase.ok() || !insert.ok() || !mark.ok()) {
      Status s = SqliteError(db_, "memory index");
      (void)Exec("ROLLBACK");
      return s;
    }
    erase.Bind(1, locale);
    sqlite3_step(erase.get());
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

Result<std::vector<MemoryMatch>> MemoryIndex::Lookup(const std::string& locale, const Content& source,
                                                     double min_similarity, std::size_t max_results) const {
  const std::string query = CandidateQuery(source);
  if (query.empty()) return std::vector<MemoryMatch>{};
  Statement select(db_, "SELECT source, target, context FROM tm WHERE tm MATCH ? AND locale = ? ORDER BY rank LIMIT 200");
  if (!select.ok()) return SqliteError(db_, "memory lookup");
  select.Bind(1, "folded : (" + query + ")");
  select.Bind(2, locale);
  std::vector<TmEntry> candidates;
  while (sqlite3_step(select.get()) == SQLITE_ROW) {
    candidates.push_back({select.Column(0), select.Column(1), select.Column(2)});
  }
  return Score(source, std::move(candidates), min_similarity, max_results);
}

Result<std::vector<MemoryMatch>> MemoryIndex::LookupExhaustive(const std::string& locale, const Content& source,
                                                               double min_similarity, std::size_t max_results) const {
  Statement select(db_, "SELECT source, target, context FROM tm WHERE locale = ?");
  if (!select.ok()) return SqliteError(db_, "memory scan");
  select.Bind(1, locale);
  std::vector<TmEntry> all;
  while (sqlite3_step(select.get()) == SQLITE_ROW) all.push_back({select.Column(0), select.Column(1), select.Column(2)});
  return Score(source, std::move(all), min_similarity, max_results);
}

}  // namespace l10n
