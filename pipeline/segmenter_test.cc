#include "pipeline/segmenter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace l10n {
namespace {

std::vector<std::string> Split(const std::string& text, const std::string& locale = "en") {
  Result<Segmenter> segmenter = Segmenter::Create(locale);
  EXPECT_TRUE(segmenter.ok());
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t b : segmenter->SentenceStarts(text)) {
    out.push_back(text.substr(start, b - start));
    start = b;
  }
  out.push_back(text.substr(start));
  return out;
}

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> sentences;
};

class SegmenterTest : public ::testing::TestWithParam<Case> {};

TEST_P(SegmenterTest, SplitsAsExpected) { EXPECT_EQ(Split(GetParam().text), GetParam().sentences); }

INSTANTIATE_TEST_SUITE_P(
    English, SegmenterTest,
    ::testing::Values(
        Case{"two_sentences", "It heals. It works.", {"It heals. ", "It works."}},
        Case{"doctor", "Ask Dr. Smith first. Then book.", {"Ask Dr. Smith first. ", "Then book."}},
        Case{"eg_before_capital",
             "Use a serum, e.g. Vitamin C, daily. Then rest.",
             {"Use a serum, e.g. Vitamin C, daily. ", "Then rest."}},
        Case{"ie_before_capital",
             "The outer layer, i.e. The epidermis, heals. Done.",
             {"The outer layer, i.e. The epidermis, heals. ", "Done."}},
        Case{"decimal",
             "Needles of 1.5 mm are used. They are short.",
             {"Needles of 1.5 mm are used. ", "They are short."}},
        Case{"percent",
             "Up to 95% improved. Results vary.",
             {"Up to 95% improved. ", "Results vary."}},
        Case{"question", "What is it? A treatment.", {"What is it? ", "A treatment."}},
        Case{"quotes",
             "He said “It works.” Then he left.",
             {"He said “It works.” ", "Then he left."}},
        Case{"list_like", "Benefits: safe, fast, and cheap.", {"Benefits: safe, fast, and cheap."}},
        Case{"one", "No break here", {"No break here"}},
        // Break positions are byte offsets: characters of two, three and four UTF-8 bytes (one
        // and two UTF-16 units) before each break.
        Case{"non_ascii",
             "Wir öffnen um 9 Uhr. 😀 Das ist gut. Ça va? Ja… Sí. ½ dose.",
             {"Wir öffnen um 9 Uhr. ", "😀 Das ist gut. ", "Ça va? ", "Ja… Sí. ½ dose."}},
        Case{"emoji_before_break",
             "Heals 😀😀. Then 𝔸 rests. Done.",
             {"Heals 😀😀. ", "Then 𝔸 rests. ", "Done."}}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(SegmenterLocales, SpanishKeepsAbbreviation) {
  EXPECT_EQ(Split("Consulte a la Dra. Pérez. Después descanse.", "es"),
            (std::vector<std::string>{"Consulte a la Dra. Pérez. ", "Después descanse."}));
}

// The segmenter's own abbreviations hold wherever a word may start (the start of the text, after a
// space, a line break, a tab, an opening parenthesis or a straight quotation mark), and only
// there: a word that merely ends in one ("ProDr.") is an ordinary word. Abbreviations made of
// several words ("p. ej.", "z. B.") hold as well.
TEST(SegmenterLocales, AbbreviationsHoldOnlyAtAWordStart) {
  EXPECT_EQ(Split("Use it, e.g. Twice a day. Rest."),
            (std::vector<std::string>{"Use it, e.g. Twice a day. ", "Rest."}));
  EXPECT_EQ(Split("e.g. Twice a day. Rest."),
            (std::vector<std::string>{"e.g. Twice a day. ", "Rest."}));
  EXPECT_EQ(Split("Use it (e.g. Twice a day). Rest."),
            (std::vector<std::string>{"Use it (e.g. Twice a day). ", "Rest."}));
  EXPECT_EQ(Split("Use it \"e.g. Twice a day\". Rest."),
            (std::vector<std::string>{"Use it \"e.g. Twice a day\". ", "Rest."}));
  EXPECT_EQ(Split("Use it,\ne.g. Twice a day. Rest."),  // a line break ends a paragraph
            (std::vector<std::string>{"Use it,\n", "e.g. Twice a day. ", "Rest."}));
  EXPECT_EQ(Split("Use it,\te.g.\tTwice a day. Rest."),
            (std::vector<std::string>{"Use it,\te.g.\tTwice a day. ", "Rest."}));
  EXPECT_EQ(Split("Use it, xe.g. Twice a day. Rest."),
            (std::vector<std::string>{"Use it, xe.g. ", "Twice a day. ", "Rest."}));
  EXPECT_EQ(Split("Use it, e.g.  Twice a day. Rest."),
            (std::vector<std::string>{"Use it, e.g.  Twice a day. ", "Rest."}));
  EXPECT_EQ(Split("Tome un suero, p. ej. Vitamina C. Luego descanse.", "es"),
            (std::vector<std::string>{"Tome un suero, p. ej. Vitamina C. ", "Luego descanse."}));
  EXPECT_EQ(Split("Ein Serum, z. B. Retinol. Dann ruhen.", "de"),
            (std::vector<std::string>{"Ein Serum, z. B. Retinol. ", "Dann ruhen."}));
}

TEST(SegmenterLocales, LanguagesWithoutICUExceptionsAreSegmented) {
  for (const char* locale : {"ja", "zh", "zh-Hant"}) {
    Result<Segmenter> made = Segmenter::Create(locale);
    ASSERT_TRUE(made.ok()) << locale << ": " << made.status().ToString();
    const std::string text =
        "\xe3\x81\xaf\xe3\x81\x84\xe3\x80\x82"   // はい。
        "\xe3\x81\x84\xe3\x81\x84\xe3\x81\x88";  // いいえ
    EXPECT_EQ(made->SentenceStarts(text), std::vector<std::size_t>{9}) << locale;
  }
}

TEST(SegmenterLocales, RejectsBadTag) { EXPECT_FALSE(Segmenter::Create("not a tag!").ok()); }

TEST(SegmenterInput, IllFormedUtf8HasNoBreaks) {
  Result<Segmenter> segmenter = Segmenter::Create("en");
  ASSERT_TRUE(segmenter.ok());
  EXPECT_TRUE(segmenter->SentenceStarts("One. \xC3\x28Two. \xFF\xFE Three.").empty());
}

// ICU runs only over the stretches around terminal marks. Whatever the text, the breaks must be
// those of ICU over the whole text: random texts of words, abbreviations (ICU's own, with
// spaces, and the segmenter's), numbers, terminal marks, closing punctuation and spaces of
// several kinds, all-ASCII and not, in languages whose exceptions have up to two spaces, and in
// regional variants that take their language's exceptions.
TEST(SegmenterStretches, BreakAsICUOverTheWholeText) {
  const std::vector<std::string> ascii_tokens = {
      "the",    "dose",    "skin",      "Needles", "After",   "IT",       "US",       "a",
      "B",      "mg",      "3",         "10.5",    "2.",      "0.25",     "Dr.",      "Mr.",
      "e.g.",   "i.e.",    "U.S.",      "Ph.D.",   "approx.", "No.",      "Fig.",     "vs.",
      "Jan.",   "p.",      "ej.",       "p. ej.",  "z. B.",   "a. e. c.", "k. u. k.", "v. u. Z.",
      "p. ex.", "n. Chr.", "av. J.-C.", "etc.",    ".",       ".",        ".",        "!",
      "?",      "...",     "?!",        ".)",      ".\"",     "(",        ")",        "\"",
      "'",      ",",       ";",         ":",       "-",       "[",        "]",        "'s",
      "A.",     "b.",      "x.y.",      "3.5.",    "#",       "%"};
  const std::vector<std::string> other_tokens = {
      "\xc3\xa9t\xc3\xa9",  // été
      "\xc3\x89tape",       // Étape
      "\xc3\xbc"
      "ber",                       // über
      "\xce\xa9mega",              // Ωmega
      "\xd0\x9f\xd1\x80\xd0\xb8",  // При
      "\xd0\xbd. \xd1\x8d.",       // н. э.
      "\xe6\x97\xa5\xe6\x9c\xac",  // 日本
      "\xe3\x80\x82",              // 。
      "\xef\xbc\x81",              // ！
      "\xd8\x9f",                  // ؟
      "\xc2\xbb",
      "\xc2\xab",  // » «
      "\xe2\x80\x9d",
      "\xe2\x80\x99",      // ” ’
      "e\xcc\x81",         // e + combining acute
      "\xe2\x80\xa6",      // …
      "\xf0\x9d\x90\x80",  // 𝐀 (outside the BMP)
      "\xe2\x80\x8b",      // zero-width space
  };
  const std::vector<std::string> ascii_spaces = {" ", " ", " ", " ", "  ", "", "\n", "\t"};
  const std::vector<std::string> other_spaces = {"\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\xa8",
                                                 "\xc2\x85", "\xe2\x80\x83"};
  std::mt19937 random(20261124);
  int compared = 0;
  int broken = 0;
  for (const char* locale : {"en", "es", "de", "fr", "ru", "pt", "ja", "de-AT", "pt-BR"}) {
    Result<Segmenter> made = Segmenter::Create(locale);
    ASSERT_TRUE(made.ok()) << locale;
    Segmenter& segmenter = *made;
    for (int i = 0; i < 6000; ++i) {
      const bool ascii = i % 2 == 0;
      const int tokens = 1 + static_cast<int>(random() % 40);
      std::string text;
      for (int t = 0; t < tokens; ++t) {
        if (!ascii && random() % 5 == 0) {
          text += other_tokens[random() % other_tokens.size()];
        } else {
          text += ascii_tokens[random() % ascii_tokens.size()];
        }
        if (!ascii && random() % 8 == 0) {
          text += other_spaces[random() % other_spaces.size()];
        } else {
          text += ascii_spaces[random() % ascii_spaces.size()];
        }
      }
      const std::vector<std::size_t> whole = segmenter.SentenceStartsOverWholeText(text);
      ASSERT_EQ(segmenter.SentenceStarts(text), whole) << locale << ": \"" << text << "\"";
      ++compared;
      broken += !whole.empty();
    }
  }
  EXPECT_EQ(compared, 9 * 6000);
  EXPECT_GT(broken, compared / 3);  // the texts do break, often
}

}  // namespace
}  // namespace l10n
