#include "pipeline/locale.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace l10n {
namespace {

TEST(LongDateFormatTest, FormatsInEachLocalesLongStyle) {
  EXPECT_EQ(FormatLongDate("2026-11-20", "en"), "November 20, 2026");
  EXPECT_EQ(FormatLongDate("2026-11-20", "de"), "20. November 2026");
  EXPECT_EQ(FormatLongDate("2026-11-20", "es"), "20 de noviembre de 2026");
  EXPECT_EQ(FormatLongDate("2026-11-20", "ja"), "2026年11月20日");
  EXPECT_EQ(FormatLongDate("2026-11-20", kPseudoLocale), "November 20, 2026");
}

TEST(LongDateFormatTest, LeavesWhatIsNotADateAsItIs) {
  EXPECT_EQ(FormatLongDate("20 November", "en"), "20 November");
  EXPECT_EQ(FormatLongDate("", "de"), "");
  LongDateFormat dates("fr");
  EXPECT_EQ(dates("soon"), "soon");
  EXPECT_EQ(dates("2026-01-05"), "5 janvier 2026");  // usable after a refusal
}

// One formatter gives, date after date, what a formatter made for each date gives: nothing of
// one date stays in it for the next.
TEST(LongDateFormatTest, ManyDatesWithOneFormatterAsWithOneEach) {
  const std::vector<std::string> dates = {"2026-11-20", "1999-12-31", "2024-02-29", "2000-01-01",
                                          "2026-07-04", "2026-11-20", "1970-06-15"};
  for (const std::string locale : {"en", "es", "fr", "de", "pt-BR", "ar", "ja", "qps-ploc"}) {
    LongDateFormat format(locale);
    for (const std::string& date : dates) {
      const std::string one = format(date);
      EXPECT_EQ(one, FormatLongDate(date, locale)) << locale << " " << date;
      EXPECT_NE(one, date) << locale << " " << date;
    }
  }
}

}  // namespace
}  // namespace l10n
