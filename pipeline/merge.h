// Merge: put an XLIFF file's translations back into its source document.
//
// Each unit's target replaces the source text of its element (or attribute);
// inline markup is rebuilt from the source document's own elements, found by
// code id, so a translator can move codes but never create markup: a code
// that is missing, duplicated or not in the source makes the unit an error,
// and the unit falls back to the source text. Translator text only ever
// becomes text nodes (escaped on output). A unit whose XLIFF source differs
// from the current source is stale and falls back too. Fallback blocks are
// marked with the source language (lang="en").
#ifndef L10N_PIPELINE_MERGE_H_
#define L10N_PIPELINE_MERGE_H_

#include <string>
#include <vector>

#include "pipeline/diagnostics.h"
#include "pipeline/extract.h"
#include "pipeline/text.h"
#include "pipeline/xliff.h"

namespace l10n {

struct PublishPolicy {
  State min_state = State::kTranslated;  // lowest publishable segment state
  // Count words for MergeStats::words and translated_words (the completion
  // the publishing policy needs); ICU word breaking of every unit.
  bool count_words = true;
  // The counter for the source language to count them with, kept from document to document by
  // a caller that merges many (one is made for the document when null).
  WordCounter* words = nullptr;
};

struct MergeStats {
  int units = 0;
  int translated = 0;
  int untranslated = 0;
  int stale = 0;
  int errors = 0;
  int words = 0;              // source words
  int translated_words = 0;   // source words of the units published translated
  double Completion() const;  // translated words in percent (100 for no words)
  // Completion() to one decimal, rounded down, as reports show it: a locale with 99.96% of its
  // words translated shows 99.9%, never 100.0%, and one below a minimum never seems to reach it.
  double ShownCompletion() const;
};

struct MergeResult {
  MergeStats stats;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> fallback_units;  // ids of units left in the source language
};

// Checks that `xliff` belongs to `source` (original file name, languages).
Status CheckXliffMatchesSource(const Extraction& source, const XliffDocument& xliff,
                               const std::string& xliff_file, const std::string& target_locale);

// Applies the translations to `source`'s DOM in place. `xliff_file` names
// the XLIFF in diagnostics.
//
// `source` may be extracted without segmentation (ExtractOptions::segment off), which saves
// most of the cost of extracting it. A unit then takes the XLIFF's segmentation when its parts
// spell the unit's content exactly, run for run, and are shaped as extraction makes them
// (distinct ids, ignorables of white space alone, segments without white space at their
// edges); any other unit is segmented as extraction would, with a segmenter from `segmenters`
// (one is made when it is null). A source language that cannot be segmented is one error for
// the document (check "segmentation"), and the units that needed sentence breaks are published
// in the source language.
MergeResult MergeTranslations(Extraction& source, const XliffDocument& xliff,
                              const std::string& xliff_file, const PublishPolicy& policy,
                              SegmenterCache* segmenters = nullptr);

}  // namespace l10n

#endif  // L10N_PIPELINE_MERGE_H_
