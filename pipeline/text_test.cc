#include "pipeline/text.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "pipeline/byte_words.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

// Up to `max_pieces` pieces of `pieces`, each drawn at random.
std::string RandomText(std::mt19937& random, const std::vector<std::string>& pieces,
                       int max_pieces) {
  std::string text;
  const int count = std::uniform_int_distribution<int>(0, max_pieces)(random);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  for (int k = count; k > 0; --k) text += pieces[pick(random)];
  return text;
}

// The word tests against a byte at a time: every byte value at every position of a word whose
// other bytes are random.
TEST(ByteWordsTest, WordMasksAgreeWithBytes) {
  std::mt19937 random(7);
  for (int round = 0; round < 64; ++round) {
    for (int position = 0; position < 8; ++position) {
      for (int value = 0; value < 256; ++value) {
        unsigned char bytes[8];
        for (unsigned char& b : bytes) b = static_cast<unsigned char>(random() & 0xFF);
        bytes[position] = static_cast<unsigned char>(value);
        const uint64_t word = LoadWord(bytes);
        const bool ascii = std::all_of(std::begin(bytes), std::end(bytes),
                                       [](unsigned char b) { return b < 0x80; });
        EXPECT_EQ(AsciiWord(word), ascii);
        const unsigned char needles[] = {'&', '<', '\r', '!', 0xEF};
        for (unsigned char c : needles) {
          const bool any = std::find(std::begin(bytes), std::end(bytes), c) != std::end(bytes);
          EXPECT_EQ(BytesEqualTo(word, c) != 0, any) << "byte " << int(c);
        }
        const bool any_below = std::any_of(std::begin(bytes), std::end(bytes),
                                           [](unsigned char b) { return b < 0x20; });
        EXPECT_EQ(BytesBelow(word, 0x20) != 0, any_below);
        if (!ascii) continue;
        // Exact for ASCII words: the high bit of each byte of the word's value.
        uint64_t spaces = 0, controls = 0;
        for (int i = 0; i < 8; ++i) {
          const uint64_t bit = uint64_t{0x80} << (8 * i);
          const auto b = static_cast<unsigned char>(word >> (8 * i));
          if (b == ' ') spaces |= bit;
          if (b < 0x20) controls |= bit;
        }
        ASSERT_EQ(AsciiSpaces(word), spaces);
        ASSERT_EQ(AsciiControls(word), controls);
      }
    }
  }
}

// A name's local part: what follows its last colon, or the whole name.
TEST(XmlTest, LocalNameIsWhatFollowsTheLastColon) {
  EXPECT_EQ(LocalName("segment"), "segment");
  EXPECT_EQ(LocalName("xlf:segment"), "segment");
  EXPECT_EQ(LocalName("a:b:c"), "c");
  EXPECT_EQ(LocalName(":x"), "x");
  EXPECT_EQ(LocalName("x:"), "");
  EXPECT_EQ(LocalName(""), "");
}

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

// Texts made of pieces that land on every offset of an eight-byte word and of a sixteen-byte
// block, so that the word-wide and block-wide tests for already-collapsed text meet spaces on
// both sides of each boundary. A third of the texts are long runs of printable ASCII with a rare
// other piece, so that whole blocks pass and fail in every way.
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
    const bool ascii = n % 3 != 2;
    const bool printable = n % 3 == 1;
    const int pieces = printable ? 12 + length(random) : length(random);
    for (int k = pieces; k > 0; --k) {
      // Printable runs: a space one time in five, so that many texts have no flaw but one.
      const std::string& piece = !printable || random() % 24 == 0 ? alphabet[pick(random)]
                                 : random() % 5 == 0              ? alphabet[3]
                                                                  : alphabet[random() % 3];
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

// The characters Nfc passes over without ICU are exactly what ICU says: NFC quick check Yes and
// combining class 0, for every code point the predicate takes.
TEST(TextTest, NfcInertCharactersAreWhatIcuSays) {
  int inert = 0;
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    if (!IsNfcInertBeyondAscii(c)) continue;
    ++inert;
    ASSERT_GE(c, 0x80);
    ASSERT_EQ(u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK), UNORM_YES) << std::hex << c;
    ASSERT_EQ(u_getCombiningClass(c), 0) << std::hex << c;
  }
  EXPECT_EQ(inert, 96 + 24);
}

