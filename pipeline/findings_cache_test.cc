#include "pipeline/findings_cache.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstring>
#include <fstream>
#include <set>
#include <thread>

#include "pipeline/test_support.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

using testing_support::KeyOf;

TEST(ProgramIdentityTest, NamesTheProgramAndItsLibrariesAndStaysTheSame) {
  const std::string identity = ProgramIdentity();
  EXPECT_NE(identity.find("/proc/self/exe "), std::string::npos) << identity;
  // Each object by its build id: ICU's libraries, as Debian links them, have one.
  const std::size_t icu = identity.find("libicuuc");
  ASSERT_NE(icu, std::string::npos) << identity;
  const std::string line = identity.substr(icu, identity.find('\n', icu) - icu);
  EXPECT_NE(line.find(" build-id "), std::string::npos) << line;
  EXPECT_EQ(line.find(" build-id none"), std::string::npos) << line;
  EXPECT_EQ(identity, ProgramIdentity());
}

std::vector<Diagnostic> SomeFindings() {
  Diagnostic a;
  a.severity = Severity::kWarning;
  a.check = "terminology";
  a.where = {"locales/es/guide.xlf", 42, 7};
  a.message = "«microneedling» should be «micropunción»";
  a.unit_id = "p-3";
  a.segment_id = "s2";
  a.source = "Microneedling takes 30 minutes.";
  a.target = "El microneedling dura 30 minutos.";
  a.excerpt = "microneedling";
  a.mark_begin = 3;
  a.mark_end = 16;
  Diagnostic b;  // every field empty or unknown
  b.severity = Severity::kInfo;
  Diagnostic c = a;
  c.severity = Severity::kError;
  c.target = std::string("zero\0byte", 9);
  c.where.line = -1;
  return {a, b, c};
}

void ExpectSame(const std::vector<Diagnostic>& got, const std::vector<Diagnostic>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(got[i].severity, want[i].severity);
    EXPECT_EQ(got[i].check, want[i].check);
    EXPECT_EQ(got[i].where.file, want[i].where.file);
    EXPECT_EQ(got[i].where.line, want[i].where.line);
    EXPECT_EQ(got[i].where.column, want[i].where.column);
    EXPECT_EQ(got[i].message, want[i].message);
    EXPECT_EQ(got[i].unit_id, want[i].unit_id);
    EXPECT_EQ(got[i].segment_id, want[i].segment_id);
    EXPECT_EQ(got[i].source, want[i].source);
    EXPECT_EQ(got[i].target, want[i].target);
    EXPECT_EQ(got[i].excerpt, want[i].excerpt);
    EXPECT_EQ(got[i].mark_begin, want[i].mark_begin);
    EXPECT_EQ(got[i].mark_end, want[i].mark_end);
  }
}

TEST(FindingsEncodingTest, EveryFieldComesBack) {
  const std::vector<Diagnostic> findings = SomeFindings();
  std::optional<std::vector<Diagnostic>> back = DecodeFindings(EncodeFindings(findings));
  ASSERT_TRUE(back);
  ExpectSame(*back, findings);
  std::optional<std::vector<Diagnostic>> none = DecodeFindings(EncodeFindings({}));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(FindingsEncodingTest, DamagedBytesAreRefused) {
  const std::string bytes = EncodeFindings(SomeFindings());
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(DecodeFindings(bytes.substr(0, n))) << "cut at " << n;
  EXPECT_FALSE(DecodeFindings(bytes + "x"));
  std::string other_format = bytes;
  other_format[0] = 2;
  EXPECT_FALSE(DecodeFindings(other_format));
  std::string bad_severity = bytes;
  bad_severity[9] = 7;  // after the format byte and the count
  EXPECT_FALSE(DecodeFindings(bad_severity));
  std::string huge_count = bytes;
  huge_count[8] = '\x7f';
  EXPECT_FALSE(DecodeFindings(huge_count));
}

// A build that keeps SomeFindings() under `key` in the cache at `path`.
void BuildKeeping(const std::string& path, const CacheKey& key) {
  Result<FindingsCache> cache = FindingsCache::Open(path);
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  cache->Keep(key, SomeFindings());
  cache->Finish();
  EXPECT_EQ(cache->problem(), "");
}

// Each test's own directory, and the cache's usual place in it.
class FindingsCacheTest : public ::testing::Test {
 protected:
  testing_support::TempDir temp_;
  const std::string path_ = (temp_.path() / "findings.sqlite").string();
};

TEST_F(FindingsCacheTest, WhatABuildKeepsTheNextFinds) {
  const std::string path = (temp_.path() / "cache" / "findings.sqlite").string();
  const CacheKey one = KeyOf({"one"}), two = KeyOf({"two"});
  {
    Result<FindingsCache> cache = FindingsCache::Open(path);
    ASSERT_TRUE(cache.ok()) << cache.status().ToString();
    EXPECT_FALSE(cache->Find(one));
    cache->Keep(one, SomeFindings());
    cache->Keep(two, {});
    cache->Finish();
    EXPECT_EQ(cache->problem(), "");
  }
  Result<FindingsCache> cache = FindingsCache::Open(path);
  ASSERT_TRUE(cache.ok());
  std::optional<std::vector<Diagnostic>> found = cache->Find(one);
  ASSERT_TRUE(found);
  ExpectSame(*found, SomeFindings());
  found = cache->Find(two);
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->empty());
  EXPECT_FALSE(cache->Find(KeyOf({"three"})));
}

