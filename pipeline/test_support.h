// Helpers shared by the unit tests.
#ifndef L10N_PIPELINE_TEST_SUPPORT_H_
#define L10N_PIPELINE_TEST_SUPPORT_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include "pipeline/extract.h"
#include "pipeline/hash.h"
#include "pipeline/xliff.h"

namespace l10n::testing_support {

// The extraction's XLIFF with every segment "translated" into its own source.
inline XliffDocument IdentityTranslation(const Extraction& extraction,
                                         const std::string& locale = "es") {
  XliffDocument doc = MakeXliff(extraction, locale);
  for (Unit& unit : doc.units) {
    for (Segment& part : unit.parts) {
      if (!part.is_segment) continue;
      part.target = part.source;
      part.state = State::kTranslated;
    }
  }
  return doc;
}

// The key of `parts`, each added as a text.
inline CacheKey KeyOf(std::initializer_list<std::string_view> parts) {
  KeyHasher hasher;
  for (std::string_view part : parts) hasher.Add(part);
  return hasher.Key();
}

// A fresh, empty directory for one test, named after it, removed when the
// test ends (also when an assertion ends it early).
class TempDir {
 public:
  TempDir() {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "l10n-";
    if (test != nullptr) name += std::string(test->test_suite_name()) + "." + test->name();
    for (char& c : name) {
      if (c == '/') c = '_';  // parameterized tests
    }
    path_ = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    Reset();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Empties the directory again.
  void Reset() {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }

 private:
  std::filesystem::path path_;
};

}  // namespace l10n::testing_support

#endif  // L10N_PIPELINE_TEST_SUPPORT_H_
