// Leverage analysis: the words of the current source by match band, per
// locale, as a content team sends it to a translation vendor for a quote.
//
// Bands: "context" (unchanged unit already translated), "100" (the same
// sentence is in the memory), "repetition" (seen earlier in this analysis),
// "95-99", "85-94", "75-84" (fuzzy), and "new".
#ifndef L10N_PIPELINE_ANALYZE_H_
#define L10N_PIPELINE_ANALYZE_H_

#include <array>
#include <string>
#include <vector>

#include "pipeline/extract.h"
#include "pipeline/memory.h"
#include "pipeline/xliff.h"

namespace l10n {

inline constexpr std::array<const char*, 7> kBands = {"context", "100",   "repetition", "95-99",
                                                      "85-94",   "75-84", "new"};

struct BandCounts {
  std::array<int, 7> segments{};
  std::array<int, 7> words{};
  int TotalWords() const;
};

struct AnalysisInput {
  const Extraction* source;
  const XliffDocument* previous;  // may be null (no XLIFF yet)
};

// `memory` may be null. Deterministic for the same inputs.
BandCounts Analyze(const std::vector<AnalysisInput>& documents, const MemoryIndex* memory,
                   const std::string& locale);
// The same with the memory's best matches asked through `matches`, which keeps them for other
// stages of the documents' processing (UpdateXliff).
BandCounts Analyze(const std::vector<AnalysisInput>& documents, BestMatches& matches,
                   const std::string& locale);

// Opens the project's memory index (under `cache_dir`) and loads each
// locale's TMX (`locales_dir/<locale>/memory.tmx`) that changed since the
// last load.
Result<MemoryIndex> OpenProjectMemory(const std::string& cache_dir, const std::string& locales_dir,
                                      const std::vector<std::string>& locales);

}  // namespace l10n

#endif  // L10N_PIPELINE_ANALYZE_H_