TEST_F(FindingsCacheTest, FinishKeepsOnlyWhatTheBuildUsed) {
  std::vector<CacheKey> keys;
  for (int i = 0; i < 300; ++i) keys.push_back(KeyOf({"document", std::to_string(i)}));
  {
    Result<FindingsCache> cache = FindingsCache::Open(path_);
    ASSERT_TRUE(cache.ok());
    for (const CacheKey& key : keys) cache->Keep(key, SomeFindings());  // several batches
    cache->Finish();
  }
  {
    // A build that has the first 100 as they were and 10 new ones.
    Result<FindingsCache> cache = FindingsCache::Open(path_);
    ASSERT_TRUE(cache.ok());
    for (int i = 0; i < 100; ++i) EXPECT_TRUE(cache->Find(keys[i]));
    for (int i = 0; i < 10; ++i) cache->Keep(KeyOf({"new", std::to_string(i)}), {});
    cache->Finish();
    EXPECT_EQ(cache->problem(), "");
  }
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok());
  for (int i = 0; i < 300; ++i) EXPECT_EQ(cache->Find(keys[i]).has_value(), i < 100) << i;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(cache->Find(KeyOf({"new", std::to_string(i)})));
}

TEST_F(FindingsCacheTest, ThreadsFindAndKeepAtOnce) {
  {
    Result<FindingsCache> cache = FindingsCache::Open(path_);
    ASSERT_TRUE(cache.ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&cache, t] {
        for (int i = 0; i < 200; ++i) {
          const CacheKey key = KeyOf({std::to_string(t), std::to_string(i)});
          if (!cache->Find(key)) cache->Keep(key, SomeFindings());
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    cache->Finish();
    EXPECT_EQ(cache->problem(), "");
  }
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok());
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 200; ++i)
      ASSERT_TRUE(cache->Find(KeyOf({std::to_string(t), std::to_string(i)}))) << t << " " << i;
  }
}

void Sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

// Keeps findings under `key`, ends the build, and expects the next build's cache, a clean one,
// to find them.
void KeepAndFindAgain(FindingsCache& cache, const std::string& path, const CacheKey& key) {
  cache.Keep(key, SomeFindings());
  cache.Finish();
  EXPECT_EQ(cache.problem(), "");
  Result<FindingsCache> again = FindingsCache::Open(path);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->replaced(), "");
  std::optional<std::vector<Diagnostic>> found = again->Find(key);
  ASSERT_TRUE(found);
  ExpectSame(*found, SomeFindings());
}

TEST_F(FindingsCacheTest, ADamagedEntryIsNotFoundAndIsKeptAnew) {
  const CacheKey key = KeyOf({"document"});
  BuildKeeping(path_, key);
  Sql(path_, "UPDATE findings SET data = x'0102030405'");
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok());
  EXPECT_FALSE(cache->Find(key));
  KeepAndFindAgain(*cache, path_, key);
}

