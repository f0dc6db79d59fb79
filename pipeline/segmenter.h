// Sentence segmentation with ICU, plus per-language abbreviation exceptions
// (ICU's own suppression list misses "Dr." and breaks after "e.g."/"i.e."
// before a capital letter).
#ifndef L10N_PIPELINE_SEGMENTER_H_
#define L10N_PIPELINE_SEGMENTER_H_

#include <unicode/brkiter.h>
#include <unicode/uniset.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

class Segmenter {
 public:
  // `locale` is a BCP 47 tag; its language selects the abbreviation list.
  static Result<Segmenter> Create(const std::string& locale);
  // The error Create gives for a tag it cannot segment, without making a segmenter.
  static Status CheckLocale(const std::string& locale);

  // Byte offsets in `text` (UTF-8) where a new sentence starts, excluding 0
  // and text.size(), ascending. Trailing white space stays with the
  // preceding sentence, as ICU reports it. Ill-formed UTF-8 gets no breaks.
  // Not thread-safe: use one Segmenter per thread.
  std::vector<std::size_t> SentenceStarts(std::string_view text);
  // The same breaks, found by running ICU over the whole text rather than
  // over the stretches around each terminal mark: the reference that
  // SentenceStarts is held to.
  std::vector<std::size_t> SentenceStartsOverWholeText(std::string_view text);

  // The abbreviations after which this segmenter never breaks.
  static std::vector<std::string> Abbreviations(const std::string& language);

  // The tag this segmenter was created for.
  const std::string& locale() const { return locale_; }

 private:
  // Where a sentence can end (terminal marks, paragraph separators) and what may follow the
  // last terminal mark without a break. Frozen constants shared by every segmenter.
  struct SentenceEndSets {
    icu::UnicodeSet terminators;
    icu::UnicodeSet trailing;
    // Where the look-ahead after a terminal mark surely ends (UAX #29 SB8 looks up to the next
    // letter, paragraph separator or terminal mark): ASCII letters and the terminators. It may
    // run past other letters, which only makes a stretch longer.
    icu::UnicodeSet lookahead_end;
    // The terminators, trailing marks and look-ahead ends over ASCII, one bit each per
    // character, and ASCII white space, which separates words (segmenter.cc has the bits).
    uint8_t ascii[128] = {};
    // The ASCII terminators (at most eight; the rest repeat the first), for scanning sixteen
    // bytes at a time; `terminator_count` is 0 when there are more.
    char ascii_terminators[8] = {};
    int terminator_count = 0;
    // Each of the eight bytes of ascii_terminators sixteen times, ready to compare with sixteen
    // bytes of text.
    alignas(16) char terminator_rows[8][16] = {};
    // The process's sets, made on first use; null if ICU could not make them.
    static const SentenceEndSets* Get();
  };
  Segmenter(std::string locale, std::unique_ptr<icu::BreakIterator> iterator,
            std::vector<std::string> abbreviations, int context_words, const SentenceEndSets* sets)
      : locale_(std::move(locale)),
        iterator_(std::move(iterator)),
        context_words_(context_words),
        sets_(sets) {
    SortAbbreviations(std::move(abbreviations));
  }
  // Files each abbreviation under single_words_ or with_breaks_.
  void SortAbbreviations(std::vector<std::string> abbreviations);
  bool AfterAbbreviation(std::string_view before) const;
  // False when no sentence can end before the end of `text`, so that ICU
  // need not run at all.
  bool MayBreakInside(std::string_view text) const;
  // Adds to `out` the byte offsets of the sentence starts ICU finds in the
  // `length` UTF-16 units at `chars`, which are the text from UTF-16 offset
  // `begin` on, taken as if they were the whole text; skips those after an
  // abbreviation. `byte` and `unit` carry the mapping of UTF-16 offsets to
  // bytes from call to call (breaks come in order).
  std::vector<std::size_t> Segment(std::string_view text, bool whole_text);
  void BreakStretch(std::string_view text, bool ascii, const UChar* chars, int32_t begin,
                    int32_t length, int32_t& byte, int32_t& unit, std::vector<std::size_t>& out);
  std::string locale_;
  std::unique_ptr<icu::BreakIterator> iterator_;
  // The abbreviations after which no sentence ends: those that are one word (no character
  // AfterAbbreviation takes for a word boundary), sorted, and the others ("p. ej.").
  std::vector<std::string> single_words_;
  std::vector<std::string> with_breaks_;
  // Words around a terminal mark that its break may depend on, beyond the mark's own word and
  // the look-ahead: as many as the longest exception to breaking has spaces, at least one.
  int context_words_;
  const SentenceEndSets* sets_;  // not owned; lives as long as the process
  std::vector<UChar> utf16_;     // the text being broken, reused from call to call
};

// Segmenters by locale tag, made on first use and kept, so that a batch of
// documents pays for ICU's setup once per language. One thread at a time.
class SegmenterCache {
 public:
  Result<Segmenter*> Get(const std::string& locale);

 private:
  std::map<std::string, std::unique_ptr<Segmenter>> made_;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_SEGMENTER_H_
