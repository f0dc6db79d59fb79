#include "pipeline/text.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>

#include "pipeline/byte_words.h"

namespace l10n {

icu::UnicodeString FromUtf8(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

namespace {

// The NFC of text that may hold ill-formed UTF-8, through UTF-16.
std::string NfcThroughUtf16(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString u = FromUtf8(text);
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) {
    return IsValidUtf8(text) ? std::string(text) : ToUtf8(u);
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(text);
  return ToUtf8(normalized);
}

}  // namespace

namespace {

// Calls `take` with each code point of `text` for as long as it returns true. False when it
// returned false, or at the first ill-formed UTF-8 sequence.
template <typename Take>
bool EachCodePoint(std::string_view text, const Take& take) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(s, i, length, c);
      if (c < 0) return false;
    }
    if (!take(c)) return false;
  }
  return true;
}

// Whether `text` is well-formed UTF-8 of ASCII and characters for which IsNfcInertBeyondAscii
// holds: then it is NFC, since normalization changes none of them whatever is next to them.
bool AllNfcInert(std::string_view text) {
  return EachCodePoint(text, [](UChar32 c) { return c < 0x80 || IsNfcInertBeyondAscii(c); });
}

// Whether `text` is well-formed UTF-8 in NFC, found without a round trip through UTF-16.
bool IsNfcUtf8(std::string_view text) {
  if (AllAscii(text) || AllNfcInert(text)) return true;
  if (!IsValidUtf8(text)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) &&
         nfc->isNormalizedUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                               status) &&
         U_SUCCESS(status);
}

}  // namespace

std::string Nfc(std::string_view text) {
  // ASCII and (most) already-normalized text are returned as they are.
  if (IsNfcUtf8(text)) return std::string(text);
  return NfcThroughUtf16(text);
}

std::string Nfc(std::string&& text) {
  if (IsNfcUtf8(text)) return std::move(text);
  return NfcThroughUtf16(text);
}

void LowerAscii(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

std::string FoldCase(std::string_view text) {
  if (AllAscii(text)) {
    std::string out(text);
    LowerAscii(out);
    return out;
  }
  icu::UnicodeString u = FromUtf8(Nfc(text));
  u.foldCase(U_FOLD_CASE_DEFAULT);
  return Nfc(ToUtf8(u));
}

bool IsNfcInertBeyondAscii(UChar32 c) {
  return (c >= 0xA0 && c <= 0xFF) || (c >= 0x2010 && c <= 0x2027);
}

bool AllAscii(std::string_view text) {
  const char* p = text.data();
  std::size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    if (!AsciiWord(LoadWord(p))) return false;
  }
  for (; n > 0; ++p, --n) {
    if (static_cast<unsigned char>(*p) & 0x80) return false;
  }
  return true;
}

bool IsValidUtf8(std::string_view text, std::size_t* bad_offset) {
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  while (i < length) {
#if defined(__SSE2__)
    // Runs of ASCII, 16 bytes at a time, to the first byte that is not ASCII.
    while (i + 16 <= length) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const auto high = static_cast<uint32_t>(_mm_movemask_epi8(block));
      if (high != 0) {
        i += std::countr_zero(high);
        break;
      }
      i += 16;
    }
    // The 8-byte loop below is for the tail shorter than 16 bytes; when the loop above stopped
    // at a byte that is not ASCII, it has nothing to add.
    const bool tail = i + 16 > length;
#else
    constexpr bool tail = true;
#endif
    // Runs of ASCII, 8 bytes at a time.
    while (tail && i + 8 <= length && AsciiWord(LoadWord(s + i))) i += 8;
    if (i >= length) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      if (bad_offset) *bad_offset = static_cast<std::size_t>(start);
      return false;
    }
  }
  return true;
}

bool IsBlank(std::string_view text) {
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !IsWhiteSpace(c)) return false;
  }
  return true;
}

bool IsBlank(const char* text) {
  const char* p = text;
  for (; static_cast<unsigned char>(*p) < 0x80; ++p) {
    if (*p == '\0') return true;
    if (!IsWhiteSpace(static_cast<unsigned char>(*p))) return false;
  }
  return IsBlank(std::string_view(p));  // the rest, from its first character beyond ASCII
}

