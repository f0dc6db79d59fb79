#include "pipeline/merge.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "pipeline/html.h"
#include "pipeline/test_support.h"

namespace l10n {
namespace {

const char kPage[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
    "lang=\"en\">"
    "<head><title>Guide</title><meta name=\"description\" content=\"About it.\"/></head><body>"
    "<h1>Microneedling</h1>"
    "<p>Read <a href=\"#b\">this part</a> and <em>that</em>. It is 1 <abbr "
    "title=\"millimeter\">mm</abbr>.</p>"
    "<p><span translate=\"no\">Zap Laser Center</span> helps<br/>you.</p></body></html>";

Extraction Source() {
  Result<Extraction> e = ExtractXhtml(kPage, "guide.xhtml", ExtractOptions{});
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return std::move(e).value();
}

XliffDocument Identity(const Extraction& e) { return testing_support::IdentityTranslation(e); }

Unit* FindByName(XliffDocument& doc, const std::string& name, int nth = 0) {
  for (Unit& unit : doc.units) {
    if (unit.name == name && nth-- == 0) return &unit;
  }
  return nullptr;
}

Content TextOnly(const std::string& text) { return Content{Run::Text(text)}; }

TEST(Merge, IdentityReproducesTheSource) {
  Extraction reference = Source();
  const std::string before = SerializeHtml(reference.document.doc());
  Extraction e = Source();
  MergeResult result = MergeTranslations(e, Identity(e), "es.xlf", PublishPolicy{});
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.stats.translated, result.stats.units);
  EXPECT_EQ(SerializeHtml(e.document.doc()), before);
}

TEST(Merge, ReorderedCodesRebuildTheMarkup) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  Unit* p = FindByName(doc, "p");
  Segment& s1 = p->parts[0];
  s1.target = Content{Run::Text("Lea "), s1.source[5], Run::Text("eso"),        s1.source[7],
                      Run::Text(" y "),  s1.source[1], Run::Text("esta parte"), s1.source[3]};
  ASSERT_EQ(Signature(*s1.target), "Lea {2}eso{/2} y {1}esta parte{/1}") << Signature(s1.source);
  s1.target->push_back(Run::Text("."));
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_FALSE(HasErrors(result.diagnostics));
  const std::string html = SerializeHtml(e.document.doc());
  EXPECT_NE(html.find("<p>Lea <em>eso</em> y <a href=\"#b\">esta parte</a>."), std::string::npos)
      << html;
}

TEST(Merge, MissingCodeIsAnErrorAndFallsBack) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  FindByName(doc, "p")->parts[0].target = TextOnly("Lea esto.");
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  ASSERT_TRUE(HasErrors(result.diagnostics));
  EXPECT_NE(result.diagnostics[0].message.find("missing"), std::string::npos);
  const std::string html = SerializeHtml(e.document.doc());
  EXPECT_NE(html.find("<p lang=\"en\">Read <a href=\"#b\">this part</a>"), std::string::npos)
      << html;
}

TEST(Merge, TranslatorMarkupIsInertText) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  FindByName(doc, "h1")->parts[0].target =
      TextOnly("<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3)");
  FindByName(doc, "meta@content")->parts[0].target = TextOnly("\"><script>alert(4)</script>");
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_FALSE(HasErrors(result.diagnostics));
  const std::string html = SerializeHtml(e.document.doc());
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("content=\"&quot;&gt;&lt;script&gt;"), std::string::npos) << html;
}

// A caller that merges many documents may hand the merge its word counter: the counts are those
// of a counter made for the document, and one counter serves document after document.
TEST(Merge, AGivenWordCounterCountsAsTheMergesOwn) {
  Extraction own_source = Source();
  XliffDocument doc = Identity(own_source);
  Unit* h1 = FindByName(doc, "h1");
  h1->parts[0].target = TextOnly("Micropunci\u00f3n");
  h1->parts[0].state = State::kInitial;  // one unit in the source language
  const MergeStats own = MergeTranslations(own_source, doc, "es.xlf", PublishPolicy{}).stats;
  EXPECT_GT(own.words, own.translated_words);
  EXPECT_GT(own.translated_words, 0);
  WordCounter counter("en");
  PublishPolicy shared;
  shared.words = &counter;
  for (int round = 0; round < 3; ++round) {
    Extraction e = Source();
    const MergeStats given = MergeTranslations(e, doc, "es.xlf", shared).stats;
    EXPECT_EQ(given.words, own.words) << round;
    EXPECT_EQ(given.translated_words, own.translated_words) << round;
    EXPECT_EQ(given.translated, own.translated) << round;
  }
}

TEST(Merge, StaleUnitPublishesCurrentSource) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  Unit* h1 = FindByName(doc, "h1");
  h1->parts[0].source = TextOnly("Old heading");
  h1->parts[0].target = TextOnly("Título viejo");
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_EQ(result.stats.stale, 1);
  const std::string html = SerializeHtml(e.document.doc());
  EXPECT_NE(html.find("<h1 lang=\"en\">Microneedling</h1>"), std::string::npos) << html;
  EXPECT_EQ(html.find("viejo"), std::string::npos);
}

