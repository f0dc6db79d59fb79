// Unicode text helpers. All text in the pipeline is UTF-8 in std::string;
// anything that needs to know what a character is goes through ICU here.
#ifndef L10N_PIPELINE_TEXT_H_
#define L10N_PIPELINE_TEXT_H_

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

// Hashes std::string keys and std::string_view lookups alike, so that an unordered container
// keyed by std::string is searched with a view, without making a string.
struct StringKeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

// What a costly function gave for each key, so that keys that come again (texts repeat their
// words) are not worked out again. Emptied when it holds kLimit entries, so that it stays small
// whatever the input. For one thread at a time.
template <typename Key, typename Value, typename Hash = std::hash<Key>,
          typename Equal = std::equal_to<Key>>
class Memo {
 public:
  static constexpr std::size_t kLimit = 1 << 16;

  // The value for `key` (or for anything the keys can be compared with), made by `make()` the
  // first time.
  template <typename Lookup, typename Make>
  const Value& Get(const Lookup& key, Make&& make) {
    if (auto known = values_.find(key); known != values_.end()) return known->second;
    Value value = make();
    if (values_.size() >= kLimit) values_.clear();
    return values_.emplace(Key(key), std::move(value)).first->second;
  }

 private:
  std::unordered_map<Key, Value, Hash, Equal> values_;
};

// A Memo keyed by text, searched with views.
template <typename Value>
using TextMemo = Memo<std::string, Value, StringKeyHash, std::equal_to<>>;

icu::UnicodeString FromUtf8(std::string_view text);
std::string ToUtf8(const icu::UnicodeString& text);

// NFC normalization. Invalid UTF-8 sequences become U+FFFD.
std::string Nfc(std::string_view text);
// The same for a string the caller gives up: it is returned as it is when it is already NFC.
std::string Nfc(std::string&& text);
inline std::string Nfc(const char* text) { return Nfc(std::string_view(text)); }
// Full Unicode case folding of NFC text (not locale-specific).
std::string FoldCase(std::string_view text);
// Lowers the ASCII letters of `text` in place (HTML names, language codes); other bytes stay.
void LowerAscii(std::string& text);

// Characters beyond ASCII that NFC leaves as they are whatever is next to them (their NFC quick
// check is Yes and their combining class 0): the rest of Latin-1 (U+00A0-U+00FF) and the
// dashes, quotes and dots of General Punctuation (U+2010-U+2027), which English prose is
// typeset with. Text of ASCII and these is taken as NFC without asking ICU.
bool IsNfcInertBeyondAscii(UChar32 c);

// True when every byte is below 0x80.
bool AllAscii(std::string_view text);

// True when `text` is well-formed UTF-8; otherwise `bad_offset` (if given)
// receives the byte offset of the first ill-formed sequence.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset = nullptr);

// True when every code point is Unicode white space (true for "").
bool IsBlank(std::string_view text);
// The same for a NUL-terminated text (such as an XML node's value), read only as far as its first
// code point that is not white space: most texts asked about are long and not blank.
bool IsBlank(const char* text);

// Unicode white space at the start (end) of UTF-8 text, in bytes; an ill-formed sequence ends
// it. Both scan only the white space itself, so that calling them at every sentence break of a
// long paragraph stays linear.
std::size_t LeadingWhitespaceBytes(std::string_view text);
std::size_t TrailingWhitespaceBytes(std::string_view text);

std::size_t CountCodePoints(std::string_view text);

// A text broken into words once, for every search that needs its words (term matching,
// spelling, doubled words): the text in UTF-16, the byte offset in the UTF-8 text of every
// UTF-16 index, and the pieces between word breaks with their ICU rule status. Reused from one
// text to the next, so that its buffers are allocated once.
struct WordBreaks {
  struct Piece {
    int32_t start;  // UTF-16 indexes
    int32_t end;
    int32_t status;  // BreakIterator::getRuleStatus() of the break at `end`
  };
  icu::UnicodeString text;
  std::vector<std::size_t> byte_at;  // text.length() + 1 entries
  std::vector<Piece> pieces;

  std::size_t Byte(int32_t index) const { return byte_at[static_cast<std::size_t>(index)]; }
  // Where the word of `piece` ends: ICU keeps white space after a word with it (a no-break
  // space before a colon, "mot\u00A0:").
  int32_t WordEnd(const Piece& piece) const {
    int32_t end = piece.end;
    while (end > piece.start && u_isUWhiteSpace(text.char32At(end - 1))) --end;
    return end;
  }
};

// Breaks well-formed UTF-8 `text` by the rules of `words` into `out`; a null iterator gives no
// pieces. Where `words` is left afterwards is unspecified (ASCII text by the root rules is
// broken without it).
void BreakWords(icu::BreakIterator* words, std::string_view text, WordBreaks& out);

// Word count by ICU word boundaries (rule status "not none"), as the
// analysis and reports count words. Languages without spaces count
// dictionary words.
int CountWords(std::string_view text, const std::string& locale);

// CountWords for many texts of one locale, with one ICU word iterator
// (one thread at a time).
class WordCounter {
 public:
  explicit WordCounter(const std::string& locale);
  ~WordCounter();
  WordCounter(const WordCounter&) = delete;
  WordCounter& operator=(const WordCounter&) = delete;
  int Count(std::string_view text);

 private:
  std::unique_ptr<icu::BreakIterator> words_;
  bool ascii_fast_ = false;  // ASCII text is counted without ICU (see text.cc)
  // The classes of a text's characters, for text that is ASCII but for typographic punctuation
  // (see text.cc), reused from text to text.
  std::vector<uint8_t> classes_;
};

// `bytes` in lowercase hexadecimal, two digits a byte, in order.
std::string HexBytes(std::string_view bytes);

// Stable 32-bit FNV-1a hash of the bytes, as 8 lowercase hex digits.
std::string Hash8(std::string_view bytes);
// Hash8 of each text: out[i] == Hash8(texts[i]). Four texts are hashed side by side, since each
// byte of one text waits on the multiply of the byte before it.
std::vector<std::string> Hash8Each(const std::vector<std::string_view>& texts);

// 1-based line and column (in code points) of a byte offset in `text`.
Location LocateOffset(std::string_view text, std::size_t offset, const std::string& file);

// Whether `c` has the Unicode White_Space property (as u_isUWhiteSpace), without a property
// lookup: text is scanned for white space far more often than it contains any but ASCII's.
// ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return.
inline bool IsAsciiSpace(UChar32 c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

inline bool IsWhiteSpace(UChar32 c) {
  if (c < 0x80) return IsAsciiSpace(c);
  if (c < 0x2000) return c == 0x85 || c == 0xA0 || c == 0x1680;
  return c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// sequence.
std::string_view Utf8Prefix(std::string_view text, std::size_t max_bytes);

// Collapses runs of white space to one space and trims the ends.
std::string CollapseWhitespace(std::string_view text);
// The same for a string the caller gives up: returned as it is when there is nothing to collapse.
std::string CollapseWhitespace(std::string&& text);
inline std::string CollapseWhitespace(const char* text) {
  return CollapseWhitespace(std::string_view(text));
}
// Nfc(CollapseWhitespace(text)) without a copy when there is nothing to change: returns `text`
// itself when it is already collapsed and in NFC, else the result, kept in `storage`.
std::string_view CollapsedNfc(std::string_view text, std::string& storage);

}  // namespace l10n

#endif  // L10N_PIPELINE_TEXT_H_
