// Status: the one way a pipeline stage reports failure.
//
// A Status is either OK or carries an error code, a message for people and,
// when the error comes from an input file, where in that file it happened
// (1-based line and column; 0 means unknown). Stages return Status or
// Result<T>; foreign errors (ICU, pugixml, filesystem, SQLite) are converted
// into a Status inside the adapter that meets them.
#ifndef L10N_PIPELINE_STATUS_H_
#define L10N_PIPELINE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace l10n {

struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kInvalidArgument, kNotFound, kCorrupt, kIoError, kInternal };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message, Location where = {}) {
    return Status(Code::kInvalidArgument, std::move(message), std::move(where));
  }
  static Status NotFound(std::string message, Location where = {}) {
    return Status(Code::kNotFound, std::move(message), std::move(where));
  }
  // Input that cannot be read as what it claims to be.
  static Status Corrupt(std::string message, Location where = {}) {
    return Status(Code::kCorrupt, std::move(message), std::move(where));
  }
  static Status IoError(std::string message, Location where = {}) {
    return Status(Code::kIoError, std::move(message), std::move(where));
  }
  static Status Internal(std::string message, Location where = {}) {
    return Status(Code::kInternal, std::move(message), std::move(where));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }

  // Returns a copy whose location names `file` when none was set.
  Status InFile(const std::string& file) const;
  // Returns a copy located at `where` instead.
  Status At(Location where) const;

  // "FILE:LINE:COL: error: MESSAGE" (the parts that are known).
  std::string ToString() const;

 private:
  Status(Code code, std::string message, Location where)
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}

  Code code_ = Code::kOk;
  std::string message_;
  Location where_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

// Formats a location as "file:line:col" (omitting unknown parts).
std::string FormatLocation(const Location& where);

}  // namespace l10n

#define L10N_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::l10n::Status l10n_status_ = (expr);        \
    if (!l10n_status_.ok()) return l10n_status_; \
  } while (0)

#endif  // L10N_PIPELINE_STATUS_H_
