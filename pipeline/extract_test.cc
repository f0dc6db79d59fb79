#include "pipeline/extract.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace l10n {
namespace {

std::string Page(const std::string& body, const std::string& head = "<title>T</title>") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
         "lang=\"en\"><head>" +
         head + "</head><body>" + body + "</body></html>";
}

Extraction Extract(const std::string& xhtml) {
  Result<Extraction> out = ExtractXhtml(xhtml, "test.xhtml", ExtractOptions{});
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return std::move(out).value();
}

std::vector<std::string> Ids(const Extraction& e) {
  std::vector<std::string> ids;
  for (const SourceUnit& u : e.units) ids.push_back(u.id);
  return ids;
}

TEST(Extract, OneUnitPerBlockAndAttribute) {
  Extraction e =
      Extract(Page("<h1>Guide</h1><p>Text <img src=\"a.png\" alt=\"A needle\"/> here.</p>"
                   "<ul><li>One</li><li>Two</li></ul><table><tr><td>Cell</td></tr></table>",
                   "<title>T</title><meta name=\"description\" content=\"About it.\"/>"));
  std::vector<std::string> names;
  for (const SourceUnit& u : e.units) names.push_back(u.name);
  EXPECT_EQ(names, (std::vector<std::string>{"title", "meta@content", "h1", "img@alt", "p", "li",
                                             "li", "td"}));
  EXPECT_EQ(e.units[0].max_chars, 60);
  EXPECT_EQ(e.units[1].max_chars, 160);
}

// MoveEdgeWhitespace leaves parts that need nothing moved as they are, without rebuilding them:
// on random parts, it must give what the step without that shortcut gives.
TEST(Extract, MoveEdgeWhitespaceShortcutChangesNothing) {
  const std::vector<std::string> texts = {"a",  "b c",           " ",  "\n", "\u00a0", "", "d ",
                                          " e", "\u2003f\u2003", "g\n"};
  std::mt19937 random(20261125);
  int unchanged = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<Part> parts(1 + random() % 5);
    for (Part& part : parts) {
      part.is_segment = random() % 3 != 0;
      const std::size_t runs = part.is_segment ? random() % 4 : random() % 3;
      for (std::size_t i = 0; i < runs; ++i) {
        switch (random() % 5) {
          case 0:
            part.source.push_back(Run::Code(RunKind::kPlaceholder, std::to_string(i + 1)));
            break;
          case 1:
            part.source.push_back(Run::Code(RunKind::kOpen, "9"));
            break;
          default:
            part.source.push_back(Run::Text(texts[random() % texts.size()]));
        }
      }
    }
    const std::vector<Part> shortcut = MoveEdgeWhitespace(parts);
    const std::vector<Part> whole = MoveEdgeWhitespaceWithoutShortcut(parts);
    ASSERT_EQ(shortcut.size(), whole.size()) << round;
    bool same_as_input = shortcut.size() == parts.size();
    for (std::size_t i = 0; i < whole.size(); ++i) {
      ASSERT_EQ(shortcut[i].is_segment, whole[i].is_segment) << round << " part " << i;
      ASSERT_EQ(shortcut[i].id, whole[i].id) << round << " part " << i;
      ASSERT_EQ(shortcut[i].source, whole[i].source) << round << " part " << i;
      same_as_input = same_as_input && whole[i].source == parts[i].source;
    }
    unchanged += same_as_input ? 1 : 0;
  }
  // Both kinds of input came up often: parts left as they were, and parts that were reshaped.
  EXPECT_GT(unchanged, 1000);
  EXPECT_LT(unchanged, 18000);
}

TEST(Extract, InlineMarkupBecomesCodes) {
  Extraction e = Extract(Page("<p>Also <em>Collagen <b>Induction</b></em> Therapy<br/>now.</p>"));
  const SourceUnit& p = e.units.back();
  EXPECT_EQ(Signature(p.SourceContent()), "Also {1}Collagen {2}Induction{/2}{/1} Therapy{3/}now.");
  EXPECT_EQ(p.SourceContent()[1].start_data(), "<em>");
  ASSERT_EQ(p.code_nodes.size(), 3u);
  // Each code's element by its id; ids the block does not have find nothing.
  EXPECT_EQ(std::string(p.CodeNode("1").name()), "em");
  EXPECT_EQ(std::string(p.CodeNode("2").name()), "b");
  EXPECT_EQ(std::string(p.CodeNode("3").name()), "br");
  for (const char* none : {"", "0", "4", "01", "1a", "-1", "99999999999"}) {
    EXPECT_FALSE(p.CodeNode(none)) << none;
  }
}

