#include "pipeline/merge.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace l10n
