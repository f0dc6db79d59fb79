#include "pipeline/findings_cache.h"

#include <link.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>
#include <utility>

#include "pipeline/file_io.h"
#include "pipeline/sqlite.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

inline uint64_t Load(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// The encoding of a finding list: a format byte, the count, then each finding's fields.
constexpr char kFormat = 1;

void PutNumber(std::string& out, uint64_t v) {
  char bytes[8];
  std::memcpy(bytes, &v, sizeof bytes);
  out.append(bytes, sizeof bytes);
}

void PutText(std::string& out, std::string_view text) {
  PutNumber(out, text.size());
  out.append(text);
}

// Reads what PutNumber and PutText wrote, failing (for good) at the first read past the end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && rest_.empty(); }
  uint64_t Number() {
    if (rest_.size() < 8) return Fail();
    const uint64_t v = Load(rest_.data());
    rest_.remove_prefix(8);
    return v;
  }
  std::string Text() {
    const uint64_t size = Number();
    if (!ok_ || size > rest_.size()) return Fail(), std::string();
    std::string text(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return text;
  }

 private:
  uint64_t Fail() {
    ok_ = false;
    rest_ = {};
    return 0;
  }
  std::string_view rest_;
  bool ok_ = true;
};

// How much kept that is not written yet makes Keep write it.
constexpr std::size_t kBatchEntries = 128;
constexpr std::size_t kBatchBytes = 4u << 20;
// How long to wait for another process that is writing the cache before doing without it.
constexpr int kBusyWaitMs = 10000;
// The schema's version (PRAGMA user_version); a cache of another version is made again.
constexpr int kSchemaVersion = 2;
// Each entry's findings are followed by a seal: the hash of its key and its findings, so that a
// damaged entry, or one under another key, is not taken.
constexpr std::size_t kSealBytes = 16;

std::string Seal(const CacheKey& key, std::string_view findings) {
  const CacheKey seal = KeyHasher().AddKey(key).Add(findings).Key();
  std::string bytes(kSealBytes, '\0');
  std::memcpy(bytes.data(), &seal.a, 8);
  std::memcpy(bytes.data() + 8, &seal.b, 8);
  return bytes;
}

bool IsDamage(int code) {
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

using sqlite::Statement;

void BindKey(Statement& statement, int index, const CacheKey& key) {
  char bytes[16];
  std::memcpy(bytes, &key.a, 8);
  std::memcpy(bytes + 8, &key.b, 8);
  statement.BindBlob(index, std::string_view(bytes, sizeof bytes));
}

bool Exec(sqlite3* db, const char* sql) {
  return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

}  // namespace

namespace {

// What dl_iterate_phdr tells of one loaded object: its name, and the GNU build id its linker
// wrote into it (a hash of its contents), read from the object in memory.
struct LoadedObject {
  std::string name;
  std::string build_id;
};

int AddLoadedObject(dl_phdr_info* info, std::size_t, void* data) {
  LoadedObject object{info->dlpi_name ? info->dlpi_name : "", ""};
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& header = info->dlpi_phdr[i];
    if (header.p_type != PT_NOTE) continue;
    const char* at = reinterpret_cast<const char*>(info->dlpi_addr + header.p_vaddr);
    const char* end = at + header.p_memsz;
    // Each note: name size, description size, type, then the name and the description, each
    // padded to the segment's alignment (four bytes, or eight).
    const std::size_t pad = header.p_align == 8 ? 7 : 3;
    while (end - at >= static_cast<std::ptrdiff_t>(sizeof(ElfW(Nhdr)))) {
      ElfW(Nhdr) note;
      std::memcpy(&note, at, sizeof note);
      const std::size_t name_size = (note.n_namesz + pad) & ~pad;
      const std::size_t desc_size = (note.n_descsz + pad) & ~pad;
      const char* name = at + sizeof note;
      const char* desc = name + name_size;
      if (desc_size > static_cast<std::size_t>(end - desc) ||
          name_size > static_cast<std::size_t>(end - name))
        break;
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 &&
          std::memcmp(name, "GNU", 4) == 0) {
        object.build_id = HexBytes(std::string_view(desc, note.n_descsz));
      }
      at = desc + desc_size;
    }
  }
  static_cast<std::vector<LoadedObject>*>(data)->push_back(std::move(object));
  return 0;
}

}  // namespace

