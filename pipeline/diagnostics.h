// Findings reported to people: validation problems, merge problems, QA
// check results. Each names where it is and, for units, which unit/segment.
#ifndef L10N_PIPELINE_DIAGNOSTICS_H_
#define L10N_PIPELINE_DIAGNOSTICS_H_

#include <string>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

enum class Severity { kInfo, kWarning, kError };
std::string SeverityName(Severity severity);

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string check;  // stable id, e.g. "xliff-structure", "numbers"
  Location where;
  std::string message;
  std::string unit_id;
  std::string segment_id;
  std::string source;   // the segment's source text, when relevant
  std::string target;   // the segment's target text, when relevant
  std::string excerpt;  // the offending part of the target, when known
  // Byte range of the offending part within `target` (-1: unknown).
  long mark_begin = -1;
  long mark_end = -1;
};

// "FILE:LINE:COL: error[check]: message"
std::string FormatDiagnostic(const Diagnostic& d);

bool HasErrors(const std::vector<Diagnostic>& diagnostics);

}  // namespace l10n

#endif  // L10N_PIPELINE_DIAGNOSTICS_H_
