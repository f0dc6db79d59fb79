// Stage benchmarks of the l10n pipeline (Google Benchmark), on the corpus that
// bench/gen_corpus.py writes. Every benchmark runs on one thread.
//
// Data (environment variables; defaults are what bench/run_whole.sh generates):
//   L10N_BENCH_CORPUS   project directory of a generated corpus   (/tmp/bench/corpus-100)
//   L10N_BENCH_PAGES    pages of it used per iteration              (100)
//   L10N_BENCH_CHECK_PAGES  pages used by the RunChecks benchmarks  (5)
//   L10N_BENCH_GLOSSARY TBX glossary for checks and term matching
//   (/tmp/bench/data/glossary-10000.tbx) L10N_BENCH_TMX      TMX whose segments term matching scans
//   (/tmp/bench/data/memory-100000.tmx)
//
// Counters: MB/s is 10^6 bytes of XHTML source per second (of XLIFF for
// ReadXliff and ParseXliff), units/s and segments/s are translation units and segments.
// Run with --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
// for medians.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "pipeline/checks.h"
#include "pipeline/extract.h"
#include "pipeline/file_io.h"
#include "pipeline/glossary.h"
#include "pipeline/html.h"
#include "pipeline/merge.h"
#include "pipeline/segmenter.h"
#include "pipeline/tmx.h"
#include "pipeline/xliff.h"
#include "pipeline/xml.h"

namespace {

namespace fs = std::filesystem;

std::string Env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

std::size_t EnvCount(const char* name, std::size_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0'
             ? static_cast<std::size_t>(std::strtoul(value, nullptr, 10))
             : fallback;
}

struct Page {
  std::string name;                          // "p00001"
  std::string file;                          // path of the XHTML source
  std::string xhtml;                         // its bytes
  std::map<std::string, std::string> xliff;  // locale -> translated XLIFF bytes
};

struct Corpus {
  std::string error;  // why the data is missing (the benchmarks skip)
  std::vector<Page> pages;
  std::size_t xhtml_bytes = 0;
};

const char* kHowTo =
    "; generate it: python3 bench/gen_corpus.py --pages 100 --out /tmp/bench/corpus-100";

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    const fs::path root = Env("L10N_BENCH_CORPUS", "/tmp/bench/corpus-100");
    const std::size_t wanted = EnvCount("L10N_BENCH_PAGES", 100);
    const fs::path dir = root / "source-content" / "pages";
    std::error_code ec;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".xhtml") files.push_back(it->path());
    }
    if (files.empty()) {
      c.error = "no pages in " + dir.string() + kHowTo;
      return c;
    }
    std::sort(files.begin(), files.end());
    if (files.size() > wanted) files.resize(wanted);
    for (const fs::path& file : files) {
      Page page;
      page.name = file.stem().string();
      page.file = file.string();
      l10n::Result<std::string> bytes = l10n::ReadFile(file);
      if (!bytes.ok()) {
        c.error = bytes.status().ToString();
        return c;
      }
      page.xhtml = std::move(bytes).value();
      for (const char* locale : {"es", "fr", "de", "pt-BR", "ar", "ja"}) {
        l10n::Result<std::string> xliff =
            l10n::ReadFile(root / "locales" / locale / (page.name + ".xlf"));
        if (xliff.ok()) page.xliff[locale] = std::move(xliff).value();
      }
      c.xhtml_bytes += page.xhtml.size();
      c.pages.push_back(std::move(page));
    }
    return c;
  }();
  return corpus;
}

