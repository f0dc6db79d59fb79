// The adapter the pipeline's SQLite databases (the memory index, the findings cache) share for
// their statements. For .cc files that link SQLite.
#ifndef L10N_PIPELINE_SQLITE_H_
#define L10N_PIPELINE_SQLITE_H_

#include <sqlite3.h>

#include <string>
#include <string_view>

namespace l10n::sqlite {

// A prepared statement, finalized when it goes. ok() is false when `sql` could not be prepared
// (sqlite3_errmsg of the database says why); a statement that is not ok binds and reads nothing.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return ok_; }
  sqlite3_stmt* get() const { return stmt_; }
  // Binds `value` (copied) to parameter `index` (from 1) as text, or as a blob.
  void Bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  // Column `index` (from 0) of the current row as text ("" for NULL): a copy, or a view valid
  // until the next step or reset; or as a blob's bytes (a view, the same).
  std::string Column(int index) const { return std::string(ColumnText(index)); }
  std::string_view ColumnText(int index) const {
    const unsigned char* text = sqlite3_column_text(stmt_, index);
    return text ? std::string_view(reinterpret_cast<const char*>(text),
                                   static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
                : std::string_view();
  }
  std::string_view ColumnBlob(int index) const {
    const void* data = sqlite3_column_blob(stmt_, index);
    return data ? std::string_view(static_cast<const char*>(data),
                                   static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)))
                : std::string_view();
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool ok_ = false;
};

}  // namespace l10n::sqlite

#endif  // L10N_PIPELINE_SQLITE_H_
