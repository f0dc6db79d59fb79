#include "pipeline/merge.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <type_traits>
#include <unordered_map>

#include "pipeline/locale.h"
#include "pipeline/text.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

// Replaces the children of `element` with `target`, rebuilding inline
// elements from the unit's code nodes. Codes have been checked against the source; a code the
// unit does not have (which that check rules out) would leave its text in the enclosing element.
void RebuildElement(pugi::xml_node element, const Content& target, const SourceUnit& unit) {
  std::vector<pugi::xml_node> old_children;
  for (pugi::xml_node child : element.children()) old_children.push_back(child);
  std::vector<pugi::xml_node> parents = {element};
  std::string skipping;  // id of a translate="no" code whose content comes from the source
  for (const Run& run : target) {
    if (!skipping.empty()) {
      if (run.kind == RunKind::kClose && run.id == skipping) skipping.clear();
      continue;
    }
    switch (run.kind) {
      case RunKind::kText:
        parents.back().append_child(pugi::node_pcdata).set_value(run.text.c_str());
        break;
      case RunKind::kOpen: {
        const pugi::xml_node original = unit.CodeNode(run.id);
        if (!original) {
          parents.push_back(parents.back());
          break;
        }
        if (IsTranslateNo(original)) {
          parents.back().append_copy(original);
          skipping = run.id;
          break;
        }
        pugi::xml_node copy = parents.back().append_child(original.name());
        for (pugi::xml_attribute attr : original.attributes()) copy.append_copy(attr);
        parents.push_back(copy);
        break;
      }
      case RunKind::kClose:
        if (parents.size() > 1) parents.pop_back();
        break;
      case RunKind::kPlaceholder:
        parents.back().append_copy(unit.CodeNode(run.id));
        break;
      case RunKind::kProtectedOpen:
      case RunKind::kProtectedClose:
        break;
    }
  }
  for (pugi::xml_node child : old_children) element.remove_child(child);
}

void MarkFallback(const SourceUnit& unit, const std::string& source_locale,
                  const std::string& target_locale) {
  if (unit.kind != UnitKind::kBlock) return;
  pugi::xml_node element = unit.element;
  if (std::string_view(element.name()) == "title") return;
  element.remove_attribute("lang");
  element.append_attribute("lang") = source_locale.c_str();
  if (IsRightToLeft(target_locale) != IsRightToLeft(source_locale)) {
    element.remove_attribute("dir");
    element.append_attribute("dir") = IsRightToLeft(source_locale) ? "rtl" : "ltr";
  }
}

// White space a tool added around or between codes (re-indentation of
// element-only content) is not the translator's: where the source has no
// line break, a blank run with one is dropped, and a segment's leading and
// trailing white space are the source's.
class WhitespaceFit {
 public:
  explicit WhitespaceFit(const Content& source) {
    drop_blank_lines_ = std::none_of(source.begin(), source.end(), [](const Run& run) {
      return run.kind == RunKind::kText && run.text.find('\n') != std::string::npos;
    });
    // Leading and trailing white space, where both sides start (end) with text.
    if (!source.empty() && source.front().kind == RunKind::kText) lead_ = Lead(source.front().text);
    if (!source.empty() && source.back().kind == RunKind::kText) trail_ = Trail(source.back().text);
  }

  // Whether Apply would change `target`.
  bool Changes(const Content& target) const {
    for (const Run& run : target) {
      if (run.kind == RunKind::kText && (run.text.empty() || Dropped(run))) return true;
    }
    if (!target.empty() && target.front().kind == RunKind::kText &&
        Lead(target.front().text) != lead_) {
      return true;
    }
    return !target.empty() && target.back().kind == RunKind::kText &&
           Trail(target.back().text) != trail_;
  }

  Content Apply(Content target) const {
    if (drop_blank_lines_) {
      target.erase(std::remove_if(target.begin(), target.end(),
                                  [this](const Run& run) { return Dropped(run); }),
                   target.end());
    }
    if (!target.empty() && target.front().kind == RunKind::kText) {
      std::string& t = target.front().text;
      const std::size_t have = Lead(t).size();
      if (lead_ != std::string_view(t).substr(0, have)) t.replace(0, have, lead_);
    }
    if (!target.empty() && target.back().kind == RunKind::kText) {
      std::string& t = target.back().text;
      const std::size_t have = Trail(t).size();
      if (trail_ != std::string_view(t).substr(t.size() - have)) {
        t.replace(t.size() - have, have, trail_);
      }
    }
    target.erase(
        std::remove_if(target.begin(), target.end(),
                       [](const Run& r) { return r.kind == RunKind::kText && r.text.empty(); }),
        target.end());
    return target;
  }