std::string ProgramIdentity() {
  std::vector<LoadedObject> objects;
  dl_iterate_phdr(AddLoadedObject, &objects);
  std::string identity;
  for (const LoadedObject& object : objects) {
    // The program itself has no name in the list.
    const std::string path = object.name.empty() ? "/proc/self/exe" : object.name;
    identity += path + " build-id " + (object.build_id.empty() ? "none" : object.build_id) + '\n';
    // The file as well, for objects linked without a build id.
    identity += FileStamp(path);
  }
  return identity;
}

std::string EncodeFindings(const std::vector<Diagnostic>& findings) {
  std::string out(1, kFormat);
  PutNumber(out, findings.size());
  for (const Diagnostic& d : findings) {
    PutNumber(out, static_cast<uint64_t>(d.severity));
    for (const std::string* text : {&d.check, &d.where.file, &d.message, &d.unit_id, &d.segment_id,
                                    &d.source, &d.target, &d.excerpt})
      PutText(out, *text);
    for (long long number :
         {static_cast<long long>(d.where.line), static_cast<long long>(d.where.column),
          static_cast<long long>(d.mark_begin), static_cast<long long>(d.mark_end)})
      PutNumber(out, static_cast<uint64_t>(number));
  }
  return out;
}

std::optional<std::vector<Diagnostic>> DecodeFindings(std::string_view bytes) {
  if (bytes.empty() || bytes.front() != kFormat) return std::nullopt;
  Reader in(bytes.substr(1));
  const uint64_t count = in.Number();
  // Each finding takes at least 13 numbers of 8 bytes (5 fields and 8 texts' lengths).
  if (!in.ok() || count > bytes.size() / 104) return std::nullopt;
  std::vector<Diagnostic> findings(count);
  for (Diagnostic& d : findings) {
    const uint64_t severity = in.Number();
    if (severity > static_cast<uint64_t>(Severity::kError)) return std::nullopt;
    d.severity = static_cast<Severity>(severity);
    for (std::string* text : {&d.check, &d.where.file, &d.message, &d.unit_id, &d.segment_id,
                              &d.source, &d.target, &d.excerpt})
      *text = in.Text();
    d.where.line = static_cast<int>(static_cast<int64_t>(in.Number()));
    d.where.column = static_cast<int>(static_cast<int64_t>(in.Number()));
    d.mark_begin = static_cast<long>(static_cast<int64_t>(in.Number()));
    d.mark_end = static_cast<long>(static_cast<int64_t>(in.Number()));
  }
  if (!in.done()) return std::nullopt;
  return findings;
}

Result<FindingsCache> FindingsCache::Open(const std::string& path) {
  Result<FindingsCache> opened = OpenFile(path);
  if (opened.ok() || opened.status().code() != Status::Code::kCorrupt) return opened;
  // The cache is the build's own file, and a copy of nothing: a damaged one is made anew.
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  Result<FindingsCache> made = OpenFile(path);
  if (made.ok()) made->replaced_ = opened.status().message() + "; it was made anew";
  return made;
}

