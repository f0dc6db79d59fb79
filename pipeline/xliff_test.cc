#include "pipeline/xliff.h"

#include <gtest/gtest.h>

#include <regex>

#include "pipeline/extract.h"
#include "pipeline/test_support.h"

namespace l10n {
namespace {

const char kPage[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
    "lang=\"en\">"
    "<head><title>Guide</title></head><body><section id=\"a\">"
    "<p>Read <a href=\"#b\">this</a> now. Up to 95% improve.</p>"
    "<p><span translate=\"no\">Zap Laser Center</span> helps<br/>you.</p></section></body></html>";

XliffDocument Translated() {
  Result<Extraction> e = ExtractXhtml(kPage, "guide.xhtml", ExtractOptions{});
  EXPECT_TRUE(e.ok());
  return testing_support::IdentityTranslation(*e);
}

std::string Dump(const XliffDocument& doc) {
  std::string out = doc.source_locale + ">" + doc.target_locale + " " + doc.original + "\n";
  for (const Unit& unit : doc.units) {
    out += unit.id + ":";
    for (const Segment& part : unit.parts) {
      out += (part.is_segment ? " S[" : " I[") + Signature(part.source) + "|" +
             (part.target ? Signature(*part.target) : "-") + "|" +
             std::string(StateName(part.state)) + "]";
    }
    out += "\n";
  }
  return out;
}

class RoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(RoundTrip, WriteThenReadGivesTheSameModel) {
  XliffDocument doc = Translated();
  WriteOptions options;
  options.version = GetParam();
  const std::string xml = WriteXliff(doc, options);
  Result<XliffDocument> back = ReadXliff(xml, "t.xlf");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->version, GetParam());
  EXPECT_EQ(Dump(*back), Dump(doc));
  EXPECT_EQ(WriteXliff(*back, options), xml) << "writing is deterministic and lossless";
}

INSTANTIATE_TEST_SUITE_P(Versions, RoundTrip, ::testing::Values("2.0", "1.2"));

TEST(Xliff, CodesThatDoNotNestAreWrittenAsStartAndEndCodes) {
  const char page[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
      "lang=\"en\"><head><title>Guide</title></head><body>"
      "<p id=\"p\">Use <b>very <i>gentle</i></b> pressure.</p></body></html>";
  Result<Extraction> e = ExtractXhtml(page, "guide.xhtml", ExtractOptions{});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  XliffDocument doc = testing_support::IdentityTranslation(*e);
  Unit* unit = nullptr;
  for (Unit& u : doc.units) {
    if (u.id == "p") unit = &u;
  }
  ASSERT_NE(unit, nullptr);
  ASSERT_EQ(Signature(unit->parts[0].source), "Use {1}very {2}gentle{/2}{/1} pressure.");
  // A translator's target whose pairs overlap.
  unit->parts[0].target = ParseSignature("Use {1}muy {2}suave{/1}{/2} presión.");
  const std::string xml = WriteXliff(doc, WriteOptions{});
  EXPECT_NE(xml.find("<sc id=\"1\" dataRef=\"d1\" type=\"fmt\" subType=\"xlf:b\"/>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<ec startRef=\"1\" dataRef=\"d2\" type=\"fmt\" subType=\"xlf:b\"/>"),
            std::string::npos)
      << xml;
  // The source nests, and keeps <pc> with both data references.
  EXPECT_NE(xml.find("<pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\""), std::string::npos);
  Result<XliffDocument> back = ReadXliff(xml, "t.xlf");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Dump(*back), Dump(doc));
  EXPECT_EQ(WriteXliff(*back, WriteOptions{}), xml);
}

std::string ToUtf16(const std::string& ascii, bool big_endian) {
  std::string out = big_endian ? std::string("\xFE\xFF", 2) : std::string("\xFF\xFE", 2);
  for (char c : ascii) {
    if (big_endian) {
      out += '\0';
      out += c;
    } else {
      out += c;
      out += '\0';
    }
  }
  return out;
}

// What real tools do to a 1.2 file; each must read to the same translations.
struct Variant {
  const char* name;
  std::function<std::string(std::string)> apply;
};

class Tolerance : public ::testing::TestWithParam<Variant> {};

TEST_P(Tolerance, ReadsToTheSameTargets) {
  XliffDocument doc = Translated();
  WriteOptions options;
  options.version = "1.2";
  const std::string original = WriteXliff(doc, options);
  const std::string changed = GetParam().apply(original);
  Result<XliffDocument> back = ReadXliff(changed, "t.xlf");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->units.size(), doc.units.size());
  for (std::size_t i = 0; i < doc.units.size(); ++i) {
    const Unit* unit = back->FindUnit(doc.units[i].id);
    ASSERT_NE(unit, nullptr);
    ASSERT_TRUE(unit->TargetContent().has_value()) << unit->id;
    EXPECT_EQ(Signature(*unit->TargetContent()), Signature(*doc.units[i].TargetContent()));
    for (const Segment& part : unit->parts) {
      if (part.is_segment) {
        EXPECT_GE(part.state, State::kTranslated) << unit->id;
      }
    }
  }
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  return std::regex_replace(s, std::regex(from), to);
}

INSTANTIATE_TEST_SUITE_P(
    Tools, Tolerance,
    ::testing::Values(
        Variant{"utf16le",
                [](std::string s) { return ToUtf16(Replace(s, "UTF-8", "UTF-16"), false); }},
        Variant{"utf16be",
                [](std::string s) { return ToUtf16(Replace(s, "UTF-8", "UTF-16"), true); }},
        Variant{"reindented", [](std::string s) { return Replace(s, "\n +<", "\n\t\t<"); }},
        Variant{"foreign_namespaces",
                [](std::string s) {
                  s = Replace(s, "<xliff ",
                              "<xliff xmlns:sdl=\"http://sdl.com/FileTypes/SdlXliff/1.0\" "
                              "xmlns:mq=\"MQXliff\" ");
                  return Replace(s, "<trans-unit ",
                                 "<trans-unit mq:status=\"ManuallyConfirmed\" sdl:x=\"1\" ");
                }},
        Variant{"notes_dropped",
                [](std::string s) { return Replace(s, "<note[^>]*>[^<]*</note>", ""); }},
        Variant{"approved",
                [](std::string s) {
                  return Replace(Replace(s, "state=\"translated\"", ""), "<trans-unit ",
                                 "<trans-unit approved=\"yes\" ");
                }},
        Variant{"state_needs_review",
                [](std::string s) {
                  return Replace(s, "state=\"translated\"", "state=\"needs-review-translation\"");
                }},
        Variant{"state_missing",
                [](std::string s) { return Replace(s, " state=\"translated\"", ""); }},
        Variant{"header_tool",
                [](std::string s) {
                  return Replace(s, "<header>",
                                 "<header><tool tool-id=\"x\" tool-name=\"Other\"/>");
                }},
        Variant{"units_reordered",
                [](std::string s) {
                  // Move the first trans-unit to the end of the body.
                  std::smatch m;
                  std::regex first("(      <trans-unit[\\s\\S]*?</trans-unit>\n)");
                  if (!std::regex_search(s, m, first)) return s;
                  std::string unit = m.str(1);
                  s.erase(static_cast<std::size_t>(m.position(1)), unit.size());
                  return Replace(s, "    </body>", unit + "    </body>");
                }}),
    [](const ::testing::TestParamInfo<Variant>& info) { return info.param.name; });

struct Invalid {
  const char* name;
  std::string xml;
  const char* message_part;
};

class Validation : public ::testing::TestWithParam<Invalid> {};

TEST_P(Validation, ReportsWhatTheSchemaCannot) {
  std::vector<Diagnostic> problems;
  Result<XliffDocument> doc = ReadXliffReporting(GetParam().xml, "v.xlf", &problems);
  std::string all = doc.ok() ? "" : doc.status().message();
  for (const Diagnostic& d : problems) all += FormatDiagnostic(d) + "\n";
  EXPECT_NE(all.find(GetParam().message_part), std::string::npos) << all;
  EXPECT_FALSE(ReadXliff(GetParam().xml, "v.xlf").ok());
}

const std::string kHead =
    "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\"";

INSTANTIATE_TEST_SUITE_P(
    Rules, Validation,
    ::testing::Values(
        Invalid{"duplicate_unit",
                kHead +
                    " trgLang=\"es\"><file id=\"f\"><unit "
                    "id=\"u\"><segment><source>a</source></segment></unit>"
                    "<unit id=\"u\"><segment><source>b</source></segment></unit></file></xliff>",
                "duplicate unit id"},
        Invalid{"dataref",
                kHead + "><file id=\"f\"><unit id=\"u\"><segment><source><ph id=\"1\" "
                        "dataRef=\"d9\"/></source></segment></unit></file></xliff>",
                "refers to no <data>"},
        Invalid{"trglang",
                kHead + "><file id=\"f\"><unit "
                        "id=\"u\"><segment><source>a</source><target>b</target></segment></unit></"
                        "file></xliff>",
                "no trgLang"},
        Invalid{"substate",
                kHead + "><file id=\"f\"><unit id=\"u\"><segment "
                        "subState=\"x:y\"><source>a</source></segment></unit></file></xliff>",
                "subState is set without state"},
        Invalid{"invented_code",
                kHead + " trgLang=\"es\"><file id=\"f\"><unit id=\"u\"><segment "
                        "state=\"translated\"><source>a</source>"
                        "<target><ph id=\"7\"/>b</target></segment></unit></file></xliff>",
                "not in the source"},
        Invalid{"duplicate_segment",
                kHead +
                    "><file id=\"f\"><unit id=\"u\"><segment id=\"s\"><source>a</source></segment>"
                    "<segment id=\"s\"><source>b</source></segment></unit></file></xliff>",
                "duplicate segment"},
        Invalid{"cp_control_character",
                kHead + " trgLang=\"es\"><file id=\"f\"><unit id=\"u\"><segment "
                        "state=\"translated\"><source>a</source>"
                        "<target>b<cp hex=\"1B\"/></target></segment></unit></file></xliff>",
                "cannot be published"},
        Invalid{"cp_without_hex",
                kHead + "><file id=\"f\"><unit "
                        "id=\"u\"><segment><source>a<cp/></source></segment></unit></file></xliff>",
                "cannot be published"},
        Invalid{"wrong_version", "<xliff version=\"3.0\"/>", "unsupported XLIFF version"},
        Invalid{"wrong_namespace", "<xliff xmlns=\"urn:example\" version=\"2.0\"/>", "namespace"},
        Invalid{"not_xliff", "<html/>", "not an XLIFF file"}),
    [](const ::testing::TestParamInfo<Invalid>& info) { return info.param.name; });

// In 1.2, a unit's target segments are matched to its source segments by mid: a mid that is
// there twice (or a <mrk> without one taking the number of one that has it) is reported where it
// is, in <seg-source> and in <target> alike, and the file is refused where it must be strict.
TEST(Xliff, RepeatedSegmentMidsIn12AreReported) {
  auto file = [](const std::string& seg_source, const std::string& target) {
    return "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
           "<file original=\"p.xhtml\" source-language=\"en\" target-language=\"es\" "
           "datatype=\"xhtml\"><body>\n"
           "<trans-unit id=\"u\"><source>One. Two.</source>\n"
           "<seg-source>" +
           seg_source + "</seg-source>\n<target state=\"translated\">" + target +
           "</target>\n</trans-unit></body></file></xliff>";
  };
  const std::string source_ok =
      "<mrk mtype=\"seg\" mid=\"s1\">One.</mrk> <mrk mtype=\"seg\" mid=\"s2\">Two.</mrk>";
  struct Case {
    std::string xml;
    std::string message;
    int line;
  };
  const Case cases[] = {
      {file(source_ok,
            "<mrk mtype=\"seg\" mid=\"s1\">Uno.</mrk> <mrk mtype=\"seg\" "
            "mid=\"s1\">Dos.</mrk>"),
       "segment \"s1\" is in <target> twice; each <mrk mtype=\"seg\"> needs a mid of its own", 5},
      {file("<mrk mtype=\"seg\" mid=\"s2\">One.</mrk> <mrk mtype=\"seg\" mid=\"s2\">Two.</mrk>",
            "<mrk mtype=\"seg\" mid=\"s2\">Uno.</mrk>"),
       "segment \"s2\" is in <seg-source> twice; each <mrk mtype=\"seg\"> needs a mid of its own",
       4},
      // The second <mrk> has no mid: it is the second segment, "s2", which the first one names.
      {file(source_ok, "<mrk mtype=\"seg\" mid=\"s2\">Dos.</mrk> <mrk mtype=\"seg\">Uno.</mrk>"),
       "segment \"s2\" is in <target> twice; each <mrk mtype=\"seg\"> needs a mid of its own", 5},
  };
  for (const Case& c : cases) {
    std::vector<Diagnostic> problems;
    Result<XliffDocument> doc = ReadXliffReporting(c.xml, "m.xlf", &problems);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ASSERT_EQ(problems.size(), 1u) << c.message;
    EXPECT_EQ(problems[0].message, c.message);
    EXPECT_EQ(problems[0].where.line, c.line) << c.message;
    EXPECT_EQ(problems[0].unit_id, "u");
    Result<XliffDocument> strict = ReadXliff(c.xml, "m.xlf");
    ASSERT_FALSE(strict.ok());
    EXPECT_NE(strict.status().message().find("twice"), std::string::npos);
  }
  // Distinct mids read with no problem.
  std::vector<Diagnostic> problems;
  ASSERT_TRUE(ReadXliffReporting(file(source_ok,
                                      "<mrk mtype=\"seg\" mid=\"s1\">Uno.</mrk> "
                                      "<mrk mtype=\"seg\" mid=\"s2\">Dos.</mrk>"),
                                 "m.xlf", &problems)
                  .ok());
  EXPECT_TRUE(problems.empty()) << FormatDiagnostic(problems.front());
}

// 1.2 can leave no segment of a segmented target out, so an untranslated segment of a unit with
// other targets is written as a copy of its source, in a target marked needs-translation. Such a
// copy is not a translation: the unit is not held to its codes until it is translated (codes
// may still move into it), and a file read with no problem reads the same when written back.
TEST(Xliff, SourceCopiesOfUntranslatedSegmentsDoNotHoldTheUnitToItsCodes) {
  auto unit = [](const std::string& second) {
    return "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
           "<file original=\"p.xhtml\" source-language=\"en\" target-language=\"es\" "
           "datatype=\"xhtml\"><body>\n"
           "<trans-unit id=\"u\"><source>A <g id=\"1\" ctype=\"italic\">b</g>. C.</source>\n"
           "<seg-source><mrk mtype=\"seg\" mid=\"s1\">A <g id=\"1\" "
           "ctype=\"italic\">b</g>.</mrk> <mrk mtype=\"seg\" mid=\"s2\">C.</mrk></seg-source>\n"
           "<target state=\"needs-translation\"><mrk mtype=\"seg\" mid=\"s1\">Uno.</mrk> "
           "<mrk mtype=\"seg\" mid=\"s2\">" +
           second + "</mrk></target>\n</trans-unit></body></file></xliff>";
  };
  // The second segment is still its source: no problem, and none after writing the file back.
  std::vector<Diagnostic> problems;
  Result<XliffDocument> doc = ReadXliffReporting(unit("C."), "c.xlf", &problems);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_TRUE(problems.empty()) << FormatDiagnostic(problems.front());
  ASSERT_EQ(doc->units.size(), 1u);
  EXPECT_EQ(doc->units[0].parts[0].state, State::kTranslated);
  EXPECT_EQ(doc->units[0].parts[2].state, State::kInitial);
  WriteOptions options;
  options.version = "1.2";
  std::vector<Diagnostic> again;
  ASSERT_TRUE(ReadXliffReporting(WriteXliff(*doc, options), "again.xlf", &again).ok());
  EXPECT_TRUE(again.empty()) << FormatDiagnostic(again.front());
  // Once every segment is translated, the lost code is reported.
  problems.clear();
  ASSERT_TRUE(ReadXliffReporting(unit("Dos."), "c.xlf", &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].check, "codes");
  EXPECT_EQ(problems[0].message, "missing opening code 1");
}

TEST(Xliff, LocatesErrors) {
  Result<XliffDocument> doc = ReadXliff(
      "<xliff version=\"2.0\"\n srcLang=\"en\">\n<file id=\"f\">\n<unit "
      "id=\"u\"><segment><source>a</sourc></segment>",
      "broken.xlf");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().where().line, 4);
  EXPECT_EQ(doc.status().ToString().rfind("broken.xlf:4:", 0), 0u) << doc.status().ToString();
}

