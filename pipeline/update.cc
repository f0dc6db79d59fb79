#include "pipeline/update.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "pipeline/fuzzy.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

struct Earlier {
  const Segment* segment;
  const Unit* unit;  // the unit it belongs to
  std::vector<std::string> tokens;
};

// The previous file's translated segments, tokenized for fuzzy matching only when a segment
// first needs it: when the source did not change, or changed only where an exact match exists,
// no text is broken into words at all.
class EarlierSegments {
 public:
  void Add(const Segment& segment, const Unit& unit) { earlier_.push_back({&segment, &unit, {}}); }

  // The segments with their tokens, made on the first call.
  const std::vector<Earlier>& Tokenized() {
    if (!tokenize_) {
      tokenize_.emplace();
      for (Earlier& e : earlier_) e.tokens = (*tokenize_)(e.segment->source);
    }
    return earlier_;
  }

  std::vector<std::string> Tokenize(const Content& content) {
    Tokenized();
    return (*tokenize_)(content);
  }

 private:
  std::vector<Earlier> earlier_;
  std::optional<Tokenizer> tokenize_;
};

// Whether extraction writes notes of this category: the description of each unit ("context")
// and the author's notes (its-loc-note; "author" once read back from XLIFF 1.2's from="author").
// Those are made again from the current document; every other note was added to the XLIFF by a
// translator or a translator's tool.
bool IsExtractionNote(const Note& note) {
  return note.category == "context" || note.category == "its-loc-note" || note.category == "author";
}

// Adds to `unit` the notes of `before` that extraction does not write, after its own, leaving
// out any it already has.
void KeepAddedNotes(const Unit& before, Unit& unit) {
  for (const Note& note : before.notes) {
    if (IsExtractionNote(note)) continue;
    const bool present = std::any_of(unit.notes.begin(), unit.notes.end(), [&](const Note& n) {
      return n.category == note.category && n.text == note.text;
    });
    if (!present) unit.notes.push_back(note);
  }
}

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
  BestMatches matches(memory);
  return UpdateXliff(current, previous, target_locale, options, stats, matches);
}

XliffDocument UpdateXliff(const Extraction& current, const XliffDocument& previous,
                          const std::string& target_locale, const UpdateOptions& options,
                          UpdateStats* stats, BestMatches& matches) {
  XliffDocument doc = MakeXliff(current, target_locale);
  doc.file_id = previous.file_id;
  std::map<std::string, const Unit*> by_id;
  std::map<std::string, std::pair<const Segment*, const Unit*>> by_source;
  EarlierSegments earlier;
  for (const Unit& unit : previous.units) {
    by_id[unit.id] = &unit;
    for (const Segment& part : unit.parts) {
      if (!part.is_segment || !part.target) continue;
      const std::string key = SourceKey(part.source);
      // Prefer the most advanced state when one source was translated twice.
      auto it = by_source.find(key);
      if (it == by_source.end() || it->second.first->state < part.state) {
        by_source[key] = {&part, &unit};
      }
      earlier.Add(part, unit);
    }
  }
  std::set<std::string> current_ids;
  for (const Unit& unit : doc.units) current_ids.insert(unit.id);
  // A unit whose text changed has a new id. The notes translators added to the unit it replaces
  // (one no longer in the document whose translation it re-uses) come with the translation.
  auto keep_notes_of_replaced = [&](const Unit& earlier_unit, Unit& unit) {
    if (current_ids.count(earlier_unit.id) == 0) KeepAddedNotes(earlier_unit, unit);
  };
  for (Unit& unit : doc.units) {
    auto old = by_id.find(unit.id);
    // A unit that is still there keeps the notes translators added to it.
    if (old != by_id.end()) KeepAddedNotes(*old->second, unit);
    if (old != by_id.end() && SameSourceKey(old->second->SourceContent(), unit.SourceContent())) {
      // Same unit, same text: keep every part as it was, even where a tool
      // changed the segmentation (the text is the same, so it still fits).
      const Unit& before = *old->second;
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
        const Segment& reused = *exact->second.first;
        part.target = reused.target;
        part.state = reused.state;
        part.sub_state = reused.sub_state;
        keep_notes_of_replaced(*exact->second.second, unit);
        ++stats->exact_segments;
        continue;
      }
      const std::vector<std::string> tokens = earlier.Tokenize(part.source);
      const Segment* best = nullptr;
      const Unit* best_unit = nullptr;
      double best_score = 0;
      for (const Earlier& e : earlier.Tokenized()) {
        const double score = Similarity(tokens, e.tokens);
        if (score > best_score) {
          best_score = score;
          best = e.segment;
          best_unit = e.unit;
        }
      }
      if (best_score < 100) {
        Result<std::optional<MemoryMatch>> found =
            matches.Best(target_locale, part.source, options.candidate_threshold);
        if (found.ok() && *found && (*found)->similarity > best_score) {
          const MemoryMatch& m = **found;
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
        keep_notes_of_replaced(*best_unit, unit);
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
