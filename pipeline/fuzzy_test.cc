#include "pipeline/fuzzy.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "pipeline/text.h"

namespace l10n {
namespace {

// The tokens of one text as ICU's root word iterator gives them, read from UTF-16 and written
// back: what a Tokenizer must give, whichever way it breaks the text.
std::vector<std::string> IcuTokens(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  EXPECT_TRUE(U_SUCCESS(status));
  std::vector<std::string> tokens;
  const icu::UnicodeString u = FromUtf8(text);
  words->setText(u);
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    const icu::UnicodeString piece = u.tempSubStringBetween(start, end);
    bool blank = true;
    for (int32_t i = 0; i < piece.length(); ++i) blank &= u_isUWhiteSpace(piece.charAt(i)) != 0;
    if (!blank) tokens.push_back(ToUtf8(piece));
  }
  return tokens;
}

TEST(FuzzyTest, TokensAreWordsNumbersPunctuationAndCodes) {
  Content content = {Run::Text("Apply 2.5 ml of gel, "),    Run::Code(RunKind::kOpen, "1"),
                     Run::Text("twice\u00a0a day"),         Run::Code(RunKind::kClose, "1"),
                     Run::Code(RunKind::kPlaceholder, "2"), Run::Text(" \u2014 don\u2019t rub.")};
  const std::vector<std::string> expected = {"Apply",  "2.5",        "ml",  "of",  "gel",  ",",
                                             "{1}",    "twice",      "a",   "day", "{/1}", "{2/}",
                                             "\u2014", "don\u2019t", "rub", "."};
  Tokenizer tokenize;
  EXPECT_EQ(tokenize(content), expected);
  EXPECT_EQ(Tokenize(content), expected);
}

// Ill-formed UTF-8 (a lookup's command-line argument may be) is read as ICU reads it: U+FFFD in
// place of each ill-formed sequence.
TEST(FuzzyTest, IllFormedTextIsReadWithReplacementCharacters) {
  Tokenizer tokenize;
  EXPECT_EQ(tokenize({Run::Text("caf\xe9 au lait")}), IcuTokens("caf\xe9 au lait"));
  EXPECT_EQ(tokenize({Run::Text("caf\xe9 au lait")}),
            (std::vector<std::string>{"caf", "\uFFFD", "au", "lait"}));
}

// On random text, ASCII and not, one Tokenizer for all the texts gives what ICU's iterator gives
// for each: the ASCII texts are broken without ICU, the others through it, and a text's buffers
// are reused for the next.
TEST(FuzzyTest, TokensAreIcusOnRandomText) {
  const std::vector<std::string> ascii = {
      "a",  "Z", "q", "7", "0", ".",  ",", "'", ":", ";", "_", "-", " ",   "  ",   "\t",   "\n",
      "\r", "!", "?", "(", ")", "\"", "%", "/", "@", "#", "+", "=", "e.g", "3.14", "1,000"};
  const std::vector<std::string> beyond = {
      "\u00e9", "\u00a0", "\u2019", "\u2018", "\u201c", "\u2014", "\u2026",     "\u00df", "\u0301",
      "\u65e5", "\u672c", "\u3002", "\u0645", "\u200b", "\u3000", "\U0001F600", "\xff",   "\xc3"};
  std::mt19937 random(20261207);
  std::uniform_int_distribution<int> length(0, 30);
  Tokenizer tokenize;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const bool only_ascii = n % 2 == 0;
    for (int k = length(random); k > 0; --k) {
      const bool other = !only_ascii && random() % 4 == 0;
      const std::vector<std::string>& from = other ? beyond : ascii;
      text += from[random() % from.size()];
    }
    ASSERT_EQ(tokenize({Run::Text(text)}), IcuTokens(text)) << "input: '" << text << "'";
  }
}

TEST(FuzzyTest, SimilarityCountsWordEditsAndNumbers) {
  Tokenizer tokenize;
  const auto tokens = [&tokenize](const std::string& text) { return tokenize({Run::Text(text)}); };
  EXPECT_EQ(Similarity(tokens("Rest for two days."), tokens("Rest for two days.")), 100.0);
  EXPECT_LT(Similarity(tokens("Rest for 2 days."), tokens("Rest for 3 days.")), 100.0);
  EXPECT_GT(Similarity(tokens("Rest for two days."), tokens("Rest for three days.")), 70.0);
}

}  // namespace
}  // namespace l10n