std::size_t LeadingWhitespaceBytes(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !IsWhiteSpace(c)) return static_cast<std::size_t>(start);
  }
  return text.size();
}

std::size_t TrailingWhitespaceBytes(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = static_cast<int32_t>(text.size());
  while (i > 0) {
    const int32_t end = i;
    UChar32 c;
    U8_PREV(s, 0, i, c);
    if (c < 0 || !IsWhiteSpace(c)) return text.size() - static_cast<std::size_t>(end);
  }
  return text.size();
}

std::string_view Utf8Prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // Back off continuation bytes to the start of the sequence that would be cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

int CountWords(std::string_view text, const std::string& locale) {
  return WordCounter(locale).Count(text);
}

namespace {

// How the counting below sees a character: the Word_Break classes of UAX #29 that occur in ASCII
// and in the typographic punctuation TypesetClasses takes.
enum class WordClass : uint8_t {
  kOther,
  kLetter,     // ALetter: A-Z, a-z, and '@' (ICU adds it)
  kNumeric,    // 0-9
  kExtendNum,  // ExtendNumLet: '_'
  kMidNumLet,  // MidNumLet and Single_Quote: '.', '\'', U+2018, U+2019
  kMidNum,     // MidNum: ',', ';'
};

constexpr std::array<WordClass, 128> kWordClass = [] {
  std::array<WordClass, 128> table{};
  for (char c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = WordClass::kLetter;
  for (char c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = WordClass::kLetter;
  table['@'] = WordClass::kLetter;  // ICU's word rules add '@' to ALetter
  for (char c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = WordClass::kNumeric;
  table['_'] = WordClass::kExtendNum;
  table['.'] = WordClass::kMidNumLet;
  table['\''] = WordClass::kMidNumLet;
  table[','] = WordClass::kMidNum;
  table[';'] = WordClass::kMidNum;
  return table;
}();

// The class of an ASCII byte.
WordClass ClassOf(char c) { return kWordClass[static_cast<unsigned char>(c) & 0x7F]; }

bool IsWordPart(WordClass c) {
  return c == WordClass::kLetter || c == WordClass::kNumeric || c == WordClass::kExtendNum;
}

// The word that starts at `start`, a word part, in text of `size` characters, `class_at(i)` being
// the class of character i, extended as far as ICU's root word rules join: letters, digits and
// '_' join (WB5, WB8-WB10, WB13a/b); "MidNumLet" characters join two letters (WB6/7: "don't",
// "e.g"), "MidNum" and "MidNumLet" characters join two digits (WB11/12: "3.5", "1,000"). ICU
// takes the colon out of MidLetter, so "a:b" is two words. Gives the word's end, and the classes
// of its last two word parts (a character that joins two parts is not one).
struct JoinedWord {
  std::size_t end;
  WordClass last;
  WordClass before_last;  // kOther for a word of one character
};

template <typename ClassAt>
JoinedWord JoinWord(std::size_t start, std::size_t size, const ClassAt& class_at) {
  JoinedWord word{start + 1, class_at(start), WordClass::kOther};
  std::size_t& i = word.end;
  while (i < size) {
    const WordClass c = class_at(i);
    if (IsWordPart(c)) {
      word.before_last = word.last;
      word.last = c;
      ++i;
      continue;
    }
    if (i + 1 < size) {
      const WordClass next = class_at(i + 1);
      const bool letters = word.last == WordClass::kLetter && next == WordClass::kLetter &&
                           c == WordClass::kMidNumLet;
      const bool digits = word.last == WordClass::kNumeric && next == WordClass::kNumeric &&
                          (c == WordClass::kMidNum || c == WordClass::kMidNumLet);
      if (letters || digits) {
        word.before_last = word.last;
        word.last = next;
        i += 2;
        continue;
      }
    }
    break;
  }
  return word;
}

// Counts the words of text of `size` characters as ICU's root word rules do (JoinWord): a joined
// segment is a word unless it is a lone "_" ("__" is one); every other character stands alone
// and is not a word.
template <typename ClassAt>
int CountWordsOfClasses(std::size_t size, const ClassAt& class_at) {
  int count = 0;
  std::size_t i = 0;
  while (i < size) {
    if (!IsWordPart(class_at(i))) {
      ++i;
      continue;
    }
    const JoinedWord word = JoinWord(i, size, class_at);
    if (word.end - i > 1 || word.last != WordClass::kExtendNum) ++count;
    i = word.end;
  }
  return count;
}

int CountAsciiWords(std::string_view text) {
  return CountWordsOfClasses(text.size(), [text](std::size_t i) { return ClassOf(text[i]); });
}

// The classes of the characters of `text` into `classes`, when each is ASCII or one of the
// characters beyond it that English prose is typeset with: the curly single quotes U+2018 and
// U+2019 (MidNumLet, as '.' and the apostrophe: "skin\u2019s" is one word), and, standing alone
// as any other character, the no-break space U+00A0, the curly double quotes U+201C and U+201D,
// the en and em dashes U+2013 and U+2014 and the ellipsis U+2026. False for any other text.
bool TypesetClasses(std::string_view text, std::vector<uint8_t>& classes) {
  classes.clear();
  return EachCodePoint(text, [&classes](UChar32 c) {
    WordClass word_class = WordClass::kOther;
    if (c < 0x80) {
      word_class = kWordClass[static_cast<std::size_t>(c)];
    } else if (c == 0x2018 || c == 0x2019) {
      word_class = WordClass::kMidNumLet;
    } else if (c != 0xA0 && c != 0x201C && c != 0x201D && c != 0x2013 && c != 0x2014 &&
               c != 0x2026) {
      return false;
    }
    classes.push_back(static_cast<uint8_t>(word_class));
    return true;
  });
}

// Whether `words` breaks by ICU's root word rules, those of most languages (of all the guide is
// translated into), not Finnish's or Swedish's (whose colon joins letters) nor en-US-POSIX's
// (whose full stop does not). Known by the compiled rules the iterator runs, which ICU shares
// among all the iterators made from the same rules; the root iterator they are compared with is
// made once per process and kept, never used.
bool HasRootWordRules(icu::BreakIterator* words) {
  struct Root {
    std::unique_ptr<icu::BreakIterator> iterator;
    const uint8_t* rules = nullptr;
  };
  static const Root* const root = [] {
    auto made = std::make_unique<Root>();
    UErrorCode status = U_ZERO_ERROR;
    made->iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (auto* rules = dynamic_cast<icu::RuleBasedBreakIterator*>(made->iterator.get());
        rules != nullptr && U_SUCCESS(status)) {
      uint32_t length = 0;
      made->rules = rules->getBinaryRules(length);
    }
    return made.release();
  }();
  auto* rules = dynamic_cast<icu::RuleBasedBreakIterator*>(words);
  if (rules == nullptr || root->rules == nullptr) return false;
  uint32_t length = 0;
  return rules->getBinaryRules(length) == root->rules;
}

// The pieces of ASCII `text` between word breaks by ICU's root word rules, with their rule
// status, into `pieces`: words join as in CountWordsOfClasses; a run of spaces is one piece
// (WB3d), and so is CR LF (WB3); every other character stands alone. A word's status is that of
// the rule that joined its last character: a letter's 200 (UBRK_WORD_LETTER), a digit's 100
// (UBRK_WORD_NUMBER), a '_' after a digit 100 and after anything else 200; a lone '_' is not a
// word (0), nor is any other piece. A test holds it to ICU on random text.
void AsciiWordPieces(std::string_view text, std::vector<WordBreaks::Piece>& pieces) {
  const auto size = static_cast<int32_t>(text.size());
  auto class_at = [text](std::size_t i) { return ClassOf(text[i]); };
  int32_t i = 0;
  while (i < size) {
    const int32_t start = i;
    const char byte = text[static_cast<std::size_t>(i)];
    const WordClass c = class_at(static_cast<std::size_t>(i));
    if (byte == ' ') {
      while (i < size && text[static_cast<std::size_t>(i)] == ' ') ++i;
      pieces.push_back({start, i, UBRK_WORD_NONE});
      continue;
    }
    if (!IsWordPart(c)) {
      i += byte == '\r' && i + 1 < size && text[static_cast<std::size_t>(i) + 1] == '\n' ? 2 : 1;
      pieces.push_back({start, i, UBRK_WORD_NONE});
      continue;
    }
    const JoinedWord word = JoinWord(static_cast<std::size_t>(start), text.size(), class_at);
    i = static_cast<int32_t>(word.end);
    int32_t status = UBRK_WORD_NONE;
    if (word.last == WordClass::kLetter) {
      status = UBRK_WORD_LETTER;
    } else if (word.last == WordClass::kNumeric) {
      status = UBRK_WORD_NUMBER;
    } else if (i - start > 1) {  // '_' after a digit, a letter or another '_'
      status = word.before_last == WordClass::kNumeric ? UBRK_WORD_NUMBER : UBRK_WORD_LETTER;
    }
    pieces.push_back({start, i, status});
  }
}

}  // namespace

void BreakWords(icu::BreakIterator* words, std::string_view text, WordBreaks& out) {
  if (words != nullptr && text.size() < static_cast<std::size_t>(INT32_MAX) && AllAscii(text) &&
      HasRootWordRules(words)) {
    // ASCII text by the root rules, as ICU would break it (most English text).
    const auto length = static_cast<int32_t>(text.size());
    char16_t* buffer = out.text.getBuffer(length + 1);
    if (buffer != nullptr) {
      for (int32_t i = 0; i < length; ++i)
        buffer[i] =
            static_cast<char16_t>(static_cast<unsigned char>(text[static_cast<std::size_t>(i)]));
      out.text.releaseBuffer(length);
      out.byte_at.resize(static_cast<std::size_t>(length) + 1);
      for (std::size_t i = 0; i < out.byte_at.size(); ++i) out.byte_at[i] = i;
      out.pieces.clear();
      AsciiWordPieces(text, out.pieces);
      return;
    }
  }
  {
    // Into the buffer the text already has (UTF-8 never takes fewer units than UTF-16), as
    // UnicodeString::fromUTF8 does into a new one.
    const int32_t capacity = static_cast<int32_t>(text.size()) + 1;
    char16_t* buffer = out.text.getBuffer(capacity);
    int32_t converted = 0;
    UErrorCode status = U_ZERO_ERROR;
    if (buffer != nullptr) {
      u_strFromUTF8WithSub(buffer, out.text.getCapacity(), &converted, text.data(),
                           static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &status);
    }
    out.text.releaseBuffer(buffer != nullptr && U_SUCCESS(status) ? converted : 0);
  }
  const int32_t length = out.text.length();
  const char16_t* units = out.text.getBuffer();
  out.byte_at.resize(static_cast<std::size_t>(length) + 1);
  std::size_t byte = 0;
  for (int32_t i = 0; i < length;) {
    const char16_t c = units[i];
    if (U16_IS_LEAD(c) && i + 1 < length && U16_IS_TRAIL(units[i + 1])) {
      out.byte_at[static_cast<std::size_t>(i)] = byte;
      out.byte_at[static_cast<std::size_t>(i) + 1] = byte;
      byte += 4;
      i += 2;
    } else {
      out.byte_at[static_cast<std::size_t>(i)] = byte;
      byte += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      i += 1;
    }
  }
  out.byte_at[static_cast<std::size_t>(length)] = byte;
  out.pieces.clear();
  if (words == nullptr) return;
  words->setText(out.text);
  int32_t start = words->first();
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
       start = end, end = words->next()) {
    out.pieces.push_back({start, end, words->getRuleStatus()});
  }
}

WordCounter::WordCounter(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale where = icu::Locale::forLanguageTag(locale, status);
  words_.reset(icu::BreakIterator::createWordInstance(where, status));
  if (U_FAILURE(status)) words_.reset();
  // English has no tailoring of the word rules (en-US-POSIX does); there ASCII text is counted
  // without the iterator.
  ascii_fast_ = words_ && std::string_view(where.getLanguage()) == "en" &&
                std::string_view(where.getVariant()).empty() &&
                std::string_view(where.getName()).find('@') == std::string_view::npos;
}

WordCounter::~WordCounter() = default;

int WordCounter::Count(std::string_view text) {
  if (!words_ || text.empty()) return 0;
  if (ascii_fast_ && AllAscii(text)) return CountAsciiWords(text);
  if (ascii_fast_ && TypesetClasses(text, classes_)) {
    return CountWordsOfClasses(classes_.size(),
                               [this](std::size_t i) { return WordClass{classes_[i]}; });
  }
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  int count = 0;
  if (IsValidUtf8(text)) {
    utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
    words_->setText(&utext, status);
    for (int32_t end = words_->next(); U_SUCCESS(status) && end != icu::BreakIterator::DONE;
         end = words_->next()) {
      if (words_->getRuleStatus() != UBRK_WORD_NONE) ++count;
    }
    utext_close(&utext);
    return count;
  }
  icu::UnicodeString u = FromUtf8(text);
  words_->setText(u);
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE; end = words_->next()) {
    if (words_->getRuleStatus() != UBRK_WORD_NONE) ++count;
  }
  return count;
}

namespace {

// 32-bit FNV-1a.
constexpr uint32_t kFnvBasis = 2166136261u;
constexpr uint32_t kFnvPrime = 16777619u;

uint32_t Fnv1a(uint32_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= kFnvPrime;
  }
  return hash;
}

std::string HexOf(uint32_t hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[hash & 0xF];
    hash >>= 4;
  }
  return out;
}

}  // namespace

