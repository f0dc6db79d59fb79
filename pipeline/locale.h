// Locale facts from ICU: validation of BCP 47 tags, writing direction, and
// each language's own name for a language menu.
#ifndef L10N_PIPELINE_LOCALE_H_
#define L10N_PIPELINE_LOCALE_H_

#include <memory>
#include <string>

#include "pipeline/status.h"

namespace l10n {

// The pseudo-locale generated on the fly (accented, longer, bracketed).
inline constexpr char kPseudoLocale[] = "qps-ploc";

// OK when `tag` is a well-formed BCP 47 tag whose language ICU knows (or the
// pseudo-locale); otherwise an error that says what is wrong.
Status ValidateLocaleTag(const std::string& tag);

bool IsRightToLeft(const std::string& tag);

// True for languages written without spaces between words and sentences
// (Japanese, Chinese, Thai, Lao, Khmer, Burmese, Tibetan).
bool WritesWithoutSpaces(const std::string& tag);

// The language's name in itself, capitalized for a menu ("Español",
// "Português (Brasil)", "العربية", "日本語").
std::string NativeDisplayName(const std::string& tag);

// Formats a date (YYYY-MM-DD) in the locale's long style; returns the input
// unchanged when it cannot be parsed.
std::string FormatLongDate(const std::string& iso_date, const std::string& tag);

// FormatLongDate for many dates of one locale: ICU's formatter is made once. Not for use by
// two threads at once; one moved from leaves every date as it is.
class LongDateFormat {
 public:
  explicit LongDateFormat(const std::string& tag);
  ~LongDateFormat();
  LongDateFormat(LongDateFormat&&) noexcept;
  LongDateFormat& operator=(LongDateFormat&&) noexcept;

  std::string operator()(const std::string& iso_date);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_LOCALE_H_
