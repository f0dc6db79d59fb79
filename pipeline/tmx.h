// TMX 1.4b: the durable, exchangeable store of a locale's translation memory.
#ifndef L10N_PIPELINE_TMX_H_
#define L10N_PIPELINE_TMX_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

struct TmEntry {
  std::string source;  // plain text with codes as {1} {/1} {2/}
  std::string target;
  std::string context;  // e.g. "microneedling-guide#unit-id"
};

struct TranslationMemory {
  std::string source_locale;
  std::string target_locale;
  std::vector<TmEntry> entries;
  Location header_where;  // the <header> (srclang), when read from a file
  Location target_where;  // the first <tuv> in the target language, when read
  Location mixed_where;   // the first <tuv> in a second target language (line 0: none)

  // Adds entries not already present (same source, target); keeps the
  // entries sorted so that the TMX file is deterministic.
  void Add(const std::vector<TmEntry>& more);
};

std::string WriteTmx(const TranslationMemory& memory);
Result<TranslationMemory> ReadTmx(std::string_view bytes, const std::string& file);

}  // namespace l10n

#endif  // L10N_PIPELINE_TMX_H_
