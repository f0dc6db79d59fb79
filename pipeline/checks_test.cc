#include "pipeline/checks.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/glossary.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

// A one-unit XLIFF with the given source and target texts.
XliffDocument Doc(const std::string& locale, const std::string& source, const std::string& target,
                  std::optional<int> max_chars = std::nullopt) {
  XliffDocument doc;
  doc.source_locale = "en";
  doc.target_locale = locale;
  doc.original = "guide.xhtml";
  Unit unit;
  unit.id = "u1";
  unit.max_chars = max_chars;
  Segment segment;
  segment.id = "s1";
  segment.source = {Run::Text(source)};
  segment.target = Content{Run::Text(target)};
  segment.state = State::kTranslated;
  unit.parts.push_back(segment);
  doc.units.push_back(unit);
  return doc;
}

Glossary TestGlossary() {
  Glossary g;
  Concept scars;
  scars.id = "c-hypertrophic-scars";
  scars.terms["en"] = {{"hypertrophic scar", TermStatus::kPreferred, "noun", "", {}}};
  scars.terms["es"] = {{"cicatriz hipertrófica", TermStatus::kPreferred, "noun", "", {}},
                       {"cicatriz queloide", TermStatus::kDeprecated, "noun", "", {}}};
  scars.terms["de"] = {{"hypertrophe Narbe", TermStatus::kPreferred, "noun", "", {}}};
  scars.terms["fr"] = {{"cicatrice hypertrophique", TermStatus::kPreferred, "noun", "", {}}};
  scars.terms["ja"] = {{"肥厚性瘢痕", TermStatus::kPreferred, "noun", "", {}},
                       {"ケロイド", TermStatus::kDeprecated, "noun", "", {}}};
  Concept hyperhidrosis;
  hyperhidrosis.id = "c-hyperhidrosis";
  hyperhidrosis.terms["en"] = {{"hyperhidrosis", TermStatus::kPreferred, "noun", "", {}}};
  hyperhidrosis.terms["fr"] = {{"hyperhidrose", TermStatus::kPreferred, "noun", "", {}},
                               {"hyperhydrose", TermStatus::kDeprecated, "noun", "", {}}};
  Concept brand;
  brand.id = "c-zap-laser-center";
  brand.do_not_translate = true;
  brand.terms["en"] = {{"Zap Laser Center", TermStatus::kPreferred, "properNoun", "", {}}};
  g.concepts = {scars, hyperhidrosis, brand};
  return g;
}