std::string HexBytes(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (const unsigned char byte : bytes) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

std::string Hash8(std::string_view bytes) { return HexOf(Fnv1a(kFnvBasis, bytes)); }

std::vector<std::string> Hash8Each(const std::vector<std::string_view>& texts) {
  // Four lanes, each hashing one text; a lane that finishes its text takes the next one. Each
  // round steps every lane as many bytes as the busy lane with the fewest left has; an idle lane
  // steps over the bytes of a busy one, and its hash is not used.
  constexpr std::size_t kIdle = static_cast<std::size_t>(-1);
  std::vector<std::string> out(texts.size());
  std::array<const unsigned char*, 4> at{};
  std::array<std::size_t, 4> left{}, which{kIdle, kIdle, kIdle, kIdle};
  std::array<uint32_t, 4> hash{};
  std::size_t next = 0;
  while (true) {
    for (std::size_t l = 0; l < 4; ++l) {
      while (left[l] == 0) {
        if (which[l] != kIdle) out[which[l]] = HexOf(hash[l]);
        which[l] = kIdle;
        if (next == texts.size()) break;
        which[l] = next;
        at[l] = reinterpret_cast<const unsigned char*>(texts[next].data());
        left[l] = texts[next].size();
        hash[l] = kFnvBasis;
        ++next;
      }
    }
    std::size_t busy = kIdle, steps = 0;
    for (std::size_t l = 0; l < 4; ++l) {
      if (which[l] == kIdle) continue;
      if (busy == kIdle || left[l] < steps) steps = left[l];
      busy = l;
    }
    if (busy == kIdle) break;
    for (std::size_t l = 0; l < 4; ++l) {
      if (which[l] == kIdle) at[l] = at[busy];
    }
    uint32_t h0 = hash[0], h1 = hash[1], h2 = hash[2], h3 = hash[3];
    const unsigned char *p0 = at[0], *p1 = at[1], *p2 = at[2], *p3 = at[3];
    for (std::size_t i = 0; i < steps; ++i) {
      h0 = (h0 ^ p0[i]) * kFnvPrime;
      h1 = (h1 ^ p1[i]) * kFnvPrime;
      h2 = (h2 ^ p2[i]) * kFnvPrime;
      h3 = (h3 ^ p3[i]) * kFnvPrime;
    }
    hash = {h0, h1, h2, h3};
    for (std::size_t l = 0; l < 4; ++l) {
      if (which[l] == kIdle) continue;
      at[l] += steps;
      left[l] -= steps;
    }
  }
  return out;
}

Location LocateOffset(std::string_view text, std::size_t offset, const std::string& file) {
  Location where{file, 1, 1};
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++where.line;
      where.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++where.column;
    }
  }
  return where;
}

