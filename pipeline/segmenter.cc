#include "pipeline/segmenter.h"

#include <unicode/filteredbrk.h>
#include <unicode/locid.h>

#include "pipeline/text.h"

namespace l10n {

std::vector<std::string> Segmenter::Abbreviations(const std::string& language) {
  if (language == "en") {
    return {"Dr.", "Mr.",  "Mrs.", "Ms.",  "Prof.",   "St.",  "Jr.",
            "Sr.", "vs.",  "e.g.", "i.e.", "approx.", "No.",  "Fig.",
            "cf.", "Inc.", "Ltd.", "Co.",  "Ph.D.",   "M.D.", "U.S."};
  }
  if (language == "es")
    return {"Dr.", "Dra.", "Sr.", "Sra.", "Srta.", "p. ej.", "aprox.", "Ud.", "Uds."};
  if (language == "fr") return {"Dr.", "M.", "Mme.", "Mlle.", "p. ex.", "cf.", "env."};
  if (language == "de")
    return {"Dr.", "Prof.", "z. B.", "d. h.", "bzw.", "ca.", "Nr.", "u. a.", "ggf."};
  if (language == "pt") return {"Dr.", "Dra.", "Sr.", "Sra.", "p. ex.", "aprox."};
  return {};
}

Result<Segmenter> Segmenter::Create(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale where = icu::Locale::forLanguageTag(locale, status);
  if (U_FAILURE(status)) {
    return Status::InvalidArgument("'" + locale + "' is not a valid BCP 47 locale tag");
  }
  std::unique_ptr<icu::BreakIterator> sentences(
      icu::BreakIterator::createSentenceInstance(where, status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU sentence iterator: ") + u_errorName(status));
  }
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(where, status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU filtered break builder: ") + u_errorName(status));
  }
  std::vector<std::string> abbreviations = Abbreviations(where.getLanguage());
  for (const std::string& abbreviation : abbreviations) {
    builder->suppressBreakAfter(FromUtf8(abbreviation), status);
    status = U_ZERO_ERROR;  // "already present" is not a failure here
  }
  std::unique_ptr<icu::BreakIterator> filtered(
      builder->wrapIteratorWithFilter(sentences.release(), status));
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU filtered break iterator: ") + u_errorName(status));
  }
  return Segmenter(std::move(filtered), std::move(abbreviations));
}

// ICU's suppression list does not catch every abbreviation (it breaks after
// "e.g." before a capital letter), so each break is checked again here.
bool Segmenter::AfterAbbreviation(std::string_view before) const {
  while (!before.empty() &&
         (before.back() == ' ' || before.back() == '\n' || before.back() == '\t')) {
    before.remove_suffix(1);
  }
  for (const std::string& abbreviation : abbreviations_) {
    if (before.size() < abbreviation.size() ||
        before.compare(before.size() - abbreviation.size(), abbreviation.size(), abbreviation) !=
            0) {
      continue;
    }
    const std::size_t start = before.size() - abbreviation.size();
    if (start == 0) return true;
    const char previous = before[start - 1];
    if (previous == ' ' || previous == '(' || previous == '\n' || previous == '\t' ||
        previous == '"')
      return true;
  }
  return false;
}

std::vector<std::size_t> Segmenter::SentenceStarts(std::string_view text) {
  std::vector<std::size_t> out;
  // Offsets are mapped back through UTF-8 lengths, which only holds for
  // well-formed input (the readers reject anything else before this).
  if (!IsValidUtf8(text)) return out;
  icu::UnicodeString u = FromUtf8(text);
  iterator_->setText(u);
  // Map UTF-16 offsets to UTF-8 byte offsets by walking both in step.
  int32_t u16 = 0;
  std::size_t u8 = 0;
  for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
    if (b >= u.length()) break;
    while (u16 < b) {
      UChar32 c = u.char32At(u16);
      u16 += U16_LENGTH(c);
      u8 += static_cast<std::size_t>(U8_LENGTH(c));
    }
    if (!AfterAbbreviation(text.substr(0, u8))) out.push_back(u8);
  }
  return out;
}

}  // namespace l10n
