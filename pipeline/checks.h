// Translation QA: the checks that keep a medical text safe.
//
// Every check has a stable id, a default severity and a one-line
// description (CheckCatalog). A project can switch a check off or re-grade
// it ([checks] in l10n.toml) and suppress it for one unit with a reason
// ([[suppress]]). Checks read each segment's source and target; the
// terminology check also needs the glossary, and the completeness checks
// that compare with the source document need the source extraction.
#ifndef L10N_PIPELINE_CHECKS_H_
#define L10N_PIPELINE_CHECKS_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/config.h"
#include "pipeline/diagnostics.h"
#include "pipeline/extract.h"
#include "pipeline/glossary.h"
#include "pipeline/xliff.h"

namespace l10n {

struct CheckInfo {
  std::string id;
  Severity severity;
  std::string description;
};

// Every check, in a stable order.
const std::vector<CheckInfo>& CheckCatalog();

struct CheckOptions {
  const Glossary* glossary = nullptr;  // enables "terminology" and "do-not-translate"
  const Extraction* source = nullptr;  // enables "unit-missing", "unit-added", "stale"
  std::map<std::string, CheckSetting> settings;
  std::vector<Suppression> suppressions;
  std::string hunspell_dir = "/usr/share/hunspell";
};

// Runs every enabled check on one XLIFF file. Findings are in document
// order; each names the file, line, unit and segment.
std::vector<Diagnostic> RunChecks(const XliffDocument& doc, const std::string& file,
                                  const CheckOptions& options);

// Output formats for `l10n check --format`.
std::string FormatText(const std::vector<Diagnostic>& findings);
std::string FormatJson(const std::vector<Diagnostic>& findings);
std::string FormatSarif(const std::vector<Diagnostic>& findings);
std::string FormatJunit(const std::vector<Diagnostic>& findings,
                        const std::vector<std::string>& files,
                        const std::map<std::string, std::vector<std::string>>& units_by_file);

}  // namespace l10n

#endif  // L10N_PIPELINE_CHECKS_H_
