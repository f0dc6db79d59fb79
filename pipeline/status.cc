#include "pipeline/status.h"

namespace l10n {

std::string FormatLocation(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  return out;
}

Status Status::InFile(const std::string& file) const {
  Status copy = *this;
  if (copy.where_.file.empty()) copy.where_.file = file;
  return copy;
}

Status Status::At(Location where) const {
  Status copy = *this;
  copy.where_ = std::move(where);
  return copy;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string loc = FormatLocation(where_);
  return (loc.empty() ? std::string() : loc + ": ") + "error: " + message_;
}

}  // namespace l10n
