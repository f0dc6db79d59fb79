// Finding the numbers of a text the way its language writes them: digits of
// any script (Arabic-Indic too), the locale's decimal and grouping
// separators from ICU (a grouping separator counts only before exactly three
// digits, so English "1,5" is two numbers, not 15 or 1.5), percent signs
// before or after, and the unit that follows (mm, cm, hours...) in the
// language's own words.
#ifndef L10N_PIPELINE_NUMBERS_H_
#define L10N_PIPELINE_NUMBERS_H_

#include <string>
#include <string_view>
#include <vector>

namespace l10n {

struct NumberToken {
  double value = 0;
  std::string unit;       // canonical: "%", "mm", "cm", "hour"...; "" when none
  std::size_t begin = 0;  // byte range of the number (and unit) in the text
  std::size_t end = 0;
  std::string text;
};

class NumberReader {
 public:
  explicit NumberReader(const std::string& locale);
  std::vector<NumberToken> Find(std::string_view text) const;

 private:
  std::u16string decimal_;
  std::u16string grouping_;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_NUMBERS_H_
