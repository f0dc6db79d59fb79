// Sentence segmentation with ICU, plus per-language abbreviation exceptions
// (ICU's own suppression list misses "Dr." and breaks after "e.g."/"i.e."
// before a capital letter).
#ifndef L10N_PIPELINE_SEGMENTER_H_
#define L10N_PIPELINE_SEGMENTER_H_

#include <unicode/brkiter.h>
#include <unicode/uniset.h>

#include <cstddef>
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
    // The process's sets, made on first use; null if ICU could not make them.
    static const SentenceEndSets* Get();
  };
  Segmenter(std::string locale, std::unique_ptr<icu::BreakIterator> iterator,
            std::vector<std::string> abbreviations, const SentenceEndSets* sets)
      : locale_(std::move(locale)),
        iterator_(std::move(iterator)),
        abbreviations_(std::move(abbreviations)),
        sets_(sets) {}
  bool AfterAbbreviation(std::string_view before) const;
  // False when no sentence can end before the end of `text`, so that ICU
  // need not run at all.
  bool MayBreakInside(std::string_view text) const;
  std::string locale_;
  std::unique_ptr<icu::BreakIterator> iterator_;
  std::vector<std::string> abbreviations_;
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
