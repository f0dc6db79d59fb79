#include "pipeline/text.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <random>
#include <string>
#include <tuple>

#include "pipeline/xml.h"

namespace l10n {
namespace {

TEST(TextTest, CollapseWhitespaceTreatsUnicodeSpaceAsSpace) {
  EXPECT_EQ(CollapseWhitespace("  one \t two\n\nthree  "), "one two three");
  // No-break space, ideographic space and line separator are white space;
  // U+200B (zero width space) is not.
  EXPECT_EQ(CollapseWhitespace("95\u00a0%\u3000and\u2028more\u200bthan"),
            "95 % and more\u200bthan");
  EXPECT_EQ(CollapseWhitespace(""), "");
  EXPECT_EQ(CollapseWhitespace(" \u00a0 "), "");
  EXPECT_EQ(CollapseWhitespace("Wärme  und\u00a0Kälte"), "Wärme und Kälte");
}

TEST(TextTest, IsWhiteSpaceIsUnicodesWhiteSpaceProperty) {
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    ASSERT_EQ(IsWhiteSpace(c), u_isUWhiteSpace(c) != 0) << "U+" << std::hex << c;
  }
}

TEST(TextTest, Utf8PrefixNeverCutsACharacter) {
  EXPECT_EQ(Utf8Prefix("short", 60), "short");
  EXPECT_EQ(Utf8Prefix("abcdef", 3), "abc");
  const std::string text = "ab’cd";  // the apostrophe is three bytes, at 2..4
  EXPECT_EQ(Utf8Prefix(text, 2), "ab");
  EXPECT_EQ(Utf8Prefix(text, 3), "ab");
  EXPECT_EQ(Utf8Prefix(text, 4), "ab");
  EXPECT_EQ(Utf8Prefix(text, 5), "ab’");
  EXPECT_EQ(Utf8Prefix("😀x", 3), "");
}

TEST(TextTest, CollapseWhitespaceKeepsTextThatIsAlreadyCollapsed) {
  EXPECT_EQ(CollapseWhitespace("one two three."), "one two three.");
  EXPECT_EQ(CollapseWhitespace("x"), "x");
  EXPECT_EQ(CollapseWhitespace("Wärme und Kälte – “gut”"), "Wärme und Kälte – “gut”");
  // One white-space character too many, or of another kind, anywhere.
  EXPECT_EQ(CollapseWhitespace(" one"), "one");
  EXPECT_EQ(CollapseWhitespace("one "), "one");
  EXPECT_EQ(CollapseWhitespace(" "), "");
  EXPECT_EQ(CollapseWhitespace("one  two"), "one two");
  EXPECT_EQ(CollapseWhitespace("one\ntwo"), "one two");
  EXPECT_EQ(CollapseWhitespace("one\u00a0two"), "one two");
  EXPECT_EQ(CollapseWhitespace("one\u3000two"), "one two");
}

// Collapsing as the definition says, one code point at a time through ICU's White_Space.
std::string CollapseByDefinition(std::string_view text) {
  const icu::UnicodeString u = FromUtf8(text);
  icu::UnicodeString out;
  bool pending = false;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE)) {
      pending = !out.isEmpty();
      continue;
    }
    if (pending) out.append(u' ');
    pending = false;
    out.append(c);
  }
  return ToUtf8(out);
}

// Texts made of pieces that land on every offset of an eight-byte word, so that the word-wide
// test for already-collapsed text meets spaces on both sides of each word boundary.
TEST(TextTest, CollapseWhitespaceMatchesItsDefinitionOnRandomText) {
  const std::vector<std::string> alphabet = {
      "a",    "Z",    ".",    " ",    " ", "  ",     "\t",     "\n",     "\r",      "\x0b",
      "\x0c", "\x01", "\x1f", "\x7f", "é", "\u00a0", "\u2028", "\u3000", "e\u0301", "\xff"};
  std::mt19937 random(1124);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int n = 0; n < 50000; ++n) {
    std::string text;
    // Mostly printable ASCII, so that whole words take the fast path.
    const bool ascii = n % 2 == 0;
    for (int k = length(random); k > 0; --k) {
      const std::string& piece = alphabet[pick(random)];
      if (ascii && piece.size() > 1 && piece != "  ") continue;
      if (ascii && static_cast<unsigned char>(piece[0]) >= 0x80) continue;
      text += piece;
    }
    const std::string expected = CollapseByDefinition(text);
    ASSERT_EQ(CollapseWhitespace(text), expected) << "input: '" << text << "'";
    ASSERT_EQ(CollapseWhitespace(std::string(text)), expected) << "input: '" << text << "'";
    std::string storage;
    ASSERT_EQ(CollapsedNfc(text, storage), Nfc(expected)) << "input: '" << text << "'";
  }
}