TEST(Xliff, OriginalDataDuplicatesAreReportedInOrderAndTheLastIsUsed) {
  // Ids out of order, two of them repeated; the codes refer to data defined before and after.
  const std::string xml =
      kHead +
      " trgLang=\"es\"><file id=\"f\"><unit id=\"u\"><originalData>\n"
      "<data id=\"d2\">&lt;b&gt;</data>\n"
      "<data id=\"d1\">&lt;i&gt;</data>\n"
      "<data id=\"d3\">&lt;/b&gt;</data>\n"
      "<data id=\"d2\">&lt;strong&gt;</data>\n"
      "<data id=\"d1\">&lt;em&gt;</data>\n"
      "</originalData><segment><source><pc id=\"1\" dataRefStart=\"d2\" dataRefEnd=\"d3\">a</pc>"
      "<ph id=\"2\" dataRef=\"d1\"/></source></segment></unit></file></xliff>";
  std::vector<Diagnostic> problems;
  Result<XliffDocument> doc = ReadXliffReporting(xml, "d.xlf", &problems);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].message, "duplicate data id \"d2\"");
  EXPECT_EQ(problems[0].where.line, 5);
  EXPECT_EQ(problems[1].message, "duplicate data id \"d1\"");
  EXPECT_EQ(problems[1].where.line, 6);
  ASSERT_EQ(doc->units.size(), 1u);
  const Content& source = doc->units[0].parts.at(0).source;
  ASSERT_EQ(source.size(), 4u);
  EXPECT_EQ(source[0].start_data(), "<strong>");
  EXPECT_EQ(source[0].end_data(), "</b>");
  EXPECT_EQ(source[3].start_data(), "<em>");
}