// The glossary for the check and term-matching benchmarks, read with pugixml
// directly into l10n::Glossary (same fields as l10n::ReadTbx). ReadTbx itself
// is measured by BM_ReadTbx: it computes a line/column for every concept and
// term by scanning the file from its start (LocateOffset), which is quadratic
// in the file size and takes many minutes on the 20 MB, 10,000-concept file.
l10n::Glossary ReadTbxForBenchmarks(const std::string& text) {
  pugi::xml_document xml;
  xml.load_buffer(text.data(), text.size());
  pugi::xml_node root = xml.document_element();
  l10n::Glossary glossary;
  if (std::optional<std::string> lang = l10n::AttributeByLocalName(root, "lang"))
    glossary.source_language = *lang;
  pugi::xml_node body = l10n::ChildByLocalName(l10n::ChildByLocalName(root, "text"), "body");
  for (pugi::xml_node entry : body.children()) {
    if (l10n::LocalName(entry.name()) != "conceptEntry") continue;
    l10n::Concept item;
    item.id = entry.attribute("id").value();
    for (pugi::xml_node child : entry.children()) {
      if (l10n::LocalName(child.name()) == "note" &&
          std::string_view(child.text().get()) == "do-not-translate") {
        item.do_not_translate = true;
      }
      if (l10n::LocalName(child.name()) != "langSec") continue;
      const std::string lang = l10n::AttributeByLocalName(child, "lang").value_or("");
      std::vector<l10n::Term>& terms = item.terms[lang];
      for (pugi::xml_node sec : child.children()) {
        const std::string_view name = l10n::LocalName(sec.name());
        if (name == "descrip" && std::string_view(sec.attribute("type").value()) == "definition" &&
            (item.definition.empty() || lang == glossary.source_language)) {
          item.definition = sec.text().get();
        }
        if (name != "termSec") continue;
        l10n::Term term;
        term.text = l10n::ChildByLocalName(sec, "term").text().get();
        for (pugi::xml_node note : sec.children()) {
          const std::string_view type = note.attribute("type").value();
          const std::string_view value = note.text().get();
          if (type == "partOfSpeech") term.part_of_speech = value;
          if (type != "administrativeStatus") continue;
          term.status = value == "preferredTerm-admn-sts"    ? l10n::TermStatus::kPreferred
                        : value == "deprecatedTerm-admn-sts" ? l10n::TermStatus::kDeprecated
                        : value == "supersededTerm-admn-sts" ? l10n::TermStatus::kSuperseded
                                                             : l10n::TermStatus::kAdmitted;
        }
        if (item.part_of_speech.empty()) item.part_of_speech = term.part_of_speech;
        terms.push_back(std::move(term));
      }
    }
    glossary.concepts.push_back(std::move(item));
  }
  return glossary;
}

std::string GlossaryPath() {
  return Env("L10N_BENCH_GLOSSARY", "/tmp/bench/data/glossary-10000.tbx");
}

const l10n::Glossary* LoadGlossary(std::string* error) {
  static const std::optional<l10n::Glossary> glossary = []() -> std::optional<l10n::Glossary> {
    l10n::Result<std::string> bytes = l10n::ReadFile(GlossaryPath());
    if (!bytes.ok()) return std::nullopt;
    return ReadTbxForBenchmarks(*bytes);
  }();
  if (!glossary)
    *error =
        "cannot read the glossary (L10N_BENCH_GLOSSARY); generate it: python3 bench/gen_corpus.py "
        "--pages 0 --out /tmp/bench/data --glossary /tmp/bench/data/glossary-10000.tbx";
  return glossary ? &*glossary : nullptr;
}

// The glossary, or null after marking the benchmark skipped with the reason.
const l10n::Glossary* GlossaryOrSkip(benchmark::State& state) {
  std::string error;
  const l10n::Glossary* glossary = LoadGlossary(&error);
  if (glossary == nullptr) state.SkipWithError(error.c_str());
  return glossary;
}

const l10n::TranslationMemory* LoadMemory(std::string* error) {
  static const std::optional<l10n::TranslationMemory> memory =
      []() -> std::optional<l10n::TranslationMemory> {
    const std::string path = Env("L10N_BENCH_TMX", "/tmp/bench/data/memory-100000.tmx");
    l10n::Result<std::string> bytes = l10n::ReadFile(path);
    if (!bytes.ok()) return std::nullopt;
    l10n::Result<l10n::TranslationMemory> read = l10n::ReadTmx(*bytes, path);
    if (!read.ok()) return std::nullopt;
    return std::move(read).value();
  }();
  if (!memory)
    *error =
        "cannot read the TMX (L10N_BENCH_TMX); generate it: python3 bench/gen_corpus.py --pages 0 "
        "--out /tmp/bench/data --tmx /tmp/bench/data/memory-100000.tmx";
  return memory ? &*memory : nullptr;
}