TEST(Extract, TranslateNoBlockIsSkippedAndInlineIsProtected) {
  Extraction e =
      Extract(Page("<p translate=\"no\">Skip me</p><p><span translate=\"no\">Zap Laser "
                   "Center</span> helps.</p>"));
  ASSERT_EQ(e.units.size(), 2u);  // title + one paragraph
  EXPECT_EQ(Signature(e.units[1].SourceContent()), "{1}[[Zap Laser Center]]{/1} helps.");
}

TEST(Extract, ItsNotesAndContext) {
  Extraction e =
      Extract(Page("<section id=\"s\"><h2>Benefits</h2><p its-loc-note=\"Idiom: back to "
                   "normal.\">Up and running.</p></section>"));
  const SourceUnit& p = e.units.back();
  ASSERT_EQ(p.notes.size(), 2u);
  EXPECT_EQ(p.notes[0].text, "paragraph; section: Benefits");
  EXPECT_EQ(p.notes[1].category, "its-loc-note");
  EXPECT_EQ(p.notes[1].text, "Idiom: back to normal.");
}

// Without notes (as merge and check extract), the units are the same but for their notes and
// locations: same ids, kinds, names, sizes, elements and content, in the same order.
TEST(Extract, WithoutNotesOnlyNotesAndLocationsAreLeftOut) {
  const std::string page = Page(
      "<section id=\"s\"><h2>Benefits</h2><p its-loc-note=\"Idiom.\">Up and running. It "
      "<abbr title=\"hyaluronic acid\" its-loc-note=\"Keep the acronym.\">HA</abbr> helps, "
      "<a href=\"#x\" title=\"More\">see <img src=\"i.png\" alt=\"A needle\"/></a>.</p>"
      "<ul><li>One</li><li>One</li></ul><p>Two.</p></section>",
      "<title>T</title><meta name=\"description\" content=\"About it. Really.\"/>");
  for (const bool segment : {true, false}) {
    ExtractOptions with;
    with.segment = segment;
    ExtractOptions without = with;
    without.notes = false;
    Result<Extraction> full = ExtractXhtml(page, "test.xhtml", with);
    Result<Extraction> bare = ExtractXhtml(page, "test.xhtml", without);
    ASSERT_TRUE(full.ok() && bare.ok());
    ASSERT_EQ(full->units.size(), bare->units.size());
    bool some_notes = false;
    for (std::size_t i = 0; i < full->units.size(); ++i) {
      const SourceUnit& a = full->units[i];
      const SourceUnit& b = bare->units[i];
      some_notes |= !a.notes.empty();
      EXPECT_GT(a.where.line, 0) << a.id;
      EXPECT_TRUE(b.notes.empty()) << b.id;
      EXPECT_EQ(b.where.line, 0) << b.id;
      EXPECT_EQ(a.id, b.id);
      EXPECT_EQ(a.name, b.name);
      EXPECT_EQ(a.kind, b.kind);
      EXPECT_EQ(a.attribute, b.attribute);
      EXPECT_EQ(a.max_chars, b.max_chars);
      EXPECT_EQ(a.code_nodes.size(), b.code_nodes.size());
      EXPECT_EQ(a.element.offset_debug(), b.element.offset_debug()) << a.id;
      ASSERT_EQ(a.parts.size(), b.parts.size()) << a.id;
      for (std::size_t k = 0; k < a.parts.size(); ++k) {
        EXPECT_EQ(a.parts[k].id, b.parts[k].id);
        EXPECT_EQ(a.parts[k].is_segment, b.parts[k].is_segment);
        EXPECT_EQ(a.parts[k].source, b.parts[k].source) << a.id;
      }
    }
    EXPECT_TRUE(some_notes);
  }
}

TEST(Extract, SegmentsAndIgnorablesRebuildTheText) {
  Extraction e = Extract(Page("<p>  First one.  Second <em>two</em>. Third.\n</p>"));
  const SourceUnit& p = e.units.back();
  std::vector<std::string> kinds;
  for (const Part& part : p.parts)
    kinds.push_back((part.is_segment ? "S:" : "I:") + Signature(part.source));
  EXPECT_EQ(kinds, (std::vector<std::string>{"I:  ", "S:First one.", "I:  ", "S:Second {1}two{/1}.",
                                             "I: ", "S:Third.", "I:\n"}));
  EXPECT_EQ(Signature(p.SourceContent()), "  First one.  Second {1}two{/1}. Third.\n");
}

