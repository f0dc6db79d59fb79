#include "pipeline/memory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace l10n {
namespace {

TranslationMemory Memory(const std::string& target_locale, std::vector<TmEntry> entries) {
  TranslationMemory memory;
  memory.source_locale = "en";
  memory.target_locale = target_locale;
  memory.Add(entries);
  return memory;
}

TEST(MemoryIndexTest, ForEachPairStreamsOneLocalesEntries) {
  Result<MemoryIndex> index = MemoryIndex::Open(":memory:");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  ASSERT_TRUE(
      index
          ->Load("es", Memory("es", {{"The skin heals.", "La piel se cura.", "a#1"},
                                     {"Apply {1}serum{/1}.", "Aplique {1}sérum{/1}.", "a#2"}}))
          .ok());
  ASSERT_TRUE(
      index->Load("fr", Memory("fr", {{"The skin heals.", "La peau guérit.", "a#1"}})).ok());
  std::vector<std::pair<std::string, std::string>> pairs;
  ASSERT_TRUE(
      index
          ->ForEachPair("es", [&](std::string_view source,
                                  std::string_view target) { pairs.emplace_back(source, target); })
          .ok());
  std::sort(pairs.begin(), pairs.end());
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].first, "Apply {1}serum{/1}.");
  EXPECT_EQ(pairs[0].second, "Aplique {1}sérum{/1}.");
  EXPECT_EQ(pairs[1].second, "La piel se cura.");
  int none = 0;
  ASSERT_TRUE(index->ForEachPair("de", [&](std::string_view, std::string_view) { ++none; }).ok());
  EXPECT_EQ(none, 0);
}

TEST(MemoryIndexTest, LookupFindsAFuzzyMatch) {
  Result<MemoryIndex> index = MemoryIndex::Open(":memory:");
  ASSERT_TRUE(index.ok());
  ASSERT_TRUE(
      index
          ->Load("es", Memory("es", {{"The needles stay in the upper layer of the skin.",
                                      "Las agujas se quedan en la capa superior de la piel.", ""}}))
          .ok());
  Content query;
  query.push_back(Run::Text("The needles stay in the upper layers of the skin."));
  Result<std::vector<MemoryMatch>> matches = index->Lookup("es", query, 70, 3);
  ASSERT_TRUE(matches.ok());
  ASSERT_EQ(matches->size(), 1u);
  EXPECT_GE(matches->front().similarity, 80);
  EXPECT_LT(matches->front().similarity, 100);
}

}  // namespace
}  // namespace l10n
