#include "pipeline/update.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/test_support.h"

namespace l10n {
namespace {

std::string Page(const std::string& first, const std::string& second) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
         "lang=\"en\"><head><title>Guide</title></head><body><h1>Aftercare</h1><p>" +
         first + "</p><p its-loc-note=\"Keep the dosage exact.\">" + second + "</p></body></html>";
}

Extraction Extract(const std::string& page) {
  Result<Extraction> e = ExtractXhtml(page, "guide.xhtml", ExtractOptions{});
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return std::move(e).value();
}

Unit* UnitNamed(XliffDocument& doc, const std::string& name, int nth = 0) {
  for (Unit& unit : doc.units) {
    if (unit.name == name && nth-- == 0) return &unit;
  }
  return nullptr;
}

std::vector<std::string> NotesOf(const Unit& unit) {
  std::vector<std::string> out;
  for (const Note& note : unit.notes) out.push_back(note.category + ": " + note.text);
  return out;
}

const char kFirst[] = "Avoid direct sun for two days.";
const char kSecond[] = "Apply the cream twice a day.";

// The XLIFF of the page, translated, as a translator's tool hands it back: a note of its own on
// each paragraph.
XliffDocument Returned() {
  XliffDocument doc = testing_support::IdentityTranslation(Extract(Page(kFirst, kSecond)));
  UnitNamed(doc, "p", 0)->notes.push_back({"translator", "Checked with the clinic.", false});
  UnitNamed(doc, "p", 1)->notes.push_back({"", "Use the formal register.", true});
  return doc;
}

TEST(Update, UnchangedUnitsKeepTargetStateAndTheNotesTranslatorsAdded) {
  const XliffDocument previous = Returned();
  UpdateStats stats;
  XliffDocument updated =
      UpdateXliff(Extract(Page(kFirst, kSecond)), previous, "es", UpdateOptions{}, &stats, nullptr);
  EXPECT_EQ(stats.kept_units, static_cast<int>(previous.units.size()));
  Unit* first = UnitNamed(updated, "p", 0);
  Unit* second = UnitNamed(updated, "p", 1);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(first->parts[0].target.has_value());
  EXPECT_EQ(first->parts[0].state, State::kTranslated);
  // The document's own notes once, the translator's after them.
  EXPECT_EQ(NotesOf(*first), (std::vector<std::string>{"context: paragraph; section: Aftercare",
                                                       "translator: Checked with the clinic."}));
  EXPECT_EQ(NotesOf(*second), (std::vector<std::string>{"context: paragraph; section: Aftercare",
                                                        "its-loc-note: Keep the dosage exact.",
                                                        ": Use the formal register."}));
  EXPECT_TRUE(second->notes.back().alert);
  EXPECT_TRUE(UnitNamed(updated, "h1")->notes.size() == 1) << "no note is added where none was";
}

TEST(Update, ChangedUnitsKeepTranslatorNotesAndTakeTheDocumentsNewNotes) {
  XliffDocument previous = Returned();
  // A note of the document that has since changed: it is made again, not carried over.
  UnitNamed(previous, "p", 0)->notes[0].text = "paragraph; section: Before";
  UpdateStats stats;
  XliffDocument updated = UpdateXliff(Extract(Page("Avoid direct sun for three days.", kSecond)),
                                      previous, "es", UpdateOptions{}, &stats, nullptr);
  Unit* first = UnitNamed(updated, "p", 0);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(NotesOf(*first), (std::vector<std::string>{"context: paragraph; section: Aftercare",
                                                       "translator: Checked with the clinic."}));
  EXPECT_EQ(first->parts[0].state, State::kInitial) << "the reworded sentence is for review";
  ASSERT_FALSE(first->matches.empty());
  EXPECT_EQ(first->matches[0].origin, "previous-version");
}

TEST(Update, NewUnitsTakeNoNotesFromUnitsStillInTheDocument) {
  // The second paragraph now opens with the first one's sentence: that translation is re-used,
  // but the first paragraph is still there and keeps its notes to itself. Nothing of the second
  // paragraph's old translation is close enough to offer, so its notes, like it, are gone.
  UpdateStats stats;
  XliffDocument updated = UpdateXliff(
      Extract(Page(kFirst, std::string(kFirst) + " Do not use any cream at all for a week.")),
      Returned(), "es", UpdateOptions{}, &stats, nullptr);
  Unit* second = UnitNamed(updated, "p", 1);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(stats.exact_segments, 1);
  EXPECT_EQ(NotesOf(*second), (std::vector<std::string>{"context: paragraph; section: Aftercare",
                                                        "its-loc-note: Keep the dosage exact."}));
  EXPECT_EQ(NotesOf(*UnitNamed(updated, "p", 0)),
            (std::vector<std::string>{"context: paragraph; section: Aftercare",
                                      "translator: Checked with the clinic."}));
}

class UpdateNotes : public ::testing::TestWithParam<const char*> {};

// Through a file of either version and back: the translator's notes come out once, as the
// tool wrote them, and the document's own notes are not doubled.
TEST_P(UpdateNotes, SurviveAnUpdateThroughTheFile) {
  WriteOptions options;
  options.version = GetParam();
  const std::string written = WriteXliff(Returned(), options);
  Result<XliffDocument> read = ReadXliff(written, "guide.es.xlf");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  UpdateStats stats;
  const XliffDocument updated =
      UpdateXliff(Extract(Page(kFirst, kSecond)), *read, "es", UpdateOptions{}, &stats, nullptr);
  const std::string again = WriteXliff(updated, options);
  EXPECT_EQ(again, written) << "an update with nothing changed rewrites the same file";
  const std::string translator =
      std::string(GetParam()) == "1.2"
          ? "<note from=\"translator\">Checked with the clinic.</note>"
          : "<note category=\"translator\">Checked with the clinic.</note>";
  EXPECT_NE(again.find(translator), std::string::npos) << again;
  // A note with no category (2.0) or no `from` (1.2) is written without one.
  EXPECT_NE(again.find("<note priority=\"1\">Use the formal register.</note>"), std::string::npos)
      << again;
}

INSTANTIATE_TEST_SUITE_P(Versions, UpdateNotes, ::testing::Values("2.0", "1.2"));

}  // namespace
}  // namespace l10n
