// libFuzzer target: the XLIFF reader (l10n::ReadXliffReporting), 2.0 and 1.2.
//
// Input: an XLIFF file (seeded with the project's 2.0 files and 1.2 files).
// Also exercises what every command does with a read document (source and
// target content), and checks that a file read with no problem can be
// written back (as `extract --update` does) and read again with no problem.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "pipeline/xliff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<l10n::Diagnostic> problems;
  l10n::Result<l10n::XliffDocument> doc = l10n::ReadXliffReporting(bytes, "fuzz.xlf", &problems);
  if (!doc.ok()) return 0;
  for (const l10n::Unit& unit : doc->units) {
    (void)l10n::Signature(unit.SourceContent());
    if (std::optional<l10n::Content> target = unit.TargetContent()) {
      (void)l10n::CheckCodes(unit.SourceContent(), *target);
    }
    (void)unit.TargetContent(true);
  }
  if (!problems.empty()) return 0;
  l10n::WriteOptions write;
  write.version = doc->version;
  const std::string text = l10n::WriteXliff(*doc, write);
  std::vector<l10n::Diagnostic> again;
  l10n::Result<l10n::XliffDocument> back = l10n::ReadXliffReporting(text, "rewritten.xlf", &again);
  if (!back.ok()) {
    l10n_fuzz::Fail("xliff",
                    "a valid XLIFF written back does not read: " + back.status().ToString());
  }
  if (!again.empty()) {
    l10n_fuzz::Fail(
        "xliff", "a valid XLIFF written back is invalid: " + l10n::FormatDiagnostic(again.front()));
  }
  if (back->units.size() != doc->units.size())
    l10n_fuzz::Fail("xliff", "round trip changed the unit count");
  return 0;
}