// Nfc is ICU's NFC on text of ASCII, the characters it passes over, and characters next to them
// that normalization does change: combining marks that compose with a Latin-1 letter before
// them, a singleton (U+2000 is U+2002 in NFC), Hangul jamo that compose, and ill-formed UTF-8.
TEST(TextTest, NfcIsIcusNfcOnTypesetText) {
  const std::vector<std::string> pieces = {
      "a",      "Z",      " ",      ".",      "'",      "e",      "\u00a0", "\u00e9", "\u00c5",
      "\u00ff", "\u00b4", "\u2010", "\u2013", "\u2019", "\u201d", "\u2026", "\u2027", "\u0301",
      "\u0308", "\u030a", "\u2000", "\u2028", "\u1100", "\u1161", "\u00f6", "\xc3",   "\xe2\x80"};
  const icu::Normalizer2* nfc = nullptr;
  UErrorCode status = U_ZERO_ERROR;
  nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  std::mt19937 random(20261207);
  for (int n = 0; n < 50000; ++n) {
    const std::string text = RandomText(random, pieces, 16);
    // ICU's NFC of the text, ill-formed bytes replaced as FromUtf8 replaces them.
    icu::UnicodeString normalized = nfc->normalize(FromUtf8(text), status);
    ASSERT_TRUE(U_SUCCESS(status));
    ASSERT_EQ(Nfc(text), ToUtf8(normalized)) << testing::PrintToString(text);
  }
}

TEST(TextTest, HexBytesGivesTwoLowercaseDigitsAByteInOrder) {
  EXPECT_EQ(HexBytes(""), "");
  EXPECT_EQ(HexBytes(std::string_view("\x00\x0f\xa5\xff", 4)), "000fa5ff");
}

TEST(TextTest, Hash8EachIsHash8OfEachText) {
  EXPECT_EQ(Hash8(""), "811c9dc5");  // FNV-1a's offset basis: ids already published depend on it
  EXPECT_EQ(Hash8("a"), "e40c292c");
  EXPECT_TRUE(Hash8Each({}).empty());
  std::mt19937 random(20261125);
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::string> texts(random() % 12);
    for (std::string& text : texts) {
      // Mostly paragraph-sized, some empty, some much longer than the others.
      const std::size_t size = random() % 8 == 0 ? 0 : random() % (random() % 5 == 0 ? 900 : 160);
      text.resize(size);
      for (char& c : text) c = static_cast<char>(random() % 256);
    }
    const std::vector<std::string_view> views(texts.begin(), texts.end());
    const std::vector<std::string> hashes = Hash8Each(views);
    ASSERT_EQ(hashes.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      ASSERT_EQ(hashes[i], Hash8(texts[i])) << round << " text " << i;
    }
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
  // Sixteen and eight bytes are looked at together: each character at every offset of a block,
  // and in the tail after it.
  for (int pad = 0; pad < 40; ++pad) {
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
      EXPECT_EQ(NeedsXmlEscaping(raw, false), std::string(in_text).size() > 1) << pad;
      EXPECT_TRUE(NeedsXmlEscaping(raw, true)) << pad;
      EXPECT_FALSE(NeedsXmlEscaping(before + "yyyyyyyyy", true)) << pad;
    }
  }
}

TEST(TextTest, AppendEscapedXmlAgreesWithByteByByteEscaping) {
  // What XML requires, as a table: the character, its escape in text, and in attribute values.
  struct Escape {
    char c;
    const char* in_text;
    const char* in_attribute;
  };
  const Escape kEscapes[] = {{'&', "&amp;", "&amp;"},  {'<', "&lt;", "&lt;"}, {'>', "&gt;", "&gt;"},
                             {'\r', "&#13;", "&#13;"}, {'"', "\"", "&quot;"}, {'\n', "\n", "&#10;"},
                             {'\t', "\t", "&#9;"}};
  auto reference = [&](std::string_view raw, bool attribute) {
    std::string out;
    for (char c : raw) {
      auto escape = std::find_if(std::begin(kEscapes), std::end(kEscapes),
                                 [c](const Escape& e) { return e.c == c; });
      if (escape == std::end(kEscapes)) {
        out += c;
      } else {
        out += attribute ? escape->in_attribute : escape->in_text;
      }
    }
    return out;
  };
  const std::string alphabet =
      std::string("aaaaaaaaaaaa &<>\"\n\t\r'") + "\xc3\xa9\xef\xbf\xbd\x80\xff";
  std::mt19937 random(20261124);
  for (int round = 0; round < 20000; ++round) {
    std::string raw(random() % 80, ' ');
    for (char& c : raw) c = alphabet[random() % alphabet.size()];
    for (bool attribute : {false, true}) {
      std::string out = "prefix";
      AppendEscapedXml(out, raw, attribute);
      ASSERT_EQ(out, "prefix" + reference(raw, attribute))
          << round << (attribute ? " attribute" : "");
      ASSERT_EQ(NeedsXmlEscaping(raw, attribute), reference(raw, attribute) != raw)
          << round << (attribute ? " attribute" : "");
    }
  }
}

