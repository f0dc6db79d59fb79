// Helpers shared by the unit tests.
#ifndef L10N_PIPELINE_TEST_SUPPORT_H_
#define L10N_PIPELINE_TEST_SUPPORT_H_

#include <string>

#include "pipeline/extract.h"
#include "pipeline/xliff.h"

namespace l10n::testing_support {

// The extraction's XLIFF with every segment "translated" into its own source.
inline XliffDocument IdentityTranslation(const Extraction& extraction,
                                         const std::string& locale = "es") {
  XliffDocument doc = MakeXliff(extraction, locale);
  for (Unit& unit : doc.units) {
    for (Segment& part : unit.parts) {
      if (!part.is_segment) continue;
      part.target = part.source;
      part.state = State::kTranslated;
    }
  }
  return doc;
}

}  // namespace l10n::testing_support

#endif  // L10N_PIPELINE_TEST_SUPPORT_H_
