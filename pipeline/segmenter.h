// Sentence segmentation with ICU, plus per-language abbreviation exceptions
// (ICU's own suppression list misses "Dr." and breaks after "e.g."/"i.e."
// before a capital letter).
#ifndef L10N_PIPELINE_SEGMENTER_H_
#define L10N_PIPELINE_SEGMENTER_H_

#include <unicode/brkiter.h>

#include <cstddef>
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

  // Byte offsets in `text` (UTF-8) where a new sentence starts, excluding 0
  // and text.size(), ascending. Trailing white space stays with the
  // preceding sentence, as ICU reports it. Ill-formed UTF-8 gets no breaks.
  // Not thread-safe: use one Segmenter per thread.
  std::vector<std::size_t> SentenceStarts(std::string_view text);

  // The abbreviations after which this segmenter never breaks.
  static std::vector<std::string> Abbreviations(const std::string& language);

 private:
  Segmenter(std::unique_ptr<icu::BreakIterator> iterator, std::vector<std::string> abbreviations)
      : iterator_(std::move(iterator)), abbreviations_(std::move(abbreviations)) {}
  bool AfterAbbreviation(std::string_view before) const;
  std::unique_ptr<icu::BreakIterator> iterator_;
  std::vector<std::string> abbreviations_;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_SEGMENTER_H_