TEST(Merge, UnpublishableStateFallsBack) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  Unit* h1 = FindByName(doc, "h1");
  h1->parts[0].target = TextOnly("Micropunción");
  h1->parts[0].state = State::kInitial;
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_EQ(result.stats.untranslated, 1);
  EXPECT_NE(SerializeHtml(e.document.doc()).find("<h1 lang=\"en\">Microneedling</h1>"),
            std::string::npos);
}

TEST(Merge, ProtectedTextComesFromTheSource) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  Unit* p = FindByName(doc, "p", 1);
  Content& target = *p->parts[0].target;
  for (l10n::Run& run : target) {
    if (run.kind == RunKind::kText && run.text == " helps") run.text = " le ayuda";
    if (run.kind == RunKind::kText && run.text == "you.") run.text = "a usted.";
  }
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_FALSE(HasErrors(result.diagnostics));
  EXPECT_NE(SerializeHtml(e.document.doc())
                .find("<p><span translate=\"no\">Zap Laser Center</span> le ayuda<br>a usted.</p>"),
            std::string::npos)
      << SerializeHtml(e.document.doc());
}

TEST(Merge, AttributeTranslationsReachCopiedInlineElements) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  FindByName(doc, "abbr@title")->parts[0].target = TextOnly("milímetro");
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_NE(SerializeHtml(e.document.doc()).find("<abbr title=\"milímetro\">mm</abbr>"),
            std::string::npos);
}

TEST(Merge, UnknownUnitIsAnError) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  doc.units.push_back(doc.units.front());
  doc.units.back().id = "invented";
  MergeResult result = MergeTranslations(e, doc, "es.xlf", PublishPolicy{});
  EXPECT_TRUE(HasErrors(result.diagnostics));
}

TEST(Merge, OriginalMustNameTheSource) {
  Extraction e = Source();
  XliffDocument doc = Identity(e);
  doc.original = "../../etc/passwd";
  EXPECT_FALSE(CheckXliffMatchesSource(e, doc, "es.xlf", "es").ok());
  doc.original = "other.xhtml";
  EXPECT_FALSE(CheckXliffMatchesSource(e, doc, "es.xlf", "es").ok());
  doc.original = "guide.xhtml";
  EXPECT_TRUE(CheckXliffMatchesSource(e, doc, "es.xlf", "es").ok());
  EXPECT_FALSE(CheckXliffMatchesSource(e, doc, "es.xlf", "fr").ok());
}

// The page a merge makes from `doc`, and its stats, with the document extracted segmented or not.
std::pair<std::string, MergeStats> MergedPage(XliffDocument doc, bool segmented,
                                              const std::string& locale = "es") {
  doc.target_locale = locale;
  ExtractOptions options;
  options.segment = segmented;
  Result<Extraction> e = ExtractXhtml(kPage, "guide.xhtml", options);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  SegmenterCache segmenters;
  MergeResult result = MergeTranslations(*e, doc, "es.xlf", PublishPolicy{}, &segmenters);
  return {SerializeHtml(e->document.doc()), result.stats};
}