// Pages used by one benchmark: all of the corpus, or the first `limit`.
std::vector<const Page*> Pages(std::size_t limit = 0) {
  std::vector<const Page*> out;
  for (const Page& page : LoadCorpus().pages) {
    if (limit != 0 && out.size() == limit) break;
    out.push_back(&page);
  }
  return out;
}

bool Ready(benchmark::State& state) {
  if (!LoadCorpus().error.empty()) {
    state.SkipWithError(LoadCorpus().error.c_str());
    return false;
  }
  return true;
}

l10n::Extraction MustExtract(const Page& page, bool segment = true,
                             l10n::SegmenterCache* segmenters = nullptr) {
  l10n::Result<l10n::Extraction> e =
      l10n::ExtractXhtml(page.xhtml, page.file, l10n::ExtractOptions{"en", segment, segmenters});
  if (!e.ok()) {
    std::fprintf(stderr, "%s\n", e.status().ToString().c_str());
    std::abort();
  }
  return std::move(e).value();
}

std::size_t SegmentCount(const l10n::Extraction& e) {
  std::size_t n = 0;
  for (const l10n::SourceUnit& unit : e.units) {
    for (const l10n::Part& part : unit.parts) n += part.is_segment;
  }
  return n;
}

void SetRates(benchmark::State& state, double bytes, double units, double segments, double pages) {
  using benchmark::Counter;
  state.counters["MB/s"] = Counter(bytes / 1e6, Counter::kIsRate);
  state.counters["units/s"] = Counter(units, Counter::kIsRate);
  if (segments > 0) state.counters["segments/s"] = Counter(segments, Counter::kIsRate);
  state.counters["pages/s"] = Counter(pages, Counter::kIsRate);
}

// ---------------------------------------------------------------- extraction

// What `l10n extract` does per document: parse, walk, segment (ICU), build
// the XLIFF model and serialize it.
void BM_Extract(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  // One segmenter for every document, as a batch `l10n extract` and `l10n build` make.
  l10n::SegmenterCache segmenters;
  double bytes = 0, units = 0, segments = 0, count = 0;
  for (auto _ : state) {
    for (const Page* page : pages) {
      l10n::Extraction e = MustExtract(*page, true, &segmenters);
      l10n::XliffDocument doc = l10n::MakeXliff(e, "es");
      std::string xml = l10n::WriteXliff(doc, l10n::WriteOptions{});
      benchmark::DoNotOptimize(xml.data());
      bytes += static_cast<double>(page->xhtml.size());
      units += static_cast<double>(e.units.size());
      segments += static_cast<double>(SegmentCount(e));
      count += 1;
    }
  }
  SetRates(state, bytes, units, segments, count);
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// The parts of extraction, to see what limits it.
void BM_Extract_ParseXmlOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  double bytes = 0, count = 0;
  for (auto _ : state) {
    for (const Page* page : pages) {
      l10n::Result<l10n::XmlDocument> doc = l10n::ParseXml(page->xhtml, page->file);
      benchmark::DoNotOptimize(doc.ok());
      bytes += static_cast<double>(page->xhtml.size());
      count += 1;
    }
  }
  SetRates(state, bytes, 0, 0, count);
}
BENCHMARK(BM_Extract_ParseXmlOnly)->Unit(benchmark::kMillisecond);

void BM_Extract_ExtractXhtmlNoSegmentation(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  double bytes = 0, units = 0, count = 0;
  for (auto _ : state) {
    for (const Page* page : pages) {
      l10n::Extraction e = MustExtract(*page, false);
      bytes += static_cast<double>(page->xhtml.size());
      units += static_cast<double>(e.units.size());
      count += 1;
    }
  }
  SetRates(state, bytes, units, 0, count);
}
BENCHMARK(BM_Extract_ExtractXhtmlNoSegmentation)->Unit(benchmark::kMillisecond);

