// libFuzzer target: the XHTML extractor (l10n::ExtractXhtml).
//
// Input: an XHTML document. Besides "no crash, no sanitizer report", checks
// that whatever the extractor accepts can be handed to translators: the
// XLIFF 2.0 and 1.2 written for it read back with no error and the same
// units.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "pipeline/extract.h"
#include "pipeline/xliff.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  l10n::ExtractOptions options;
  options.segment = size == 0 || (data[0] & 1) == 0;  // both ways, chosen by the input
  l10n::Result<l10n::Extraction> extraction = l10n::ExtractXhtml(bytes, "fuzz.xhtml", options);
  if (!extraction.ok()) {
    if (extraction.status().message().empty())
      l10n_fuzz::Fail("extract", "error without a message");
    return 0;
  }
  const l10n::XliffDocument xliff = l10n::MakeXliff(*extraction, "es");
  for (const char* version : {"2.0", "1.2"}) {
    l10n::WriteOptions write;
    write.version = version;
    const std::string text = l10n::WriteXliff(xliff, write);
    l10n::Result<l10n::XliffDocument> back = l10n::ReadXliff(text, "fuzz.xlf");
    if (!back.ok()) {
      l10n_fuzz::Fail("extract", std::string("XLIFF ") + version +
                                     " written for an accepted document does not read back: " +
                                     back.status().ToString());
    }
    if (back->units.size() != xliff.units.size()) {
      l10n_fuzz::Fail("extract",
                      std::string("XLIFF ") + version + " round trip changed the unit count");
    }
  }
  return 0;
}
