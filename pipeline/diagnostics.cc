#include "pipeline/diagnostics.h"

namespace l10n {

std::string SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string loc = FormatLocation(d.where);
  std::string out = loc.empty() ? std::string() : loc + ": ";
  out += SeverityName(d.severity);
  if (!d.check.empty()) out += "[" + d.check + "]";
  out += ": ";
  if (!d.unit_id.empty()) {
    out += "unit " + d.unit_id;
    if (!d.segment_id.empty()) out += " segment " + d.segment_id;
    out += ": ";
  }
  out += d.message;
  return out;
}

bool HasErrors(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

}  // namespace l10n