void BM_Extract_ExtractXhtml(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  double bytes = 0, units = 0, segments = 0, count = 0;
  // One segmenter for every document, as a batch `l10n extract` and `l10n build` make.
  l10n::SegmenterCache segmenters;
  for (auto _ : state) {
    for (const Page* page : pages) {
      l10n::Extraction e = MustExtract(*page, true, &segmenters);
      bytes += static_cast<double>(page->xhtml.size());
      units += static_cast<double>(e.units.size());
      segments += static_cast<double>(SegmentCount(e));
      count += 1;
    }
  }
  SetRates(state, bytes, units, segments, count);
}
BENCHMARK(BM_Extract_ExtractXhtml)->Unit(benchmark::kMillisecond);

// Making a segmenter: the ICU sentence iterator with the abbreviation
// filter, and the sets of its fast path. Paid once per process and locale.
void BM_Extract_SegmenterCreate(benchmark::State& state) {
  for (auto _ : state) {
    l10n::Result<l10n::Segmenter> s = l10n::Segmenter::Create("en");
    benchmark::DoNotOptimize(s.ok());
  }
}
BENCHMARK(BM_Extract_SegmenterCreate)->Unit(benchmark::kMicrosecond);

// Output only: MakeXliff + WriteXliff on extractions made beforehand.
void BM_Extract_MakeAndWriteXliffOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  std::vector<l10n::Extraction> extractions;
  for (const Page* page : pages) extractions.push_back(MustExtract(*page));
  double bytes = 0, units = 0, count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      l10n::XliffDocument doc = l10n::MakeXliff(extractions[i], "es");
      std::string xml = l10n::WriteXliff(doc, l10n::WriteOptions{});
      benchmark::DoNotOptimize(xml.data());
      bytes += static_cast<double>(pages[i]->xhtml.size());
      units += static_cast<double>(extractions[i].units.size());
      count += 1;
    }
  }
  SetRates(state, bytes, units, 0, count);
}
BENCHMARK(BM_Extract_MakeAndWriteXliffOnly)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- merge

// The XLIFF is read as `l10n merge` reads it: without notes.
const l10n::XliffReadOptions kAsMergeReads{.notes = false, .code_markup = false};

// XLIFF read + merge + SerializeHtml per document (the source extraction the
// merge writes into is made with the timer paused; BM_MergeWithExtract
// includes it, as `l10n merge` does). As in `l10n merge`, the source is extracted without
// segmentation and the merge takes each unit's segmentation from the XLIFF.
void MergeBenchmark(benchmark::State& state, bool include_extract) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  const std::string locale = "es";
  l10n::SegmenterCache segmenters;  // one per run, as a batch merge makes
  // Words are counted, as `l10n build` counts them, with one counter for every document.
  l10n::WordCounter words("en");
  l10n::PublishPolicy policy;
  policy.words = &words;
  double bytes = 0, xliff_bytes = 0, units = 0, count = 0;
  for (auto _ : state) {
    for (const Page* page : pages) {
      auto it = page->xliff.find(locale);
      if (it == page->xliff.end()) {
        state.SkipWithError("no translated XLIFF in the corpus");
        return;
      }
      if (!include_extract) state.PauseTiming();
      l10n::Extraction source = MustExtract(*page, false);
      if (!include_extract) state.ResumeTiming();
      l10n::Result<l10n::XliffDocument> xliff =
          l10n::ReadXliff(it->second, page->name + ".xlf", kAsMergeReads);
      if (!xliff.ok()) {
        state.SkipWithError(xliff.status().ToString().c_str());
        return;
      }
      l10n::MergeResult merged =
          l10n::MergeTranslations(source, *xliff, page->name + ".xlf", policy, &segmenters);
      std::string html = l10n::SerializeHtml(source.document.doc());
      benchmark::DoNotOptimize(html.data());
      bytes += static_cast<double>(page->xhtml.size());
      xliff_bytes += static_cast<double>(it->second.size());
      units += static_cast<double>(merged.stats.units);
      count += 1;
    }
  }
  SetRates(state, bytes, units, 0, count);
  state.counters["xliff_MB/s"] = benchmark::Counter(xliff_bytes / 1e6, benchmark::Counter::kIsRate);
}

void BM_Merge(benchmark::State& state) { MergeBenchmark(state, false); }
BENCHMARK(BM_Merge)->Unit(benchmark::kMillisecond);

