// Eight bytes of text looked at together, as one 64-bit word: the scans over UTF-8 and XML text
// (ASCII runs, white space, bytes to escape or stop at) test a word at a time and visit single
// bytes only where a word holds one they look for.
//
// Each mask has the high bit of a byte set for a byte that matches. BytesEqualTo and
// BytesBelow may also set the bit above a byte that matches (a borrow carries into it): a zero
// mask means no byte matches, and a caller that needs the exact byte looks at it again.
#ifndef L10N_PIPELINE_BYTE_WORDS_H_
#define L10N_PIPELINE_BYTE_WORDS_H_

#include <cstdint>
#include <cstring>

namespace l10n {

inline constexpr uint64_t kEveryByte = 0x0101010101010101ull;
inline constexpr uint64_t kHighBits = 0x8080808080808080ull;

// The eight bytes at `p`, in the machine's byte order.
inline uint64_t LoadWord(const void* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// Whether every byte is ASCII.
inline bool AsciiWord(uint64_t word) { return (word & kHighBits) == 0; }

// The bytes equal to `c` (see the note above on bits above a match).
inline uint64_t BytesEqualTo(uint64_t word, unsigned char c) {
  const uint64_t v = word ^ (kEveryByte * c);
  return (v - kEveryByte) & ~v & kHighBits;
}

// The bytes below `limit`, which is at most 0x80 (see the note above).
inline uint64_t BytesBelow(uint64_t word, unsigned char limit) {
  return (word - kEveryByte * limit) & ~word & kHighBits;
}

// Exactly the spaces (0x20) of an ASCII word.
inline uint64_t AsciiSpaces(uint64_t word) {
  constexpr uint64_t kLowSeven = 0x7F7F7F7F7F7F7F7Full;
  const uint64_t v = word ^ (kEveryByte * 0x20);  // zero where the byte is ' '
  return ~((v + kLowSeven) | v | kLowSeven);
}

// Exactly the C0 controls (below 0x20) of an ASCII word.
inline uint64_t AsciiControls(uint64_t word) { return ~(word + kEveryByte * 0x60) & kHighBits; }

}  // namespace l10n

#endif  // L10N_PIPELINE_BYTE_WORDS_H_