TEST(TextTest, AppendEscapedXmlEscapesWhatTextAndAttributesNeed) {
  const std::string raw = "a<b>&c \"d\"\te\nf\rg é";
  std::string text = "[";
  AppendEscapedXml(text, raw, false);
  EXPECT_EQ(text, "[a&lt;b&gt;&amp;c \"d\"\te\nf&#13;g é");
  std::string attribute;
  AppendEscapedXml(attribute, raw, true);
  EXPECT_EQ(attribute, "a&lt;b&gt;&amp;c &quot;d&quot;&#9;e&#10;f&#13;g é");
  std::string plain;
  AppendEscapedXml(plain, "nothing to escape", true);
  EXPECT_EQ(plain, "nothing to escape");
  // Eight bytes are looked at together: each character at every offset of a word.
  for (int pad = 0; pad < 17; ++pad) {
    const std::string before(static_cast<std::size_t>(pad), 'x');
    for (const auto& [c, in_text, in_attribute] :
         {std::tuple{'&', "&amp;", "&amp;"}, std::tuple{'<', "&lt;", "&lt;"},
          std::tuple{'>', "&gt;", "&gt;"}, std::tuple{'\r', "&#13;", "&#13;"},
          std::tuple{'"', "\"", "&quot;"}, std::tuple{'\n', "\n", "&#10;"},
          std::tuple{'\t', "\t", "&#9;"}}) {
      const std::string raw = before + c + "yyyyyyyyy";
      std::string text, attribute;
      AppendEscapedXml(text, raw, false);
      AppendEscapedXml(attribute, raw, true);
      EXPECT_EQ(text, before + in_text + "yyyyyyyyy") << pad;
      EXPECT_EQ(attribute, before + in_attribute + "yyyyyyyyy") << pad;
    }
  }
}

TEST(TextTest, CollapseWhitespaceReplacesIllFormedUtf8) {
  EXPECT_EQ(CollapseWhitespace(std::string("a \xff  b")), "a \uFFFD b");
}

TEST(TextTest, NfcComposesAndKeepsNormalizedText) {
  EXPECT_EQ(Nfc("plain ASCII"), "plain ASCII");
  EXPECT_EQ(Nfc("caf\u00e9"), "caf\u00e9");
  EXPECT_EQ(Nfc("cafe\u0301"), "caf\u00e9");  // e + combining acute
  EXPECT_EQ(Nfc(std::string("x\xc3")), "x\uFFFD");
}

TEST(TextTest, FoldCaseIsFullCaseFolding) {
  EXPECT_EQ(FoldCase("MicroNeedling"), "microneedling");
  EXPECT_EQ(FoldCase("STRASSE Straße"), "strasse strasse");
  EXPECT_EQ(FoldCase("\u0130stanbul"), "i\u0307stanbul");  // not Turkish-specific
  EXPECT_EQ(FoldCase("ÉTÉ"), "été");
}

TEST(TextTest, IsValidUtf8FindsTheFirstBadByte) {
  std::size_t bad = 0;
  EXPECT_TRUE(IsValidUtf8("long enough ASCII text to take the word path, then é and 日本"));
  EXPECT_FALSE(IsValidUtf8(std::string("0123456789abcdef\xc0\x80"), &bad));
  EXPECT_EQ(bad, 16u);
  EXPECT_FALSE(IsValidUtf8(std::string("ab\xed\xa0\x80"), &bad));  // a surrogate
  EXPECT_EQ(bad, 2u);
}

TEST(TextTest, WordCounterCountsLikeCountWords) {
  WordCounter en("en");
  EXPECT_EQ(en.Count("Microneedling is a minimally-invasive treatment, used since 1995."),
            CountWords("Microneedling is a minimally-invasive treatment, used since 1995.", "en"));
  EXPECT_EQ(en.Count("one two three"), 3);
  EXPECT_EQ(en.Count(""), 0);
  EXPECT_EQ(en.Count("  ...  "), 0);
}

