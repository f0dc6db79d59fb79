#include "pipeline/analyze.h"

#include <gtest/gtest.h>

#include <string>

#include "pipeline/test_support.h"

namespace l10n {
namespace {

constexpr std::size_t kContext = 0, k100 = 1, kRepetition = 2, kNew = 6;

std::string Page(const std::string& first) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
         "lang=\"en\"><head><title>Guide</title></head><body><h1>Aftercare</h1><p>Avoid direct "
         "sun for two days. " +
         first + "</p><p>Avoid direct sun for two days.</p></body></html>";
}

Extraction Extract(const std::string& page) {
  Result<Extraction> e = ExtractXhtml(page, "guide.xhtml", ExtractOptions{});
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return std::move(e).value();
}

// The unit whose source starts with `start`, and its `nth` segment.
Segment* SegmentOf(XliffDocument& doc, const std::string& start, int nth) {
  for (Unit& unit : doc.units) {
    if (PlainText(unit.SourceContent()).rfind(start, 0) != 0) continue;
    for (Segment& part : unit.parts) {
      if (part.is_segment && nth-- == 0) return &part;
    }
  }
  return nullptr;
}

const char kCream[] = "Apply the cream twice a day.";

TEST(AnalyzeTest, WithoutAnEarlierVersionSegmentsAreNewOrRepetitions) {
  const Extraction source = Extract(Page(kCream));
  const BandCounts counts = Analyze({{&source, nullptr}}, nullptr, "es");
  // Title, heading, two sentences, and the first sentence again.
  EXPECT_EQ(counts.segments[kNew], 4);
  EXPECT_EQ(counts.segments[kRepetition], 1);
  EXPECT_EQ(counts.words[kRepetition], 6);
  EXPECT_EQ(counts.TotalWords(), 1 + 1 + 6 + 6 + 6);
}

TEST(AnalyzeTest, UnchangedTranslatedUnitsAreContextMatches) {
  const Extraction source = Extract(Page(kCream));
  const XliffDocument previous = testing_support::IdentityTranslation(source);
  const BandCounts counts = Analyze({{&source, &previous}}, nullptr, "es");
  EXPECT_EQ(counts.segments[kContext], 5);
  EXPECT_EQ(counts.words[kContext], counts.TotalWords());
}

TEST(AnalyzeTest, AChangedUnitTakesItsUnchangedSentenceFromElsewhere) {
  const Extraction before = Extract(Page(kCream));
  const XliffDocument previous = testing_support::IdentityTranslation(before);
  const Extraction after = Extract(Page("Apply the cream three times a day."));
  const BandCounts counts = Analyze({{&after, &previous}}, nullptr, "es");
  // Title, heading and the second paragraph are unchanged units; the changed paragraph's first
  // sentence was translated before, its second is new.
  EXPECT_EQ(counts.segments[kContext], 3);
  EXPECT_EQ(counts.segments[k100], 1);
  EXPECT_EQ(counts.segments[kNew], 1);
  EXPECT_EQ(counts.words[kNew], 7);
}

TEST(AnalyzeTest, EachSegmentOfAnUnchangedUnitCountsByItsOwnTranslation) {
  const Extraction source = Extract(Page(kCream));
  XliffDocument previous = testing_support::IdentityTranslation(source);
  // The paragraph's second sentence, and the second paragraph's only one, untranslated.
  Segment* cream = SegmentOf(previous, "Avoid direct sun for two days. Apply", 1);
  ASSERT_NE(cream, nullptr);
  cream->target.reset();
  cream->state = State::kInitial;
  Segment* alone = nullptr;
  for (Unit& unit : previous.units) {
    if (PlainText(unit.SourceContent()) == "Avoid direct sun for two days.")
      alone = &unit.parts.front();
  }
  ASSERT_NE(alone, nullptr);
  alone->state = State::kInitial;  // a target not yet translated
  const BandCounts counts = Analyze({{&source, &previous}}, nullptr, "es");
  // Title, heading and the paragraph's first sentence: context. The untranslated sentence of
  // the paragraph: new. The second paragraph's sentence is translated in the first: 100.
  EXPECT_EQ(counts.segments[kContext], 3);
  EXPECT_EQ(counts.segments[kNew], 1);
  EXPECT_EQ(counts.words[kNew], 6);
  EXPECT_EQ(counts.segments[k100], 1);
}

}  // namespace
}  // namespace l10n