void BM_MergeWithExtract(benchmark::State& state) { MergeBenchmark(state, true); }
BENCHMARK(BM_MergeWithExtract)->Unit(benchmark::kMillisecond);

void BM_Merge_ReadXliffOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  double bytes = 0, units = 0, count = 0;
  for (auto _ : state) {
    for (const Page* page : pages) {
      const std::string& xml = page->xliff.at("es");
      l10n::Result<l10n::XliffDocument> xliff =
          l10n::ReadXliff(xml, page->name + ".xlf", kAsMergeReads);
      units += static_cast<double>(xliff->units.size());
      bytes += static_cast<double>(xml.size());
      count += 1;
    }
  }
  SetRates(state, bytes, units, 0, count);  // MB/s of XLIFF here
}
BENCHMARK(BM_Merge_ReadXliffOnly)->Unit(benchmark::kMillisecond);

// The XLIFF read's parse alone: ParseXml (decoding, the safety scan, pugixml, the depth check),
// without the model of its units.
void BM_Merge_ParseXliffOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  double bytes = 0, count = 0;
  for (auto _ : state) {
    for (const Page* page : pages) {
      const std::string& xml = page->xliff.at("es");
      l10n::Result<l10n::XmlDocument> doc = l10n::ParseXml(xml, page->name + ".xlf");
      benchmark::DoNotOptimize(doc.ok());
      bytes += static_cast<double>(xml.size());
      count += 1;
    }
  }
  SetRates(state, bytes, 0, 0, count);  // MB/s of XLIFF here
}
BENCHMARK(BM_Merge_ParseXliffOnly)->Unit(benchmark::kMillisecond);

// What a merge cannot spend less on while it reads both documents into pugixml's DOM: the bare
// parse of each page's XLIFF and XHTML, with the options ParseXmlBuffer uses, into a copy of the
// bytes (pugixml parses in place) and nothing else: no safety scan, no depth check, no model.
void BM_Merge_PugixmlParseOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  constexpr unsigned kOptions = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;
  double bytes = 0, count = 0;
  std::string buffer;
  for (auto _ : state) {
    for (const Page* page : pages) {
      for (const std::string* text : {&page->xliff.at("es"), &page->xhtml}) {
        buffer.assign(*text);
        pugi::xml_document doc;
        const pugi::xml_parse_result parsed =
            doc.load_buffer_inplace(buffer.data(), buffer.size(), kOptions, pugi::encoding_utf8);
        benchmark::DoNotOptimize(static_cast<bool>(parsed));
      }
      bytes += static_cast<double>(page->xhtml.size());
      count += 1;
    }
  }
  SetRates(state, bytes, 0, 0, count);  // MB/s of XHTML, as BM_MergeWithExtract
}
BENCHMARK(BM_Merge_PugixmlParseOnly)->Unit(benchmark::kMillisecond);

void BM_Merge_SerializeHtmlOnly(benchmark::State& state) {
  if (!Ready(state)) return;
  const auto pages = Pages();
  std::vector<l10n::Extraction> extractions;
  for (const Page* page : pages) extractions.push_back(MustExtract(*page));
  double bytes = 0, count = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      std::string html = l10n::SerializeHtml(extractions[i].document.doc());
      benchmark::DoNotOptimize(html.data());
      bytes += static_cast<double>(pages[i]->xhtml.size());
      count += 1;
    }
  }
  SetRates(state, bytes, 0, 0, count);
}
BENCHMARK(BM_Merge_SerializeHtmlOnly)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- checks

