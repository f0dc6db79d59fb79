#include "pipeline/locale.h"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/gregocal.h>
#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

#include "pipeline/text.h"

namespace l10n {

namespace {

// ICU's ISO 639 languages and ISO 3166 regions, sorted once per process for binary search
// (a tag is validated for every document of a batch). Never changed after it is made.
struct IsoCodes {
  std::vector<std::string_view> languages;
  std::vector<std::string_view> regions;
  static const IsoCodes& Get() {
    static const IsoCodes codes = [] {
      IsoCodes made;
      for (const char* const* l = icu::Locale::getISOLanguages(); *l != nullptr; ++l) {
        made.languages.emplace_back(*l);
      }
      for (const char* const* c = icu::Locale::getISOCountries(); *c != nullptr; ++c) {
        made.regions.emplace_back(*c);
      }
      std::sort(made.languages.begin(), made.languages.end());
      std::sort(made.regions.begin(), made.regions.end());
      return made;
    }();
    return codes;
  }
};

bool IsKnownCode(const std::vector<std::string_view>& codes, std::string_view code) {
  return std::binary_search(codes.begin(), codes.end(), code);
}

}  // namespace

Status ValidateLocaleTag(const std::string& tag) {
  if (tag == kPseudoLocale) return Status::Ok();
  if (tag.empty())
    return Status::InvalidArgument("empty locale tag; use a BCP 47 tag such as es or pt-BR");
  // Real tags are short; a long one would not fit ICU's locale ids.
  constexpr std::size_t kMaxTag = 64;
  if (tag.size() > kMaxTag) {
    return Status::InvalidArgument("locale tag of " + std::to_string(tag.size()) +
                                   " characters; BCP 47 tags used here are at most " +
                                   std::to_string(kMaxTag));
  }
  UErrorCode status = U_ZERO_ERROR;
  char buffer[ULOC_FULLNAME_CAPACITY + 1] = {};
  int32_t parsed = 0;
  const int32_t length =
      uloc_forLanguageTag(tag.c_str(), buffer, ULOC_FULLNAME_CAPACITY, &parsed, &status);
  if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING ||
      length >= ULOC_FULLNAME_CAPACITY || parsed != static_cast<int32_t>(tag.size())) {
    return Status::InvalidArgument("'" + tag +
                                   "' is not a well-formed BCP 47 locale tag (e.g. es, fr, pt-BR)");
  }
  icu::Locale locale(buffer);
  const std::string language = locale.getLanguage();
  if (!IsKnownCode(IsoCodes::Get().languages, language)) {
    return Status::InvalidArgument("'" + tag + "': language '" + language +
                                   "' is not an ISO 639 language ICU knows");
  }
  const std::string region = locale.getCountry();
  if (!region.empty() && region.size() == 2) {
    if (!IsKnownCode(IsoCodes::Get().regions, region)) {
      return Status::InvalidArgument("'" + tag + "': region '" + region +
                                     "' is not an ISO 3166 region");
    }
  }
  return Status::Ok();
}

bool IsRightToLeft(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  return U_SUCCESS(status) && locale.isRightToLeft();
}

bool WritesWithoutSpaces(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string language = icu::Locale::forLanguageTag(tag, status).getLanguage();
  for (const char* l : {"ja", "zh", "th", "lo", "km", "my", "bo"}) {
    if (language == l) return true;
  }
  return false;
}

std::string NativeDisplayName(const std::string& tag) {
  if (tag == kPseudoLocale) return "[Ƥšéũđõ]";
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status)) return tag;
  UDisplayContext contexts[] = {UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU,
                                UDISPCTX_DIALECT_NAMES};
  std::unique_ptr<icu::LocaleDisplayNames> names(
      icu::LocaleDisplayNames::createInstance(locale, contexts, 2));
  icu::UnicodeString name;
  names->localeDisplayName(locale, name);
  return ToUtf8(name);
}

struct LongDateFormat::Impl {
  std::unique_ptr<icu::TimeZone> utc;
  std::unique_ptr<icu::GregorianCalendar> calendar;
  // Null when the tag is not one ICU reads, or ICU has no format for the locale: dates are
  // then left as they are.
  std::unique_ptr<icu::DateFormat> format;
};

LongDateFormat::LongDateFormat(const std::string& tag) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(tag == kPseudoLocale ? "en" : tag, status);
  impl_->utc.reset(icu::TimeZone::createTimeZone("UTC"));
  impl_->calendar = std::make_unique<icu::GregorianCalendar>(*impl_->utc, status);
  if (U_FAILURE(status)) return;
  impl_->format.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (impl_->format) impl_->format->setTimeZone(*impl_->utc);
}

LongDateFormat::~LongDateFormat() = default;
LongDateFormat::LongDateFormat(LongDateFormat&&) noexcept = default;
LongDateFormat& LongDateFormat::operator=(LongDateFormat&&) noexcept = default;

std::string LongDateFormat::operator()(const std::string& iso_date) {
  int year = 0, month = 0, day = 0;
  if (std::sscanf(iso_date.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3) return iso_date;
  if (!impl_ || !impl_->format) return iso_date;  // a tag ICU cannot read, or moved from
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar& calendar = *impl_->calendar;
  calendar.clear();
  calendar.set(year, month - 1, day, 12, 0, 0);
  UDate date = calendar.getTime(status);
  if (U_FAILURE(status)) return iso_date;
  icu::UnicodeString out;
  impl_->format->format(date, out);
  return ToUtf8(out);
}

std::string FormatLongDate(const std::string& iso_date, const std::string& tag) {
  return LongDateFormat(tag)(iso_date);
}

}  // namespace l10n
