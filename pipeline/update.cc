#include "pipeline/update.h"

#include <map>
#include <set>

#include "pipeline/fuzzy.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

struct Earlier {
  const Segment* segment;
  std::vector<std::string> tokens;
};

}  // namespace

std::string UpdateStats::Summary() const {
  return std::to_string(kept_units) + " units unchanged, " + std::to_string(exact_segments) +
         " segments re-used exactly, " + std::to_string(fuzzy_segments) + " fuzzy, " +
         std::to_string(new_segments) + " new; " + std::to_string(removed_units) +
         " units removed (their translations kept in memory)";
}

XliffDocument UpdateXliff(const Extraction& current, const XliffDocument& previous,
                          const std::string& target_locale, const UpdateOptions& options,
                          UpdateStats* stats, const MemoryIndex* memory) {
  XliffDocument doc = MakeXliff(current, target_locale);
  doc.file_id = previous.file_id;
  std::map<std::string, const Unit*> by_id;
  std::map<std::string, const Segment*> by_source;
  std::vector<Earlier> earlier;
  Tokenizer tokenize;
  for (const Unit& unit : previous.units) {
    by_id[unit.id] = &unit;
    for (const Segment& part : unit.parts) {
      if (!part.is_segment || !part.target) continue;
      const std::string key = SourceKey(part.source);
      // Prefer the most advanced state when one source was translated twice.
      auto it = by_source.find(key);
      if (it == by_source.end() || it->second->state < part.state) by_source[key] = &part;
      earlier.push_back({&part, tokenize(part.source)});
    }
  }
  std::set<std::string> used_ids;
  for (Unit& unit : doc.units) {
    auto old = by_id.find(unit.id);
    if (old != by_id.end() && SameSourceKey(old->second->SourceContent(), unit.SourceContent())) {
      // Same unit, same text: keep every part as it was.
      // Same unit, same text: keep every part as it was, even where a tool
      // changed the segmentation (the text is the same, so it still fits).
      const Unit& before = *old->second;
      used_ids.insert(unit.id);
      const bool same_segmentation = before.parts.size() == unit.parts.size();
      std::vector<Segment> parts = before.parts;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        parts[i].where = Location{};
        if (same_segmentation) parts[i].source = unit.parts[i].source;  // current code metadata
      }
      unit.parts = std::move(parts);
      unit.matches = before.matches;
      ++stats->kept_units;
      continue;
    }
    for (Segment& part : unit.parts) {
      if (!part.is_segment) continue;
      auto exact = by_source.find(SourceKey(part.source));
      if (exact != by_source.end()) {
        part.target = exact->second->target;
        part.state = exact->second->state;
        part.sub_state = exact->second->sub_state;
        ++stats->exact_segments;
        continue;
      }
      const std::vector<std::string> tokens = tokenize(part.source);
      const Segment* best = nullptr;
      double best_score = 0;
      for (const Earlier& e : earlier) {
        const double score = Similarity(tokens, e.tokens);
        if (score > best_score) {
          best_score = score;
          best = e.segment;
        }
      }
      if (memory != nullptr && best_score < 100) {
        Result<std::vector<MemoryMatch>> found =
            memory->Lookup(target_locale, part.source, options.candidate_threshold, 1);
        if (found.ok() && !found->empty() && found->front().similarity > best_score) {
          const MemoryMatch& m = found->front();
          const Content target = ParseSignature(m.entry.target);
          if (m.similarity >= 100 && !CheckCodes(part.source, target)) {
            part.target = target;
            part.state = State::kTranslated;
            part.sub_state = "l10n:memory";
            ++stats->exact_segments;
            continue;
          }
          unit.matches.push_back(
              Match{part.id, m.similarity, "memory", ParseSignature(m.entry.source), target});
          if (m.similarity >= options.prefill_threshold && !CheckCodes(part.source, target)) {
            part.target = target;
            part.state = State::kInitial;
            part.sub_state = "l10n:fuzzy";
          }
          ++stats->fuzzy_segments;
          continue;
        }
      }
      if (best != nullptr && best_score >= options.candidate_threshold) {
        unit.matches.push_back(
            Match{part.id, best_score, "previous-version", best->source, *best->target});
        if (best_score >= options.prefill_threshold && !CheckCodes(part.source, *best->target)) {
          part.target = *best->target;
          part.state = State::kInitial;
          part.sub_state = "l10n:fuzzy";
        }
        ++stats->fuzzy_segments;
      } else {
        ++stats->new_segments;
      }
    }
  }
  std::set<std::string> current_ids;
  for (const Unit& unit : doc.units) current_ids.insert(unit.id);
  for (const Unit& unit : previous.units) {
    if (current_ids.count(unit.id)) continue;
    ++stats->removed_units;
    for (const Segment& part : unit.parts) {
      if (part.is_segment && part.target) stats->orphans.push_back({part.source, *part.target});
    }
  }
  return doc;
}

}  // namespace l10n