TEST_F(FindingsCacheTest, ACacheOfAnotherSchemaIsMadeAgain) {
  Sql(path_, "CREATE TABLE findings(key TEXT, other TEXT); PRAGMA user_version = 9;");
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  const CacheKey key = KeyOf({"document"});
  EXPECT_FALSE(cache->Find(key));
  KeepAndFindAgain(*cache, path_, key);
}

TEST_F(FindingsCacheTest, AFileThatIsNotACacheIsMadeAnew) {
  std::ofstream(path_) << "these are not the findings of any build, and not a database either\n";
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  EXPECT_NE(cache->replaced().find("not a findings cache"), std::string::npos) << cache->replaced();
  const CacheKey key = KeyOf({"document"});
  EXPECT_FALSE(cache->Find(key));
  KeepAndFindAgain(*cache, path_, key);
}

TEST_F(FindingsCacheTest, ACacheThatCannotBeMadeIsAnErrorNamingIt) {
  std::ofstream(temp_.path() / "file") << "a file where the cache's directory would be\n";
  const std::string path = (temp_.path() / "file" / "findings.sqlite").string();
  Result<FindingsCache> cache = FindingsCache::Open(path);
  ASSERT_FALSE(cache.ok());
  EXPECT_EQ(cache.status().where().file, path);
  EXPECT_NE(cache.status().message().find("the findings cache"), std::string::npos)
      << cache.status().message();
}

std::string Hex(const CacheKey& key) {
  char bytes[16];
  std::memcpy(bytes, &key.a, 8);
  std::memcpy(bytes + 8, &key.b, 8);
  return HexBytes(std::string_view(bytes, sizeof bytes));
}

TEST_F(FindingsCacheTest, EachCacheHasASecretOfItsOwn) {
  const std::string one = (temp_.path() / "one.sqlite").string();
  const std::string two = (temp_.path() / "two.sqlite").string();
  Result<FindingsCache> a = FindingsCache::Open(one);
  Result<FindingsCache> b = FindingsCache::Open(two);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(a->secret() == CacheKey{});
  EXPECT_FALSE(a->secret() == b->secret());
  Result<FindingsCache> again = FindingsCache::Open(one);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->secret(), a->secret());
}

TEST_F(FindingsCacheTest, AnEntryMovedUnderAnotherKeyIsNotTaken) {
  const CacheKey mine = KeyOf({"mine"}), other = KeyOf({"other"});
  BuildKeeping(path_, mine);
  Sql(path_, "UPDATE findings SET key = x'" + Hex(other) + "'");
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok());
  EXPECT_FALSE(cache->Find(other));
  EXPECT_FALSE(cache->Find(mine));
}

TEST_F(FindingsCacheTest, ADiscardedCacheKeepsNothing) {
  const CacheKey earlier = KeyOf({"earlier"}), later = KeyOf({"later"});
  BuildKeeping(path_, earlier);
  {
    Result<FindingsCache> cache = FindingsCache::Open(path_);
    ASSERT_TRUE(cache.ok());
    cache->Keep(later, SomeFindings());
    cache->Discard("the dictionary of es changed during the build");
    EXPECT_NE(cache->problem().find("the dictionary of es changed"), std::string::npos);
    EXPECT_FALSE(cache->Find(earlier));
    cache->Keep(later, SomeFindings());
    cache->Finish();
  }
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok());
  EXPECT_FALSE(cache->Find(earlier));
  EXPECT_FALSE(cache->Find(later));
}

TEST_F(FindingsCacheTest, ACacheWithoutItsSecretIsMadeAnew) {
  CacheKey secret;
  {
    Result<FindingsCache> cache = FindingsCache::Open(path_);
    ASSERT_TRUE(cache.ok());
    secret = cache->secret();
  }
  Sql(path_, "DELETE FROM secret");
  Result<FindingsCache> cache = FindingsCache::Open(path_);
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  EXPECT_NE(cache->replaced().find("no secret"), std::string::npos) << cache->replaced();
  EXPECT_FALSE(cache->secret() == secret);
}

}  // namespace
}  // namespace l10n