 private:
  // The white space FitWhitespace moves: space, tab, CR and LF (the white space XML text holds).
  static bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  static std::string_view Lead(std::string_view t) {
    std::size_t n = 0;
    while (n < t.size() && IsSpace(t[n])) ++n;
    return t.substr(0, n);
  }
  static std::string_view Trail(std::string_view t) {
    std::size_t n = 0;
    while (n < t.size() && IsSpace(t[t.size() - 1 - n])) ++n;
    return t.substr(t.size() - n);
  }
  bool Dropped(const Run& run) const {
    return drop_blank_lines_ && run.kind == RunKind::kText && IsBlank(run.text) &&
           run.text.find('\n') != std::string::npos;
  }

  bool drop_blank_lines_ = false;
  std::string_view lead_, trail_;
};

Content FitWhitespace(const Content& source, Content target) {
  return WhitespaceFit(source).Apply(std::move(target));
}

// The unit's target, its white space taken from the current source: each
// segment's target fitted to the source segment, and the ignorable white
// space between segments as the source document has it (a tool may have
// re-indented the XLIFF). Where a tool changed the segmentation, the whole
// target is fitted to the whole source.
//
// `source_parts` is the document unit's segmentation (Part), or the XLIFF's own parts (Segment)
// when they spell the document's content exactly; `source_content` is the whole content.
// Returns the XLIFF's own target when fitting changes nothing, else `storage` filled, or null
// when the unit has no whole target.
template <typename SourcePart>
const Content* FittedTarget(const Unit& unit, const std::vector<SourcePart>& source_parts,
                            const Content& source_content, bool drop_sentence_spaces,
                            Content& storage) {
  // The XLIFF's segment or ignorable with an id, the last one if a tool repeated it (a unit
  // has a few parts: a search is quickest).
  auto find = [&](bool segment, const std::string& id) -> const Segment* {
    for (auto part = unit.parts.rbegin(); part != unit.parts.rend(); ++part) {
      if (part->is_segment == segment && part->id == id) return &*part;
    }
    return nullptr;
  };
  // Whether the XLIFF has the source's segmentation.
  bool aligned = true;
  std::size_t xliff_segments = 0;
  std::size_t source_segments = 0;
  // Segments with distinct ids (a tool may repeat one).
  for (std::size_t i = 0; i < unit.parts.size(); ++i) {
    const Segment& part = unit.parts[i];
    if (part.is_segment && find(true, part.id) == &part) ++xliff_segments;
  }
  for (const SourcePart& part : source_parts) {
    if (!part.is_segment) continue;
    ++source_segments;
    if constexpr (std::is_same_v<SourcePart, Part>) {  // the XLIFF's own parts need no comparing
      const Segment* translated = find(true, part.id);
      aligned &= translated != nullptr && SameSourceKey(translated->source, part.source);
    }
  }
  aligned &= xliff_segments == source_segments;
  if (!aligned) {
    std::optional<Content> whole = unit.TargetContent(drop_sentence_spaces);
    if (!whole) return nullptr;
    storage = FitWhitespace(source_content, std::move(*whole));
    return &storage;
  }
  if (source_parts.size() == 1 && source_parts.front().is_segment) {
    // One sentence (most units): its fitted target is the unit's, with text runs that fitting
    // left side by side joined, as the general path below would join them.
    const Segment& translated = *find(true, source_parts.front().id);
    if (!translated.target) return nullptr;
    auto two_texts = [](const Content& content) {
      return std::adjacent_find(content.begin(), content.end(), [](const Run& a, const Run& b) {
               return a.kind == RunKind::kText && b.kind == RunKind::kText;
             }) != content.end();
    };
    const WhitespaceFit fit(source_parts.front().source);
    if (!fit.Changes(*translated.target) && !two_texts(*translated.target)) {
      return &*translated.target;
    }
    Content target = fit.Apply(*translated.target);
    if (!two_texts(target)) {
      storage = std::move(target);
    } else {
      storage.clear();
      storage.reserve(target.size());
      AppendJoined(storage, std::move(target));
    }
    return &storage;
  }
  // Each segment's fitted target and the white space between them, joined as
  // Unit::TargetContent joins a unit's parts.
  storage.clear();
  for (std::size_t i = 0; i < source_parts.size(); ++i) {
    const SourcePart& part = source_parts[i];
    if (part.is_segment) {
      // A segment's source is not needed: its target is always used.
      const Segment& translated = *find(true, part.id);
      if (!translated.target) return nullptr;
      const WhitespaceFit fit(part.source);
      if (fit.Changes(*translated.target)) {
        AppendJoined(storage, fit.Apply(*translated.target));
      } else {
        AppendJoined(storage, *translated.target);
      }
      continue;
    }
    const Segment* between = find(false, part.id);
    if (between != nullptr && between->target && !IsBlankText(*between->target)) {
      AppendJoined(storage, *between->target);  // a translator's own text between sentences
      continue;
    }
    if (drop_sentence_spaces && IsSpaceBetweenSentences(source_parts, i)) continue;
    AppendJoined(storage, part.source);
  }
  return &storage;
}