TEST(Merge, AnUnsegmentedDocumentMergesAsASegmentedOne) {
  const Extraction e = Source();
  const XliffDocument identity = Identity(e);
  // Targets that differ from the sources, with the segments' edge white space moved about.
  XliffDocument translated = identity;
  for (Unit& unit : translated.units) {
    for (Segment& part : unit.parts) {
      if (!part.target) continue;
      for (l10n::Run& run : *part.target) {
        if (run.kind == RunKind::kText) run.text = " " + run.text + "\n";
      }
    }
  }
  // The same, re-indented by a tool: the XLIFF no longer spells the document's white space.
  XliffDocument reindented = translated;
  for (Unit& unit : reindented.units) {
    for (Segment& part : unit.parts) {
      if (!part.is_segment) part.source = TextOnly("\n        ");
    }
  }
  // A tool that joined the paragraph's two sentences, its text kept exactly.
  XliffDocument joined = identity;
  Unit* p = FindByName(joined, "p");
  ASSERT_EQ(p->parts.size(), 3u);
  Segment whole = p->parts[0];
  whole.source = p->SourceContent();
  whole.target =
      Content{Run::Text("Lea "),      whole.source[1], Run::Text("esta parte"), whole.source[3],
              Run::Text(" y "),       whole.source[5], Run::Text("eso"),        whole.source[7],
              Run::Text(". Mide 1 "), whole.source[9], Run::Text("mm"),         whole.source[11],
              Run::Text(".")};
  p->parts = {whole};
  // A tool that kept the space between the two sentences inside the first segment: the parts
  // still spell the text, but a language written without spaces must not get that space.
  XliffDocument space_inside = identity;
  Unit* q = FindByName(space_inside, "p");
  ASSERT_FALSE(q->parts[1].is_segment);
  for (const l10n::Run& run : q->parts[1].source) AppendText(q->parts[0].source, run.text);
  for (const l10n::Run& run : q->parts[1].source) AppendText(*q->parts[0].target, run.text);
  q->parts.erase(q->parts.begin() + 1);
  // A tool that split the second paragraph at its line break and kept the break's code in an
  // ignorable with a blank target: the code is missing from the translation.
  XliffDocument code_between = identity;
  Unit* r = FindByName(code_between, "p", 1);
  ASSERT_EQ(r->parts.size(), 1u);
  const Content runs = r->parts[0].source;
  const auto br = std::find_if(runs.begin(), runs.end(), [](const l10n::Run& run) {
    return run.kind == RunKind::kPlaceholder;
  });
  ASSERT_NE(br, runs.end());
  Segment before = r->parts[0], between = r->parts[0], after = r->parts[0];
  before.source = Content(runs.begin(), br);
  before.target = before.source;
  between.is_segment = false;
  between.id = "i1";
  between.source = Content{*br};
  between.target = TextOnly(" ");
  after.id = "s2";
  after.source = Content(br + 1, runs.end());
  after.target = after.source;
  r->parts = {before, between, after};
  for (const std::string locale : {"es", "ja"}) {
    for (const XliffDocument* doc : std::vector<const XliffDocument*>{
             &identity, &translated, &reindented, &joined, &space_inside, &code_between}) {
      const auto [segmented_page, segmented_stats] = MergedPage(*doc, true, locale);
      const auto [page, stats] = MergedPage(*doc, false, locale);
      EXPECT_EQ(page, segmented_page) << locale;
      EXPECT_EQ(stats.translated, segmented_stats.translated) << locale;
      EXPECT_EQ(stats.errors, segmented_stats.errors) << locale;
      EXPECT_EQ(stats.stale, segmented_stats.stale) << locale;
      if (doc == &identity || doc == &joined) {
        EXPECT_EQ(stats.translated, stats.units);
      }
    }
  }
  EXPECT_EQ(MergedPage(code_between, false).second.errors, 1);
  EXPECT_NE(MergedPage(space_inside, false, "ja").first.find("that</em>.It is"), std::string::npos)
      << MergedPage(space_inside, false, "ja").first;
  EXPECT_NE(MergedPage(joined, false)
                .first.find("Lea <a href=\"#b\">esta parte</a> y <em>eso</em>. Mide 1 <abbr"),
            std::string::npos)
      << MergedPage(joined, false).first;
}

TEST(Merge, AnUnsegmentableSourceLanguageIsAnError) {
  ExtractOptions options;
  options.segment = false;
  options.source_locale = "not a tag";
  Result<Extraction> e = ExtractXhtml(kPage, "guide.xhtml", options);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  XliffDocument doc = Identity(Source());
  std::size_t reindented = 0;
  for (Unit& unit : doc.units) {
    bool changed = false;
    for (Segment& part : unit.parts) {
      if (part.is_segment) continue;
      part.source = TextOnly("\n  ");  // re-indented: segmented again
      changed = true;
    }
    reindented += changed ? 1 : 0;
  }
  ASSERT_GT(reindented, 0u);
  MergeResult result = MergeTranslations(*e, doc, "es.xlf", PublishPolicy{});
  ASSERT_TRUE(HasErrors(result.diagnostics));
  // One error for the document, not one for the first unit that needed sentences.
  const auto is_segmentation = [](const Diagnostic& d) { return d.check == "segmentation"; };
  EXPECT_EQ(std::count_if(result.diagnostics.begin(), result.diagnostics.end(), is_segmentation),
            1);
  const auto found =
      std::find_if(result.diagnostics.begin(), result.diagnostics.end(), is_segmentation);
  ASSERT_NE(found, result.diagnostics.end());
  EXPECT_NE(found->message.find("not a valid BCP 47"), std::string::npos) << found->message;
  EXPECT_EQ(found->where.file, "guide.xhtml");
  // No unit that needed sentence breaks was merged without them: each re-indented unit is
  // published in the source language, and the units whose segments the XLIFF gives as
  // extraction makes them are still translated.
  EXPECT_EQ(result.fallback_units.size(), reindented);
  EXPECT_EQ(result.stats.translated, static_cast<int>(e->units.size() - reindented));
}

TEST(MergeStatsTest, ShownCompletionIsRoundedDownToTenths) {
  MergeStats stats;
  EXPECT_EQ(stats.ShownCompletion(), 100.0);  // no words
  stats.words = 10000;
  stats.translated_words = 9996;  // 99.96%: not complete, so not shown as 100.0%
  EXPECT_EQ(stats.ShownCompletion(), 99.9);
  stats.translated_words = 10000;
  EXPECT_EQ(stats.ShownCompletion(), 100.0);
  stats.words = 1000;
  stats.translated_words = 573;
  EXPECT_EQ(stats.ShownCompletion(), 57.3);
  stats.words = 3;
  stats.translated_words = 2;  // 66.67%
  EXPECT_EQ(stats.ShownCompletion(), 66.6);
}

}  // namespace
}  // namespace l10n