// How `l10n merge` reads: without notes, and codes without their markup.
constexpr XliffReadOptions kAsMergeReads{.notes = false, .code_markup = false};

// `xml`, a file of one unit, read in full (`full`) and as a merge reads it (`lean`).
void ReadBothWays(const std::string& xml, XliffDocument& full, XliffDocument& lean) {
  Result<XliffDocument> with = ReadXliff(xml, "n.xlf");
  Result<XliffDocument> without = ReadXliff(xml, "n.xlf", kAsMergeReads);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  ASSERT_EQ(with->units.size(), 1u);
  ASSERT_EQ(without->units.size(), 1u);
  full = std::move(with).value();
  lean = std::move(without).value();
}

// Whether the codes of `content` carry markup: all of them (true), none (false).
void ExpectCodeMarkup(const Content& content, bool kept) {
  std::size_t codes = 0;
  for (const Run& run : content) {
    if (run.kind != RunKind::kOpen && run.kind != RunKind::kClose &&
        run.kind != RunKind::kPlaceholder)
      continue;
    ++codes;
    EXPECT_EQ(run.markup != nullptr, kept) << "code " << run.id;
  }
  EXPECT_GT(codes, 0u);
}

// `l`, read as a merge reads, is `f` but for its notes (one note left out) and its codes'
// markup (left out from the code of the first segment's source and target).
void ExpectSameButNotesAndMarkup(const Unit& f, const Unit& l) {
  EXPECT_EQ(f.notes.size(), 1u);
  EXPECT_TRUE(l.notes.empty());
  ExpectCodeMarkup(f.parts.at(0).source, true);
  ExpectCodeMarkup(*f.parts.at(0).target, true);
  EXPECT_EQ(f.parts[0].source.at(1).element(), "b");
  ExpectCodeMarkup(l.parts.at(0).source, false);
  ExpectCodeMarkup(*l.parts.at(0).target, false);
  ASSERT_EQ(f.matches.size(), 1u);
  ASSERT_EQ(l.matches.size(), 1u);  // matches are read either way, and checked as they are read
  EXPECT_EQ(l.matches[0].target, f.matches[0].target);
  EXPECT_EQ(l.id, f.id);
  EXPECT_EQ(l.name, f.name);
  EXPECT_EQ(l.where.line, f.where.line);
  EXPECT_EQ(l.where.column, f.where.column);
  ASSERT_EQ(l.parts.size(), f.parts.size());
  for (std::size_t i = 0; i < l.parts.size(); ++i) {
    EXPECT_EQ(l.parts[i].id, f.parts[i].id);
    EXPECT_EQ(l.parts[i].is_segment, f.parts[i].is_segment);
    EXPECT_EQ(l.parts[i].state, f.parts[i].state);
    EXPECT_EQ(l.parts[i].source, f.parts[i].source);
    EXPECT_EQ(l.parts[i].target, f.parts[i].target);
  }
  EXPECT_EQ(l.TargetContent(), f.TargetContent());
}