TEST(TextTest, WhitespaceBytesAtTheEdgesAreUnicodeWhiteSpace) {
  EXPECT_EQ(LeadingWhitespaceBytes(""), 0u);
  EXPECT_EQ(TrailingWhitespaceBytes(""), 0u);
  EXPECT_EQ(LeadingWhitespaceBytes(" \t\n"), 3u);
  EXPECT_EQ(TrailingWhitespaceBytes(" \t\n"), 3u);
  // U+2003 EM SPACE (3 bytes) and U+00A0 NO-BREAK SPACE (2 bytes) are white space.
  EXPECT_EQ(LeadingWhitespaceBytes("\u2003 a b\u00a0"), 4u);
  EXPECT_EQ(TrailingWhitespaceBytes("\u2003 a b\u00a0"), 2u);
  EXPECT_EQ(LeadingWhitespaceBytes("a "), 0u);
  EXPECT_EQ(TrailingWhitespaceBytes(" a"), 0u);
  // An ill-formed sequence ends the white space.
  EXPECT_EQ(LeadingWhitespaceBytes(std::string(" \xff ")), 1u);
  EXPECT_EQ(TrailingWhitespaceBytes(std::string(" \xff ")), 1u);
}

TEST(TextTest, IsBlankOfACStringIsIsBlankOfItsView) {
  for (const char* text : {"", " ", " \t\n\r\f\v", "\u2003 \u00a0\u0085", " a", "a ", " \u2003x",
                           "\u00a0\u00e9", " \xff", "\xe2\x80", " \x1f ", "\n\u3000\n"}) {
    EXPECT_EQ(IsBlank(text), IsBlank(std::string_view(text))) << text;
  }
  EXPECT_TRUE(IsBlank(" \u3000\u00a0\t"));
  EXPECT_FALSE(IsBlank(" \u3000x"));
  // Random texts over ASCII and Unicode white space, other characters and ill-formed bytes.
  const std::vector<std::string> pieces = {" ",      "\t",     "\n",       "\x1c",
                                           "a",      "\u00a0", "\u2003",   "\u0085",
                                           "\u00e9", "\xff",   "\xe2\x80", "\u3000"};
  std::mt19937 random(20261207);
  for (int i = 0; i < 20'000; ++i) {
    std::string text;
    const int length = static_cast<int>(random() % 6);
    for (int k = 0; k < length; ++k) {
      // Mostly white space, so that blank texts are common.
      const std::size_t pick = random() % 4 == 0 ? random() % pieces.size() : random() % 3;
      text += pieces[pick];
    }
    ASSERT_EQ(IsBlank(text.c_str()), IsBlank(std::string_view(text))) << text;
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

TEST(TextTest, LowerAsciiLowersOnlyAsciiLetters) {
  std::string text = "HTML-Meta_NAME \xC3\x89t\xC3\xA9 [@Z`]";  // "Été" stays as it is
  LowerAscii(text);
  EXPECT_EQ(text, "html-meta_name \xC3\x89t\xC3\xA9 [@z`]");
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

TEST(TextTest, IsValidUtf8AtEveryOffsetOfABlock) {
  // ASCII runs are skipped 16 and 8 bytes at a time: each sequence at every offset of a block
  // and in the tail after it.
  for (std::size_t pad = 0; pad < 40; ++pad) {
    for (std::size_t after : {0u, 1u, 7u, 8u, 15u, 16u, 17u}) {
      const std::string before(pad, 'a');
      const std::string rest(after, 'z');
      for (const char* good : {"\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80", "\x7f"}) {
        EXPECT_TRUE(IsValidUtf8(before + good + rest)) << pad << " " << after;
      }
      for (const char* bad :
           {"\x80", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff"}) {
        std::size_t at = 12345;
        EXPECT_FALSE(IsValidUtf8(before + bad + rest, &at)) << pad << " " << after;
        EXPECT_EQ(at, pad) << pad << " " << after;
      }
    }
  }
}

TEST(TextTest, WordCounterCountsLikeCountWords) {
  WordCounter en("en");
  EXPECT_EQ(en.Count("Microneedling is a minimally-invasive treatment, used since 1995."),
            CountWords("Microneedling is a minimally-invasive treatment, used since 1995.", "en"));
  EXPECT_EQ(en.Count("one two three"), 3);
  EXPECT_EQ(en.Count(""), 0);
  EXPECT_EQ(en.Count("  ...  "), 0);
}

// BreakWords gives ICU's breaks and statuses, and byte offsets that cut the UTF-8 text where the
// UTF-16 text is cut, for one-, two-, three- and four-byte characters alike; reusing one
// WordBreaks for a shorter text leaves nothing of the longer one.
TEST(TextTest, BreakWordsMapsEveryBreakToItsByteOffset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale("es"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  WordBreaks breaks;
  for (const std::string text :
       {"Día 1: 😀 café-crème, 𝔸𝔹 y ñandú\u00a0; 24\u202fh 日本語。", "¿Sí?", "", "a 😀",
        "Un texto mucho más largo que el anterior, con 12 palabras y 3 números: 4,5."}) {
    BreakWords(words.get(), text, breaks);
    const icu::UnicodeString expected = icu::UnicodeString::fromUTF8(text);
    EXPECT_EQ(breaks.text, expected) << text;
    ASSERT_EQ(breaks.byte_at.size(), static_cast<std::size_t>(expected.length()) + 1) << text;
    EXPECT_EQ(breaks.byte_at.back(), text.size()) << text;
    words->setText(expected);
    std::size_t n = 0;
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next(), ++n) {
      ASSERT_LT(n, breaks.pieces.size()) << text;
      EXPECT_EQ(breaks.pieces[n].start, start) << text;
      EXPECT_EQ(breaks.pieces[n].end, end) << text;
      EXPECT_EQ(breaks.pieces[n].status, words->getRuleStatus()) << text;
      std::string piece;
      expected.tempSubStringBetween(start, end).toUTF8String(piece);
      EXPECT_EQ(text.substr(breaks.Byte(start), breaks.Byte(end) - breaks.Byte(start)), piece)
          << text;
    }
    EXPECT_EQ(n, breaks.pieces.size()) << text;
  }
  BreakWords(nullptr, "sin iterador", breaks);
  EXPECT_TRUE(breaks.pieces.empty());
  EXPECT_EQ(breaks.byte_at.back(), std::string("sin iterador").size());
}

// ICU's own breaks and statuses of `text`, as "start-end:status" pieces.
std::string IcuPieces(icu::BreakIterator* words, const std::string& text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  words->setText(u);
  std::string out;
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next())
    out += std::to_string(start) + "-" + std::to_string(end) + ":" +
           std::to_string(words->getRuleStatus()) + " ";
  return out;
}

std::string Pieces(const WordBreaks& breaks) {
  std::string out;
  for (const WordBreaks::Piece& p : breaks.pieces)
    out += std::to_string(p.start) + "-" + std::to_string(p.end) + ":" + std::to_string(p.status) +
           " ";
  return out;
}

// ASCII text is broken without ICU where the iterator has the root word rules (every language
// the guide is translated into): on random text of letters, digits, '@', '_', the characters that
// join words or numbers (. ' , ;), spaces, CR LF, other line breaks and any other ASCII
// character, the pieces and statuses are ICU's. Iterators with other rules (en-US-POSIX, whose
// full stop does not join letters; Finnish, whose colon does) are left to ICU.
TEST(TextTest, BreakWordsOfAsciiTextIsIcusOnRandomText) {
  UErrorCode status = U_ZERO_ERROR;
  std::vector<std::unique_ptr<icu::BreakIterator>> iterators;
  for (const char* locale : {"en", "es", "ja", "en-US-POSIX", "fi"}) {
    iterators.emplace_back(icu::BreakIterator::createWordInstance(
        icu::Locale::forLanguageTag(locale, status), status));
    ASSERT_TRUE(U_SUCCESS(status)) << locale;
  }
  const std::string alphabet = "aZb@09_.',; \t\r\n\v\f:-\"!x1_..''  ,;ab12";
  std::mt19937 random(20261207);
  WordBreaks breaks;
  for (int k = 0; k < 20'000; ++k) {
    std::string text;
    const int length = static_cast<int>(random() % (k % 2 == 0 ? 14 : 48));
    for (int j = 0; j < length; ++j) {
      text += random() % 50 == 0 ? static_cast<char>(random() % 128)
                                 : alphabet[random() % alphabet.size()];
    }
    for (const auto& words : iterators) {
      BreakWords(words.get(), text, breaks);
      ASSERT_EQ(Pieces(breaks), IcuPieces(words.get(), text)) << "[" << text << "]";
      ASSERT_EQ(breaks.text, icu::UnicodeString::fromUTF8(text));
      ASSERT_EQ(breaks.byte_at.size(), text.size() + 1);
      EXPECT_EQ(breaks.byte_at.back(), text.size());
    }
  }
  // The texts where those rules differ from the root's.
  for (const std::string text : {"a.b", "e.g. a:b", "3:30 a.b.c"}) {
    for (const auto& words : iterators) {
      BreakWords(words.get(), text, breaks);
      EXPECT_EQ(Pieces(breaks), IcuPieces(words.get(), text)) << text;
    }
  }
  BreakWords(iterators[3].get(), "a.b", breaks);
  EXPECT_EQ(Pieces(breaks), "0-1:200 1-2:0 2-3:200 ");  // en-US-POSIX
  BreakWords(iterators[0].get(), "a.b", breaks);
  EXPECT_EQ(Pieces(breaks), "0-3:200 ");
  BreakWords(iterators[4].get(), "a:b", breaks);
  EXPECT_EQ(Pieces(breaks), "0-3:200 ");  // Finnish
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

// Line and column (in code points) of `offset` in `text`, counted byte by byte.
std::pair<int, int> ReferenceLocation(std::string_view text, std::size_t offset) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

// Expects `text` to parse, and every offset of it to be located as ReferenceLocation does.
void ExpectLocatedEverywhere(const std::string& text) {
  Result<XmlDocument> parsed = ParseXml(text, "t.xml");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message() << "\n" << text;
  for (std::size_t at = 0; at <= text.size(); ++at) {
    const Location where = parsed.value().LocateOffset(static_cast<std::ptrdiff_t>(at));
    ASSERT_EQ(std::make_pair(where.line, where.column), ReferenceLocation(text, at))
        << "offset " << at << " of " << text.size();
  }
  // With a hint carried from one search to the next: in document order, backwards, and jumping
  // about (every offset once, in steps of a prime that does not divide the count).
  const std::size_t count = text.size() + 1;
  const std::size_t stride = count % 7919 == 0 ? 7907 : 7919;
  std::size_t forward = 0, backward = 0, jumping = 0;
  for (std::size_t k = 0; k < count; ++k) {
    for (auto [at, hint] : {std::pair{k, &forward}, std::pair{count - 1 - k, &backward},
                            std::pair{k * stride % count, &jumping}}) {
      const Location where = parsed.value().LocateOffset(static_cast<std::ptrdiff_t>(at), *hint);
      ASSERT_EQ(std::make_pair(where.line, where.column), ReferenceLocation(text, at))
          << "offset " << at << " of " << text.size() << ", located with a hint";
    }
    // And with a hint that says nothing of the offset: any value, past the last line too.
    std::size_t arbitrary = (k * 2654435761u) % (count + 3);
    const Location where = parsed.value().LocateOffset(static_cast<std::ptrdiff_t>(k), arbitrary);
    ASSERT_EQ(std::make_pair(where.line, where.column), ReferenceLocation(text, k))
        << "offset " << k << " of " << text.size() << ", located with an arbitrary hint";
  }
}

// What the pre-parse scan should find, worked out byte by byte from the rules in xml.cc: the
// offset of the first problem and the start of its message.
struct ExpectedProblem {
  std::size_t at = 0;
  std::string message;
};

std::optional<ExpectedProblem> ReferenceScan(std::string_view text) {
  std::optional<ExpectedProblem> declared_upper, declared_lower, reference;
  std::size_t skip_to = 0;  // inside a comment, CDATA section or PI until here
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = at(i);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%02X", c);
      return ExpectedProblem{i, std::string("character not allowed in XML (byte 0x") + hex + ")"};
    }
    if (c == 0xEF && i + 2 < text.size() && at(i + 1) == 0xBF &&
        (at(i + 2) == 0xBE || at(i + 2) == 0xBF)) {
      return ExpectedProblem{i, "character not allowed in XML (byte 0xEF)"};
    }
    if (i < skip_to) continue;
    const std::string_view rest = text.substr(i);
    auto skip_past = [&](std::size_t body, std::string_view end_mark) {
      const std::size_t end = text.find(end_mark, i + body);
      skip_to = end == std::string_view::npos ? text.size() : end + end_mark.size();
    };
    if (rest.starts_with("<!--")) {
      skip_past(4, "-->");
    } else if (rest.starts_with("<![CDATA[")) {
      skip_past(9, "]]>");
    } else if (rest.starts_with("<?")) {
      skip_past(2, "?>");
    } else if (rest.starts_with("<!ENTITY") && !declared_upper) {
      declared_upper = ExpectedProblem{i, "entity declarations are not accepted"};
    } else if (rest.starts_with("<!entity") && !declared_lower) {
      declared_lower = ExpectedProblem{i, "entity declarations are not accepted"};
    } else if (c == '&' && !reference) {
      const std::size_t semicolon = text.find(';', i);
      if (semicolon == std::string_view::npos || semicolon - i > 12) {
        reference = ExpectedProblem{i, "'&' must be written &amp; in XML"};
        continue;
      }
      const std::string name(text.substr(i + 1, semicolon - i - 1));
      if (name.starts_with('#')) {
        const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        const std::string digits = name.substr(hex ? 2 : 1);
        char* end = nullptr;
        const unsigned long code = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        const bool allowed =
            !digits.empty() && *end == '\0' &&
            (code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
             (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF));
        if (!allowed) reference = ExpectedProblem{i, "character reference &" + name + ";"};
      } else if (name != "amp" && name != "lt" && name != "gt" && name != "quot" &&
                 name != "apos") {
        reference = ExpectedProblem{i, "undefined entity &" + name + ";"};
      }
    }
  }
  if (declared_upper) return declared_upper;
  if (declared_lower) return declared_lower;
  return reference;
}

// Expects ParseXml to report `problem` in `text`, at its line and column.
void ExpectProblem(const std::string& text, const ExpectedProblem& problem) {
  Result<XmlDocument> parsed = ParseXml(text, "t.xml");
  ASSERT_FALSE(parsed.ok()) << problem.message << " at " << problem.at << "\n" << text;
  EXPECT_TRUE(parsed.status().message().starts_with(problem.message))
      << parsed.status().message() << " instead of " << problem.message << " at " << problem.at;
  const auto [line, column] = ReferenceLocation(text, problem.at);
  EXPECT_EQ(parsed.status().where().line, line) << problem.message << " at " << problem.at;
  EXPECT_EQ(parsed.status().where().column, column) << problem.message << " at " << problem.at;
}

TEST(XmlTest, DecodeXmlTextTakesEveryEncodingByViewAndByValue) {
  auto utf16 = [](std::string_view ascii, bool big_endian, bool bom) {
    std::string out;
    if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
    for (char c : ascii) {
      out += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
    }
    return out;
  };
  const std::string xml = "<r a=\"1\">x</r>";
  for (const std::string& bytes :
       {xml, "\xEF\xBB\xBF" + xml, utf16(xml, false, true), utf16(xml, true, true),
        utf16(xml, false, false), utf16(xml, true, false)}) {
    Result<std::string> by_view = DecodeXmlText(std::string_view(bytes), "t.xml");
    Result<std::string> by_value = DecodeXmlText(std::string(bytes), "t.xml");
    ASSERT_TRUE(by_view.ok()) << by_view.status().ToString();
    ASSERT_TRUE(by_value.ok()) << by_value.status().ToString();
    EXPECT_EQ(*by_view, xml);
    EXPECT_EQ(*by_value, xml);
    EXPECT_TRUE(ParseXmlBuffer(bytes, "t.xml").ok());
  }
  for (const std::string& bad :
       {std::string("<r>\n\xC3</r>"), std::string("\xEF\xBB\xBF<r>\n\xC3</r>")}) {
    Result<std::string> by_view = DecodeXmlText(std::string_view(bad), "t.xml");
    Result<std::string> by_value = DecodeXmlText(std::string(bad), "t.xml");
    ASSERT_FALSE(by_view.ok());
    ASSERT_FALSE(by_value.ok());
    EXPECT_EQ(by_view.status().ToString(), by_value.status().ToString());
    EXPECT_EQ(by_value.status().where().line, 2);
    EXPECT_EQ(by_value.status().where().column, 1);
  }
}

TEST(XmlTest, ParseRefusesNestingDeeperThanTheLimitAndSaysWhere) {
  // A first branch exactly as deep as allowed, with text and a comment at the bottom, then a
  // second branch one level deeper. The first element too deep in document order is reported.
  auto chain = [](int levels, const std::string& leaf) {
    std::string open, close;
    for (int i = 0; i < levels; ++i) {
      open += "<d>\n";
      close += "</d>";
    }
    return open + leaf + close;
  };
  // <r> is level 1, so a chain of kMaxXmlDepth - 2 puts <e/> at the limit.
  const std::string allowed = chain(kMaxXmlDepth - 2, "text<!-- c --><e/>");
  EXPECT_TRUE(ParseXml("<r>" + allowed + "</r>", "t.xml").ok());
  const std::string head = "<r>" + allowed + "<x/>\n";
  const std::string document = head + chain(kMaxXmlDepth, "<leaf/>") + "</r>";
  Result<XmlDocument> deep = ParseXml(document, "t.xml");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.status().message().find("nested deeper than"), std::string::npos);
  // The second chain's <d> number kMaxXmlDepth is level kMaxXmlDepth + 1: the first too deep.
  const std::size_t too_deep = head.size() + 4 * static_cast<std::size_t>(kMaxXmlDepth - 1);
  ASSERT_EQ(document.compare(too_deep, 3, "<d>"), 0);
  const auto line = 1 + std::count(document.begin(), document.begin() + too_deep, '\n');
  EXPECT_EQ(deep.status().where().line, line);
  EXPECT_EQ(deep.status().where().column, 2);  // pugixml places an element at its name
}

TEST(XmlTest, ParseFindsWhatXmlForbidsAtEveryOffsetOfABlock) {
  // The pre-parse scan reads sixteen bytes at a time where it can (SSE2) and eight at a time
  // or one at a time in the rest: each problem at every place of three blocks, followed by
  // enough text or not for its block to be a whole one.
  const std::string problems[] = {"\x01",   "\x1F", "\x0B", "\xEF\xBF\xBE",   "\xEF\xBF\xBF",
                                  "&nbsp;", "&#0;", "& ",   "<!ENTITY e 'x'>"};
  for (std::size_t pad = 0; pad < 48; ++pad) {
    for (std::size_t after = 0; after < 20; ++after) {
      const std::string before = "<r>" + std::string(pad, 'a');
      const std::string end = std::string(after, 'b') + "</r>";
      for (const std::string& bad : problems) {
        const std::string text = before + bad + end;
        std::optional<ExpectedProblem> expected = ReferenceScan(text);
        ASSERT_TRUE(expected.has_value()) << text;
        ASSERT_EQ(expected->at, before.size());
        ExpectProblem(text, *expected);
      }
      // What is allowed in the same places: tab, CR, other bytes of U+FFxx, bytes above 0x7F
      // that are negative as signed bytes (U+009F is C2 9F), '!' and '?' not after '<'.
      const std::string fine[] = {
          "\t\r\n", "\xEF\xBF\xBD", "\xEF\xBC\x81", "\xC2\x9F", "\xC2\x80 \xF0\x9F\x98\x80",
          "!?",     "&amp;&#233;"};
      for (const std::string& good : fine) {
        ExpectLocatedEverywhere(before + good + end);
      }
    }
  }
}

TEST(XmlTest, ParseFindsEveryForbiddenControlCharacter) {
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    for (std::size_t pad : {0, 5, 12, 15, 16, 31, 40}) {
      const std::string text =
          "<r>" + std::string(pad, 'a') + static_cast<char>(c) + "\n\n\n\n\n\n\n\n\n\n\n\n</r>";
      ExpectProblem(text, *ReferenceScan(text));
      EXPECT_EQ(ReferenceScan(text)->at, 3 + pad);
    }
  }
}

