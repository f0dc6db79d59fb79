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
  // A tag ICU cannot read formats nothing; nor does a formatter moved from.
  EXPECT_EQ(FormatLongDate("2026-11-20", "not a tag!"), "2026-11-20");
  LongDateFormat moved("de");
  LongDateFormat taker = std::move(moved);
  EXPECT_EQ(taker("2026-11-20"), "20. November 2026");
  EXPECT_EQ(moved("2026-11-20"), "2026-11-20");  // NOLINT(bugprone-use-after-move)
}

// Dates that do not exist roll over as ICU's lenient calendar has them, the same for one
// formatter reused as for one made for each date.
TEST(LongDateFormatTest, DatesThatDoNotExistRollOverAlike) {
  EXPECT_EQ(FormatLongDate("2026-02-30", "en"), "March 2, 2026");
  EXPECT_EQ(FormatLongDate("2026-13-01", "en"), "January 1, 2027");
  LongDateFormat format("en");
  for (const std::string date : {"2026-02-30", "1500-03-01", "2026-13-01", "2026-11-20"})
    EXPECT_EQ(format(date), FormatLongDate(date, "en")) << date;
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
