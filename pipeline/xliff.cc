#include "pipeline/xliff.h"

#include "pipeline/text.h"

namespace l10n {

std::string_view StateName(State state) {
  switch (state) {
    case State::kInitial:
      return "initial";
    case State::kTranslated:
      return "translated";
    case State::kReviewed:
      return "reviewed";
    case State::kFinal:
      return "final";
  }
  return "initial";
}

std::optional<State> ParseState(std::string_view name) {
  if (name == "initial") return State::kInitial;
  if (name == "translated") return State::kTranslated;
  if (name == "reviewed") return State::kReviewed;
  if (name == "final") return State::kFinal;
  return std::nullopt;
}

Content Unit::SourceContent() const { return JoinSources(parts); }

std::optional<Content> Unit::TargetContent(bool drop_sentence_spaces) const {
  Content out;
  std::size_t runs = 0;
  for (const Segment& part : parts) runs += part.target ? part.target->size() : part.source.size();
  out.reserve(runs);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& part = parts[i];
    const Content* content = part.target ? &*part.target : nullptr;
    if (content == nullptr) {
      if (part.is_segment) return std::nullopt;
      if (drop_sentence_spaces && IsSpaceBetweenSentences(parts, i)) continue;
      content = &part.source;
    }
    AppendJoined(out, *content);
  }
  return out;
}

bool Unit::HasSegments() const {
  for (const Segment& part : parts) {
    if (part.is_segment) return true;
  }
  return false;
}

const Unit* XliffDocument::FindUnit(std::string_view id) const {
  for (const Unit& unit : units) {
    if (unit.id == id) return &unit;
  }
  return nullptr;
}

namespace {

// `value` itself when kMove (the extraction is given up), else a copy of it.
template <bool kMove, typename T>
decltype(auto) Take(T& value) {
  if constexpr (kMove) {
    return std::move(value);
  } else {
    return static_cast<const T&>(value);
  }
}

template <bool kMove, typename E>
XliffDocument MakeXliffFrom(E& extraction, const std::string& target_locale) {
  XliffDocument doc;
  doc.source_locale = extraction.source_locale;
  doc.target_locale = target_locale;
  doc.original = extraction.original;
  doc.units.reserve(extraction.units.size());
  for (auto& source : extraction.units) {
    Unit unit;
    unit.id = Take<kMove>(source.id);
    unit.name = Take<kMove>(source.name);
    unit.notes = Take<kMove>(source.notes);
    unit.max_chars = source.max_chars;
    unit.where = Take<kMove>(source.where);
    unit.parts.reserve(source.parts.size());
    for (auto& part : source.parts) {
      Segment segment;
      segment.is_segment = part.is_segment;
      segment.id = Take<kMove>(part.id);
      segment.source = Take<kMove>(part.source);
      unit.parts.push_back(std::move(segment));
    }
    doc.units.push_back(std::move(unit));
  }
  return doc;
}

}  // namespace

XliffDocument MakeXliff(const Extraction& extraction, const std::string& target_locale) {
  return MakeXliffFrom<false>(extraction, target_locale);
}

XliffDocument MakeXliff(Extraction&& extraction, const std::string& target_locale) {
  return MakeXliffFrom<true>(extraction, target_locale);
}

}  // namespace l10n
