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

// ASCII text is read without ICU when it has no digit; text beyond ASCII goes the general way.
// A non-ASCII word after the text takes the general way and must find the same numbers.
TEST(NumberReader, AsciiTextGivesWhatTheGeneralWayGives) {
  const std::vector<std::string> pieces = {"1", "5",  "95",     " ",   "%",     ".",
                                           ",", "mm", " hours", "x",   "COVID", "-",
                                           "(", ")",  "1,000",  "2.5", "day"};
  std::mt19937 random(20261207);
  for (const char* locale : {"en", "de", "fr", "es"}) {
    const NumberReader reader(locale);
    for (int i = 0; i < 5'000; ++i) {
      std::string text;
      const int length = static_cast<int>(random() % 8);
      for (int k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
      const std::vector<NumberToken> fast = reader.Find(text);
      const std::vector<NumberToken> general = reader.Find(text + " \u00e9t\u00e9");
      ASSERT_EQ(fast.size(), general.size()) << locale << ": " << text;
      for (std::size_t t = 0; t < fast.size(); ++t) {
        EXPECT_EQ(fast[t].value, general[t].value) << text;
        EXPECT_EQ(fast[t].unit, general[t].unit) << text;
        EXPECT_EQ(fast[t].begin, general[t].begin) << text;
        EXPECT_EQ(fast[t].end, general[t].end) << text;
        EXPECT_EQ(fast[t].text, general[t].text) << text;
      }
      if (text.find_first_of("0123456789") == std::string::npos) {
        EXPECT_TRUE(fast.empty()) << text;
      }
    }
  }
}

}  // namespace
}  // namespace l10n
