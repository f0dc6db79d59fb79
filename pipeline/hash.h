// Stable 128-bit hashes of byte strings, for keys that stand for their inputs: the findings a
// build keeps (findings_cache.h), the translation pairs a memory file has (tmx.h).
#ifndef L10N_PIPELINE_HASH_H_
#define L10N_PIPELINE_HASH_H_

#include <cstdint>
#include <string_view>

namespace l10n {

// A 128-bit hash, standing for what was hashed.
struct CacheKey {
  uint64_t a = 0;
  uint64_t b = 0;
  bool operator==(const CacheKey& other) const { return a == other.a && b == other.b; }
  bool operator<(const CacheKey& other) const { return a != other.a ? a < other.a : b < other.b; }
};

// A 128-bit hash of a sequence of byte strings and numbers; not cryptographic.
// Each part is framed by its length, so that ("ab", "c") and ("a", "bc") hash apart. The same
// parts give the same key in every process on machines of the same byte order.
class KeyHasher {
 public:
  KeyHasher& Add(std::string_view bytes);
  KeyHasher& AddNumber(uint64_t number);
  KeyHasher& AddKey(const CacheKey& key);
  CacheKey Key() const;

 private:
  uint64_t a_ = 0x6c31306e2d6b6579ull;
  uint64_t b_ = 0x2d66696e64696e67ull;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_HASH_H_