// RunChecks per translated XLIFF, as `l10n check` and `l10n build` call it:
// with the source extraction and, when `glossary`, the 10,000-concept
// glossary; `hunspell` false points the dictionary directory nowhere.
// `reuse`: one CheckResources for every document (built before timing), as
// `l10n check` passes them; otherwise each call builds its own.
void ChecksBenchmark(benchmark::State& state, const std::string& locale, bool glossary,
                     bool hunspell, bool reuse = false) {
  if (!Ready(state)) return;
  std::string error;
  const l10n::Glossary* terms = glossary ? LoadGlossary(&error) : nullptr;
  if (glossary && terms == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  const auto pages = Pages(EnvCount("L10N_BENCH_CHECK_PAGES", 5));
  std::vector<l10n::Extraction> sources;
  std::vector<l10n::XliffDocument> docs;
  double segments_per_pass = 0, units_per_pass = 0, bytes_per_pass = 0;
  for (const Page* page : pages) {
    sources.push_back(MustExtract(*page));
    l10n::Result<l10n::XliffDocument> xliff =
        l10n::ReadXliff(page->xliff.at(locale), page->name + ".xlf");
    if (!xliff.ok()) {
      state.SkipWithError(xliff.status().ToString().c_str());
      return;
    }
    for (const l10n::Unit& unit : xliff->units) {
      for (const l10n::Segment& s : unit.parts) segments_per_pass += s.is_segment;
    }
    units_per_pass += static_cast<double>(xliff->units.size());
    bytes_per_pass += static_cast<double>(page->xhtml.size());
    docs.push_back(std::move(xliff).value());
  }
  const std::string hunspell_dir = hunspell ? l10n::CheckOptions().hunspell_dir : "/nonexistent";
  std::optional<l10n::CheckResources> resources;
  if (reuse && !docs.empty())
    resources.emplace(terms, docs[0].source_locale, docs[0].target_locale, hunspell_dir);
  double findings = 0, passes = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
      l10n::CheckOptions options;
      options.glossary = terms;
      options.source = &sources[i];
      options.hunspell_dir = hunspell_dir;
      if (resources) options.resources = &*resources;
      std::vector<l10n::Diagnostic> found =
          l10n::RunChecks(docs[i], pages[i]->name + ".xlf", options);
      findings += static_cast<double>(found.size());
    }
    passes += 1;
  }
  SetRates(state, bytes_per_pass * passes, units_per_pass * passes, segments_per_pass * passes,
           static_cast<double>(docs.size()) * passes);
  state.counters["findings/page"] =
      findings / std::max(1.0, passes * static_cast<double>(docs.size()));
}

// The checks benchmarks, by name: each locale with the 10,000-concept
// glossary; for attribution, without the glossary and without glossary and
// dictionary; and the same with one CheckResources per locale for all
// documents ("_Reused").
struct ChecksCase {
  const char* name;
  const char* locale;
  bool glossary;
  bool hunspell;
  bool reuse;
};
constexpr ChecksCase kChecksCases[] = {
    {"BM_Checks_es_Glossary10k", "es", true, true, false},
    {"BM_Checks_de_Glossary10k", "de", true, true, false},
    {"BM_Checks_ja_Glossary10k", "ja", true, true, false},
    {"BM_Checks_es_NoGlossary", "es", false, true, false},
    {"BM_Checks_es_NoGlossaryNoHunspell", "es", false, false, false},
    {"BM_Checks_es_Glossary10k_Reused", "es", true, true, true},
    {"BM_Checks_de_Glossary10k_Reused", "de", true, true, true},
    {"BM_Checks_ja_Glossary10k_Reused", "ja", true, true, true},
    {"BM_Checks_es_NoGlossary_Reused", "es", false, true, true},
    {"BM_Checks_es_NoGlossaryNoHunspell_Reused", "es", false, false, true},
};
[[maybe_unused]] const bool kChecksRegistered = [] {
  for (const ChecksCase& c : kChecksCases) {
    benchmark::RegisterBenchmark(c.name, [c](benchmark::State& state) {
      ChecksBenchmark(state, c.locale, c.glossary, c.hunspell, c.reuse);
    })->Unit(benchmark::kMillisecond);
  }
  return true;
}();
// Building the CheckResources alone: term matchers, dictionary, word sets.
void BM_Checks_es_Glossary10k_ResourcesOnly(benchmark::State& state) {
  const l10n::Glossary* glossary = GlossaryOrSkip(state);
  if (glossary == nullptr) return;
  for (auto _ : state) {
    l10n::CheckResources resources(glossary, "en", "es", l10n::CheckOptions().hunspell_dir);
    benchmark::DoNotOptimize(resources.has_dictionary());
  }
}
BENCHMARK(BM_Checks_es_Glossary10k_ResourcesOnly)->Unit(benchmark::kMillisecond);

