// libFuzzer target: the TBX reader (l10n::ReadTbx).
//
// Input: a TBX file (v3 TBX-Basic or v2 martif). A glossary that reads also
// goes through what `l10n glossary check` and `l10n check` do with it:
// CheckGlossary, and term matching in English and Spanish text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "pipeline/glossary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<l10n::Diagnostic> problems;
  l10n::Result<l10n::Glossary> glossary = l10n::ReadTbx(bytes, "fuzz.tbx", &problems);
  if (!glossary.ok()) return 0;
  static const std::vector<std::string> kTexts = {
      "Microneedling, also known as Collagen Induction Therapy, stimulates collagen.",
      "Zap Laser Center has developed this guide."};
  (void)l10n::CheckGlossary(*glossary, "fuzz.tbx", {"es", "fr", "ja"}, kTexts);
  if (glossary->concepts.size() > 200) return 0;  // keep each run fast
  const l10n::TermMatcher english(*glossary, "en");
  for (const std::string& text : kTexts) (void)english.Find(text);
  const l10n::TermMatcher spanish(*glossary, "es");
  (void)spanish.Find("La micropunción estimula la producción de colágeno.");
  return 0;
}
