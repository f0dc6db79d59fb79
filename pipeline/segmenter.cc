#include "pipeline/segmenter.h"

#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

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
  // UAX #29: a sentence break follows a terminal mark (STerm, ATerm) or a
  // paragraph separator, and never falls inside a final run of terminal marks,
  // closing punctuation and spaces.
  icu::UnicodeSet terminators(
      u"[[:Sentence_Break=STerm:][:Sentence_Break=ATerm:][:Sentence_Break=Sep:]"
      u"[:Sentence_Break=CR:][:Sentence_Break=LF:]]",
      status);
  icu::UnicodeSet trailing(
      u"[[:Sentence_Break=STerm:][:Sentence_Break=ATerm:][:Sentence_Break=Close:]"
      u"[:Sentence_Break=Sp:]]",
      status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU sentence break sets: ") + u_errorName(status));
  }
  terminators.freeze();
  trailing.freeze();
  return Segmenter(locale, std::move(filtered), std::move(abbreviations), std::move(terminators),
                   std::move(trailing));
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

Result<Segmenter*> SegmenterCache::Get(const std::string& locale) {
  auto it = made_.find(locale);
  if (it == made_.end()) {
    Result<Segmenter> created = Segmenter::Create(locale);
    if (!created.ok()) return created.status();
    it = made_.emplace(locale, std::make_unique<Segmenter>(std::move(created).value())).first;
  }
  return it->second.get();
}

bool Segmenter::MayBreakInside(std::string_view text) const {
  const auto length = static_cast<int32_t>(text.size());
  const int32_t first = terminators_.spanUTF8(text.data(), length, USET_SPAN_NOT_CONTAINED);
  if (first >= length) return false;
  const int32_t rest = trailing_.spanUTF8(text.data() + first, length - first, USET_SPAN_CONTAINED);
  return first + rest < length;
}

std::vector<std::size_t> Segmenter::SentenceStarts(std::string_view text) {
  std::vector<std::size_t> out;
  // Break positions come back as UTF-8 byte offsets (ICU iterates the UTF-8
  // text directly), which only holds for well-formed input; the readers
  // reject anything else before this.
  if (!IsValidUtf8(text) || !MayBreakInside(text)) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return out;
  iterator_->setText(&utext, status);
  if (U_SUCCESS(status)) {
    for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
      const auto at = static_cast<std::size_t>(b);
      if (at >= text.size()) break;
      if (!AfterAbbreviation(text.substr(0, at))) out.push_back(at);
    }
  }
  utext_close(&utext);
  return out;
}

}  // namespace l10n