namespace {

// True when `text` is already what CollapseWhitespace makes of it: well-formed UTF-8 whose only
// white space is single spaces between other characters. Most paragraphs are. When it is,
// `*ascii` (where given) tells whether the text is all ASCII.
bool IsCollapsed(std::string_view text, bool* ascii = nullptr) {
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  bool after_space = true;  // a space at the start would be leading white space
  bool only_ascii = true;
  for (int32_t i = 0; i < length;) {
#if defined(__SSE2__)
    // Sixteen bytes at a time while they are printable ASCII (0x20 to 0x7F: as signed bytes,
    // none below 0x20): no two spaces side by side, within the block or across its start.
    if (i + 16 <= length) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      if (_mm_movemask_epi8(_mm_cmplt_epi8(block, _mm_set1_epi8(0x20))) == 0) {
        const auto spaces =
            static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8(' '))));
        if ((spaces & (spaces << 1)) != 0 || (after_space && (spaces & 1) != 0)) return false;
        after_space = (spaces >> 15) != 0;
        i += 16;
        continue;
      }
    }
#endif
    // The word's first byte is its lowest: the shifts below read bytes in text order only on a
    // little-endian machine (elsewhere every byte goes through the loop after this).
    if (std::endian::native == std::endian::little && i + 8 <= length) {
      const uint64_t word = LoadWord(s + i);
      if (AsciiWord(word) && AsciiControls(word) == 0) {
        // Printable ASCII: no two spaces side by side, within the word or across its start.
        const uint64_t spaces = AsciiSpaces(word);
        if ((spaces & (spaces << 8)) != 0 || (after_space && (spaces & 0x80) != 0)) return false;
        after_space = (spaces >> 63) != 0;
        i += 8;
        continue;
      }
    }
    const uint8_t b = s[i];
    if (b < 0x80) {
      if (b == ' ') {
        if (after_space) return false;
        after_space = true;
      } else if (b >= '\t' && b <= '\r') {
        return false;
      } else {
        after_space = false;
      }
      ++i;
      continue;
    }
    only_ascii = false;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || IsWhiteSpace(c)) return false;
    after_space = false;
  }
  if (ascii != nullptr) *ascii = only_ascii;
  return length == 0 || !after_space;
}

}  // namespace