TEST(Extract, NeverSplitsInsideInlineElement) {
  Extraction e = Extract(Page("<p><a href=\"#x\">One. Two.</a> Three.</p>"));
  const SourceUnit& p = e.units.back();
  ASSERT_EQ(p.parts.size(), 3u);
  EXPECT_EQ(Signature(p.parts[0].source), "{1}One. Two.{/1}");
  EXPECT_EQ(Signature(p.parts[2].source), "Three.");
}

TEST(Extract, ClosingCodeStaysWithItsSentence) {
  Extraction e = Extract(Page("<p>It is <b>safe.</b> It is fast.</p>"));
  const SourceUnit& p = e.units.back();
  ASSERT_EQ(p.parts.size(), 3u);
  EXPECT_EQ(Signature(p.parts[0].source), "It is {1}safe.{/1}");
}

TEST(Extract, IdsAreStableWhenAParagraphIsInsertedOrEdited) {
  const std::string before =
      Page("<section id=\"a\"><p>One.</p><p>Two.</p><p>Three.</p></section>");
  const std::string after =
      Page("<section id=\"a\"><p>Zero.</p><p>One.</p><p>Two, edited.</p><p>Three.</p></section>");
  std::vector<std::string> old_ids = Ids(Extract(before));
  std::vector<std::string> new_ids = Ids(Extract(after));
  std::set<std::string> now(new_ids.begin(), new_ids.end());
  EXPECT_TRUE(now.count(old_ids[1]));   // One.
  EXPECT_FALSE(now.count(old_ids[2]));  // Two. was edited
  EXPECT_TRUE(now.count(old_ids[3]));   // Three.
  EXPECT_EQ(old_ids[1].rfind("a.p-", 0), 0u);
}

TEST(Extract, DuplicateTextGetsDistinctIds) {
  std::vector<std::string> ids = Ids(Extract(Page("<p>Same.</p><p>Same.</p>")));
  EXPECT_NE(ids[1], ids[2]);
  EXPECT_EQ(ids[2], ids[1] + "-2");
}

// In document order, each unit keeps its id unless an earlier unit has it; then it takes the
// first of id-2, id-3... that no earlier unit has (an explicit id may be such a suffix). Many
// short paragraphs, far more units than a page of that size usually holds.
TEST(Extract, RepeatedIdsAreSuffixedInDocumentOrder) {
  std::string body = "<p id=\"dup\">A</p><p id=\"dup\">B</p><p id=\"dup-2\">C</p>";
  for (int i = 0; i < 2000; ++i) body += "<p>T" + std::to_string(i % 7) + "</p>";
  const std::vector<std::string> ids = Ids(Extract(Page(body)));
  std::set<std::string> seen;
  for (const std::string& id : ids) EXPECT_TRUE(seen.insert(id).second) << id;
  ASSERT_GE(ids.size(), 2003u);
  const std::size_t first = ids.size() - 2003;  // the page's own units come before the body's
  EXPECT_EQ(ids[first], "dup");
  EXPECT_EQ(ids[first + 1], "dup-2");
  EXPECT_EQ(ids[first + 2], "dup-2-2");
  // The 2,000 paragraphs repeat 7 texts: the n-th repeat of a text's id is "<id>-<n>".
  std::map<std::string, int> repeats;
  for (std::size_t i = first + 3; i < ids.size(); ++i) {
    const std::string& base = ids[first + 3 + (i - first - 3) % 7];
    const int n = ++repeats[base];
    EXPECT_EQ(ids[i], n == 1 ? base : base + "-" + std::to_string(n)) << i;
  }
}

TEST(Extract, UnitsByIdFindsEveryUnitAsFindUnitDoes) {
  std::string body;
  for (int i = 0; i < 300; ++i) body += "<p>Paragraph " + std::to_string(i % 7) + ".</p>";
  const Extraction e = Extract(Page(body));
  const auto by_id = UnitsById(e);
  EXPECT_EQ(by_id.size(), e.units.size());
  for (const SourceUnit& unit : e.units) {
    auto found = by_id.find(unit.id);
    ASSERT_NE(found, by_id.end()) << unit.id;
    EXPECT_EQ(found->second, &unit);
    EXPECT_EQ(found->second, e.FindUnit(unit.id));
  }
  EXPECT_EQ(by_id.count("no-such-unit"), 0u);
}