TEST(XmlTest, ParseRecordsNewlinesAtEveryOffsetOfABlock) {
  // Newlines alone, in pairs and runs, at every place of three blocks and in texts of every
  // length around them.
  for (std::size_t pad = 0; pad < 48; ++pad) {
    for (std::size_t after = 0; after < 20; ++after) {
      const std::string before = "<r>" + std::string(pad, 'a');
      const std::string end = std::string(after, 'b') + "</r>";
      ExpectLocatedEverywhere(before + "\n" + end);
      ExpectLocatedEverywhere(before + "\n\n" + end);
      ExpectLocatedEverywhere(before + "\n\xC3\xA9\n" + std::string(17, '\n') + end);
    }
  }
  ExpectLocatedEverywhere("<r>" + std::string(100, '\n') + "</r>\n");
  ExpectLocatedEverywhere("\n\n<r>\r\n\t\xC3\xA9\xE2\x80\x99x\r\n</r>\r\n");
}

TEST(XmlTest, ParseScanAgreesWithByteByByteReference) {
  // Random texts of XML's troublesome pieces; the scan must find what the reference finds and,
  // when a document parses, locate every offset as the reference does.
  using std::string_literals::operator""s;
  const std::vector<std::string> benign = {"a",
                                           "bc",
                                           "de f",
                                           "!",
                                           "?",
                                           ";",
                                           "#",
                                           "\t",
                                           "&amp;",
                                           "&#233;",
                                           "&#x1F600;",
                                           "\xC3\xA9",
                                           "\xEF\xBF\xBD",
                                           "\xC2\x9F",
                                           "<!-- & -->",
                                           "<![CDATA[ & ]]>",
                                           "<?pi & ?>",
                                           "<b/>",
                                           "<c a='&lt;'/>",
                                           "xxxxxxxxxxxxxxxxxxxxxxx",
                                           "\r\n",
                                           "\n",
                                           "\n"};
  const std::vector<std::string> troublesome = {"&",           "<",
                                                "!",           "?",
                                                "<!",          "-->",
                                                "]]>",         "?>",
                                                "<!--",        "<![CDATA[",
                                                "<?",          "<!ENTITY",
                                                "<!entity",    "&nbsp;",
                                                "&#0;",        "&#xD800;",
                                                "&#x;",        "\x01",
                                                "\x1F",        "\x0B",
                                                "\0"s,         "\xEF\xBF\xBE",
                                                "\xEF\xBF\xBF"};
  std::mt19937 random(20240611);
  int parsed_ok = 0;
  int with_problem = 0;
  for (int round = 0; round < 20000; ++round) {
    // A third of the texts draw only from benign pieces, the rest from both.
    const bool only_benign = round % 3 == 0;
    const int pieces = std::uniform_int_distribution<int>(0, 120)(random);
    std::string text = "<r>";
    for (int k = 0; k < pieces; ++k) {
      const bool pick_benign = only_benign || std::uniform_int_distribution<int>(0, 9)(random) < 8;
      const std::vector<std::string>& from = pick_benign ? benign : troublesome;
      text += from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
    }
    text += "</r>";
    if (std::optional<ExpectedProblem> expected = ReferenceScan(text)) {
      ++with_problem;
      ExpectProblem(text, *expected);
      continue;
    }
    Result<XmlDocument> parsed = ParseXml(text, "t.xml");
    if (!parsed.ok()) {
      // Only pugixml may refuse what the scan lets through.
      EXPECT_TRUE(parsed.status().message().ends_with("; fix the XML"))
          << parsed.status().message() << "\n"
          << text;
      continue;
    }
    ++parsed_ok;
    ExpectLocatedEverywhere(text);
    if (HasFatalFailure()) return;
  }
  // Enough of each kind for the comparison to mean something.
  EXPECT_GT(with_problem, 5000);
  EXPECT_GT(parsed_ok, 3000);
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

// English prose is typeset with curly quotes, dashes, ellipses and no-break spaces: text that is
// ASCII but for those is counted without ICU too, and must count as ICU does. Other characters
// beyond ASCII (a letter, a soft hyphen, a one-dot leader) are in the mix, for ICU to count.
TEST(TextTest, WordCounterCountsTypesetTextExactlyAsIcuDoes) {
  WordCounter en("en");
  for (const char* text :
       {"the skin\u2019s barrier", "\u2018quoted\u2019", "\u201cquoted\u201d",
        "it\u2019s 5\u201911", "1\u2019000", "a\u2013b", "a \u2014 b", "wait\u2026", "10\u00a0mm",
        "a\u2019\u2019b", "\u2019", "x\u2019", "\u2019x", "caf\u00e9\u2019s"}) {
    EXPECT_EQ(en.Count(text), IcuWordCount(text, "en")) << "\"" << text << "\"";
  }
  const std::vector<std::string> pieces = {
      "a",      "Z",      "q",      "0",      "9",      "_",      ":",
      ".",      "'",      ",",      ";",      " ",      "-",      "!",
      "\"",     "\n",     "\u2018", "\u2019", "\u201c", "\u201d", "\u2013",
      "\u2014", "\u2026", "\u00a0", "\u00e9", "\u00ad", "\u2024", "\u2010"};
  std::mt19937 random(20261207);
  for (int n = 0; n < 50000; ++n) {
    const std::string text = RandomText(random, pieces, 30);
    ASSERT_EQ(en.Count(text), IcuWordCount(text, "en")) << testing::PrintToString(text);
  }
}

}  // namespace
}  // namespace l10n
