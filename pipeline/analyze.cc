#include "pipeline/analyze.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/file_io.h"
#include "pipeline/locale.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

std::size_t BandFor(double similarity) {
  if (similarity >= 100) return 1;
  if (similarity >= 95) return 3;
  if (similarity >= 85) return 4;
  if (similarity >= 75) return 5;
  return 6;
}

}  // namespace

int BandCounts::TotalWords() const {
  int total = 0;
  for (int w : words) total += w;
  return total;
}

BandCounts Analyze(const std::vector<AnalysisInput>& documents, const MemoryIndex* memory,
                   const std::string& locale) {
  BestMatches matches(memory);
  return Analyze(documents, matches, locale);
}

BandCounts Analyze(const std::vector<AnalysisInput>& documents, BestMatches& matches,
                   const std::string& locale) {
  BandCounts counts;
  std::set<std::string> seen;
  for (const AnalysisInput& input : documents) {
    // The previous version's units by id, each with its segments' source keys (empty for the
    // parts that are not segments), made once for the document.
    struct PreviousUnit {
      const Unit* unit;
      std::vector<std::string> keys;
    };
    std::map<std::string, PreviousUnit> previous;
    std::map<std::string, bool> translated_elsewhere;
    if (input.previous != nullptr) {
      for (const Unit& unit : input.previous->units) {
        PreviousUnit& entry = previous[unit.id];
        entry.unit = &unit;
        entry.keys.resize(unit.parts.size());
        for (std::size_t i = 0; i < unit.parts.size(); ++i) {
          const Segment& part = unit.parts[i];
          if (!part.is_segment) continue;
          entry.keys[i] = SourceKey(part.source);
          if (part.target && part.state >= State::kTranslated)
            translated_elsewhere[entry.keys[i]] = true;
        }
      }
    }
    WordCounter counter(input.source->source_locale);
    for (const SourceUnit& unit : input.source->units) {
      auto old = previous.find(unit.id);
      const bool unit_unchanged =
          old != previous.end() &&
          SameSourceKey(old->second.unit->SourceContent(), unit.SourceContent());
      for (const Part& part : unit.parts) {
        if (!part.is_segment) continue;
        const std::string key = SourceKey(part.source);
        const int words = counter.Count(PlainText(part.source));
        std::size_t band = 6;
        if (unit_unchanged) {
          bool done = true;
          const std::vector<Segment>& old_parts = old->second.unit->parts;
          for (std::size_t i = 0; i < old_parts.size(); ++i) {
            const Segment& s = old_parts[i];
            if (s.is_segment && old->second.keys[i] == key)
              done = s.target.has_value() && s.state >= State::kTranslated;
          }
          if (done) band = 0;
        }
        if (band == 6 && translated_elsewhere.count(key)) band = 1;
        if (band == 6 && seen.count(key)) band = 2;
        if (band == 6) {
          Result<std::optional<MemoryMatch>> best = matches.Best(locale, part.source, 75);
          if (best.ok() && *best) band = BandFor((*best)->similarity);
        }
        seen.insert(key);
        ++counts.segments[band];
        counts.words[band] += words;
      }
    }
  }
  return counts;
}

Result<MemoryIndex> OpenProjectMemory(const std::string& cache_dir, const std::string& locales_dir,
                                      const std::vector<std::string>& locales) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(cache_dir, ec);
  if (ec)
    return Status::IoError("cannot create the cache directory: " + ec.message(),
                           Location{cache_dir});
  Result<MemoryIndex> index = MemoryIndex::Open((fs::path(cache_dir) / "memory.sqlite").string());
  if (!index.ok()) return index;
  for (const std::string& locale : locales) {
    if (locale == kPseudoLocale) continue;
    const fs::path tmx = fs::path(locales_dir) / locale / "memory.tmx";
    if (!fs::exists(tmx, ec)) {
      L10N_RETURN_IF_ERROR(index->Load(locale, TranslationMemory{}, "none"));
      continue;
    }
    const std::string signature =
        std::to_string(fs::file_size(tmx, ec)) + ":" +
        std::to_string(fs::last_write_time(tmx, ec).time_since_epoch().count());
    if (index->LoadedSignature(locale) == signature) continue;
    // Straight from the file, a piece at a time: a project's memory grows
    // with all of its content.
    TmxInfo info;
    L10N_RETURN_IF_ERROR(index->Load(
        locale, [&](const TmEntrySink& each) { return ReadTmxFile(tmx, tmx.string(), info, each); },
        signature));
  }
  return index;
}

}  // namespace l10n