// A merge reads without notes and codes' markup: the units are otherwise the same, and notes
// and references to original data are held to their rules all the same. In 1.2 too.
TEST(Xliff, ReadingAsAMergeLeavesOutOnlyNotesAndCodeMarkup) {
  const std::string xml =
      kHead +
      " xmlns:mtc=\"urn:oasis:names:tc:xliff:matches:2.0\" trgLang=\"es\"><file id=\"f\">"
      "<unit id=\"u\" name=\"p\"><notes><note category=\"context\">paragraph</note></notes>"
      "<mtc:matches><mtc:match ref=\"#s1\" similarity=\"80\"><source>Hi</source>"
      "<target>Hola</target></mtc:match></mtc:matches>"
      "<originalData><data id=\"d1\">&lt;b&gt;</data><data id=\"d2\">&lt;/b&gt;</data>"
      "</originalData><segment id=\"s1\" state=\"translated\"><source>Hi <pc id=\"1\" "
      "dataRefStart=\"d1\" dataRefEnd=\"d2\">you</pc>.</source><target>Hola <pc id=\"1\" "
      "dataRefStart=\"d1\" dataRefEnd=\"d2\">t\u00fa</pc>.</target></segment>"
      "<ignorable><source> </source></ignorable><segment><source>Bye.</source></segment>"
      "</unit></file></xliff>";
  XliffDocument full, lean;
  ASSERT_NO_FATAL_FAILURE(ReadBothWays(xml, full, lean));
  ASSERT_EQ(lean.units[0].parts.size(), 3u);
  ExpectSameButNotesAndMarkup(full.units[0], lean.units[0]);
  // A repeated note id fails either way, and so does a code whose original data is missing.
  std::string repeated = xml;
  repeated.replace(repeated.find("<note category"), 5, "<note id=\"n\"></note><note id=\"n\"");
  std::string dangling = xml;
  dangling.replace(dangling.rfind("dataRefEnd=\"d2\""), 15, "dataRefEnd=\"d9\"");
  for (const XliffReadOptions options : {XliffReadOptions{}, kAsMergeReads}) {
    Result<XliffDocument> doc = ReadXliff(repeated, "n.xlf", options);
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.status().message().find("duplicate note id"), std::string::npos)
        << doc.status().message();
    doc = ReadXliff(dangling, "n.xlf", options);
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.status().message().find("dataRefEnd=\"d9\" refers to no <data>"),
              std::string::npos)
        << doc.status().message();
  }
  // 1.2: notes are left out, the rest is the same.
  const std::string xml12 =
      "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file "
      "original=\"n.xhtml\" source-language=\"en\" target-language=\"es\" datatype=\"html\">"
      "<body><trans-unit id=\"u\"><source>Hi <g id=\"1\" ctype=\"x-html-b\">you</g>.</source>"
      "<target state=\"translated\">Hola <g id=\"1\" ctype=\"x-html-b\">t\u00fa</g>.</target>"
      "<note from=\"l10n\">paragraph</note><alt-trans><source>Hi</source><target>Hola</target>"
      "</alt-trans></trans-unit></body></file></xliff>";
  XliffDocument full12, lean12;
  ASSERT_NO_FATAL_FAILURE(ReadBothWays(xml12, full12, lean12));
  ExpectSameButNotesAndMarkup(full12.units[0], lean12.units[0]);
}

