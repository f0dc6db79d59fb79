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
#include <memory>
#include <string>
#include <string_view>
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

class CheckResources;

// Everything here is part of what `l10n build` keys a document's kept findings by (site.cc:
// ProjectFindingsKey and FindingsContext): an option added here must be added there.
struct CheckOptions {
  const Glossary* glossary = nullptr;  // enables "terminology" and "do-not-translate"
  const Extraction* source = nullptr;  // enables "unit-missing", "unit-added", "stale"
  std::map<std::string, CheckSetting> settings;
  std::vector<Suppression> suppressions;
  std::string hunspell_dir = "/usr/share/hunspell";
  // Prebuilt resources for the document's locale pair, or nullptr: RunChecks
  // then builds its own for the one call. Resources that do not fit the
  // document and these options (CheckResources::Fits) are not used either.
  CheckResources* resources = nullptr;
};

// Runs every enabled check on one XLIFF file. Findings are in document
// order; each names the file, line, unit and segment.
std::vector<Diagnostic> RunChecks(const XliffDocument& doc, const std::string& file,
                                  const CheckOptions& options);

// The .aff and .dic files of `target_locale`'s Hunspell dictionary in `hunspell_dir`, as
// CheckResources chooses them: by the tag with "_" ("pt_BR"), the language with its main region
// ("es_ES"), then the language alone. Empty when there is none (no spelling check).
std::vector<std::string> DictionaryFiles(const std::string& hunspell_dir,
                                         const std::string& target_locale);

// What the checks need that depends only on the glossary, the two locales and
// the dictionary directory: the glossary's term matchers for the source and
// the target language, the target language's Hunspell dictionary, the word
// sets drawn from the glossary, the number readers and the ICU word break
// iterators. Building them takes a quarter of a second for a 10,000-concept
// glossary with a dictionary; one instance serves any number of documents of
// its locale pair, with the same findings as RunChecks without it.
//
// Not thread-safe: Hunspell and the ICU break iterators keep state between
// calls, so one instance is used by one thread at a time (give each thread
// its own). Movable, not copyable; a moved-from instance may only be
// destroyed or assigned to.
class CheckResources {
 public:
  // `glossary` may be null (no terminology checks) and otherwise must outlive
  // the resources. An empty `source_locale` reads as "en", as RunChecks reads
  // a document without one. The dictionary is `target_locale`'s .aff/.dic
  // pair in `hunspell_dir` (by the tag with "_", the language with its main
  // region, then the language alone); when none is there, the spelling
  // check is skipped.
  CheckResources(const Glossary* glossary, const std::string& source_locale,
                 const std::string& target_locale, const std::string& hunspell_dir);
  ~CheckResources();
  CheckResources(CheckResources&&) noexcept;
  CheckResources& operator=(CheckResources&&) noexcept;

  // True when these resources were built for `doc`'s locales and for
  // `options`' glossary (the same object) and dictionary directory, that is
  // when RunChecks may use them for `doc`.
  bool Fits(const XliffDocument& doc, const CheckOptions& options) const;

  const std::string& source_locale() const;  // never empty
  const std::string& target_locale() const;
  bool has_dictionary() const;

 private:
  friend std::vector<Diagnostic> RunChecks(const XliffDocument& doc, const std::string& file,
                                           const CheckOptions& options);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A check report made a file at a time, in input order: Begin(), then File() for each file
// checked, then End(), each appending its part of the report to `out`. `l10n check` writes each
// part as soon as it is made, so that a run over many files holds the findings of the files in
// progress only. The parts joined are what Format*() below make of all the findings; a file
// given twice is two files here (JUnit lists each with its own units and findings), where
// FormatJunit, which gets every finding at once, cannot tell them apart.
class ReportWriter {
 public:
  // For `l10n check --format`: "text", "json", "sarif" or "junit" (anything else is text).
  static std::unique_ptr<ReportWriter> Make(std::string_view format);
  virtual ~ReportWriter() = default;
  virtual void Begin(std::string& out) { (void)out; }
  // The findings of `file`, whose units are `unit_ids` (JUnit lists a test case for each unit
  // and check, and keeps the findings located in `file`; the other formats need neither).
  virtual void File(std::string& out, const std::string& file,
                    const std::vector<Diagnostic>& findings,
                    const std::vector<std::string>& unit_ids) = 0;
  virtual void End(std::string& out) { (void)out; }
  // Whether File() needs the unit ids.
  virtual bool ListsUnits() const { return false; }
};

// Output formats for `l10n check --format`, for findings held together.
std::string FormatText(const std::vector<Diagnostic>& findings);
std::string FormatJson(const std::vector<Diagnostic>& findings);
std::string FormatSarif(const std::vector<Diagnostic>& findings);
std::string FormatJunit(const std::vector<Diagnostic>& findings,
                        const std::vector<std::string>& files,
                        const std::map<std::string, std::vector<std::string>>& units_by_file);

}  // namespace l10n

#endif  // L10N_PIPELINE_CHECKS_H_