// Whether the XLIFF's parts are shaped as extraction makes them, so that, when they spell the
// document's content, they can stand for its segmentation: distinct ids, ignorables of white
// space alone, and segments whose text neither starts nor ends with white space (Unicode white
// space, as extraction sees it).
bool SegmentedAsExtractionWould(const Unit& unit) {
  for (std::size_t i = 0; i < unit.parts.size(); ++i) {
    const Segment& part = unit.parts[i];
    for (std::size_t j = 0; j < i; ++j) {
      if (part.id == unit.parts[j].id) return false;
    }
    if (part.is_segment) {
      // The segment's text, read through its first and last non-empty text runs.
      const Run* first = nullptr;
      const Run* last = nullptr;
      for (const Run& run : part.source) {
        if (run.kind != RunKind::kText || run.text.empty()) continue;
        if (first == nullptr) first = &run;
        last = &run;
      }
      if (first == nullptr || LeadingWhitespaceBytes(first->text) > 0 ||
          TrailingWhitespaceBytes(last->text) > 0)
        return false;
    } else {
      for (const Run& run : part.source) {
        if (run.kind != RunKind::kText || !IsBlank(run.text)) return false;
      }
    }
  }
  return true;
}

// `where` when the reader recorded it, else the file's first line.
Location Where(const Location& where, const std::string& file) {
  Location out = where.line > 0 ? where : Location{file, 1, 1};
  out.file = file;
  return out;
}

}  // namespace

double MergeStats::Completion() const {
  if (words == 0) return 100.0;
  return 100.0 * translated_words / words;
}

double MergeStats::ShownCompletion() const {
  if (words == 0) return 100.0;
  return static_cast<double>(1000LL * translated_words / words) / 10.0;  // tenths, rounded down
}

Status CheckXliffMatchesSource(const Extraction& source, const XliffDocument& xliff,
                               const std::string& xliff_file, const std::string& target_locale) {
  const std::filesystem::path original(xliff.original);
  if (original.is_absolute() || xliff.original.find("..") != std::string::npos) {
    return Status::InvalidArgument("original=\"" + xliff.original +
                                       "\" points outside the project; it must name the source "
                                       "document, e.g. \"" +
                                       source.original + "\"",
                                   Where(xliff.original_where, xliff_file));
  }
  if (original.filename().string() != source.original) {
    return Status::InvalidArgument("this XLIFF was extracted from \"" + xliff.original +
                                       "\", not from \"" + source.original +
                                       "\"; merge it with its own source document",
                                   Where(xliff.original_where, xliff_file));
  }
  if (!xliff.source_locale.empty() && xliff.source_locale != source.source_locale) {
    return Status::InvalidArgument("source language is \"" + xliff.source_locale +
                                       "\" but the document is \"" + source.source_locale + "\"",
                                   Where(xliff.languages_where, xliff_file));
  }
  if (!target_locale.empty() && !xliff.target_locale.empty() &&
      xliff.target_locale != target_locale) {
    return Status::InvalidArgument("target language is \"" + xliff.target_locale +
                                       "\", but this file is used for locale \"" + target_locale +
                                       "\"; fix trgLang/target-language or move the file",
                                   Where(xliff.languages_where, xliff_file));
  }
  return Status::Ok();
}

