// Fuzzy match scoring between two segments, as translators expect it:
// similarity on words, with inline codes counted as tokens and a number that
// differs always costing enough that the match is never 100%.
#ifndef L10N_PIPELINE_FUZZY_H_
#define L10N_PIPELINE_FUZZY_H_

#include <unicode/brkiter.h>

#include <memory>
#include <string>
#include <vector>

#include "pipeline/content.h"
#include "pipeline/text.h"

namespace l10n {

// Word, number, punctuation and code tokens of `content` (white space
// dropped), between the breaks of ICU's root word rules. A Tokenizer keeps one
// ICU word iterator and its buffers for many calls; ASCII text is broken
// without ICU, as ICU breaks it (BreakWords). It is not thread-safe.
class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  std::vector<std::string> operator()(const Content& content);

 private:
  std::unique_ptr<icu::BreakIterator> words_;
  WordBreaks breaks_;  // reused from text to text
};

// One-off form of Tokenizer.
std::vector<std::string> Tokenize(const Content& content);

// Similarity in percent (0..100). 100 only when the token sequences are equal;
// each number present on one side only costs a further 10 points.
double Similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace l10n

#endif  // L10N_PIPELINE_FUZZY_H_
