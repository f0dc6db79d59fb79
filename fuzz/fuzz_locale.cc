// libFuzzer target: locale tags (l10n::ValidateLocaleTag and what is done with a tag it accepts).
//
// Input: a locale tag, as it comes from l10n.toml, --target-locale, an XLIFF's trgLang, a term
// table's lang column or `tm import --locale`. Not in the original brief's list; added after a
// 157-character tag was found to overflow a stack buffer (see README.md).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_common.h"
#include "pipeline/locale.h"
#include "pipeline/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024) return 0;
  const std::string tag(reinterpret_cast<const char*>(data), size);
  if (!l10n::ValidateLocaleTag(tag).ok()) return 0;
  (void)l10n::IsRightToLeft(tag);
  (void)l10n::WritesWithoutSpaces(tag);
  (void)l10n::NativeDisplayName(tag);
  (void)l10n::FormatLongDate("2026-11-20", tag);
  l10n::Result<l10n::Segmenter> segmenter = l10n::Segmenter::Create(tag);
  if (segmenter.ok()) (void)segmenter->SentenceStarts("Dr. Smith is here. He waits.");
  return 0;
}
