#include "pipeline/segmenter.h"

#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>

#include "pipeline/text.h"

namespace l10n {

namespace {

// The bits of Segmenter::SentenceEndSets::ascii.
enum SentenceEndBit : uint8_t { kTerminator = 1, kTrailing = 2, kLookaheadEnd = 4, kSpace = 8 };

}  // namespace

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
    made->lookahead_end = made->terminators;
    made->lookahead_end.add(u'A', u'Z').add(u'a', u'z');
    made->terminators.freeze();
    made->trailing.freeze();
    made->lookahead_end.freeze();
    for (UChar32 c = 0; c < 0x80; ++c) {
      const bool space = IsAsciiSpace(c);
      made->ascii[c] = (made->terminators.contains(c) ? kTerminator : 0) |
                       (made->trailing.contains(c) ? kTrailing : 0) |
                       (made->lookahead_end.contains(c) ? kLookaheadEnd : 0) | (space ? kSpace : 0);
    }
    int count = 0;
    for (int c = 0; c < 0x80; ++c) {
      if ((made->ascii[c] & kTerminator) == 0) continue;
      if (count < 8) made->ascii_terminators[count] = static_cast<char>(c);
      ++count;
    }
    made->terminator_count = count <= 8 ? count : 0;
    for (int i = count; i > 0 && i < 8; ++i) {
      made->ascii_terminators[i] = made->ascii_terminators[0];
    }
    for (int i = 0; i < 8; ++i) {
      std::fill(std::begin(made->terminator_rows[i]), std::end(made->terminator_rows[i]),
                made->ascii_terminators[i]);
    }
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

namespace {

// The most spaces in any of the exceptions to breaking that a filtered sentence iterator for
// `where` applies: ICU's own for the locale and `ours`. ICU matches an exception backwards from
// a break and, for one that a break could fall inside, forwards from its start; so that is how
// many words beyond its own a break's decision may look at. Three when ICU's list cannot be read.
int ExceptionWords(const icu::Locale& where, const std::vector<std::string>& ours) {
  int most = 0;
  auto count = [&](const icu::UnicodeString& exception) {
    int spaces = 0;
    for (int32_t i = 0; i < exception.length(); ++i) spaces += IsAsciiSpace(exception.charAt(i));
    most = std::max(most, spaces);
  };
  for (const std::string& exception : ours) count(icu::UnicodeString::fromUTF8(exception));
  UErrorCode status = U_ZERO_ERROR;
  // The break iterators' data tree, where ICU keeps the exceptions (as its builder reads them).
  UResourceBundle* bundle =
      ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", where.getBaseName(), &status);
  UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &status);
  UResourceBundle* sentences = ures_getByKey(exceptions, "SentenceBreak", nullptr, &status);
  if (status == U_MISSING_RESOURCE_ERROR) {
    status = U_ZERO_ERROR;  // the locale has no exceptions of its own
  } else {
    for (int32_t i = 0; U_SUCCESS(status) && i < ures_getSize(sentences); ++i) {
      int32_t length = 0;
      const UChar* exception = ures_getStringByIndex(sentences, i, &length, &status);
      if (U_SUCCESS(status)) count(icu::UnicodeString(false, exception, length));
    }
  }
  ures_close(sentences);
  ures_close(exceptions);
  ures_close(bundle);
  return U_FAILURE(status) ? 3 : most;
}

}  // namespace

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
  if (status == U_MISSING_RESOURCE_ERROR) {
    // ICU has no exceptions to breaking for this language (Japanese, Chinese): start from none.
    status = U_ZERO_ERROR;
    builder.reset(icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  }
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
  const int context_words = std::max(1, ExceptionWords(where, abbreviations));
  return Segmenter(locale, std::move(filtered), std::move(abbreviations), context_words, sets);
}

namespace {

// What may come before an abbreviation: the start of the text or one of these.
bool IsBeforeAbbreviation(char c) {
  return c == ' ' || c == '(' || c == '\n' || c == '\t' || c == '"';
}

}  // namespace

void Segmenter::SortAbbreviations(std::vector<std::string> abbreviations) {
  for (std::string& abbreviation : abbreviations) {
    const bool one_word =
        std::none_of(abbreviation.begin(), abbreviation.end(), IsBeforeAbbreviation);
    (one_word ? single_words_ : with_breaks_).push_back(std::move(abbreviation));
  }
  std::sort(single_words_.begin(), single_words_.end());
}

