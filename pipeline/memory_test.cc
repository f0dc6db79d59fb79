#include "pipeline/memory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "pipeline/test_support.h"

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

TEST(MemoryFileUpdateTest, WritesWhatReadingAddingAndWritingWholeWould) {
  namespace fs = std::filesystem;
  testing_support::TempDir temp;
  const fs::path& dir = temp.path();
  // The file has a duplicate pair (the first is kept) and a pair that the
  // build adds again with another context (the file's is kept).
  TranslationMemory file;
  file.source_locale = "en";
  file.target_locale = "es";
  file.entries = {{"Zinc", "Zinc", "guide#z"},
                  {"Apply {1}serum{/1}.", "Aplique {1}sérum{/1}.", "guide#a"},
                  {"Zinc", "Zinc", "guide#second"},
                  {"Rest", "Descanse", ""}};
  std::ofstream(dir / "memory.tmx", std::ios::binary) << WriteTmx(file);
  const std::vector<TmEntry> added = {{"Rest", "Descanse", "other#r"},
                                      {"Cool & calm", "Fresco y tranquilo", "guide#c"},
                                      {"", "empty source", "guide#e"},
                                      {"Cool & calm", "Fresco y tranquilo", "later#c"},
                                      {"Áfter", "Después", "guide#u"}};
  Result<MemoryFileUpdate> update = MemoryFileUpdate::Create();
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  for (const TmEntry& entry : added) ASSERT_TRUE(update->Add(entry).ok());
  EXPECT_EQ(update->added(), 3u);
  std::string written;
  const ContentWriter collect = [&](std::string_view piece) {
    written += piece;
    return Status::Ok();
  };
  ASSERT_TRUE(update->Write(dir / "memory.tmx", "memory.tmx", "en", "es", collect).ok());
  // The same as reading the whole file, adding and writing it whole.
  Result<TranslationMemory> whole = ReadTmx(WriteTmx(file), "memory.tmx");
  ASSERT_TRUE(whole.ok());
  whole->target_locale = "es";
  whole->Add(added);
  EXPECT_EQ(written, WriteTmx(*whole));
  EXPECT_NE(written.find("guide#z"), std::string::npos);
  EXPECT_EQ(written.find("guide#second"), std::string::npos);
  EXPECT_EQ(written.find("other#r"), std::string::npos);

  // No file yet: just the added entries, in the given source language.
  Result<MemoryFileUpdate> first = MemoryFileUpdate::Create();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->Add({"Rest", "Descanse", "guide#r"}).ok());
  written.clear();
  ASSERT_TRUE(first->Write(dir / "none.tmx", "none.tmx", "en", "es", collect).ok());
  EXPECT_EQ(written, WriteTmx(Memory("es", {{"Rest", "Descanse", "guide#r"}})));

  // A file that cannot be read is an error, not an empty memory: writing
  // over it would lose its entries.
  std::ofstream(dir / "broken.tmx", std::ios::binary) << "<tmx><header srclang=\"en\"/><body><tu>";
  Result<MemoryFileUpdate> again = MemoryFileUpdate::Create();
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->Write(dir / "broken.tmx", "broken.tmx", "en", "es", collect).ok());
}

