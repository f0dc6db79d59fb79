#include "pipeline/segmenter.h"

#include <gtest/gtest.h>

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

TEST(SegmenterLocales, RejectsBadTag) { EXPECT_FALSE(Segmenter::Create("not a tag!").ok()); }

TEST(SegmenterInput, IllFormedUtf8HasNoBreaks) {
  Result<Segmenter> segmenter = Segmenter::Create("en");
  ASSERT_TRUE(segmenter.ok());
  EXPECT_TRUE(segmenter->SentenceStarts("One. \xC3\x28Two. \xFF\xFE Three.").empty());
}

}  // namespace
}  // namespace l10n