// l10n::ReadTbx on the first N concepts of the benchmark glossary: time per
// concept grows with N (each concept and term is located by scanning the file
// from its start).
void BM_ReadTbx(benchmark::State& state) {
  l10n::Result<std::string> bytes = l10n::ReadFile(GlossaryPath());
  if (!bytes.ok()) {
    state.SkipWithError("cannot read the glossary (L10N_BENCH_GLOSSARY)");
    return;
  }
  const std::string& all = *bytes;
  const std::size_t first = all.find("<conceptEntry");
  std::size_t end = first;
  for (int64_t n = 0; n < state.range(0) && end != std::string::npos; ++n) {
    end = all.find("</conceptEntry>", end);
    if (end != std::string::npos) end += std::string_view("</conceptEntry>").size();
  }
  if (first == std::string::npos || end == std::string::npos) {
    state.SkipWithError("the glossary has fewer concepts than asked");
    return;
  }
  const std::string text = all.substr(0, end) + "\n\t\t</body>\n\t</text>\n</tbx>\n";
  double concepts = 0, read_bytes = 0;
  for (auto _ : state) {
    l10n::Result<l10n::Glossary> g = l10n::ReadTbx(text, "glossary.tbx");
    concepts += static_cast<double>(g->concepts.size());
    read_bytes += static_cast<double>(text.size());
  }
  state.counters["concepts/s"] = benchmark::Counter(concepts, benchmark::Counter::kIsRate);
  state.counters["MB/s"] = benchmark::Counter(read_bytes / 1e6, benchmark::Counter::kIsRate);
  state.counters["file_MB"] = static_cast<double>(text.size()) / 1e6;
}
BENCHMARK(BM_ReadTbx)->Arg(250)->Arg(500)->Arg(1000)->Unit(benchmark::kMillisecond);

// ---------------------------------------------------------------- term matching

// Building the Aho-Corasick matcher over the glossary (RunChecks builds two
// per call: source and target language).
void BM_TermMatcherBuild(benchmark::State& state, const std::string& language) {
  const l10n::Glossary* glossary = GlossaryOrSkip(state);
  if (glossary == nullptr) return;
  for (auto _ : state) {
    l10n::TermMatcher matcher(*glossary, language);
    benchmark::DoNotOptimize(matcher.empty());
  }
  state.counters["concepts"] = static_cast<double>(glossary->concepts.size());
}
BENCHMARK_CAPTURE(BM_TermMatcherBuild, en, std::string("en"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TermMatcherBuild, es, std::string("es"))->Unit(benchmark::kMillisecond);

// TermMatcher::Find over every segment of the 100,000-entry TMX: English
// sources with the English matcher, Spanish targets with the Spanish one.
void BM_TermMatch(benchmark::State& state, bool target_side) {
  std::string error;
  const l10n::Glossary* glossary = LoadGlossary(&error);
  const l10n::TranslationMemory* memory = glossary ? LoadMemory(&error) : nullptr;
  if (glossary == nullptr || memory == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  const std::string language = target_side ? memory->target_locale : glossary->source_language;
  l10n::TermMatcher matcher(*glossary, language);
  double segments = 0, bytes = 0, hits = 0;
  for (auto _ : state) {
    for (const l10n::TmEntry& entry : memory->entries) {
      const std::string& text = target_side ? entry.target : entry.source;
      std::vector<l10n::TermHit> found = matcher.Find(text);
      hits += static_cast<double>(found.size());
      bytes += static_cast<double>(text.size());
      segments += 1;
    }
  }
  using benchmark::Counter;
  state.counters["segments/s"] = Counter(segments, Counter::kIsRate);
  state.counters["MB/s"] = Counter(bytes / 1e6, Counter::kIsRate);
  state.counters["hits/segment"] = hits / std::max(1.0, segments);
  state.counters["segments"] = static_cast<double>(memory->entries.size());
}
BENCHMARK_CAPTURE(BM_TermMatch, en_sources, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_TermMatch, es_targets, true)->Unit(benchmark::kMillisecond);

}  // namespace
