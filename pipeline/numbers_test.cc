#include "pipeline/numbers.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace l10n {
namespace {

struct Case {
  const char* name;
  const char* locale;
  std::string text;
  std::vector<std::pair<double, std::string>> numbers;  // value, unit
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class NumberReaderTest : public ::testing::TestWithParam<Case> {};

TEST_P(NumberReaderTest, ReadsValuesAndUnits) {
  NumberReader reader(GetParam().locale);
  std::vector<std::pair<double, std::string>> got;
  for (const NumberToken& t : reader.Find(GetParam().text)) got.emplace_back(t.value, t.unit);
  EXPECT_EQ(got, GetParam().numbers);
}

INSTANTIATE_TEST_SUITE_P(
    Locales, NumberReaderTest,
    ::testing::Values(
        Case{"en_percent", "en", "up to 95% of patients", {{95, "%"}}},
        Case{"fr_percent_nbsp", "fr", "jusqu’à 95\u00a0% des patients", {{95, "%"}}},
        Case{"fr_percent_nnbsp", "fr", "95\u202f%", {{95, "%"}}},
        Case{"ar_percent", "ar", "حتى ٩٥٪ من المرضى", {{95, "%"}}},
        Case{"de_percent_space", "de", "bis zu 95 % der", {{95, "%"}}},
        Case{"en_decimal_mm", "en", "needles of 1.5 mm", {{1.5, "mm"}}},
        Case{"de_decimal_comma", "de", "Nadeln von 1,5 mm", {{1.5, "mm"}}},
        Case{"en_grouping", "en", "1,000 patients", {{1000, ""}}},
        Case{"de_grouping", "de", "1.000 Patienten", {{1000, ""}}},
        Case{"fr_grouping_space", "fr", "1\u202f000 patients", {{1000, ""}}},
        Case{"en_comma_is_not_decimal", "en", "1,5 mm", {{1, ""}, {5, "mm"}}},
        Case{"de_point_is_not_decimal", "de", "1.5 mm", {{1, ""}, {5, "mm"}}},
        Case{"year", "en", "introduced in 1995 as", {{1995, ""}}},
        Case{"ja_year_and_hours", "ja", "1995年に、24時間以内", {{1995, ""}, {24, "hour"}}},
        Case{"ar_hours", "ar", "خلال ٢٤ ساعة", {{24, "hour"}}},
        Case{"es_hours", "es", "más de 24\u00a0horas", {{24, "hour"}}},
        Case{"de_hours_hyphen", "de", "24-Stunden-Fenster", {{24, "hour"}}},
        Case{"mm_glued", "en", "incisions (1mm)", {{1, "mm"}}},
        Case{"ar_mm", "ar", "(١ مم)", {{1, "mm"}}},
        Case{"range", "en", "1–2 mm", {{1, ""}, {2, "mm"}}},
        Case{"name_digits_ignored", "en", "COVID19 and 3 days", {{3, "day"}}},
        Case{"no_numbers", "en", "No numbers here.", {}}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// Text without a digit (ASCII's 0-9, or a character ICU calls a decimal digit) is passed over
// without ICU; anything else is read the general way. A digit after the text, apart from it,
// sends the text the general way, and must find what was found, and that one number more. Texts
// are well-formed UTF-8, as every text read from XML is; the pieces beyond ASCII are two-, three-
// and four-byte characters, letters, punctuation and digits, in and out of the range of the
// letters of the languages the guide is translated into (Arabic, Japanese).
TEST(NumberReader, TextPassedOverGivesWhatTheGeneralWayGives) {
  const std::vector<std::string> pieces = {
      "1",      "5",      "95",     " ",      "%",      ".",      ",",          "mm",
      " hours", "x",      "COVID",  "-",      "(",      ")",      "1,000",      "2.5",
      "day",    "\u00e9", "\u00a0", "\u2014", "\u2019", "\u20ac", "\u202f",     "\u03a9",
      "\u044f", "\u0665", "\u06f5", "\u0967", "\uff15", "\u2075", "\u00bd",     "\xd9\xa5",
      "\u0645", "\u06cc", "\u30c6", "\u4e2d", "\u3002", "\u0e01", "\U0001D7D3", "\U0001F600"};
  std::mt19937 random(20261207);
  for (const char* locale : {"en", "de", "fr", "es", "ar", "ja"}) {
    const NumberReader reader(locale);
    for (int i = 0; i < 5'000; ++i) {
      std::string text;
      const int length = static_cast<int>(random() % 8);
      for (int k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
      const std::vector<NumberToken> found = reader.Find(text);
      const std::vector<NumberToken> general = reader.Find(text + " \u0665");
      ASSERT_EQ(found.size() + 1, general.size()) << locale << ": " << text;
      // What follows a number may join its token's text; its value and unit stay.
      for (std::size_t t = 0; t < found.size(); ++t) {
        EXPECT_EQ(found[t].value, general[t].value) << text;
        EXPECT_EQ(found[t].unit, general[t].unit) << text;
        EXPECT_EQ(found[t].begin, general[t].begin) << text;
      }
    }
  }
  // Digits beyond ASCII are read: Arabic-Indic, extended Arabic-Indic, Devanagari, fullwidth.
  for (const char* text : {"\u0665 mm", "\u06f5 mm", "\u0967 mm", "\uff15 mm"}) {
    EXPECT_EQ(NumberReader("en").Find(text).size(), 1u) << text;
  }
}

}  // namespace
}  // namespace l10n
