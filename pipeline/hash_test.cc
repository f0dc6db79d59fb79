#include "pipeline/hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "pipeline/test_support.h"

namespace l10n {
namespace {

using testing_support::KeyOf;

TEST(KeyHasherTest, TheSamePartsGiveTheSameKeyAndTheirFramingCounts) {
  EXPECT_EQ(KeyOf({"ab", "c"}), KeyOf({"ab", "c"}));
  EXPECT_FALSE(KeyOf({"ab", "c"}) == KeyOf({"a", "bc"}));
  EXPECT_FALSE(KeyOf({"abc"}) == KeyOf({"abc", ""}));
  EXPECT_FALSE(KeyOf({""}) == KeyOf({}));
  // Zero bytes are text like any other: the tail's padding is told apart by the length.
  EXPECT_FALSE(KeyOf({std::string_view("a\0", 2)}) == KeyOf({"a"}));
}

TEST(KeyHasherTest, ChangingAnyByteOfATextChangesItsKey) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  std::set<CacheKey> keys = {KeyOf({text})};
  for (std::size_t at = 0; at < text.size(); ++at) {
    for (char c : {'A', '\0', '\xff'}) {
      std::string changed = text;
      changed[at] = c;
      keys.insert(KeyOf({changed}));
    }
  }
  // Every prefix too, so that no length collides with another.
  for (std::size_t n = 0; n < text.size(); ++n) keys.insert(KeyOf({text.substr(0, n)}));
  EXPECT_EQ(keys.size(), 1 + 3 * text.size() + text.size());
}

TEST(KeyHasherTest, KeysAndNumbersArePartsLikeTexts) {
  const CacheKey inner = KeyOf({"glossary"});
  KeyHasher a, b, c;
  a.AddKey(inner).AddNumber(1);
  b.AddKey(inner).AddNumber(2);
  c.AddKey(KeyOf({"dictionary"})).AddNumber(1);
  EXPECT_FALSE(a.Key() == b.Key());
  EXPECT_FALSE(a.Key() == c.Key());
}

}  // namespace
}  // namespace l10n