TEST(XmlTest, ParseFindsWhatXmlForbidsAtEveryOffset) {
  // The pre-parse scan reads eight bytes at a time: each problem at every place in a word.
  for (int pad = 0; pad < 17; ++pad) {
    const std::string before = "<r>\n" + std::string(static_cast<std::size_t>(pad), 'a');
    const struct {
      std::string text;
      std::string message;
    } cases[] = {
        {"\x01", "character not allowed in XML (byte 0x01)"},
        {"\xEF\xBF\xBE", "character not allowed in XML (byte 0xEF)"},
        {"&nbsp;", "undefined entity &nbsp;"},
        {"&#0;", "character reference &#0;"},
    };
    for (const auto& bad : cases) {
      Result<XmlDocument> parsed = ParseXml(before + bad.text + "b</r>", "t.xml");
      ASSERT_FALSE(parsed.ok()) << pad << " " << bad.message;
      EXPECT_NE(parsed.status().message().find(bad.message), std::string::npos)
          << parsed.status().message();
      EXPECT_EQ(parsed.status().where().line, 2);
      EXPECT_EQ(parsed.status().where().column, pad + 1);
    }
    // Fine characters in the same places.
    EXPECT_TRUE(ParseXml(before + "\xEF\xBC\x81 &amp; &#233; \t b</r>", "t.xml").ok()) << pad;
  }
  // Comments, CDATA and processing instructions hide references wherever they start, and an
  // entity declaration is found wherever it starts.
  for (int pad = 0; pad < 17; ++pad) {
    const std::string before = "<r>" + std::string(static_cast<std::size_t>(pad), 'a');
    EXPECT_TRUE(ParseXml(before + "<!-- &nbsp; --><![CDATA[ &x; ]]><?pi &y; ?></r>", "t.xml").ok())
        << pad;
    Result<XmlDocument> declared = ParseXml(
        "<!DOCTYPE r [" + std::string(static_cast<std::size_t>(pad), ' ') + "<!ENTITY e 'x'>]><r/>",
        "t.xml");
    ASSERT_FALSE(declared.ok()) << pad;
    EXPECT_EQ(declared.status().where().column, 14 + pad);
  }
  // An entity declaration is reported before a bad reference that comes earlier, and "<!ENTITY"
  // before an earlier "<!entity".
  Result<XmlDocument> both =
      ParseXml("<!DOCTYPE r [<!ATTLIST r a CDATA \"&bad;\"><!ENTITY e \"x\">]><r/>", "t.xml");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().message().find("entity declarations"), std::string::npos);
  EXPECT_EQ(both.status().where().column, 42);
  Result<XmlDocument> cases =
      ParseXml("<!DOCTYPE r [<!entity a 'x'><!ENTITY e 'x'>]><r/>", "t.xml");
  ASSERT_FALSE(cases.ok());
  EXPECT_EQ(cases.status().where().column, 29);
  // A comment hides references, not forbidden characters.
  EXPECT_TRUE(ParseXml("<r><!-- &nbsp; <!ENTITY x 'y'> --></r>", "t.xml").ok());
  EXPECT_FALSE(ParseXml("<r><!-- \x02 --></r>", "t.xml").ok());
}

// Words as ICU's word iterator counts them, for comparison.
int IcuWordCount(std::string_view text, const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale(locale), status));
  EXPECT_TRUE(U_SUCCESS(status));
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  words->setText(u);
  int count = 0;
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
    if (words->getRuleStatus() != UBRK_WORD_NONE) ++count;
  }
  return count;
}

TEST(TextTest, WordCounterCountsAsciiTextExactlyAsIcuDoes) {
  WordCounter en("en");
  for (const char* text : {"don't",
                           "e.g. this",
                           "3.5 mm",
                           "1,000,000 needles",
                           "a:b",
                           "10:30",
                           "x_y 4_5",
                           "_",
                           "__init__",
                           "a.1",
                           "1.a",
                           "a..b",
                           "1,,2",
                           "end.",
                           "'quoted'",
                           "U.S.A.",
                           "v1.2.3",
                           "foo;bar",
                           "7;8",
                           "a'1",
                           "it's 5'11",
                           "a - b",
                           "tab\there",
                           "line\nbreak",
                           "write to info@example.com today",
                           "5 @ 3",
                           "@",
                           "1@2"}) {
    EXPECT_EQ(en.Count(text), IcuWordCount(text, "en")) << "\"" << text << "\"";
  }
  // Random strings over the characters the rules treat differently.
  const std::string alphabet = "aZq09_:.',; -!?()\"/&@#$%\t\n";
  std::mt19937 random(20261124);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int n = 0; n < 50000; ++n) {
    std::string text;
    for (int k = length(random); k > 0; --k) text.push_back(alphabet[pick(random)]);
    ASSERT_EQ(en.Count(text), IcuWordCount(text, "en")) << testing::PrintToString(text);
  }
}

}  // namespace
}  // namespace l10n