// ICU's suppression list does not catch every abbreviation (it breaks after
// "e.g." before a capital letter), so each break is checked again here.
bool Segmenter::AfterAbbreviation(std::string_view before) const {
  while (!before.empty() &&
         (before.back() == ' ' || before.back() == '\n' || before.back() == '\t')) {
    before.remove_suffix(1);
  }
  // An abbreviation of one word ends the text and starts after a boundary exactly when it is
  // the text's last word.
  std::size_t word = before.size();
  while (word > 0 && !IsBeforeAbbreviation(before[word - 1])) --word;
  const std::string_view last_word = before.substr(word);
  if (std::binary_search(single_words_.begin(), single_words_.end(), last_word, std::less<>())) {
    return true;
  }
  for (const std::string& abbreviation : with_breaks_) {
    if (!before.ends_with(abbreviation)) continue;
    const std::size_t start = before.size() - abbreviation.size();
    if (start == 0 || IsBeforeAbbreviation(before[start - 1])) return true;
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

namespace {

// The text to segment, seen through the sentence-end sets: all-ASCII text byte by byte through
// the sets' ASCII table, other text as UTF-16 through the sets themselves.
class AsciiScan {
 public:
  // `terminators`: SentenceEndSets::terminator_rows, or null.
  AsciiScan(std::string_view text, const uint8_t* table, const char (*terminators)[16])
      : bytes_(reinterpret_cast<const uint8_t*>(text.data())),
        size_(static_cast<int32_t>(text.size())),
        table_(table),
        terminators_(terminators) {}
  int32_t size() const { return size_; }
  int32_t Find(int32_t at, uint8_t bit) const {  // the first character from `at` in the set
#if defined(__SSE2__)
    // Terminal marks are far apart: look for them sixteen bytes at a time.
    if (bit == kTerminator && terminators_ != nullptr) {
      for (; at + 16 <= size_; at += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes_ + at));
        __m128i found = _mm_cmpeq_epi8(x, Row(0));
        for (int i = 1; i < 8; ++i) found = _mm_or_si128(found, _mm_cmpeq_epi8(x, Row(i)));
        if (const int mask = _mm_movemask_epi8(found); mask != 0) {
          return at + std::countr_zero(static_cast<unsigned>(mask));
        }
      }
    }
#endif
    while (at < size_ && (table_[bytes_[at]] & bit) == 0) ++at;
    return at;
  }
  int32_t Skip(int32_t at, uint8_t bit) const {  // the first character from `at` not in it
    while (at < size_ && (table_[bytes_[at]] & bit) != 0) ++at;
    return at;
  }
  bool Space(int32_t at, uint8_t bit) const { return (table_[bytes_[at]] & bit) != 0; }
  bool Ascii(int32_t) const { return true; }

 private:
#if defined(__SSE2__)
  __m128i Row(int i) const {  // terminator `i`, sixteen times (made once per process)
    return _mm_load_si128(reinterpret_cast<const __m128i*>(terminators_[i]));
  }
#endif
  const uint8_t* bytes_;
  int32_t size_;
  const uint8_t* table_;
  const char (*terminators_)[16];
};

class Utf16Scan {
 public:
  // `sets`: the terminators, the trailing marks and the look-ahead ends; `table` as AsciiScan's.
  Utf16Scan(const UChar* chars, int32_t size, const icu::UnicodeSet* const sets[3],
            const uint8_t* table)
      : chars_(chars), size_(size), sets_(sets), table_(table) {}
  int32_t size() const { return size_; }
  int32_t Find(int32_t at, uint8_t bit) const {
    return at + Set(bit).span(chars_ + at, size_ - at, USET_SPAN_NOT_CONTAINED);
  }
  int32_t Skip(int32_t at, uint8_t bit) const {
    return at + Set(bit).span(chars_ + at, size_ - at, USET_SPAN_CONTAINED);
  }
  bool Space(int32_t at, uint8_t bit) const {
    return chars_[at] < 0x80 && (table_[chars_[at]] & bit) != 0;
  }
  bool Ascii(int32_t at) const { return chars_[at] < 0x80; }

 private:
  const icu::UnicodeSet& Set(uint8_t bit) const {
    return *sets_[bit == kTerminator ? 0 : bit == kTrailing ? 1 : 2];
  }
  const UChar* chars_;
  int32_t size_;
  const icu::UnicodeSet* const* sets_;
  const uint8_t* table_;
};

// Calls emit(begin, end) for each stretch of `scan` that holds every sentence break: the text
// around each terminal mark, from `words` words before it to `words` words past what its break
// depends on; stretches that meet are joined. In order, never overlapping.
template <typename Scan, typename Emit>
void ForEachStretch(const Scan& scan, int words, Emit emit) {
  const int32_t size = scan.size();
  auto space = [&](int32_t at) { return scan.Space(at, kSpace); };
  auto back_words = [&](int32_t at) {
    while (at > 0 && !space(at - 1)) --at;  // the start of this word
    for (int w = 0; w < words && at > 0; ++w) {
      while (at > 0 && space(at - 1)) --at;
      while (at > 0 && !space(at - 1)) --at;
    }
    return at;
  };
  auto forward_words = [&](int32_t at) {
    while (at < size && !space(at)) ++at;  // the end of this word
    for (int w = 0; w < words && at < size; ++w) {
      while (at < size && space(at)) ++at;
      while (at < size && !space(at)) ++at;
    }
    return at;
  };
  int32_t stretch_begin = -1;
  int32_t stretch_end = -1;
  bool first_mark = true;
  int32_t at = 0;
  while (true) {
    at = scan.Find(at, kTerminator);
    if (at >= size) break;
    const int32_t mark = at;
    at = scan.Skip(at, kTrailing);
    if (at == mark) ++at;  // a paragraph separator: a terminator, not trailing
    int32_t end = size;
    if (at >= size) {
      // The text ends in this mark's run of terminal marks, closing punctuation and spaces.
      // The only break it can hold is before closing punctuation or a mark after a space
      // ("Go. Stop! ("); a text that is one such run from its first mark on is not broken
      // at all (MayBreakInside). White space other than ASCII is not told apart from closing
      // punctuation here: a run that holds any is given to ICU.
      int32_t after = mark;
      while (after < size && !space(after) && scan.Ascii(after)) ++after;
      while (after < size && space(after)) ++after;
      if (after >= size || first_mark) break;
    } else {
      end = forward_words(scan.Find(at, kLookaheadEnd));
    }
    const int32_t begin = back_words(mark);
    first_mark = false;
    if (stretch_begin >= 0 && begin > stretch_end) {
      emit(stretch_begin, stretch_end);
      stretch_begin = -1;
    }
    if (stretch_begin < 0) stretch_begin = begin;
    stretch_end = std::max(stretch_end, end);
  }
  if (stretch_begin >= 0) emit(stretch_begin, stretch_end);
}

}  // namespace