Result<FindingsCache> FindingsCache::OpenFile(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status s = Status::IoError(std::string("cannot open the findings cache: ") +
                                   (db ? sqlite3_errmsg(db) : "out of memory"),
                               Location{path});
    sqlite3_close(db);
    return s;
  }
  FindingsCache cache(db, path);
  sqlite3_busy_timeout(db, kBusyWaitMs);
  // A cache may be lost, not damaged: in WAL mode with synchronous=NORMAL a crash can lose the
  // last commits, never leave a half-written one.
  // The schema is read and, when it is not this one, made again within one write transaction,
  // so that two builds starting at once do not both make it.
  bool ready = Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; BEGIN IMMEDIATE;");
  int version = -1;
  if (ready) {
    Statement get(db, "PRAGMA user_version");
    ready = get.ok() && sqlite3_step(get.get()) == SQLITE_ROW;
    if (ready) version = sqlite3_column_int(get.get(), 0);
  }
  if (ready && version != kSchemaVersion) {
    // A new cache gets a secret of its own, which every key starts from (secret()).
    std::random_device random;
    char secret[16];
    for (std::size_t i = 0; i < sizeof secret; i += 4) {
      const uint32_t word = random();
      std::memcpy(secret + i, &word, 4);
    }
    ready = Exec(db,
                 "DROP TABLE IF EXISTS findings; DROP TABLE IF EXISTS secret;"
                 "CREATE TABLE findings(key BLOB PRIMARY KEY, data BLOB NOT NULL);"
                 "CREATE TABLE secret(value BLOB NOT NULL);"
                 "PRAGMA user_version=2;");
    Statement insert(db, "INSERT INTO secret(value) VALUES(?)");
    insert.BindBlob(1, std::string_view(secret, sizeof secret));
    ready = ready && insert.ok() && sqlite3_step(insert.get()) == SQLITE_DONE;
  }
  bool no_secret = false;  // a table of this version without its secret: a damaged cache
  if (ready) {
    Statement get(db, "SELECT value FROM secret");
    const int step = get.ok() ? sqlite3_step(get.get()) : SQLITE_ERROR;
    const std::string_view value = step == SQLITE_ROW ? get.ColumnBlob(0) : std::string_view();
    no_secret = step == SQLITE_DONE || (step == SQLITE_ROW && value.size() != 16);
    ready = step == SQLITE_ROW && !no_secret;
    if (ready) {
      std::memcpy(&cache.secret_.a, value.data(), 8);
      std::memcpy(&cache.secret_.b, value.data() + 8, 8);
    }
  }
  if (ready) ready = Exec(db, "COMMIT");
  if (!ready) {
    const int code = sqlite3_errcode(db);
    const std::string why = sqlite3_errmsg(db);
    Exec(db, "ROLLBACK");
    if (IsDamage(code)) return Status::Corrupt("not a findings cache: " + why, {path});
    if (no_secret) return Status::Corrupt("not a findings cache: it has no secret", {path});
    return Status::IoError("cannot use the findings cache: " + why, Location{path});
  }
  return cache;
}

FindingsCache::FindingsCache(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

FindingsCache::FindingsCache(FindingsCache&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      find_(std::move(other.find_)),
      path_(std::move(other.path_)),
      secret_(other.secret_),
      problem_(std::move(other.problem_)),
      replaced_(std::move(other.replaced_)),
      damaged_(other.damaged_),
      pending_(std::move(other.pending_)),
      pending_bytes_(other.pending_bytes_),
      used_(std::move(other.used_)) {}

FindingsCache& FindingsCache::operator=(FindingsCache&& other) noexcept {
  if (this != &other) {
    find_.reset();  // statements go before their database
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    find_ = std::move(other.find_);
    path_ = std::move(other.path_);
    secret_ = other.secret_;
    problem_ = std::move(other.problem_);
    replaced_ = std::move(other.replaced_);
    damaged_ = other.damaged_;
    pending_ = std::move(other.pending_);
    pending_bytes_ = other.pending_bytes_;
    used_ = std::move(other.used_);
  }
  return *this;
}

FindingsCache::~FindingsCache() {
  find_.reset();  // statements go before their database
  sqlite3_close(db_);
}

void FindingsCache::Fail(const std::string& what) {
  if (db_ != nullptr && IsDamage(sqlite3_errcode(db_))) damaged_ = true;
  if (problem_.empty()) {
    problem_ = path_ + ": " + what + ": " + (db_ ? sqlite3_errmsg(db_) : "not open") +
               "; the rest of the build checks every document";
  }
  pending_.clear();
  pending_bytes_ = 0;
}

std::optional<std::vector<Diagnostic>> FindingsCache::Find(const CacheKey& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!problem_.empty()) return std::nullopt;
  if (!find_) find_ = std::make_unique<Statement>(db_, "SELECT data FROM findings WHERE key = ?");
  Statement& select = *find_;
  if (!select.ok()) {
    Fail("cannot read the findings cache");
    return std::nullopt;
  }
  // Reset when done, so that no read stays open between calls.
  struct Reset {
    sqlite3_stmt* statement;
    ~Reset() { sqlite3_reset(statement); }
  } reset{select.get()};
  BindKey(select, 1, key);
  const int step = sqlite3_step(select.get());
  if (step == SQLITE_DONE) return std::nullopt;
  if (step != SQLITE_ROW) {
    Fail("cannot read the findings cache");
    return std::nullopt;
  }
  const std::string_view stored = select.ColumnBlob(0);
  // A damaged entry is checked again and kept anew.
  if (stored.size() < kSealBytes) return std::nullopt;
  const std::string_view bytes = stored.substr(0, stored.size() - kSealBytes);
  if (stored.substr(bytes.size()) != Seal(key, bytes)) return std::nullopt;
  std::optional<std::vector<Diagnostic>> findings = DecodeFindings(bytes);
  if (findings) used_.push_back(key);
  return findings;
}

void FindingsCache::Keep(const CacheKey& key, const std::vector<Diagnostic>& findings) {
  std::string bytes = EncodeFindings(findings);
  bytes += Seal(key, bytes);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!problem_.empty()) return;
  used_.push_back(key);
  pending_bytes_ += bytes.size();
  pending_.emplace_back(key, std::move(bytes));
  if (pending_.size() >= kBatchEntries || pending_bytes_ >= kBatchBytes) Flush();
}