TEST(MemoryIndexTest, LoadingFromAFileInPiecesIndexesWhatLoadingTheWholeMemoryDoes) {
  TranslationMemory memory = Memory("es", {{"Apply the serum gently.", "Aplique el sérum.", "a"},
                                           {"Avoid the sun for a week.", "Evite el sol.", "b"},
                                           {"Avoid the sun for a week.", "Evite el sol.", "dup"},
                                           {"", "nothing", "c"}});
  Result<MemoryIndex> whole = MemoryIndex::Open(":memory:");
  Result<MemoryIndex> pieces = MemoryIndex::Open(":memory:");
  ASSERT_TRUE(whole.ok() && pieces.ok());
  ASSERT_TRUE(whole->Load("es", memory).ok());
  const std::string tmx = WriteTmx(memory);
  TmxInfo info;
  TmxReadOptions small;
  small.chunk_bytes = 100;
  ASSERT_TRUE(pieces
                  ->Load(
                      "es",
                      [&](const TmEntrySink& each) {
                        return ReadTmxEntries(tmx, "memory.tmx", info, each, small);
                      },
                      "sig")
                  .ok());
  auto pairs = [](const MemoryIndex& index) {
    std::vector<std::pair<std::string, std::string>> out;
    EXPECT_TRUE(index
                    .ForEachPair("es",
                                 [&](std::string_view s, std::string_view t) {
                                   out.emplace_back(std::string(s), std::string(t));
                                 })
                    .ok());
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(pairs(*whole), pairs(*pieces));
  EXPECT_EQ(pairs(*pieces).size(), 2u);
  EXPECT_EQ(pieces->LoadedSignature("es"), "sig");
  // A reading that fails leaves the index as it was.
  Status failed = pieces->Load(
      "es", [](const TmEntrySink&) { return Status::Corrupt("broken"); }, "sig2");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(pairs(*pieces).size(), 2u);
  EXPECT_EQ(pieces->LoadedSignature("es"), "sig");
}

// Entries are read and prepared on a thread of their own while they are inserted, a batch at a
// time: thousands of entries make many batches, whose rows are those a memory of them all gives,
// and a reading that fails after many batches leaves the index as it was.
TEST(MemoryIndexTest, ManyEntriesLoadInOrderAndAFailureLateInTheReadingChangesNothing) {
  std::vector<TmEntry> entries;
  for (int i = 0; i < 3000; ++i) {
    entries.push_back(
        {"Rest for " + std::to_string(i) + " minutes after session " + std::to_string(i % 7) + ".",
         "Descanse " + std::to_string(i) + " minutos.", "p#" + std::to_string(i)});
  }
  Result<MemoryIndex> index = MemoryIndex::Open(":memory:");
  ASSERT_TRUE(index.ok());
  const TranslationMemory memory = Memory("es", entries);
  ASSERT_TRUE(index->Load("es", memory, "v1").ok());
  std::vector<std::string> sources;
  ASSERT_TRUE(index
                  ->ForEachPair("es", [&](std::string_view source,
                                          std::string_view) { sources.emplace_back(source); })
                  .ok());
  // Every entry, in the order they were read.
  ASSERT_EQ(sources.size(), memory.entries.size());
  for (std::size_t i = 0; i < sources.size(); ++i)
    ASSERT_EQ(sources[i], memory.entries[i].source) << i;
  Content query;
  query.push_back(Run::Text("Rest for 2999 minutes after session 3."));
  Result<std::vector<MemoryMatch>> matches = index->Lookup("es", query, 100, 1);
  ASSERT_TRUE(matches.ok());
  ASSERT_EQ(matches->size(), 1u);
  EXPECT_EQ(matches->front().entry.target, "Descanse 2999 minutos.");

  int passed = 0;
  Status failed = index->Load(
      "es",
      [&](const TmEntrySink& each) -> Status {
        for (int i = 0; i < 2500; ++i) {
          L10N_RETURN_IF_ERROR(each({"New sentence " + std::to_string(i) + ".", "Nueva.", ""}));
          ++passed;
        }
        return Status::Corrupt("the file ends in the middle of an entry");
      },
      "v2");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(passed, 2500);
  EXPECT_EQ(index->LoadedSignature("es"), "v1");
  std::size_t still = 0;
  ASSERT_TRUE(index->ForEachPair("es", [&](std::string_view, std::string_view) { ++still; }).ok());
  EXPECT_EQ(still, entries.size());
  matches = index->Lookup("es", query, 100, 1);
  ASSERT_TRUE(matches.ok());
  EXPECT_EQ(matches->size(), 1u);
}

// Each locale has a word table of its own: what a locale's lookups find does not depend on what
// other locales' memories hold. Ranked over every locale's entries at once, the words of the
// Spanish entry below would be common (the French memory is full of them) and count for nothing,
// and forty-five Spanish entries with a word found nowhere else would take every place among the
// candidates.
TEST(MemoryIndexTest, ALocalesLookupsDoNotDependOnTheOtherLocales) {
  std::vector<TmEntry> spanish = {
      {"Use the cream and the mask daily.", "Use la crema y la mascarilla a diario.", ""}};
  for (int i = 0; i < 45; ++i) {
    spanish.push_back({"Rosacea note " + std::to_string(i) + ".",
                       "Nota sobre la rosácea " + std::to_string(i) + ".", ""});
  }
  std::vector<TmEntry> french;
  for (int i = 0; i < 3000; ++i) {
    french.push_back({"Use the cream and the mask daily, step " + std::to_string(i) + ".",
                      "Appliquez la crème, étape " + std::to_string(i) + ".", ""});
  }
  Content query;
  query.push_back(Run::Text("Use the cream and the mask daily for rosacea."));
  auto matches = [&query](const MemoryIndex& index) {
    Result<std::vector<MemoryMatch>> found = index.Lookup("es", query, 60, 3);
    EXPECT_TRUE(found.ok());
    std::vector<std::pair<std::string, double>> out;
    for (const MemoryMatch& m : *found) out.emplace_back(m.entry.target, m.similarity);
    return out;
  };
  Result<MemoryIndex> alone = MemoryIndex::Open(":memory:");
  Result<MemoryIndex> beside = MemoryIndex::Open(":memory:");
  ASSERT_TRUE(alone.ok() && beside.ok());
  ASSERT_TRUE(alone->Load("es", Memory("es", spanish)).ok());
  ASSERT_TRUE(beside->Load("fr", Memory("fr", french)).ok());
  ASSERT_TRUE(beside->Load("es", Memory("es", spanish)).ok());
  const auto found = matches(*alone);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found.front().first, "Use la crema y la mascarilla a diario.");
  EXPECT_EQ(matches(*beside), found);
  // Reloading another locale leaves this one's table as it was.
  ASSERT_TRUE(beside->Load("fr", Memory("fr", {{"Rest.", "Reposez-vous.", ""}}), "v2").ok());
  EXPECT_EQ(matches(*beside), found);
  Result<std::vector<MemoryMatch>> none = beside->Lookup("de", query, 50, 10);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

// A source's best match, asked again with another threshold, is what a lookup with that
// threshold gives: the best entry when it reaches the threshold, none otherwise.
TEST(BestMatchesTest, GivesWhatALookupForTheBestMatchGives) {
  std::vector<TmEntry> entries;
  for (int i = 0; i < 60; ++i) {
    entries.push_back({"Avoid the sun for " + std::to_string(i % 9) + " days after session " +
                           std::to_string(i) + ".",
                       "Evite el sol " + std::to_string(i) + ".", ""});
  }
  entries.push_back(
      {"Apply {1}sunscreen{/1} every morning.", "Aplique {1}protector solar{/1} cada mañana.", ""});
  Result<MemoryIndex> index = MemoryIndex::Open(":memory:");
  ASSERT_TRUE(index.ok());
  ASSERT_TRUE(index->Load("es", Memory("es", entries)).ok());
  std::vector<Content> queries = {
      ParseSignature("Avoid the sun for 3 days after session 12."),
      ParseSignature("Avoid the sun for three days after the session."),
      ParseSignature("Apply {1}sunscreen{/1} each morning."),
      ParseSignature("Apply sunscreen each morning."),
      ParseSignature("Nothing here matches."),
  };
  BestMatches best(&*index);
  for (int round = 0; round < 2; ++round) {  // the second round from what the first kept
    for (const Content& query : queries) {
      for (double threshold : {0.0, 50.0, 75.0, 90.0, 100.0}) {
        Result<std::vector<MemoryMatch>> looked = index->Lookup("es", query, threshold, 1);
        Result<std::optional<MemoryMatch>> kept = best.Best("es", query, threshold);
        ASSERT_TRUE(looked.ok() && kept.ok());
        ASSERT_EQ(looked->empty(), !kept->has_value()) << Signature(query) << " " << threshold;
        if (looked->empty()) continue;
        EXPECT_EQ(looked->front().entry.target, (*kept)->entry.target);
        EXPECT_EQ(looked->front().similarity, (*kept)->similarity);
      }
    }
  }
  Result<std::optional<MemoryMatch>> other = best.Best("fr", queries[0], 0);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
  BestMatches none(nullptr);
  Result<std::optional<MemoryMatch>> without = none.Best("es", queries[0], 0);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->has_value());
}