void Segmenter::BreakStretch(std::string_view text, bool ascii, const UChar* chars, int32_t begin,
                             int32_t length, int32_t& byte, int32_t& unit,
                             std::vector<std::size_t>& out) {
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUChars(&utext, chars, length, &status);
  if (U_FAILURE(status)) return;
  iterator_->setText(&utext, status);
  if (U_SUCCESS(status)) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    for (int32_t b = iterator_->next(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
      if (b >= length) break;  // the end of the stretch is no break of the text
      const int32_t at_unit = begin + b;
      if (ascii) byte = unit = at_unit;
      while (unit < at_unit) {
        UChar32 c;
        U8_NEXT_UNSAFE(bytes, byte, c);
        unit += U16_LENGTH(c);
      }
      const auto at = static_cast<std::size_t>(byte);
      if (!AfterAbbreviation(text.substr(0, at))) out.push_back(at);
    }
  }
  utext_close(&utext);
}

std::vector<std::size_t> Segmenter::SentenceStarts(std::string_view text) {
  return Segment(text, /*whole_text=*/false);
}

std::vector<std::size_t> Segmenter::SentenceStartsOverWholeText(std::string_view text) {
  return Segment(text, /*whole_text=*/true);
}

std::vector<std::size_t> Segmenter::Segment(std::string_view text, bool whole_text) {
  std::vector<std::size_t> out;
  const bool ascii = AllAscii(text);
  // The readers reject ill-formed UTF-8 before this; anything else has no breaks to offer.
  if (!ascii && !IsValidUtf8(text)) return out;
  // A sentence break depends only on the text near a terminal mark (UAX #29): the word before
  // it, the closing punctuation and spaces after it, and what follows up to the next letter or
  // terminal mark (SB8). ICU's exceptions to breaking reach as many words further either way as
  // they have spaces ("a. e. c.", "k. u. k."). So ICU runs over the stretch of text around each
  // terminal mark, from `context_words_` words before it to as many past that look-ahead;
  // stretches that meet are joined. Text between stretches (most of a paragraph) never goes
  // through the rules engine. A test holds the result to ICU over the whole text.
  int32_t byte = 0;  // the byte offset of UTF-16 offset `unit`
  int32_t unit = 0;
  if (ascii) {
    // ICU breaks UTF-16 text fastest (through a UTF-8 UText, each chunk is converted and mapped
    // on the way). ASCII text is widened a stretch at a time; its offsets do not change.
    auto emit = [&](int32_t begin, int32_t end) {
      utf16_.assign(text.begin() + begin, text.begin() + end);
      BreakStretch(text, true, utf16_.data(), begin, end - begin, byte, unit, out);
    };
    if (!whole_text) {
      const char(*terminators)[16] = sets_->terminator_count > 0 ? sets_->terminator_rows : nullptr;
      ForEachStretch(AsciiScan(text, sets_->ascii, terminators), context_words_, emit);
    } else if (MayBreakInside(text)) {
      emit(0, static_cast<int32_t>(text.size()));
    }
    return out;
  }
  if (!MayBreakInside(text)) return out;
  const auto length = static_cast<int32_t>(text.size());
  utf16_.resize(text.size());  // never more UTF-16 units than UTF-8 bytes
  UErrorCode status = U_ZERO_ERROR;
  int32_t units = 0;
  u_strFromUTF8(utf16_.data(), length, &units, text.data(), length, &status);
  if (U_FAILURE(status)) return out;
  auto emit = [&](int32_t begin, int32_t end) {
    BreakStretch(text, false, utf16_.data() + begin, begin, end - begin, byte, unit, out);
  };
  if (whole_text) {
    emit(0, units);
  } else {
    const icu::UnicodeSet* const sets[3] = {&sets_->terminators, &sets_->trailing,
                                            &sets_->lookahead_end};
    ForEachStretch(Utf16Scan(utf16_.data(), units, sets, sets_->ascii), context_words_, emit);
  }
  return out;
}

}  // namespace l10n