MergeResult MergeTranslations(Extraction& source, const XliffDocument& xliff,
                              const std::string& xliff_file, const PublishPolicy& policy,
                              SegmenterCache* segmenters) {
  MergeResult result;
  std::unordered_map<std::string_view, const Unit*> translated;  // the last unit of an id wins
  translated.reserve(xliff.units.size());
  for (const Unit& unit : xliff.units) translated[unit.id] = &unit;
  auto diagnose = [&](Severity severity, const std::string& check, const Location& where,
                      const std::string& unit_id, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.check = check;
    d.where = where.file.empty() ? Location{xliff_file} : where;
    d.unit_id = unit_id;
    d.message = std::move(message);
    result.diagnostics.push_back(std::move(d));
  };
  // The segmentation of a unit of an unsegmented extraction that the XLIFF does not spell
  // exactly: as extraction would make it. The segmenter is made on first use. A language that
  // cannot be segmented is one error for the document, and each unit that needed it is
  // published in the source language (nullopt).
  SegmenterCache own_segmenters;
  std::optional<Segmenter*> segmenter;
  auto segmented = [&](const SourceUnit& unit,
                       const Content& content) -> std::optional<std::vector<Part>> {
    if (!BreaksIntoSentences(unit)) return UnitParts(unit, content, nullptr);
    if (!segmenter) {
      Result<Segmenter*> got =
          (segmenters != nullptr ? segmenters : &own_segmenters)->Get(source.source_locale);
      segmenter = got.ok() ? *got : nullptr;
      if (!got.ok()) {
        diagnose(Severity::kError, "segmentation", Location{source.document.file()}, "",
                 "cannot break the source text into sentences: " + got.status().message() +
                     "; units whose sentences the XLIFF does not give as extraction makes them "
                     "are published in the source language");
      }
    }
    if (*segmenter == nullptr) return std::nullopt;
    return UnitParts(unit, content, *segmenter);
  };
  const std::unordered_map<std::string_view, const SourceUnit*> source_units = UnitsById(source);
  for (const Unit& unit : xliff.units) {
    if (!source_units.count(unit.id)) {
      diagnose(Severity::kError, "unknown-unit", unit.where, unit.id,
               "not in the source document (deleted or renamed?); run 'l10n extract --update' to "
               "bring the XLIFF up to date");
    }
  }
  // Attributes first, so that inline elements copied into rebuilt blocks
  // carry their translated attributes.
  // A word iterator costs more to make than a small document costs to merge: made only when
  // words are counted.
  std::optional<WordCounter> own_counter;
  WordCounter* counter = nullptr;
  if (policy.count_words) {
    counter = policy.words != nullptr ? policy.words : &own_counter.emplace(source.source_locale);
  }
  const bool spaceless = WritesWithoutSpaces(xliff.target_locale);
  for (int pass = 0; pass < 2; ++pass) {
    for (const SourceUnit& unit : source.units) {
      if ((pass == 0) != (unit.kind == UnitKind::kAttribute)) continue;
      Content joined;
      const Content& source_content = WholeSource(unit, joined);
      const int words = counter ? counter->Count(PlainText(source_content)) : 0;
      ++result.stats.units;
      result.stats.words += words;
      auto fallback = [&] {
        result.fallback_units.push_back(unit.id);
        MarkFallback(unit, source.source_locale, xliff.target_locale);
      };
      auto it = translated.find(unit.id);
      if (it == translated.end()) {
        ++result.stats.untranslated;
        diagnose(Severity::kWarning, "missing-unit", Location{xliff_file}, unit.id,
                 "not in the XLIFF; published in the source language");
        fallback();
        continue;
      }
      const Unit& tu = *it->second;
      Content xliff_joined;
      const Content& xliff_source = WholeSource(tu, xliff_joined);
      const bool same_runs = xliff_source == source_content;
      if (!same_runs && !SameSourceKey(xliff_source, source_content)) {
        ++result.stats.stale;
        diagnose(Severity::kWarning, "stale", tu.where, unit.id,
                 "the source changed since this unit was translated; published in the source "
                 "language until it is translated again ('l10n extract --update')");
        fallback();
        continue;
      }
      bool publishable = tu.HasSegments();
      for (const Segment& part : tu.parts) {
        if (part.is_segment && (!part.target || part.state < policy.min_state)) publishable = false;
      }
      Content fitted;
      const Content* target = nullptr;
      if (source.segmented) {
        target = FittedTarget(tu, unit.parts, source_content, spaceless, fitted);
      } else if (same_runs && SegmentedAsExtractionWould(tu)) {
        target = FittedTarget(tu, tu.parts, source_content, spaceless, fitted);
      } else if (std::optional<std::vector<Part>> parts = segmented(unit, source_content)) {
        target = FittedTarget(tu, *parts, source_content, spaceless, fitted);
      }
      if (!publishable || !target) {
        ++result.stats.untranslated;
        fallback();
        continue;
      }
      if (std::optional<std::string> problem = CheckCodes(source_content, *target)) {
        ++result.stats.errors;
        diagnose(Severity::kError, "codes", tu.where, unit.id,
                 *problem + "; the unit is published in the source language");
        fallback();
        continue;
      }
      if (unit.kind == UnitKind::kAttribute) {
        pugi::xml_node element = unit.element;
        element.attribute(unit.attribute.c_str()).set_value(PlainText(*target).c_str());
      } else {
        RebuildElement(unit.element, *target, unit);
      }
      ++result.stats.translated;
      result.stats.translated_words += words;
    }
  }
  return result;
}

}  // namespace l10n
