#include "pipeline/text.h"

#include <gtest/gtest.h>

#include <string>

namespace l10n {
namespace {

TEST(TextTest, CollapseWhitespaceTreatsUnicodeSpaceAsSpace) {
  EXPECT_EQ(CollapseWhitespace("  one \t two\n\nthree  "), "one two three");
  // No-break space, ideographic space and line separator are white space;
  // U+200B (zero width space) is not.
  EXPECT_EQ(CollapseWhitespace("95\u00a0%\u3000and\u2028more\u200bthan"),
            "95 % and more\u200bthan");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \u00a0 "), "");
  EXPECT_EQ(CollapseWhitespace("Wärme  und\u00a0Kälte"), "Wärme und Kälte");
}

TEST(TextTest, CollapseWhitespaceReplacesIllFormedUtf8) {
  EXPECT_EQ(CollapseWhitespace(std::string("a \xff  b")), "a \uFFFD b");
}

TEST(TextTest, NfcComposesAndKeepsNormalizedText) {
  EXPECT_EQ(Nfc("plain ASCII"), "plain ASCII");
  EXPECT_EQ(Nfc("caf\u00e9"), "caf\u00e9");
  EXPECT_EQ(Nfc("cafe\u0301"), "caf\u00e9");  // e + combining acute
  EXPECT_EQ(Nfc(std::string("x\xc3")), "x\uFFFD");
}

TEST(TextTest, FoldCaseIsFullCaseFolding) {
  EXPECT_EQ(FoldCase("MicroNeedling"), "microneedling");
  EXPECT_EQ(FoldCase("STRASSE Straße"), "strasse strasse");
  EXPECT_EQ(FoldCase("\u0130stanbul"), "i\u0307stanbul");  // not Turkish-specific
  EXPECT_EQ(FoldCase("ÉTÉ"), "été");
}

TEST(TextTest, IsValidUtf8FindsTheFirstBadByte) {
  std::size_t bad = 0;
  EXPECT_TRUE(IsValidUtf8("long enough ASCII text to take the word path, then é and 日本"));
  EXPECT_FALSE(IsValidUtf8(std::string("0123456789abcdef\xc0\x80"), &bad));
  EXPECT_EQ(bad, 16u);
  EXPECT_FALSE(IsValidUtf8(std::string("ab\xed\xa0\x80"), &bad));  // a surrogate
  EXPECT_EQ(bad, 2u);
}

TEST(TextTest, WordCounterCountsLikeCountWords) {
  WordCounter en("en");
  EXPECT_EQ(en.Count("Microneedling is a minimally-invasive treatment, used since 1995."),
            CountWords("Microneedling is a minimally-invasive treatment, used since 1995.", "en"));
  EXPECT_EQ(en.Count("one two three"), 3);
  EXPECT_EQ(en.Count(""), 0);
  EXPECT_EQ(en.Count("  ...  "), 0);
}

}  // namespace
}  // namespace l10n
