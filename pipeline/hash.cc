#include "pipeline/hash.h"

#include <cstring>

namespace l10n {
namespace {

// One step of a lane: a bijection of the lane's state for each word, so that two inputs that
// differ in one word never meet in that lane.
inline uint64_t Step(uint64_t state, uint64_t word, uint64_t multiplier) {
  uint64_t h = (state ^ word) * multiplier;
  return h ^ (h >> 32);
}

constexpr uint64_t kLaneA = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kLaneB = 0xd6e8feb86659fd93ull;

// The last mix of a lane, so that every bit of the key depends on every bit of the state.
inline uint64_t Finalize(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

inline uint64_t Load(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

}  // namespace

KeyHasher& KeyHasher::Add(std::string_view bytes) {
  a_ = Step(a_, bytes.size(), kLaneA);
  b_ = Step(b_, ~bytes.size(), kLaneB);
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  // The lanes take alternate words, so that each step's two multiplies run side by side.
  for (; left >= 16; p += 16, left -= 16) {
    a_ = Step(a_, Load(p), kLaneA);
    b_ = Step(b_, Load(p + 8), kLaneB);
  }
  if (left > 0) {
    char tail[16] = {};  // the length above tells the padding from the text
    std::memcpy(tail, p, left);
    a_ = Step(a_, Load(tail), kLaneA);
    b_ = Step(b_, Load(tail + 8), kLaneB);
  }
  return *this;
}

KeyHasher& KeyHasher::AddNumber(uint64_t number) {
  char bytes[8];
  std::memcpy(bytes, &number, sizeof bytes);
  return Add(std::string_view(bytes, sizeof bytes));
}

KeyHasher& KeyHasher::AddKey(const CacheKey& key) {
  char bytes[16];
  std::memcpy(bytes, &key.a, 8);
  std::memcpy(bytes + 8, &key.b, 8);
  return Add(std::string_view(bytes, sizeof bytes));
}

CacheKey KeyHasher::Key() const {
  return {Finalize(a_ ^ (b_ << 17 | b_ >> 47)), Finalize(b_ + a_ * kLaneB)};
}

}  // namespace l10n