TEST(Extract, OwnIdIsTheUnitId) {
  EXPECT_EQ(Ids(Extract(Page("<p id=\"intro\">Hello.</p>"))).back(), "intro");
}

struct BadCase {
  const char* name;
  std::string xhtml;
  int line;
  const char* message_part;
};

class ExtractErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(ExtractErrors, AreLocated) {
  Result<Extraction> e = ExtractXhtml(GetParam().xhtml, "bad.xhtml", ExtractOptions{});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().where().file, "bad.xhtml");
  EXPECT_EQ(e.status().where().line, GetParam().line) << e.status().ToString();
  EXPECT_NE(e.status().message().find(GetParam().message_part), std::string::npos)
      << e.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExtractErrors,
    ::testing::Values(
        BadCase{"unclosed", "<html>\n<body>\n<p>text</b>\n</body></html>", 3, "end tag"},
        BadCase{"mixed", "<html>\n<body>\n<div>loose <p>para</p></div></body></html>", 3, "mixed"},
        BadCase{"not_html", "<?xml version=\"1.0\"?>\n<svg/>", 2, "not <html>"},
        BadCase{"entity", "<!DOCTYPE html [\n<!ENTITY a \"b\">]>\n<html/>", 2, "entity"},
        BadCase{"control_char", std::string("<html><body><p>a\x01</p></body></html>"), 1,
                "not allowed"},
        BadCase{"nul_reference", "<html>\n<body><p>a&#0;b</p></body></html>", 2, "not allow"},
        BadCase{"surrogate_reference", "<html>\n<body><p>&#xD800;</p></body></html>", 2,
                "not allow"},
        BadCase{"undefined_entity", "<html>\n<body>\n<p>1&nbsp;mm</p></body></html>", 3,
                "undefined entity &nbsp;"},
        BadCase{"bad_utf8", std::string("<html>\n<body><p>\xC3\x28</p></body></html>"), 2,
                "UTF-8"}),
    [](const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; });

TEST(Extract, DeepNestingIsRefusedNotCrashing) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  Result<Extraction> e = ExtractXhtml(deep, "deep.xhtml", ExtractOptions{});
  EXPECT_FALSE(e.ok());
}

// Which units are broken into sentences is decided in one place, for extraction and for a merge
// that segments a unit again.
TEST(Extract, BlocksAndPageDescriptionsAreBrokenIntoSentencesOtherAttributesAreNot) {
  Extraction e =
      Extract(Page("<p>First one. Second one.</p><img src=\"a.png\" alt=\"A needle. A pen.\"/>",
                   "<title>T</title><meta name=\"description\" content=\"About it. More.\"/>"));
  std::map<std::string, std::size_t> segments;
  for (const SourceUnit& u : e.units) {
    for (const Part& part : u.parts) segments[u.name] += part.is_segment ? 1 : 0;
    EXPECT_EQ(BreaksIntoSentences(u), u.name != "img@alt") << u.name;
  }
  EXPECT_EQ(segments["p"], 2u);
  EXPECT_EQ(segments["meta@content"], 2u);
  EXPECT_EQ(segments["img@alt"], 1u);

  Result<Segmenter> segmenter = Segmenter::Create("en");
  ASSERT_TRUE(segmenter.ok());
  for (const SourceUnit& u : e.units) {
    const Content whole = u.SourceContent();
    // Without a segmenter, every unit is one segment holding its whole content.
    std::vector<Part> one = UnitParts(u, whole, nullptr);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_TRUE(one[0].is_segment);
    EXPECT_EQ(one[0].source, whole);
    // With one, the parts are those extraction made.
    std::vector<Part> again = UnitParts(u, whole, &*segmenter);
    ASSERT_EQ(again.size(), u.parts.size()) << u.name;
    for (std::size_t i = 0; i < again.size(); ++i) {
      EXPECT_EQ(again[i].id, u.parts[i].id);
      EXPECT_EQ(again[i].source, u.parts[i].source);
    }
  }
}

}  // namespace
}  // namespace l10n
