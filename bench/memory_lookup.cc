// Translation memory lookup: latency (p50/p99) with N memory entries, and
// the index's recall against a brute-force scan.
//
//   memory_lookup [ENTRIES=100000] [QUERIES=1000] [RECALL_QUERIES=50] [LOCALES=1]
//
// Entries are generated deterministically (8,000 words drawn with a Zipf
// distribution); each query is an entry with a word inserted, so that its
// best match is known to exist. With LOCALES above 1, the same entries are
// also loaded for as many other locales first (a project's memories in one
// index); the queries are Spanish's.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "pipeline/memory.h"

namespace {

const char* kWords[] = {
    "skin",      "collagen",      "elastin",      "dermis",     "needle",   "treatment",
    "scar",      "acne",          "sebum",        "growth",     "factor",   "healing",
    "wound",     "laser",         "patient",      "session",    "redness",  "swelling",
    "procedure", "dermatologist", "follicle",     "pigment",    "wrinkle",  "texture",
    "tone",      "repair",        "inflammation", "recovery",   "result",   "benefit",
    "risk",      "device",        "depth",        "layer",      "surface",  "stretch",
    "marks",     "sweat",         "glands",       "hair",       "loss",     "stem",
    "cells",     "therapy",       "rejuvenation", "the",        "and",      "of",
    "with",      "after",         "before",       "during",     "may",      "can",
    "helps",     "reduces",       "improves",     "stimulates", "produces", "weeks",
    "days",      "hours",         "mild",         "visible",    "small"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// A vocabulary the size of a real memory's: the medical words above plus
// generated ones, drawn with a Zipf distribution as words are in text.
class Vocabulary {
 public:
  explicit Vocabulary(std::mt19937& random) {
    for (const char* w : kWords) words_.push_back(w);
    static const char* kSyllables[] = {"ka",  "der", "mo", "lin", "tes", "ra",  "pho",
                                       "gen", "ul",  "vi", "sto", "ne",  "cor", "ta"};
    std::uniform_int_distribution<int> syllable(0, 13), count(2, 4);
    while (words_.size() < 8000) {
      std::string w;
      for (int i = count(random); i > 0; --i) w += kSyllables[syllable(random)];
      words_.push_back(w);
    }
    double total = 0;
    for (std::size_t rank = 1; rank <= words_.size(); ++rank) {
      total += 1.0 / static_cast<double>(rank);
      cumulative_.push_back(total);
    }
  }
  const std::string& Draw(std::mt19937& random) const {
    const double x = std::uniform_real_distribution<double>(0, cumulative_.back())(random);
    return words_[static_cast<std::size_t>(
        std::lower_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin())];
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

std::string Sentence(const Vocabulary& vocabulary, std::mt19937& random) {
  std::uniform_int_distribution<int> length(6, 18), number(1, 99);
  std::string s;
  const int n = length(random);
  for (int i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += (i == n / 2) ? std::to_string(number(random)) + "%" : vocabulary.Draw(random);
  }
  return s + ".";
}

std::string Perturb(std::string s, std::mt19937& random) {
  std::uniform_int_distribution<int> word(0, kWordCount - 1);
  const std::size_t space = s.find(' ', s.size() / 3);
  if (space != std::string::npos) s.insert(space, std::string(" ") + kWords[word(random)]);
  return s;
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const int entries = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int queries = argc > 2 ? std::atoi(argv[2]) : 1000;
  const int recall_queries = argc > 3 ? std::atoi(argv[3]) : 50;
  const int locales = argc > 4 ? std::max(1, std::atoi(argv[4])) : 1;
  std::mt19937 random(42);
  l10n::TranslationMemory memory;
  memory.source_locale = "en";
  memory.target_locale = "es";
  std::vector<l10n::TmEntry> generated;
  const Vocabulary vocabulary(random);
  for (int i = 0; i < entries; ++i) {
    std::string source = Sentence(vocabulary, random);
    generated.push_back({source, "ES " + source, "bench#" + std::to_string(i)});
  }
  memory.Add(generated);
  auto index = l10n::MemoryIndex::Open(":memory:");
  if (!index.ok()) {
    std::fprintf(stderr, "%s\n", index.status().ToString().c_str());
    return 2;
  }
  for (int l = 1; l < locales; ++l) {
    if (l10n::Status s = index->Load("x-other-" + std::to_string(l), memory); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 2;
    }
  }
  const auto load_start = std::chrono::steady_clock::now();
  if (l10n::Status s = index->Load("es", memory); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 2;
  }
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
  std::vector<l10n::Content> probes;
  for (int q = 0; q < queries; ++q) {
    const std::string& base = memory.entries[random() % memory.entries.size()].source;
    probes.push_back(l10n::ParseSignature(Perturb(base, random)));
  }
  std::vector<double> latencies;
  int found = 0;
  const std::clock_t cpu_start = std::clock();
  for (const l10n::Content& probe : probes) {
    const auto start = std::chrono::steady_clock::now();
    auto matches = index->Lookup("es", probe, 50, 5);
    latencies.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    found += matches.ok() && !matches->empty();
  }
  const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC /
                        std::max(1, queries);
  int agree = 0;
  for (int q = 0; q < recall_queries && q < queries; ++q) {
    auto fast = index->Lookup("es", probes[q], 50, 1);
    auto exact = index->LookupExhaustive("es", probes[q], 50, 1);
    if (fast.ok() && exact.ok() && !exact->empty() && !fast->empty() &&
        fast->front().similarity == exact->front().similarity)
      ++agree;
    else if (fast.ok() && exact.ok() && exact->empty() && fast->empty())
      ++agree;
  }
  std::printf(
      "entries %zu per locale, %d locale(s) (index load of one %.2f s), queries %d, "
      "found a match for %d\n",
      memory.entries.size(), locales, load_seconds, queries, found);
  std::printf("lookup latency p50 %.2f ms, p99 %.2f ms (wall); %.2f ms CPU per lookup on average\n",
              Percentile(latencies, 0.5), Percentile(latencies, 0.99), cpu_ms);
  std::printf("recall against brute force (same best similarity): %d/%d = %.1f%%\n", agree,
              recall_queries, 100.0 * agree / std::max(1, recall_queries));
  return 0;
}