struct Case {
  const char* name;
  const char* locale;
  std::string source;
  std::string target;
  const char* check;  // the check that must fire, or "" for a clean pair
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ChecksTest : public ::testing::TestWithParam<Case> {};

TEST_P(ChecksTest, FindsExactlyWhatIsWrong) {
  const Case& c = GetParam();
  Glossary glossary = TestGlossary();
  CheckOptions options;
  options.glossary = &glossary;
  options.settings["spelling"] = CheckSetting{false, std::nullopt};
  options.settings["length-ratio"] = CheckSetting{false, std::nullopt};
  std::vector<Diagnostic> found = RunChecks(Doc(c.locale, c.source, c.target), "t.xlf", options);
  std::string all;
  for (const Diagnostic& d : found) all += FormatDiagnostic(d) + "\n";
  if (std::string(c.check).empty()) {
    EXPECT_TRUE(found.empty()) << all;
  } else {
    bool fired = false;
    for (const Diagnostic& d : found) fired |= d.check == c.check;
    EXPECT_TRUE(fired) << "expected " << c.check << ", got:\n" << all;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Numbers, ChecksTest,
    ::testing::Values(
        Case{"fr_percent_ok", "fr", "Up to 95% of patients improved.",
             "Jusqu’à 95\u00a0% des patients se sont améliorés.", ""},
        Case{"fr_percent_changed", "fr", "Up to 95% of patients improved.",
             "Jusqu’à 59\u00a0% des patients se sont améliorés.", "numbers"},
        Case{"ar_digits_ok", "ar", "Up to 95% of patients.", "حتى ٩٥٪ من المرضى.", ""},
        Case{"ar_digits_changed", "ar", "Up to 95% of patients.", "حتى ٩٤٪ من المرضى.", "numbers"},
        Case{"de_decimal_ok", "de", "Needles of 1.5 mm.", "Nadeln von 1,5\u00a0mm.", ""},
        Case{"de_decimal_english_style", "de", "Needles of 1.5 mm.", "Nadeln von 1.5\u00a0mm.",
             "numbers"},
        Case{"unit_changed", "es", "It takes 24 hours.", "Tarda 24 minutos.", "numbers"},
        Case{"unit_dropped", "es", "Incisions of 1 mm.", "Incisiones de 1 cm.", "numbers"},
        Case{"number_dropped", "ja", "It was introduced in 1995.", "導入されました。", "numbers"},
        Case{"ja_ok", "ja", "It was introduced in 1995 and heals in 24 hours.",
             "1995年に導入され、24時間で治ります。", ""},
        Case{"number_added", "es", "It heals quickly.", "Cura en 2 días.", "numbers"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Terms, ChecksTest,
    ::testing::Values(
        Case{"es_inflected_ok", "es", "It treats hypertrophic scars.",
             "Trata las cicatrices hipertróficas.", ""},
        Case{"es_deprecated", "es", "It treats hypertrophic scars.",
             "Trata las cicatrices queloides.", "deprecated-term"},
        Case{"es_wrong_term", "es", "It treats hypertrophic scars.", "Trata las marcas rojas.",
             "terminology"},
        Case{"de_inflected_ok", "de", "It treats hypertrophic scars.",
             "Es behandelt hypertrophe Narben.", ""},
        Case{"fr_elision_ok", "fr", "A treatment of hyperhidrosis.",
             "Un traitement d’hyperhidrose.", ""},
        Case{"fr_deprecated_elided", "fr", "A treatment of hyperhidrosis.",
             "Un traitement d’hyperhydrose.", "deprecated-term"},
        Case{"ja_ok", "ja", "It treats hypertrophic scars.", "肥厚性瘢痕を治療します。", ""},
        Case{"ja_deprecated", "ja", "It treats hypertrophic scars.", "ケロイドを治療します。",
             "deprecated-term"},
        Case{"brand_ok", "es", "Zap Laser Center wrote it.", "Zap Laser Center lo escribió.", ""},
        Case{"brand_altered", "es", "Zap Laser Center wrote it.", "Zap Láser Center lo escribió.",
             "protected"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Text, ChecksTest,
    ::testing::Values(
        Case{"untranslated_copy", "es", "The skin heals quickly after treatment.",
             "The skin heals quickly after treatment.", "untranslated"},
        Case{"english_left_in", "de", "The skin heals quickly after the treatment.",
             "The skin heals quickly after the Behandlung.", "untranslated"},
        // Three of the six distinct words are half, not more: not reported.
        Case{"english_half_left_in", "de", "The skin heals quickly after the treatment.",
             "Die Haut heilt quickly after the Behandlung.", ""},
        // A source word counts once however often and in whatever case the target repeats it.
        Case{"english_word_repeated", "de", "The skin heals quickly after the treatment.",
             "Skin heilt, die skin wächst, SKIN und Skin nach der Behandlung.", ""},
        // A source word counts once however often the source has it: four of the seven
        // distinct words (skin, heal, quickly, after of skin, and, heal, quickly, after, the,
        // treatment) are more than half.
        Case{"english_source_word_repeated", "de",
             "Skin, skin and skin heal quickly after the treatment.",
             "Skin heal quickly after der Behandlung.", "untranslated"},
        Case{"es_question_ok", "es", "What is it?", "¿Qué es?", ""},
        Case{"es_question_missing_opening", "es", "What is it?", "Qué es?", "end-punctuation"},
        Case{"ja_question_ok", "ja", "What is it?", "それは何ですか？", ""},
        Case{"ar_question_ok", "ar", "What is it?", "ما هو؟", ""},
        Case{"ar_latin_question", "ar", "What is it?", "ما هو?", "end-punctuation"},
        Case{"fr_space_ok", "fr", "What is it?", "Qu’est-ce que c’est\u202f?", ""},
        Case{"fr_space_missing", "fr", "What is it?", "Qu’est-ce que c’est?", "spacing"},
        Case{"full_stop_dropped", "es", "It heals.", "Se cura", "end-punctuation"},
        Case{"doubled_space", "es", "It heals well.", "Se cura  bien.", "spacing"},
        Case{"doubled_word", "es", "It heals well.", "Se cura cura bien.", "doubled-word"},
        Case{"de_die_die_ok", "de", "The damage that the needles leave.",
             "Die Schäden, die die Nadeln hinterlassen.", ""},
        Case{"unbalanced", "es", "It heals (quickly).", "Se cura (rápido.", "brackets"},
        Case{"bidi", "ar", "It heals.", "\u202bيشفى.", "bidi-control"},
        Case{"url_changed", "es", "See https://example.org/a.", "Vea https://example.com/a.",
             "protected"}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(Checks, SizeRestriction) {
  CheckOptions options;
  std::vector<Diagnostic> found = RunChecks(
      Doc("es", "Short title", "Un título mucho más largo de lo permitido", 20), "t.xlf", options);
  bool fired = false;
  for (const Diagnostic& d : found) fired |= d.check == "length";
  EXPECT_TRUE(fired);
}

TEST(Checks, CanBeDisabledRegradedAndSuppressed) {
  CheckOptions options;
  XliffDocument doc = Doc("es", "Up to 95%.", "Hasta 59 %.");
  options.settings["numbers"] = CheckSetting{true, std::string("warning")};
  std::vector<Diagnostic> found = RunChecks(doc, "t.xlf", options);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].severity, Severity::kWarning);
  options.suppressions.push_back({"numbers", "u1", "es", "the clinic's figure was corrected"});
  EXPECT_TRUE(RunChecks(doc, "t.xlf", options).empty());
  options.suppressions.clear();
  options.settings["numbers"] = CheckSetting{false, std::nullopt};
  EXPECT_TRUE(RunChecks(doc, "t.xlf", options).empty());
}

TEST(Checks, CatalogHasStableIds) {
  std::set<std::string> ids;
  for (const CheckInfo& info : CheckCatalog()) {
    EXPECT_TRUE(ids.insert(info.id).second) << info.id;
    EXPECT_FALSE(info.description.empty());
  }
  EXPECT_GE(ids.size(), 20u);
}

TEST(Checks, SarifAndJunitAreWellFormed) {
  CheckOptions options;
  std::vector<Diagnostic> found =
      RunChecks(Doc("es", "Up to 95%.", "Hasta 59 %."), "t.xlf", options);
  const std::string sarif = FormatSarif(found);
  EXPECT_NE(sarif.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(sarif.find("\"ruleId\": \"numbers\""), std::string::npos);
  const std::string junit = FormatJunit(found, {"t.xlf"}, {{"t.xlf", {"u1"}}});
  EXPECT_NE(junit.find("<failure"), std::string::npos);
}

// `l10n check` writes its report a file at a time; the parts joined must be the report of all
// the findings, in every format, whether the files have findings or not.
TEST(Checks, ReportsWrittenAFileAtATimeAreTheWholeReports) {
  CheckOptions options;
  const std::vector<std::string> files = {"a.xlf", "clean.xlf", "b.xlf"};
  std::vector<std::vector<Diagnostic>> per_file = {
      RunChecks(Doc("es", "Up to 95%.", "Hasta 59 %."), "a.xlf", options),
      {},
      RunChecks(Doc("es", "It lasts 24 hours.", "Dura  24 horas!"), "b.xlf", options)};
  ASSERT_FALSE(per_file[0].empty());
  ASSERT_FALSE(per_file[2].empty());
  std::vector<Diagnostic> all;
  std::map<std::string, std::vector<std::string>> units_by_file;
  for (std::size_t i = 0; i < files.size(); ++i) {
    all.insert(all.end(), per_file[i].begin(), per_file[i].end());
    units_by_file[files[i]] = {"u1"};
  }
  const std::map<std::string, std::string> whole = {
      {"text", FormatText(all)},
      {"json", FormatJson(all)},
      {"sarif", FormatSarif(all)},
      {"junit", FormatJunit(all, files, units_by_file)}};
  for (const auto& [format, expected] : whole) {
    const std::unique_ptr<ReportWriter> writer = ReportWriter::Make(format);
    EXPECT_EQ(writer->ListsUnits(), format == "junit");
    std::string parts;
    writer->Begin(parts);
    for (std::size_t i = 0; i < files.size(); ++i) {
      writer->File(parts, files[i], per_file[i], units_by_file[files[i]]);
    }
    writer->End(parts);
    EXPECT_EQ(parts, expected) << format;
    // The JSON formats parse, with every finding in them.
    if (format == "json") {
      EXPECT_EQ(nlohmann::json::parse(parts)["findings"].size(), all.size());
    } else if (format == "sarif") {
      EXPECT_EQ(nlohmann::json::parse(parts)["runs"][0]["results"].size(), all.size());
    }
  }
  // A file given twice is two suites, each with its own units and findings.
  {
    const std::unique_ptr<ReportWriter> writer = ReportWriter::Make("junit");
    std::string once, twice;
    writer->Begin(once);
    writer->File(once, files[0], per_file[0], {"u1"});
    writer->Begin(twice);
    writer->File(twice, files[0], per_file[0], {"u1"});
    const std::string suite = once.substr(once.find("  <testsuite "));
    writer->File(twice, files[0], per_file[0], {"u1"});
    EXPECT_EQ(twice, once + suite);
  }
  // With no findings at all, the JSON formats hold empty arrays.
  for (const std::string format : {"json", "sarif"}) {
    const std::unique_ptr<ReportWriter> writer = ReportWriter::Make(format);
    std::string parts;
    writer->Begin(parts);
    writer->File(parts, "clean.xlf", {}, {});
    writer->End(parts);
    const nlohmann::json parsed = nlohmann::json::parse(parts);
    EXPECT_TRUE(format == "json" ? parsed["findings"].empty()
                                 : parsed["runs"][0]["results"].empty());
    EXPECT_NE(parts.find("[]"), std::string::npos) << parts;
  }
}

// A two-unit document with findings of many checks (numbers, terminology,
// deprecated terms, do-not-translate names, punctuation, doubled words,
// spelling, consistency).
XliffDocument RichDoc(const std::string& locale, const std::vector<std::string>& targets) {
  const std::vector<std::string> sources = {
      "Up to 95% of hypertrophic scars improve at Zap Laser Center.",
      "It treats hypertrophic scars in 24 hours?"};
  XliffDocument doc;
  doc.source_locale = "en";
  doc.target_locale = locale;
  doc.original = "guide.xhtml";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    Unit unit;
    unit.id = "u" + std::to_string(i + 1);
    Segment segment;
    segment.id = "s1";
    segment.source = {Run::Text(sources[i % sources.size()])};
    segment.target = Content{Run::Text(targets[i])};
    segment.state = State::kTranslated;
    unit.parts.push_back(segment);
    doc.units.push_back(unit);
  }
  return doc;
}

TEST(CheckResources, ReusedForManyDocumentsGiveTheFindingsOfFreshRuns) {
  Glossary glossary = TestGlossary();
  CheckOptions options;
  options.glossary = &glossary;
  const std::vector<XliffDocument> docs = {
      RichDoc("es", {"Hasta el 59 % de las cicatrices queloides mejoran en Zap Láser Center.",
                     "Trata las marcas marcas rojas en 24 horas?"}),
      RichDoc("es",
              {"Hasta el 95 % de las cicatrices hipertróficas mejoran en Zap Laser Center.",
               "¿Trata las cicatrices hipertróficas en 24 minutos?",
               "Hasta el 95 % de las cicatrices hipertróficas mejoran en Zap Laser Centre."})};
  std::vector<std::string> fresh;
  for (const XliffDocument& doc : docs)
    fresh.push_back(FormatJson(RunChecks(doc, "t.xlf", options)));
  EXPECT_NE(fresh[0], fresh[1]);
  EXPECT_NE(fresh[0].find("\"deprecated-term\""), std::string::npos) << fresh[0];

  CheckResources resources(&glossary, "en", "es", options.hunspell_dir);
  options.resources = &resources;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      EXPECT_TRUE(resources.Fits(docs[i], options));
      EXPECT_EQ(FormatJson(RunChecks(docs[i], "t.xlf", options)), fresh[i])
          << "pass " << pass << ", document " << i;
    }
  }
}

// The term matchers and the spelling check remember what each word they have seen gave, and
// forget it all when they have seen too many words: what a document gets must not depend on
// whether its words were remembered, forgotten or never seen.
TEST(CheckResources, FindingsDoNotDependOnTheWordsCheckedBefore) {
  Glossary glossary = TestGlossary();
  CheckOptions options;
  options.glossary = &glossary;
  options.settings["length-ratio"] = CheckSetting{false, std::nullopt};
  const XliffDocument doc =
      RichDoc("es", {"Hasta el 59 % de las cicatrices queloides mejoran en Zap Láser Centre.",
                     "Trata las marcas marcas rojs en 24 horas?"});
  const std::string fresh = FormatJson(RunChecks(doc, "t.xlf", options));
  ASSERT_NE(fresh.find("\"deprecated-term\""), std::string::npos) << fresh;

  CheckResources resources(&glossary, "en", "es", options.hunspell_dir);
  if (resources.has_dictionary()) {
    ASSERT_NE(fresh.find("\"spelling\""), std::string::npos) << fresh;
  }
  options.resources = &resources;
  EXPECT_EQ(FormatJson(RunChecks(doc, "t.xlf", options)), fresh);
  // More distinct words than any of the memories keeps (65,536), ASCII or not, the document's
  // own among them, in units of 500 words.
  std::vector<std::string> targets;
  std::string words;
  for (int i = 0; i < 140'000; ++i) {
    std::string word = i % 2 == 0 ? "q" : "\u00e9";  // words beyond ASCII are folded through ICU
    for (int n = i; n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
    words += word + (i % 7 == 0 ? " cicatrices queloides " : " ");
    if (i % 500 == 499) {
      targets.push_back(words + "rojs.");
      words.clear();
    }
  }
  const XliffDocument flood = RichDoc("es", targets);
  EXPECT_FALSE(RunChecks(flood, "flood.xlf", options).empty());
  EXPECT_EQ(FormatJson(RunChecks(doc, "t.xlf", options)), fresh);
}

// A target broken once for every check finds the terms that the matcher finds breaking the
// text itself.
TEST(TermMatcher, FindsTheSameTermsInATextBrokenBeforehand) {
  const Glossary glossary = TestGlossary();
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"es", "Trata las cicatrices hipertróficas, no las cicatrices queloides (ni la acné)."},
      {"de", "Es behandelt hypertrophe Narben und hypertrophe Narbe."},
      {"fr", "Un traitement d’hyperhidrose ou d’hyperhydrose : oui."},
      {"ja", "肥厚性瘢痕とケロイドの治療。"},
      {"es", ""}};
  for (const auto& [language, text] : texts) {
    const TermMatcher matcher(glossary, language);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(
        icu::Locale::forLanguageTag(language, status), status));
    WordBreaks breaks;
    BreakWords(words.get(), text, breaks);
    const std::vector<TermHit> fresh = matcher.Find(text);
    const std::vector<TermHit> shared = matcher.Find(text, breaks);
    ASSERT_EQ(fresh.size(), shared.size()) << text;
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      EXPECT_EQ(fresh[i].term, shared[i].term) << text;
      EXPECT_EQ(fresh[i].begin, shared[i].begin) << text;
      EXPECT_EQ(fresh[i].end, shared[i].end) << text;
    }
    if (!text.empty()) {
      EXPECT_FALSE(fresh.empty()) << text;
    }
  }
}

TEST(CheckResources, ResourcesOfAnotherLocaleOrGlossaryAreNotUsed) {
  Glossary glossary = TestGlossary();
  CheckOptions options;
  options.glossary = &glossary;
  const XliffDocument doc = RichDoc("es", {"Hasta el 59 % de las cicatrices queloides mejoran.",
                                           "Trata las marcas rojas en 24 horas?"});
  const std::string fresh = FormatJson(RunChecks(doc, "t.xlf", options));
  ASSERT_NE(fresh.find("\"deprecated-term\""), std::string::npos) << fresh;
  ASSERT_NE(fresh.find("\"terminology\""), std::string::npos) << fresh;

  Glossary other_glossary = TestGlossary();
  struct Mismatch {
    const char* name;
    const Glossary* glossary;
    const char* source_locale;
    const char* target_locale;
    std::string hunspell_dir;
  };
  const std::vector<Mismatch> mismatches = {
      {"target locale", &glossary, "en", "de", options.hunspell_dir},
      {"source locale", &glossary, "fr", "es", options.hunspell_dir},
      {"no glossary", nullptr, "en", "es", options.hunspell_dir},
      {"another glossary", &other_glossary, "en", "es", options.hunspell_dir},
      {"dictionary directory", &glossary, "en", "es", "/nonexistent"}};
  for (const Mismatch& m : mismatches) {
    CheckResources resources(m.glossary, m.source_locale, m.target_locale, m.hunspell_dir);
    options.resources = &resources;
    EXPECT_FALSE(resources.Fits(doc, options)) << m.name;
    EXPECT_EQ(FormatJson(RunChecks(doc, "t.xlf", options)), fresh) << m.name;
  }
}

TEST(CheckResources, EmptySourceLocaleReadsAsEnglish) {
  CheckResources resources(nullptr, "", "es", "/nonexistent");
  EXPECT_EQ(resources.source_locale(), "en");
  EXPECT_EQ(resources.target_locale(), "es");
  EXPECT_FALSE(resources.has_dictionary());
  XliffDocument doc = Doc("es", "Up to 95%.", "Hasta 59 %.");
  doc.source_locale = "";
  CheckOptions options;
  options.hunspell_dir = "/nonexistent";
  EXPECT_TRUE(resources.Fits(doc, options));
}

TEST(Checks, ReportsCarryTextThatIsNotUtf8WithoutStopping) {
  Diagnostic d;
  d.check = "unit-missing";
  d.where = Location{"a.xlf", 1, 1};
  d.message = std::string("cut in the middle of \xE2\x80");
  for (const std::string& report : {FormatJson({d}), FormatSarif({d})}) {
    EXPECT_NE(report.find("cut in the middle of \uFFFD"), std::string::npos) << report;
  }
}

}  // namespace
}  // namespace l10n
