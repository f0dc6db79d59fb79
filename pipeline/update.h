// Updating a locale's XLIFF when the source document changes.
//
// Unchanged units keep target and state exactly. A segment whose exact
// source text was translated anywhere in the previous file takes that
// translation and state. Otherwise the best earlier translation at or above
// `candidate_threshold` becomes a candidate (2.0 <mtc:match>, 1.2
// <alt-trans>), and at or above `prefill_threshold` it is also pre-filled as
// the target with state initial and subState "l10n:fuzzy" so that a
// translator must review it. Translations of units that no longer exist are
// returned in `stats.orphans` so that the caller keeps them in the memory.
//
// Notes are made again from the current document. After them, a unit keeps the notes a
// translator or a translator's tool added (any category extraction does not write): those of
// the unit with its id, and those of a unit no longer in the document whose translation it
// re-uses or is offered (a reworded unit has a new id).
#ifndef L10N_PIPELINE_UPDATE_H_
#define L10N_PIPELINE_UPDATE_H_

#include <string>
#include <vector>

#include "pipeline/extract.h"
#include "pipeline/memory.h"
#include "pipeline/xliff.h"

namespace l10n {

struct UpdateOptions {
  double candidate_threshold = 70.0;
  double prefill_threshold = 85.0;
};

struct TranslationPair {
  Content source;
  Content target;
};

struct UpdateStats {
  int kept_units = 0;      // unchanged units
  int exact_segments = 0;  // segments re-used from elsewhere in the file
  int fuzzy_segments = 0;  // segments given a candidate
  int new_segments = 0;    // segments with nothing to re-use
  int removed_units = 0;
  std::vector<TranslationPair> orphans;
  std::string Summary() const;
};

// `memory` (may be null) is searched when the previous file has no match;
// a 100% memory match is taken as a translation (state translated,
// subState "l10n:memory").
XliffDocument UpdateXliff(const Extraction& current, const XliffDocument& previous,
                          const std::string& target_locale, const UpdateOptions& options,
                          UpdateStats* stats, const MemoryIndex* memory = nullptr);
// The same with the memory's best matches asked through `matches`, which keeps them for other
// stages of the document's processing (Analyze).
XliffDocument UpdateXliff(const Extraction& current, const XliffDocument& previous,
                          const std::string& target_locale, const UpdateOptions& options,
                          UpdateStats* stats, BestMatches& matches);

}  // namespace l10n

#endif  // L10N_PIPELINE_UPDATE_H_
