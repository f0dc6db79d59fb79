// Property tests over generated documents: random nesting of inline markup,
// white space, attributes and sentence punctuation.
//   1. extract -> targets equal to sources -> XLIFF (2.0 and 1.2) -> read ->
//      merge reproduces the source document;
//   2. extract -> pseudo-translate -> merge -> re-extract gives the same
//      units with the same codes.
#include <gtest/gtest.h>

#include <random>

#include "pipeline/extract.h"
#include "pipeline/html.h"
#include "pipeline/merge.h"
#include "pipeline/pseudo.h"
#include "pipeline/test_support.h"
#include "pipeline/xliff.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

class DocumentGenerator {
 public:
  explicit DocumentGenerator(unsigned seed) : random_(seed) {}

  std::string Document() {
    std::string body;
    const int blocks = Pick(1, 8);
    for (int b = 0; b < blocks; ++b) {
      switch (Pick(0, 4)) {
        case 0:
          body += "<p>" + Inline(0) + "</p>";
          break;
        case 1:
          body += "<h2>" + Inline(0) + "</h2>";
          break;
        case 2:
          body +=
              "<ul>" + Whitespace() + "<li>" + Inline(0) + "</li><li>" + Inline(0) + "</li></ul>";
          break;
        case 3:
          body += "<table><tr><th>" + Inline(0) + "</th><td>" + Inline(0) + "</td></tr></table>";
          break;
        default:
          body += "<section id=\"s" + std::to_string(b) + "\"><p>" + Inline(0) + "</p></section>";
          break;
      }
      body += Whitespace();
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html "
           "xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>" +
           Sentence() + "</title></head><body>" + body + "</body></html>";
  }

 private:
  int Pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  std::string Whitespace() {
    static const char* kSpaces[] = {"", " ", "\n  ", "  ", "\n"};
    return kSpaces[Pick(0, 4)];
  }

  std::string Word() {
    static const char* kWords[] = {"skin",  "needle",   "Dr.",        "e.g.",        "1.5",  "mm",
                                   "95%",   "collagen", "&amp;",      "&lt;tag&gt;", "déjà", "日本",
                                   "heals", "scar",     "\"quoted\"", "it’s"};
    return kWords[Pick(0, 15)];
  }

  std::string AttributeWord() {
    std::string w = Word();
    return w.find('"') == std::string::npos ? w : "quoted";
  }

  std::string Sentence() {
    std::string s;
    const int words = Pick(1, 6);
    for (int i = 0; i < words; ++i) s += (i ? " " : "") + Word();
    static const char* kEnds[] = {".", "?", "!", "", ":"};
    return s + kEnds[Pick(0, 4)];
  }

  std::string Inline(int depth) {
    std::string out = Whitespace();
    const int pieces = Pick(1, 4);
    for (int i = 0; i < pieces; ++i) {
      const int kind = depth >= 3 ? 0 : Pick(0, 8);
      switch (kind) {
        case 1:
          out += "<em>" + Inline(depth + 1) + "</em>";
          break;
        case 2:
          out += "<strong>" + Inline(depth + 1) + "</strong>";
          break;
        case 3:
          out += "<a href=\"#x&amp;y\" title=\"" + AttributeWord() + "\">" + Inline(depth + 1) +
                 "</a>";
          break;
        case 4:
          out += "<span translate=\"no\">Zap Laser Center</span>";
          break;
        case 5:
          out += "<abbr title=\"millimeter\">mm</abbr>";
          break;
        case 6:
          out += "<br/>";
          break;
        case 7:
          out += "<img src=\"a.png\" alt=\"" + AttributeWord() + "\"/>";
          break;
        default:
          out += Sentence();
          break;
      }
      out += Pick(0, 1) ? " " : Whitespace();
    }
    // Every block needs translatable text.
    return out + Sentence();
  }

  std::mt19937 random_;
};

XliffDocument WithTargets(const Extraction& e, bool pseudo) {
  if (!pseudo) return testing_support::IdentityTranslation(e);
  XliffDocument doc = MakeXliff(e, "es");
  PseudoTranslateDocument(doc);
  return doc;
}

std::string CodeShape(const Content& content) {
  std::string out;
  for (const Run& run : content) {
    if (run.kind != RunKind::kText) out += Signature({run});
  }
  return out;
}

TEST(Property, IdentityTargetsReproduceTheSource) {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    const std::string xhtml = DocumentGenerator(seed).Document();
    Result<Extraction> original = ExtractXhtml(xhtml, "doc.xhtml", ExtractOptions{});
    ASSERT_TRUE(original.ok()) << seed << ": " << original.status().ToString() << "\n" << xhtml;
    const std::string expected = SerializeHtml(original->document.doc());
    for (const char* version : {"2.0", "1.2"}) {
      Result<Extraction> e = ExtractXhtml(xhtml, "doc.xhtml", ExtractOptions{});
      WriteOptions options;
      options.version = version;
      Result<XliffDocument> read =
          ReadXliff(WriteXliff(WithTargets(*e, false), options), "doc.xlf");
      ASSERT_TRUE(read.ok()) << seed << " " << version << ": " << read.status().ToString();
      MergeResult merged = MergeTranslations(*e, *read, "doc.xlf", PublishPolicy{});
      EXPECT_TRUE(merged.diagnostics.empty()) << seed << " " << version;
      EXPECT_EQ(merged.stats.translated, merged.stats.units) << seed << " " << version;
      const std::string got = SerializeHtml(e->document.doc());
      std::size_t at = 0;
      while (at < got.size() && at < expected.size() && got[at] == expected[at]) ++at;
      EXPECT_EQ(got, expected) << "seed " << seed << " version " << version
                               << ", first difference at " << at << ": got \""
                               << got.substr(at > 40 ? at - 40 : 0, 80) << "\" expected \""
                               << expected.substr(at > 40 ? at - 40 : 0, 80) << "\"";
    }
  }
}

TEST(Property, PseudoTranslationKeepsUnitsAndCodes) {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    const std::string xhtml = DocumentGenerator(seed).Document();
    Result<Extraction> e = ExtractXhtml(xhtml, "doc.xhtml", ExtractOptions{});
    ASSERT_TRUE(e.ok());
    std::vector<std::pair<std::string, std::string>> before;
    for (const SourceUnit& u : e->units) before.emplace_back(u.name, CodeShape(u.SourceContent()));
    MergeResult merged = MergeTranslations(*e, WithTargets(*e, true), "doc.xlf", PublishPolicy{});
    ASSERT_TRUE(merged.diagnostics.empty()) << seed;
    // Re-extract the translated document (as XML, so that it parses again).
    const std::string translated =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SerializeNode(e->document.root());
    Result<Extraction> again = ExtractXhtml(translated, "doc.xhtml", ExtractOptions{"en", true});
    ASSERT_TRUE(again.ok()) << seed << ": " << again.status().ToString();
    std::vector<std::pair<std::string, std::string>> after;
    for (const SourceUnit& u : again->units)
      after.emplace_back(u.name, CodeShape(u.SourceContent()));
    EXPECT_EQ(after, before) << "seed " << seed << "\n" << xhtml << "\n" << translated;
  }
}

}  // namespace
}  // namespace l10n