namespace {

// CollapseWhitespace of text that is not collapsed already.
std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  for (int32_t i = 0; i < length;) {
    // A run of printable ASCII goes over in one piece.
    int32_t j = i;
    while (j < length && s[j] < 0x80 && !IsAsciiSpace(s[j])) ++j;
    if (j > i) {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.data() + i, static_cast<std::size_t>(j - i));
      i = j;
      continue;
    }
    const int32_t start = i;
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(s, i, length, c);
      if (c < 0) {
        // Ill-formed UTF-8: the same result as through UTF-16, where it becomes U+FFFD.
        return CollapseWhitespace(ToUtf8(FromUtf8(text)));
      }
    }
    if (IsWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(text.data() + start, static_cast<std::size_t>(i - start));
  }
  return out;
}

}  // namespace

std::string CollapseWhitespace(std::string_view text) {
  if (IsCollapsed(text)) return std::string(text);
  return CollapseSpaces(text);
}

std::string CollapseWhitespace(std::string&& text) {
  if (IsCollapsed(text)) return std::move(text);
  return CollapseSpaces(text);
}

std::string_view CollapsedNfc(std::string_view text, std::string& storage) {
  // Each check is made once: a collapsed text that is not NFC goes straight to normalization.
  bool ascii = false;
  if (!IsCollapsed(text, &ascii)) {
    storage = Nfc(CollapseSpaces(text));
  } else if (ascii || IsNfcUtf8(text)) {  // ASCII is NFC
    return text;
  } else {
    storage = NfcThroughUtf16(text);
  }
  return storage;
}

}  // namespace l10n
