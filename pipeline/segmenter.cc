#include "pipeline/segmenter.h"

#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

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

const Segmenter::SentenceEndSets* Segmenter::SentenceEndSets::Get() {
  // UAX #29: a sentence break follows a terminal mark (STerm, ATerm) or a paragraph separator,
  // and never falls inside a final run of terminal marks, closing punctuation and spaces. The
  // sets depend on nothing but ICU's data, so they are made once per process (resolving the
  // property patterns is most of the cost of a segmenter) and frozen, which makes them safe to
  // read from every thread.
  static const SentenceEndSets* const sets = []() -> const SentenceEndSets* {
    UErrorCode status = U_ZERO_ERROR;
    auto made = std::make_unique<SentenceEndSets>();
    made->terminators.applyPattern(
        u"[[:Sentence_Break=STerm:][:Sentence_Break=ATerm:][:Sentence_Break=Sep:]"
        u"[:Sentence_Break=CR:][:Sentence_Break=LF:]]",
        status);
    made->trailing.applyPattern(
        u"[[:Sentence_Break=STerm:][:Sentence_Break=ATerm:][:Sentence_Break=Close:]"
        u"[:Sentence_Break=Sp:]]",
        status);
    if (U_FAILURE(status)) return nullptr;
    made->terminators.freeze();
    made->trailing.freeze();
    return made.release();  // lives as long as the process; never changed
  }();
  return sets;
}

Status Segmenter::CheckLocale(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale::forLanguageTag(locale, status);
  if (U_FAILURE(status)) {
    return Status::InvalidArgument("'" + locale + "' is not a valid BCP 47 locale tag");
  }
  return Status::Ok();
}

Result<Segmenter> Segmenter::Create(const std::string& locale) {
  L10N_RETURN_IF_ERROR(CheckLocale(locale));
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale where = icu::Locale::forLanguageTag(locale, status);
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
  const SentenceEndSets* sets = SentenceEndSets::Get();
  if (sets == nullptr) return Status::Internal("ICU sentence break sets could not be built");
  return Segmenter(locale, std::move(filtered), std::move(abbreviations), sets);
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
  const int32_t first = sets_->terminators.spanUTF8(text.data(), length, USET_SPAN_NOT_CONTAINED);
  if (first >= length) return false;
  const int32_t rest =
      sets_->trailing.spanUTF8(text.data() + first, length - first, USET_SPAN_CONTAINED);
  return first + rest < length;
}

std::vector<std::size_t> Segmenter::SentenceStarts(std::string_view text) {
  std::vector<std::size_t> out;
  // The readers reject ill-formed UTF-8 before this; anything else has no breaks to offer.
  if (!IsValidUtf8(text) || !MayBreakInside(text)) return out;
  // ICU breaks UTF-16 text fastest: through a UTF-8 UText, each chunk is converted and mapped
  // on the way. Break positions come back in UTF-16 units and are mapped back to bytes here.
  const auto length = static_cast<int32_t>(text.size());
  utf16_.resize(text.size());  // never more UTF-16 units than UTF-8 bytes
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = length;
  const bool ascii = AllAscii(text);
  if (ascii) {
    std::copy(text.begin(), text.end(), utf16_.begin());  // widened, offsets unchanged
  } else {
    u_strFromUTF8(utf16_.data(), length, &units, text.data(), length, &status);
    if (U_FAILURE(status)) return out;
  }
  UText utext = UTEXT_INITIALIZER;
  utext_openUChars(&utext, utf16_.data(), units, &status);
  if (U_FAILURE(status)) return out;
  iterator_->setText(&utext, status);
  if (U_SUCCESS(status)) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    int32_t byte = 0;  // the byte offset of UTF-16 offset `unit`
    int32_t unit = 0;
    for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
      if (b >= units) break;
      if (ascii) byte = unit = b;
      while (unit < b) {
        UChar32 c;
        U8_NEXT_UNSAFE(bytes, byte, c);
        unit += U16_LENGTH(c);
      }
      const auto at = static_cast<std::size_t>(byte);
      if (!AfterAbbreviation(text.substr(0, at))) out.push_back(at);
    }
  }
  utext_close(&utext);
  return out;
}

}  // namespace l10n
