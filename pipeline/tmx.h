// TMX 1.4b: the durable, exchangeable store of a locale's translation memory.
#ifndef L10N_PIPELINE_TMX_H_
#define L10N_PIPELINE_TMX_H_

#include <cstdint>
#include <filesystem>
#include <functional>
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

// A 128-bit hash of an entry's (source, target): enough to tell whether a
// memory already has a translation without holding its entries.
struct TmPairHash {
  uint64_t a = 0;
  uint64_t b = 0;
  bool operator==(const TmPairHash& other) const { return a == other.a && b == other.b; }
  bool operator<(const TmPairHash& other) const {
    return a < other.a || (a == other.a && b < other.b);
  }
  struct Hasher {
    std::size_t operator()(const TmPairHash& h) const { return static_cast<std::size_t>(h.a); }
  };
  static TmPairHash Of(std::string_view source, std::string_view target);
  static TmPairHash Of(const TmEntry& entry) { return Of(entry.source, entry.target); }
};

// What a TMX file says besides its entries.
struct TmxInfo {
  std::string source_locale;
  std::string target_locale;
  Location header_where;  // the <header> (srclang), when read from a file
  Location target_where;  // the first <tuv> in the target language, when read
  Location mixed_where;   // the first <tuv> in a second target language (line 0: none)
};

struct TranslationMemory : TmxInfo {
  std::vector<TmEntry> entries;

  // Adds entries not already present (same source, target); keeps the
  // entries sorted so that the TMX file is deterministic.
  void Add(const std::vector<TmEntry>& more);
};

std::string WriteTmx(const TranslationMemory& memory);
// WriteTmx in pieces, for a memory too large to hold: the header, each entry
// (in the order WriteTmx writes them), then the footer.
std::string TmxHead(std::string_view source_locale);
void AppendTmxEntry(std::string& out, const TmEntry& entry, std::string_view source_locale,
                    std::string_view target_locale);
std::string TmxFoot();

// Reads a whole TMX file: entries without both a source and a target are
// dropped, duplicates (same source and target) keep the first, and the
// entries come sorted.
Result<TranslationMemory> ReadTmx(std::string_view bytes, const std::string& file);

struct TmxReadOptions {
  // How much of the file's <tu> elements is parsed at a time: reading takes
  // about this much memory (times the parser's overhead), whatever the size
  // of the file.
  std::size_t chunk_bytes = 1u << 20;
};

// Calls each(entry) for every <tu> of a TMX file in file order, without
// holding the file: it is read and parsed a piece at a time. Entries are
// passed as they are (empty sources or targets and duplicates included).
// Fills `info`; stops at the first error, from the file or from `each`, with
// its location in the file. `shown` names the file in messages.
using TmEntrySink = std::function<Status(TmEntry&& entry)>;
Status ReadTmxFile(const std::filesystem::path& path, const std::string& shown, TmxInfo& info,
                   const TmEntrySink& each, const TmxReadOptions& options = {});
// The same over bytes already in memory.
Status ReadTmxEntries(std::string_view bytes, const std::string& file, TmxInfo& info,
                      const TmEntrySink& each, const TmxReadOptions& options = {});

}  // namespace l10n

#endif  // L10N_PIPELINE_TMX_H_