// Two processes of a project may open its index at once (a build, and a lookup or an analysis
// beside it): a writer waits for the other to finish instead of failing, and both locales'
// entries are there after.
TEST(MemoryIndexTest, TwoConnectionsLoadingAtOnceBothSucceed) {
  testing_support::TempDir temp;
  const std::string path = (temp.path() / "memory.sqlite").string();
  std::vector<TmEntry> entries;
  for (int i = 0; i < 4000; ++i) {
    entries.push_back({"Wait " + std::to_string(i) + " hours before washing your face.",
                       "Espere " + std::to_string(i) + " horas.", ""});
  }
  const TranslationMemory spanish = Memory("es", entries);
  const TranslationMemory french = Memory("fr", entries);
  Result<MemoryIndex> first = MemoryIndex::Open(path);
  Result<MemoryIndex> second = MemoryIndex::Open(path);
  ASSERT_TRUE(first.ok() && second.ok());
  Status loaded_first = Status::Ok();
  Status loaded_second = Status::Ok();
  std::thread other([&] { loaded_second = second->Load("fr", french, "fr-1"); });
  loaded_first = first->Load("es", spanish, "es-1");
  other.join();
  EXPECT_TRUE(loaded_first.ok()) << loaded_first.ToString();
  EXPECT_TRUE(loaded_second.ok()) << loaded_second.ToString();
  for (const char* locale : {"es", "fr"}) {
    std::size_t count = 0;
    ASSERT_TRUE(
        first->ForEachPair(locale, [&](std::string_view, std::string_view) { ++count; }).ok());
    EXPECT_EQ(count, entries.size()) << locale;
    EXPECT_EQ(second->LoadedSignature(locale), std::string(locale) + "-1");
  }
}

}  // namespace
}  // namespace l10n