void FindingsCache::Flush() {
  if (pending_.empty() || !problem_.empty()) return;
  if (!Exec(db_, "BEGIN IMMEDIATE")) return Fail("cannot write the findings cache");
  {
    Statement insert(db_, "INSERT OR REPLACE INTO findings(key, data) VALUES(?, ?)");
    bool ok = insert.ok();
    for (const auto& [key, bytes] : pending_) {
      if (!ok) break;
      BindKey(insert, 1, key);
      insert.BindBlob(2, bytes);
      ok = sqlite3_step(insert.get()) == SQLITE_DONE;
      sqlite3_reset(insert.get());
    }
    if (!ok) {
      Fail("cannot write the findings cache");
      Exec(db_, "ROLLBACK");
      return;
    }
  }
  if (!Exec(db_, "COMMIT")) {
    Fail("cannot write the findings cache");
    Exec(db_, "ROLLBACK");
    return;
  }
  pending_.clear();
  pending_bytes_ = 0;
}

void FindingsCache::Finish() {
  std::lock_guard<std::mutex> lock(mutex_);
  Flush();
  if (damaged_) {
    // The next build makes a new cache rather than meeting the same damage.
    find_.reset();
    sqlite3_close(db_);
    db_ = nullptr;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix, ec);
    problem_ += " (the cache is damaged: it was removed, and the next build makes it anew)";
    return;
  }
  if (!problem_.empty()) return;
  std::sort(used_.begin(), used_.end());
  used_.erase(std::unique(used_.begin(), used_.end()), used_.end());
  int64_t rows = -1;
  {
    Statement count(db_, "SELECT count(*) FROM findings");
    if (count.ok() && sqlite3_step(count.get()) == SQLITE_ROW)
      rows = sqlite3_column_int64(count.get(), 0);
  }
  if (rows < 0) return Fail("cannot read the findings cache");
  if (static_cast<uint64_t>(rows) <= used_.size()) return;  // nothing but what this build used
  // The entries of documents, versions and settings this build did not have.
  bool ok = Exec(db_,
                 "BEGIN IMMEDIATE; CREATE TEMP TABLE IF NOT EXISTS used(key BLOB PRIMARY KEY);"
                 "DELETE FROM used;");
  if (ok) {
    Statement insert(db_, "INSERT INTO used(key) VALUES(?)");
    ok = insert.ok();
    for (const CacheKey& key : used_) {
      if (!ok) break;
      BindKey(insert, 1, key);
      ok = sqlite3_step(insert.get()) == SQLITE_DONE;
      sqlite3_reset(insert.get());
    }
  }
  ok = ok && Exec(db_, "DELETE FROM findings WHERE key NOT IN (SELECT key FROM used); COMMIT;");
  if (!ok) {
    Fail("cannot write the findings cache");
    Exec(db_, "ROLLBACK");
  }
}

void FindingsCache::Discard(const std::string& why) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_.clear();
  pending_bytes_ = 0;
  if (!problem_.empty()) return;
  if (!Exec(db_, "DELETE FROM findings")) return Fail("cannot empty the findings cache");
  problem_ = path_ + ": " + why + "; no findings are kept from this build";
}

std::string FindingsCache::problem() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return problem_;
}

}  // namespace l10n