// Repeated ids among a unit's parts and among its notes, for a unit of a few parts and for one
// of many (found by sorting): each repeat is reported once, in document order, at its element;
// parts without an id are numbered and never repeats.
TEST(Xliff, RepeatedPartAndNoteIdsAreReportedInOrder) {
  for (int parts : {3, 40}) {
    std::string xml = kHead +
                      " trgLang=\"es\"><file id=\"f\"><unit id=\"u\"><notes>\n"
                      "<note id=\"n2\">a</note>\n<note>b</note>\n<note>c</note>\n"
                      "<note id=\"n1\">d</note>\n<note id=\"n2\">e</note>\n</notes>\n";
    // Ids: x, (none), x, then s3, s4, ... with "x" again second from last and "s3" last.
    std::vector<std::string> ids = {"x", "", "x"};
    for (int i = 3; i < parts; ++i) ids.push_back("s" + std::to_string(i));
    if (parts > 3) {
      ids[ids.size() - 2] = "x";
      ids.back() = "s3";
    }
    for (const std::string& id : ids) {
      xml += "<segment" + (id.empty() ? std::string() : " id=\"" + id + "\"") +
             "><source>t</source></segment>\n";
    }
    xml += "</unit></file></xliff>";
    std::vector<Diagnostic> problems;
    Result<XliffDocument> doc = ReadXliffReporting(xml, "r.xlf", &problems);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    std::vector<std::string> expected = {"6 duplicate note id \"n2\"",
                                         "10 duplicate segment/ignorable id \"x\""};
    if (parts > 3) {
      expected.push_back(std::to_string(7 + parts - 1) + " duplicate segment/ignorable id \"x\"");
      expected.push_back(std::to_string(7 + parts) + " duplicate segment/ignorable id \"s3\"");
    }
    std::vector<std::string> got;
    for (const Diagnostic& d : problems)
      got.push_back(std::to_string(d.where.line) + " " + d.message);
    EXPECT_EQ(got, expected) << parts << " parts";
    ASSERT_EQ(doc->units.size(), 1u);
    ASSERT_EQ(doc->units[0].parts.size(), ids.size());
    EXPECT_EQ(doc->units[0].parts[1].id, "s2");
    EXPECT_EQ(doc->units[0].notes.size(), 5u);
  }
}

TEST(Xliff, ManyOriginalDataEntriesAreEachFound) {
  std::string data, content;
  for (int i = 999; i >= 0; --i) {
    data += "<data id=\"d" + std::to_string(i) + "\">&lt;br id=\"" + std::to_string(i) +
            "\"/&gt;</data>";
  }
  for (int i = 0; i < 1000; ++i) {
    content += "<ph id=\"" + std::to_string(i) + "\" dataRef=\"d" + std::to_string(i) + "\"/>";
  }
  const std::string xml = kHead + "><file id=\"f\"><unit id=\"u\"><originalData>" + data +
                          "</originalData><segment><source>" + content +
                          "</source></segment></unit></file></xliff>";
  Result<XliffDocument> doc = ReadXliff(xml, "m.xlf");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const Content& source = doc->units.at(0).parts.at(0).source;
  ASSERT_EQ(source.size(), 1000u);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(source[static_cast<std::size_t>(i)].start_data(),
              "<br id=\"" + std::to_string(i) + "\"/>");
  }
}

}  // namespace
}  // namespace l10n
