#include "pipeline/site.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "pipeline/checks.h"
#include "pipeline/extract.h"
#include "pipeline/file_io.h"
#include "pipeline/findings_cache.h"
#include "pipeline/html.h"
#include "pipeline/locale.h"
#include "pipeline/parallel.h"
#include "pipeline/pseudo.h"
#include "pipeline/text.h"
#include "pipeline/tmx.h"
#include "pipeline/update.h"
#include "pipeline/xliff.h"

namespace l10n {
namespace {

namespace fs = std::filesystem;

struct Source {
  std::string name;     // document name (file stem of pages and XLIFF)
  std::string path;     // relative to the project root, for messages
  std::string file;     // where to read it (not a std::filesystem::path: a site may have
                        // thousands of documents, and a path allocates each of its parts)
  std::string updated;  // <meta name="dcterms.modified">, or ""
  std::string title;    // source title, for the index
};

// What one locale's pass produces. Pages go straight to the staging
// directory, so nothing here grows with the size of the documents.
struct LocaleWork {
  LocaleOutcome outcome;
  // The memory file's pairs, as hashes (the entries themselves are not kept),
  // and the entries it does not have yet.
  std::vector<TmPairHash> known;  // sorted: 16 bytes a pair
  // The entries it does not have yet, on disk (made with the first one).
  std::optional<MemoryFileUpdate> additions;
  int pages = 0;
  int documents_checked = 0;
  int findings_reused = 0;
  Status failure;
};

// What one document adds to its locale's outcome.
struct DocumentWork {
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> notes;
  BandCounts analysis;
  MergeStats stats;
  std::vector<TmEntry> orphans;  // translations of units the source no longer has
  std::vector<TmEntry> entries;  // the current translations
  bool checked = false;          // the checks' findings are in `diagnostics`
  bool reused = false;           // ... and were kept from an earlier build
};

// What every page of a locale shows alike: the names of the locales it links to, each in its
// own language, their writing directions, and the locale's long dates. ICU makes these slowly,
// so once per worker and locale rather than once per page.
struct PageText {
  PageText(const std::string& locale, const std::vector<std::string>& published)
      : right_to_left(IsRightToLeft(locale)), links(published), dates(locale) {
    for (const std::string& link : links) {
      link_names.push_back(NativeDisplayName(link));
      link_right_to_left.push_back(IsRightToLeft(link));
    }
  }
  bool right_to_left;                    // IsRightToLeft of the locale
  std::vector<std::string> links;        // the locales pages link to, in order
  std::vector<std::string> link_names;   // NativeDisplayName of each, in the same order
  std::vector<bool> link_right_to_left;  // IsRightToLeft of each, in the same order
  LongDateFormat dates;
};

// Everything one locale's documents share, made once per locale.
struct LocaleContext {
  const ProjectConfig& config;
  const std::optional<fs::path>& shown_root;  // ShownRoot(config), resolved once per build
  std::string locale;
  const Glossary* glossary;
  const MemoryIndex* memory;
  // Pages are rendered linking to these locales and written under
  // staging/site/<locale>/; with an empty staging path, no pages.
  const std::vector<std::string>& links;
  fs::path staging;
  // The XLIFF files brought up to date; null when only rendering again.
  StagedWrites* writes;
  // Findings of earlier builds (null: the locale's findings are neither taken nor kept), what
  // every document's key shares for this locale (FindingsContext), and whether findings found
  // there are taken (otherwise every document is checked, and what is found is kept).
  FindingsCache* findings;
  CacheKey findings_context;
  bool reuse_findings;
  SegmenterCache segmenters;
  std::optional<WordCounter> source_words;  // SourceWords()
  std::optional<CheckResources> checks;     // made with the locale's first document
  std::optional<PageText> page_text;        // made with the locale's first page

  // The source language's word counter, made on first use and kept for the locale's documents.
  WordCounter& SourceWords() {
    if (!source_words) source_words.emplace(config.source_locale);
    return *source_words;
  }
};

// The project root as paths in messages and the report are shown from: resolved as
// std::filesystem::relative resolves its base (the working directory does not change during a
// build), or nothing when it cannot be, and paths are then shown as they are given.
std::optional<fs::path> ShownRoot(const ProjectConfig& config) {
  std::error_code ec;
  fs::path root = fs::weakly_canonical(config.root, ec);
  if (ec) return std::nullopt;
  return root;
}

// `path` relative to `root` (ShownRoot), as std::filesystem::relative gives it, or as it is
// when it cannot be resolved. Resolving the root once for many paths halves the cost of each
// (the file system is asked about every component of both).
std::string Relative(const std::optional<fs::path>& root, const fs::path& path) {
  if (!root) return path.string();
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(path, ec);
  return ec ? path.string() : resolved.lexically_relative(*root).string();
}

std::string Relative(const ProjectConfig& config, const fs::path& path) {
  return Relative(ShownRoot(config), path);
}

// A percentage from the configuration as people wrote it: 80 as "80", 99.5 as "99.5" (to two
// decimals at most).
std::string PercentText(double percent) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", percent);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out;
}

// The name of the page template as a document: its XLIFF files are <locale>/<name>.xlf.
std::string TemplateName(const ProjectConfig& config) {
  return config.Resolve(config.template_path).stem().string();
}

// Where the XLIFF file of document `name` for `locale` is.
fs::path XliffPath(const ProjectConfig& config, const std::string& locale,
                   const std::string& name) {
  return config.Resolve(config.locales_dir) / locale / (name + ".xlf");
}

std::string MetaContent(const pugi::xml_node& html, const char* name) {
  pugi::xml_node head = ChildByLocalName(html, "head");
  for (pugi::xml_node meta : head.children()) {
    if (LocalName(meta.name()) == "meta" &&
        std::string_view(meta.attribute("name").value()) == name) {
      return meta.attribute("content").value();
    }
  }
  return {};
}

pugi::xml_node FindSlot(const pugi::xml_node& root, const char* slot) {
  return root.find_node([slot](const pugi::xml_node& n) {
    return std::string_view(n.attribute("data-l10n-slot").value()) == slot;
  });
}

std::vector<TmEntry> MemoryEntries(const XliffDocument& doc, const std::string& document) {
  std::vector<TmEntry> out;
  for (const Unit& unit : doc.units) {
    for (const Segment& part : unit.parts) {
      if (!part.is_segment || !part.target || part.state < State::kTranslated) continue;
      out.push_back({Signature(part.source), Signature(*part.target), document + "#" + unit.id});
    }
  }
  return out;
}

void Accumulate(BandCounts& total, const BandCounts& more) {
  for (std::size_t i = 0; i < total.words.size(); ++i) {
    total.words[i] += more.words[i];
    total.segments[i] += more.segments[i];
  }
}

// Reads (or creates) and updates one XLIFF file for one locale, returning the
// document to merge.
// `shown` names the XLIFF file in messages. When `key` is not null, what the XLIFF file was and
// what it becomes are added to it (the checks read the document made of both).
Result<XliffDocument> PrepareXliff(LocaleContext& context, const Source& source,
                                   const Extraction& extraction, const std::string& shown,
                                   DocumentWork& work, KeyHasher* key) {
  const ProjectConfig& config = context.config;
  const std::string& locale = context.locale;
  if (locale == kPseudoLocale) {
    XliffDocument doc = MakeXliff(extraction, locale);
    PseudoTranslateDocument(doc);
    return doc;
  }
  const fs::path path = XliffPath(config, locale, source.name);
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok() && bytes.status().code() != Status::Code::kNotFound) return bytes.status();
  if (!bytes.ok()) {
    Accumulate(work.analysis, Analyze({{&extraction, nullptr}}, context.memory, locale));
    XliffDocument doc = MakeXliff(extraction, locale);
    if (context.writes != nullptr) {
      WriteOptions options;
      options.version = config.xliff_version;
      const std::string made = WriteXliff(doc, options);
      if (key != nullptr) key->Add("made").Add(made);
      L10N_RETURN_IF_ERROR(context.writes->Stage(path, made));
      work.notes.push_back("created " + shown + " for translators");
    }
    return doc;
  }
  Result<XliffDocument> previous = ReadXliff(*bytes, shown);
  if (!previous.ok()) return previous.status();
  L10N_RETURN_IF_ERROR(CheckXliffMatchesSource(extraction, *previous, shown, locale));
  // The analysis and the update ask for the best matches of the same changed segments.
  BestMatches matches(context.memory);
  Accumulate(work.analysis, Analyze({{&extraction, &*previous}}, matches, locale));
  UpdateStats stats;
  XliffDocument doc = UpdateXliff(extraction, *previous, locale, UpdateOptions{}, &stats, matches);
  if (context.writes != nullptr) {
    WriteOptions options;
    options.version = previous->version;
    std::string updated = WriteXliff(doc, options);
    if (key != nullptr) {
      key->Add("read").Add(*bytes);
      if (updated == *bytes)
        key->Add("unchanged");
      else
        key->Add("updated").Add(updated);
      // XLIFF 1.2 has no place for some of what the checks read (each segment's state, a
      // segment without a target in a unit with others), so the document is also added as 2.0,
      // which has.
      if (previous->version != "2.0") {
        WriteOptions as_2_0;
        as_2_0.version = "2.0";
        key->Add("model").Add(WriteXliff(doc, as_2_0));
      }
    }
    if (updated != *bytes) {
      L10N_RETURN_IF_ERROR(context.writes->Stage(path, updated));
      work.notes.push_back("updated " + shown + ": " + stats.Summary());
    }
    for (const TranslationPair& pair : stats.orphans) {
      work.orphans.push_back(
          {Signature(pair.source), Signature(pair.target), source.name + "#removed"});
    }
    work.entries = MemoryEntries(doc, source.name);
  }
  return doc;
}

void AddUp(MergeStats& total, const MergeStats& more) {
  total.units += more.units;
  total.translated += more.translated;
  total.untranslated += more.untranslated;
  total.stale += more.stale;
  total.errors += more.errors;
  total.words += more.words;
  total.translated_words += more.translated_words;
}

// One document of one locale: extract, bring the XLIFF up to date, check,
// merge. Returns the merged document (the source itself for the source locale).
Result<Extraction> ProcessDocument(LocaleContext& context, const Source& source,
                                   DocumentWork& work) {
  const ProjectConfig& config = context.config;
  const std::string& locale = context.locale;
  Result<std::string> bytes = ReadFile(source.file);
  if (!bytes.ok()) return bytes.status();
  // The checks' findings of a document whose inputs are as in an earlier build are taken from
  // that build (findings_cache.h): the source and the XLIFF file are part of the key.
  const bool checking =
      locale != config.source_locale && locale != kPseudoLocale && context.writes != nullptr;
  std::optional<KeyHasher> key;
  if (checking && context.findings != nullptr) {
    key.emplace();
    key->AddKey(context.findings_context).Add(source.path).Add(*bytes);
  }
  // The source locale's page needs no segments: it is published as it is, its words counted.
  ExtractOptions extract_options{config.source_locale, locale != config.source_locale};
  extract_options.segmenters = &context.segmenters;
  Result<Extraction> extraction =
      ExtractXhtmlBuffer(std::move(bytes).value(), source.path, extract_options);
  if (!extraction.ok()) return extraction.status();
  if (locale == config.source_locale) {
    for (const SourceUnit& unit : extraction->units) {
      Content joined;
      const int words = context.SourceWords().Count(PlainText(WholeSource(unit, joined)));
      ++work.stats.units;
      ++work.stats.translated;
      work.stats.words += words;
      work.stats.translated_words += words;
    }
    return extraction;
  }
  const std::string xliff_name =
      locale == kPseudoLocale
          ? "(pseudo-translation of " + source.path + ")"
          : Relative(context.shown_root, XliffPath(config, locale, source.name));
  if (key) key->Add(xliff_name);
  Result<XliffDocument> xliff =
      PrepareXliff(context, source, *extraction, xliff_name, work, key ? &*key : nullptr);
  if (!xliff.ok()) return xliff.status();
  if (checking) {
    work.checked = true;
    const CacheKey document_key = key ? key->Key() : CacheKey{};
    std::optional<std::vector<Diagnostic>> kept;
    if (key && context.reuse_findings) kept = context.findings->Find(document_key);
    if (kept) {
      work.reused = true;
      for (Diagnostic& d : *kept) work.diagnostics.push_back(std::move(d));
    } else {
      // The dictionary and term matchers are made for the first document that needs them.
      if (!context.checks) {
        context.checks.emplace(context.glossary, config.source_locale, locale,
                               CheckOptions{}.hunspell_dir);
      }
      CheckOptions checks;
      checks.resources = &*context.checks;
      checks.glossary = context.glossary;
      checks.source = &*extraction;
      checks.settings = config.checks;
      checks.suppressions = config.suppressions;
      std::vector<Diagnostic> found;
      for (Diagnostic& d : RunChecks(*xliff, xliff_name, checks)) {
        if (d.check == "unit-missing" || d.check == "stale") continue;  // the merge reports these
        found.push_back(std::move(d));
      }
      if (key) context.findings->Keep(document_key, found);
      for (Diagnostic& d : found) work.diagnostics.push_back(std::move(d));
    }
  }
  PublishPolicy policy;
  policy.min_state = config.min_state;
  // The worker's counter and segmenters serve all of the locale's documents.
  policy.words = &context.SourceWords();
  MergeResult merged =
      MergeTranslations(*extraction, *xliff, xliff_name, policy, &context.segmenters);
  AddUp(work.stats, merged.stats);
  for (Diagnostic& d : merged.diagnostics) work.diagnostics.push_back(std::move(d));
  return extraction;
}

// What the findings of every document depend on besides the document's own files and the
// locale: the program and its libraries, the project's source locale, check settings and
// suppressions, and the glossary (`glossary_tbx`: its file's bytes, or null without one). Every
// input of RunChecks that is not a document's is here or in FindingsContext.
CacheKey ProjectFindingsKey(const ProjectConfig& config, const std::string* glossary_tbx) {
  KeyHasher key;
  key.Add("l10n findings 1").Add(ProgramIdentity()).Add(config.source_locale);
  // What ICU reads from the environment (its default locale and its data's place), should any
  // check come to depend on them.
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG", "ICU_DATA"}) {
    const char* value = std::getenv(name);
    key.Add(name).Add(value != nullptr ? value : "(unset)");
  }
  key.AddNumber(config.checks.size());
  for (const auto& [id, setting] : config.checks) {
    key.Add(id).AddNumber(setting.enabled ? 1 : 0);
    key.Add(setting.severity ? "severity " + *setting.severity : "default severity");
  }
  key.AddNumber(config.suppressions.size());
  for (const Suppression& s : config.suppressions)
    key.Add(s.check).Add(s.unit).Add(s.locale).Add(s.reason);
  if (glossary_tbx != nullptr)
    key.Add("glossary").Add(*glossary_tbx);
  else
    key.Add("no glossary");
  return key.Key();
}

// The stamps (FileStamp) of the dictionary files the checks of `locale` read.
std::string DictionaryStamps(const std::vector<std::string>& files) {
  std::string stamps;
  for (const std::string& file : files) stamps += FileStamp(file);
  return stamps;
}
std::string DictionaryStamps(const std::string& locale, const std::string& hunspell_dir) {
  return DictionaryStamps(DictionaryFiles(hunspell_dir, locale));
}

// The key every document of `locale` starts from: the cache's secret, the project's
// (ProjectFindingsKey), the locale, and the dictionary its spelling check reads; nullopt when a
// dictionary file cannot be read (the locale's findings are then neither taken nor kept). The
// checks read the dictionary again when they first need it; `stamps` gets DictionaryStamps, for
// the build to tell at its end that they read what was hashed here.
std::optional<CacheKey> FindingsContext(const CacheKey& secret, const CacheKey& project,
                                        const std::string& locale, const std::string& hunspell_dir,
                                        std::string& stamps) {
  KeyHasher key;
  key.AddKey(secret).AddKey(project).Add(locale).Add(hunspell_dir);
  const std::vector<std::string> files = DictionaryFiles(hunspell_dir, locale);
  stamps = DictionaryStamps(files);
  for (const std::string& file : files) {
    Result<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) return std::nullopt;
    key.Add(file).Add(*bytes);
  }
  return key.Key();
}

Status AddToOutcome(LocaleWork& work, DocumentWork&& document) {
  LocaleOutcome& outcome = work.outcome;
  work.documents_checked += document.checked ? 1 : 0;
  work.findings_reused += document.reused ? 1 : 0;
  for (Diagnostic& d : document.diagnostics) {
    ++outcome.findings;
    const int seen = ++outcome.findings_by_check[d.check];
    // Untranslated and stale units are published in the source language and
    // counted by the completion policy; only errors in what would be
    // published as a translation block the locale.
    if (d.severity == Severity::kError && d.check != "missing-target" && d.check != "not-final" &&
        d.check != "unit-missing" && d.check != "missing-unit" && d.check != "stale")
      ++outcome.blocking_errors;
    if (seen <= kListedFindingsPerCheck) outcome.diagnostics.push_back(std::move(d));
  }
  for (std::string& n : document.notes) outcome.notes.push_back(std::move(n));
  Accumulate(outcome.analysis, document.analysis);
  AddUp(outcome.stats, document.stats);
  for (const std::vector<TmEntry>* list : {&document.orphans, &document.entries}) {
    for (const TmEntry& entry : *list) {
      if (entry.source.empty() || entry.target.empty()) continue;
      const TmPairHash hash = TmPairHash::Of(entry);
      if (std::binary_search(work.known.begin(), work.known.end(), hash)) continue;
      if (!work.additions) {
        Result<MemoryFileUpdate> made = MemoryFileUpdate::Create();
        if (!made.ok()) return made.status();
        work.additions.emplace(std::move(made).value());
      }
      L10N_RETURN_IF_ERROR(work.additions->Add(entry));
    }
  }
  return Status::Ok();
}

std::string RenderPage(const ProjectConfig& config, const std::string& locale, const Source& source,
                       const Extraction& document, const Extraction& page_template, PageText& text);

// One locale during a build pass, shared by the workers: documents are
// processed on any thread, and their contributions folded into the outcome
// in document order, so the result does not depend on the threads.
struct LocaleState {
  explicit LocaleState(std::string l) { work.outcome.locale = std::move(l); }
  const std::string& locale() const { return work.outcome.locale; }

  std::mutex mutex;
  std::condition_variable template_ready;
  bool template_done = false;
  std::optional<Extraction> merged_template;  // every page of the locale needs it
  DocumentWork template_work;                 // folded last, after the documents
  // FindingsContext of the locale (nullopt: its findings are neither taken nor kept), and the
  // stamps of its dictionary files when it was made.
  std::optional<CacheKey> findings_context;
  std::string dictionary_stamps;
  std::size_t next_to_fold = 0;
  std::map<std::size_t, DocumentWork> waiting;            // finished before their predecessors
  std::optional<std::pair<std::size_t, Status>> failure;  // the first, by item
  bool finished = false;                                  // FinishLocale ran
  LocaleWork work;
};

// What a pass needs besides the locales.
struct PassSetup {
  const ProjectConfig& config;
  const std::optional<fs::path>& shown_root;  // ShownRoot(config)
  const Glossary* glossary;
  const MemoryIndex* memory;
  const std::vector<std::string>& links;
  fs::path staging;
  // The site the build replaces (empty: none): a page with the same bytes as its page there is
  // linked to it rather than written again (WriteNewFileOrLink).
  fs::path previous_site;
  StagedWrites* writes;     // null: render the pages again, nothing else
  FindingsCache* findings;  // null: check every document, keep nothing
  bool reuse_findings;      // take the findings the cache has (else only keep them)
  const std::vector<Source>& sources;
  const Source& page_template;
  int jobs;
  std::function<void(const std::string& locale)> locale_done;
};

Status MemoryFileHashes(const ProjectConfig& config, const std::string& locale,
                        std::vector<TmPairHash>& known);

Status FinishLocale(const ProjectConfig& config, LocaleState& state, StagedWrites* writes);

void RecordFailure(LocaleState& state, std::size_t item, Status status) {
  if (!state.failure || item < state.failure->first) state.failure.emplace(item, std::move(status));
}

// Every (locale, document) pair of `states` as one work item, the locale's
// template first, on every worker. Each worker keeps the context (segmenter,
// check resources) of the locale it is on. Workers keep to a locale until its
// documents run out (GroupedFor), so a locale's dictionary and term matchers
// are loaded about once, not once per worker; at most one locale's resources
// per worker are alive.
void RunPass(const PassSetup& setup, std::vector<LocaleState*>& states) {
  const std::size_t per_locale = setup.sources.size() + 1;
  const std::vector<std::size_t> sizes(states.size(), per_locale);
  const int workers = WorkerCount(setup.jobs, states.size() * per_locale);
  std::vector<std::unique_ptr<LocaleContext>> contexts(static_cast<std::size_t>(workers));
  GroupedFor(sizes, workers, [&](std::size_t locale_index, std::size_t position, int worker) {
    const std::size_t item = locale_index * per_locale + position;  // 0: the template
    LocaleState& state = *states[locale_index];
    std::unique_ptr<LocaleContext>& context = contexts[static_cast<std::size_t>(worker)];
    if (!context || context->locale != state.locale()) {
      context.reset();
      context.reset(new LocaleContext{setup.config,
                                      setup.shown_root,
                                      state.locale(),
                                      setup.glossary,
                                      setup.memory,
                                      setup.links,
                                      setup.staging,
                                      setup.writes,
                                      state.findings_context ? setup.findings : nullptr,
                                      state.findings_context.value_or(CacheKey{}),
                                      setup.reuse_findings,
                                      {},
                                      {},
                                      {},
                                      {}});
    }
    const ProjectConfig& config = setup.config;
    if (position == 0) {
      std::vector<TmPairHash> known;
      Status read = Status::Ok();
      if (setup.writes != nullptr && state.locale() != config.source_locale &&
          state.locale() != kPseudoLocale) {
        // The memory index holds the memory file's entries (it is brought up to
        // date when the file changes): reading their hashes from it keeps the
        // file's contents out of memory.
        read = setup.memory != nullptr ? setup.memory->ForEachPair(
                                             state.locale(),
                                             [&](std::string_view source, std::string_view target) {
                                               known.push_back(TmPairHash::Of(source, target));
                                             })
                                       : MemoryFileHashes(config, state.locale(), known);
      }
      DocumentWork template_work;
      Result<Extraction> merged =
          read.ok() ? ProcessDocument(*context, setup.page_template, template_work)
                    : Result<Extraction>(read);
      std::lock_guard<std::mutex> lock(state.mutex);
      std::sort(known.begin(), known.end());
      known.shrink_to_fit();
      state.work.known = std::move(known);
      if (merged.ok()) {
        state.merged_template = std::move(merged).value();
        state.template_work = std::move(template_work);
      } else {
        RecordFailure(state, item, merged.status());
      }
      state.template_done = true;
      state.template_ready.notify_all();
      return;
    }
    const std::size_t index = position - 1;
    const Source& source = setup.sources[index];
    DocumentWork document;
    Result<Extraction> merged = ProcessDocument(*context, source, document);
    Status status = merged.ok() ? Status::Ok() : merged.status();
    {
      std::unique_lock<std::mutex> lock(state.mutex);
      state.template_ready.wait(lock, [&] { return state.template_done; });
    }
    // The template is not changed once it is ready, so pages are rendered
    // outside the lock.
    bool page = false;
    if (status.ok() && state.merged_template && !setup.staging.empty()) {
      const std::string page_name = source.name + ".html";
      status = WriteNewFileOrLink(
          setup.staging / "site" / state.locale() / page_name,
          RenderPage(config, state.locale(), source, *merged, *state.merged_template,
                     context->page_text ? *context->page_text
                                        : context->page_text.emplace(state.locale(), setup.links)),
          setup.previous_site.empty() ? fs::path()
                                      : setup.previous_site / state.locale() / page_name);
      page = status.ok();
    }
    bool finished = false;
    {
      std::lock_guard<std::mutex> lock(state.mutex);
      if (!status.ok()) RecordFailure(state, item, status);
      state.work.pages += page ? 1 : 0;
      state.waiting.emplace(index, std::move(document));
      for (auto it = state.waiting.find(state.next_to_fold); it != state.waiting.end();
           it = state.waiting.find(state.next_to_fold)) {
        if (Status added = AddToOutcome(state.work, std::move(it->second)); !added.ok())
          RecordFailure(state, item, std::move(added));
        state.waiting.erase(it);
        ++state.next_to_fold;
      }
      finished = state.next_to_fold == setup.sources.size();
    }
    if (finished) {
      // The locale's memory file and publishing decision, at once, so that what
      // it adds to the memory is not kept until every locale is done.
      if (setup.writes != nullptr) {
        Status done = FinishLocale(config, state, setup.writes);
        if (!done.ok()) {
          std::lock_guard<std::mutex> lock(state.mutex);
          RecordFailure(state, item, std::move(done));
        }
      }
      if (setup.locale_done) setup.locale_done(state.locale());
    }
  });
}

// After a pass: the template's findings, the memory file, the publishing policy.
Status FinishLocale(const ProjectConfig& config, LocaleState& state, StagedWrites* writes) {
  state.finished = true;
  if (state.failure) return state.failure->second;
  LocaleWork& work = state.work;
  L10N_RETURN_IF_ERROR(AddToOutcome(work, std::move(state.template_work)));
  const std::string& locale = state.locale();
  if (work.additions && work.additions->added() > 0 && writes != nullptr) {
    // Written a piece at a time from the file and the additions on disk: the
    // memory grows with the project, so it is never held whole.
    const fs::path memory_path = config.Resolve(config.locales_dir) / locale / "memory.tmx";
    L10N_RETURN_IF_ERROR(writes->Stage(memory_path, [&](const ContentWriter& write) {
      return work.additions->Write(memory_path, Relative(config, memory_path), config.source_locale,
                                   locale, write);
    }));
  }
  work.known = {};
  work.additions.reset();
  // Publishing policy.
  LocaleOutcome& outcome = work.outcome;
  const int errors = outcome.blocking_errors;
  char completion[32];
  std::snprintf(completion, sizeof completion, "%.1f%%", outcome.stats.ShownCompletion());
  if (errors > 0 && !config.publish_with_errors) {
    outcome.reason = std::to_string(errors) +
                     " error(s) in the translations (see findings); set "
                     "publish.publish_with_errors to publish anyway";
  } else if (outcome.stats.Completion() < config.min_completion) {
    outcome.reason = std::string("only ") + completion +
                     " of the words are translated; the minimum is " +
                     PercentText(config.min_completion) + "%";
  } else if (config.require_complete && outcome.stats.untranslated + outcome.stats.stale > 0) {
    outcome.reason = std::to_string(outcome.stats.untranslated + outcome.stats.stale) +
                     " unit(s) untranslated or stale, and publish.require_complete is set";
  }
  outcome.published = outcome.reason.empty();
  return Status::Ok();
}

// The (source, target) hashes of a locale's memory file, if it has one.
Status MemoryFileHashes(const ProjectConfig& config, const std::string& locale,
                        std::vector<TmPairHash>& known) {
  const fs::path memory_path = config.Resolve(config.locales_dir) / locale / "memory.tmx";
  TmxInfo info;
  Status read = ReadTmxFile(memory_path, Relative(config, memory_path), info, [&](TmEntry&& entry) {
    if (!entry.source.empty() && !entry.target.empty()) known.push_back(TmPairHash::Of(entry));
    return Status::Ok();
  });
  return read.code() == Status::Code::kNotFound ? Status::Ok() : read;
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '~' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string PageUrl(const ProjectConfig& config, const std::string& locale,
                    const std::string& document) {
  return config.base_url + locale + "/" + document + ".html";
}

void SetAttribute(pugi::xml_node node, const char* name, const std::string& value) {
  node.remove_attribute(name);
  node.append_attribute(name) = value.c_str();
}

pugi::xml_node AppendElement(
    pugi::xml_node parent, const char* name,
    std::initializer_list<std::pair<const char*, std::string>> attributes) {
  pugi::xml_node node = parent.append_child(name);
  for (const auto& [key, value] : attributes) node.append_attribute(key) = value.c_str();
  return node;
}

std::string RenderPage(const ProjectConfig& config, const std::string& locale, const Source& source,
                       const Extraction& document, const Extraction& page_template,
                       PageText& text) {
  const std::vector<std::string>& published = text.links;
  pugi::xml_document page;
  page.reset(page_template.document.doc());
  pugi::xml_node html = page.document_element();
  html.remove_attribute("xml:lang");
  SetAttribute(html, "lang", locale);
  SetAttribute(html, "dir", text.right_to_left ? "rtl" : "ltr");
  pugi::xml_node head = ChildByLocalName(html, "head");
  pugi::xml_node doc_html = document.document.root();
  pugi::xml_node doc_head = ChildByLocalName(doc_html, "head");
  if (pugi::xml_node title = ChildByLocalName(doc_head, "title")) head.append_copy(title);
  for (pugi::xml_node meta : doc_head.children()) {
    if (LocalName(meta.name()) == "meta" && meta.attribute("name")) head.append_copy(meta);
  }
  if (locale == kPseudoLocale) {
    AppendElement(head, "meta", {{"name", "robots"}, {"content", "noindex"}});
  } else {
    AppendElement(head, "link",
                  {{"rel", "canonical"}, {"href", PageUrl(config, locale, source.name)}});
    for (const std::string& other : published) {
      AppendElement(head, "link",
                    {{"rel", "alternate"},
                     {"hreflang", other},
                     {"href", PageUrl(config, other, source.name)}});
    }
    AppendElement(head, "link",
                  {{"rel", "alternate"},
                   {"hreflang", "x-default"},
                   {"href", PageUrl(config, config.source_locale, source.name)}});
  }
  if (pugi::xml_node main = FindSlot(html, "content")) {
    for (pugi::xml_node child : ChildByLocalName(doc_html, "body").children())
      main.append_copy(child);
  }
  if (pugi::xml_node list = FindSlot(html, "languages")) {
    for (std::size_t i = 0; i < published.size(); ++i) {
      const std::string& other = published[i];
      pugi::xml_node item = list.append_child("li");
      pugi::xml_node link = AppendElement(item, "a",
                                          {{"href", "../" + other + "/" + source.name + ".html"},
                                           {"hreflang", other},
                                           {"lang", other}});
      if (text.link_right_to_left[i] != text.right_to_left)
        link.append_attribute("dir") = text.link_right_to_left[i] ? "rtl" : "ltr";
      if (other == locale) link.append_attribute("aria-current") = "page";
      link.append_child(pugi::node_pcdata).set_value(text.link_names[i].c_str());
    }
  }
  if (pugi::xml_node time = FindSlot(html, "updated")) {
    if (!source.updated.empty()) {
      SetAttribute(time, "datetime", source.updated);
      time.append_child(pugi::node_pcdata).set_value(text.dates(source.updated).c_str());
    }
  }
  return SerializeHtml(page);
}

// One document's entries in a sitemap: its page in every locale, each with
// its alternates.
void AppendSitemapEntries(std::string& out, const std::string& base_url,
                          const std::string& source_locale, const std::string& document,
                          const std::vector<std::string>& locales) {
  auto url = [&](const std::string& locale) {
    return base_url + locale + "/" + document + ".html";
  };
  for (const std::string& locale : locales) {
    out += "  <url>\n    <loc>";
    AppendEscapedXml(out, url(locale), false);
    out += "</loc>\n";
    for (const std::string& other : locales) {
      out += "    <xhtml:link rel=\"alternate\" hreflang=\"" + other + "\" href=\"";
      AppendEscapedXml(out, url(other), true);
      out += "\"/>\n";
    }
    out += "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"";
    AppendEscapedXml(out, url(source_locale), true);
    out += "\"/>\n  </url>\n";
  }
}

}  // namespace

Result<int> WriteSitemaps(const fs::path& site_dir, const std::string& base_url,
                          const std::string& source_locale,
                          const std::vector<std::string>& documents,
                          const std::vector<std::string>& locales, const SitemapLimits& limits) {
  static constexpr std::string_view kHead =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
  static constexpr std::string_view kFoot = "</urlset>\n";
  // Where each file starts, in documents: measured first, so that a site
  // that fits in one file keeps the one sitemap.xml.
  std::vector<std::size_t> starts = {0};
  {
    std::size_t bytes = kHead.size() + kFoot.size(), urls = 0;
    std::string block;
    for (std::size_t i = 0; i < documents.size(); ++i) {
      block.clear();
      AppendSitemapEntries(block, base_url, source_locale, documents[i], locales);
      if (urls > 0 &&
          (urls + locales.size() > limits.max_urls || bytes + block.size() > limits.max_bytes)) {
        starts.push_back(i);
        bytes = kHead.size() + kFoot.size();
        urls = 0;
      }
      bytes += block.size();
      urls += locales.size();
    }
  }
  starts.push_back(documents.size());
  auto write_part = [&](const fs::path& path, std::size_t from, std::size_t to) {
    return WriteNewFile(path, [&](const ContentWriter& write) -> Status {
      std::string out(kHead);
      for (std::size_t i = from; i < to; ++i) {
        AppendSitemapEntries(out, base_url, source_locale, documents[i], locales);
        if (out.size() >= (1u << 20)) {
          L10N_RETURN_IF_ERROR(write(out));
          out.clear();
        }
      }
      out += kFoot;
      return write(out);
    });
  };
  const std::size_t parts = starts.size() - 1;
  if (parts == 1) {
    L10N_RETURN_IF_ERROR(write_part(site_dir / "sitemap.xml", 0, documents.size()));
    return 1;
  }
  std::string index =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (std::size_t part = 0; part < parts; ++part) {
    const std::string name = "sitemap-" + std::to_string(part + 1) + ".xml";
    L10N_RETURN_IF_ERROR(write_part(site_dir / name, starts[part], starts[part + 1]));
    index += "  <sitemap>\n    <loc>";
    AppendEscapedXml(index, base_url + name, false);
    index += "</loc>\n  </sitemap>\n";
  }
  index += "</sitemapindex>\n";
  L10N_RETURN_IF_ERROR(WriteNewFile(site_dir / "sitemap.xml", index));
  return static_cast<int>(parts);
}

Status WriteSiteIndex(const fs::path& path, const std::string& site_name,
                      const std::string& source_locale, const std::vector<IndexEntry>& documents,
                      const std::vector<std::string>& published) {
  // The page around the sections: everything before them, and what closes <main> after them.
  static constexpr std::string_view kClose = "</main></body></html>\n";
  std::string around;
  {
    pugi::xml_document page;
    pugi::xml_node html = AppendElement(page, "html", {{"lang", source_locale}, {"dir", "ltr"}});
    pugi::xml_node head = html.append_child("head");
    AppendElement(head, "meta", {{"charset", "utf-8"}});
    AppendElement(head, "meta",
                  {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
    head.append_child("title").append_child(pugi::node_pcdata).set_value(site_name.c_str());
    AppendElement(head, "link", {{"rel", "stylesheet"}, {"href", "assets/site.css"}});
    pugi::xml_node main = html.append_child("body").append_child("main");
    main.append_child("h1").append_child(pugi::node_pcdata).set_value(site_name.c_str());
    around = SerializeHtml(page);
  }
  if (!around.ends_with(kClose)) {
    return Status::Internal("the index page does not end as its sections need",
                            Location{path.string()});
  }
  around.resize(around.size() - kClose.size());
  return WriteNewFile(path, [&](const ContentWriter& write) -> Status {
    std::string out = std::move(around);
    for (const IndexEntry& document : documents) {
      const std::string name(document.name);
      pugi::xml_document fragment;
      pugi::xml_node section = AppendElement(fragment, "section", {{"id", name}});
      section.append_child("h2")
          .append_child(pugi::node_pcdata)
          .set_value(std::string(document.title).c_str());
      pugi::xml_node list = AppendElement(section, "ul", {{"class", "language-list"}});
      for (const std::string& locale : published) {
        pugi::xml_node link = AppendElement(
            list.append_child("li"), "a",
            {{"href", locale + "/" + name + ".html"}, {"hreflang", locale}, {"lang", locale}});
        if (IsRightToLeft(locale)) link.append_attribute("dir") = "rtl";
        link.append_child(pugi::node_pcdata).set_value(NativeDisplayName(locale).c_str());
      }
      AppendHtml(section, out);
      if (out.size() >= (1u << 16)) {
        L10N_RETURN_IF_ERROR(write(out));
        out.clear();
      }
    }
    out += kClose;
    return write(out);
  });
}

namespace {

// Replaces `target` with `staging` in one step when the kernel allows it.
Status SwapInto(const fs::path& staging, const fs::path& target) {
  std::error_code ec;
  if (fs::exists(target, ec)) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      RemoveTree(staging);  // the previous output, now
      return Status::Ok();
    }
    // Fallback: two renames; a crash between them leaves target.old behind.
    const fs::path old = target.string() + ".old";
    fs::remove_all(old, ec);
    fs::rename(target, old, ec);
    if (ec)
      return Status::IoError("cannot move the previous output aside: " + ec.message(),
                             Location{target.string()});
    fs::rename(staging, target, ec);
    if (ec) {
      std::error_code ignored;
      fs::rename(old, target, ignored);
      return Status::IoError("cannot move the new output in place: " + ec.message(),
                             Location{target.string()});
    }
    RemoveTree(old);
    return Status::Ok();
  }
  fs::create_directories(target.parent_path(), ec);
  fs::rename(staging, target, ec);
  if (ec)
    return Status::IoError("cannot move the new output in place: " + ec.message(),
                           Location{target.string()});
  return Status::Ok();
}

}  // namespace

Result<BuildResult> BuildSite(const ProjectConfig& config, const BuildOptions& options) {
  std::vector<Source> sources;
  const std::optional<fs::path> shown_root = ShownRoot(config);
  for (const DocumentConfig& doc : config.documents) {
    const fs::path file = config.Resolve(doc.source);
    sources.push_back({doc.name, Relative(shown_root, file), file.string(), "", ""});
  }
  // Every source must be usable before anything is written; the title and
  // date are for the index and the pages.
  for (Source& source : sources) {
    Result<std::string> bytes = ReadFile(source.file);
    if (!bytes.ok()) return bytes.status();
    Result<Extraction> check = ExtractXhtmlBuffer(std::move(bytes).value(), source.path,
                                                  ExtractOptions{config.source_locale, false});
    if (!check.ok()) return check.status();
    source.updated = MetaContent(check->document.root(), "dcterms.modified");
    if (const SourceUnit* title = check->FindUnit("title"))
      source.title = CollapseWhitespace(PlainText(title->SourceContent()));
  }
  const fs::path template_path = config.Resolve(config.template_path);
  if (Result<std::string> bytes = ReadFile(template_path); !bytes.ok()) return bytes.status();
  const Source page_template{TemplateName(config), Relative(shown_root, template_path),
                             template_path.string(), "", ""};

  std::optional<Glossary> glossary;
  CacheKey project_findings;
  if (!config.glossary.empty() && fs::exists(config.Resolve(config.glossary))) {
    const std::string file = config.Resolve(config.glossary).string();
    Result<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) return bytes.status();
    Result<Glossary> read = ReadTbx(*bytes, file);
    if (!read.ok()) return read.status();
    glossary = std::move(read).value();
    project_findings = ProjectFindingsKey(config, &*bytes);
  } else {
    project_findings = ProjectFindingsKey(config, nullptr);
  }
  std::optional<MemoryIndex> memory;
  {
    Result<MemoryIndex> opened =
        OpenProjectMemory(config.Resolve(".l10n-cache").string(),
                          config.Resolve(config.locales_dir).string(), config.target_locales);
    if (!opened.ok()) return opened.status();
    memory.emplace(std::move(opened).value());
  }
  std::vector<std::string> locales = {config.source_locale};
  for (const std::string& l : config.target_locales) locales.push_back(l);
  BuildResult result;
  // With --recheck too: what it finds replaces what the cache had.
  std::optional<FindingsCache> findings;
  {
    Result<FindingsCache> opened =
        FindingsCache::Open(config.Resolve(".l10n-cache/findings.sqlite").string());
    if (opened.ok()) {
      findings.emplace(std::move(opened).value());
      if (!findings->replaced().empty())
        result.warnings.push_back(findings->path() + ": " + findings->replaced());
    } else {
      result.warnings.push_back(opened.status().where().file + ": " + opened.status().message() +
                                "; every document is checked");
    }
  }

  // The new output is assembled in a staging directory beside the output
  // and swapped in at the end; on any failure it is removed, and the XLIFF
  // files staged under locales/ are never renamed into place.
  const fs::path out =
      options.output_dir.empty() ? config.Resolve(config.output_dir) : fs::path(options.output_dir);
  const fs::path staging = out.parent_path() / ("." + out.filename().string() + ".staging-" +
                                                std::to_string(::getpid()));
  struct RemoveOnExit {
    fs::path path;
    ~RemoveOnExit() {
      std::error_code ec;
      if (!path.empty()) fs::remove_all(path, ec);
    }
  } staging_guard{staging};
  {
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) {
      return Status::IoError("cannot create the staging directory: " + ec.message(),
                             Location{staging.string()});
    }
  }
  // The site this build replaces, whose unchanged pages the new one shares.
  fs::path previous_site;
  {
    std::error_code ec;
    if (fs::is_directory(out / "site", ec)) previous_site = out / "site";
  }

  StagedWrites translators_files;

  // Pages link to every locale that is expected to publish; should one not
  // publish after all, the others are rendered again without it.
  std::vector<std::string> expected;
  for (const std::string& l : locales) {
    if (l != kPseudoLocale) expected.push_back(l);
  }
  std::vector<std::unique_ptr<LocaleState>> states;
  std::vector<LocaleState*> all;
  for (const std::string& l : locales) {
    states.push_back(std::make_unique<LocaleState>(l));
    if (findings && l != config.source_locale && l != kPseudoLocale) {
      states.back()->findings_context =
          FindingsContext(findings->secret(), project_findings, l, CheckOptions{}.hunspell_dir,
                          states.back()->dictionary_stamps);
    }
    all.push_back(states.back().get());
  }
  std::atomic<int> done{0};
  std::mutex progress_mutex;
  PassSetup first{config,
                  shown_root,
                  glossary ? &*glossary : nullptr,
                  memory ? &*memory : nullptr,
                  expected,
                  staging,
                  previous_site,
                  &translators_files,
                  findings ? &*findings : nullptr,
                  !options.recheck,
                  sources,
                  page_template,
                  options.jobs,
                  [&](const std::string& locale) {
                    const int finished = ++done;
                    if (options.progress) {
                      std::lock_guard<std::mutex> lock(progress_mutex);
                      options.progress(finished, static_cast<int>(locales.size()), locale);
                    }
                  }};
  RunPass(first, all);
  for (const std::unique_ptr<LocaleState>& state : states) {
    if (!state->finished) L10N_RETURN_IF_ERROR(FinishLocale(config, *state, &translators_files));
    if (state->failure) return state->failure->second;
  }
  if (findings) {
    for (const std::unique_ptr<LocaleState>& state : states) {
      if (state->findings_context &&
          DictionaryStamps(state->locale(), CheckOptions{}.hunspell_dir) !=
              state->dictionary_stamps) {
        findings->Discard("the dictionary of " + state->locale() + " changed during the build");
        break;
      }
    }
    findings->Finish();
    if (std::string problem = findings->problem(); !problem.empty())
      result.warnings.push_back(std::move(problem));
  }
  for (const std::unique_ptr<LocaleState>& state : states) {
    result.documents_checked += state->work.documents_checked;
    result.findings_reused += state->work.findings_reused;
  }

  std::vector<std::string> published;  // real locales only, for links and sitemap
  for (const std::unique_ptr<LocaleState>& state : states) {
    if (state->work.outcome.published && state->locale() != kPseudoLocale)
      published.push_back(state->locale());
  }
  std::vector<std::unique_ptr<LocaleState>> again_states;
  std::vector<LocaleState*> again;
  for (const std::unique_ptr<LocaleState>& state : states) {
    if (!state->work.outcome.published) {
      std::error_code ec;
      fs::remove_all(staging / "site" / state->locale(), ec);
      state->work.pages = 0;
    } else if (published != expected) {
      again_states.push_back(std::make_unique<LocaleState>(state->locale()));
      again.push_back(again_states.back().get());
    }
  }
  if (!again.empty()) {
    PassSetup render{config,
                     shown_root,
                     glossary ? &*glossary : nullptr,
                     memory ? &*memory : nullptr,
                     published,
                     staging,
                     previous_site,
                     nullptr,
                     nullptr,
                     false,
                     sources,
                     page_template,
                     options.jobs,
                     {}};
    RunPass(render, again);
    for (const std::unique_ptr<LocaleState>& state : again_states) {
      if (state->failure) return state->failure->second;
    }
  }
  for (const std::unique_ptr<LocaleState>& state : states) {
    result.pages += state->work.pages;
    result.locales.push_back(std::move(state->work.outcome));
  }

  // The site's sitemaps and index and the two reports, each a file (or a few) of its own: written
  // side by side, on as many workers as the build has.
  {
    std::array<Status, 4> written;
    ParallelFor(
        written.size(), WorkerCount(options.jobs, written.size()), [&](std::size_t task, int) {
          Status& status = written[task];
          if (task == 0) {
            std::vector<std::string> documents;
            documents.reserve(sources.size());
            for (const Source& source : sources) documents.push_back(source.name);
            Result<int> sitemaps = WriteSitemaps(staging / "site", config.base_url,
                                                 config.source_locale, documents, published);
            status = sitemaps.ok() ? Status::Ok() : sitemaps.status();
          } else if (task == 1) {
            std::vector<IndexEntry> documents;
            documents.reserve(sources.size());
            for (const Source& source : sources) documents.push_back({source.name, source.title});
            status = WriteSiteIndex(staging / "site" / "index.html", config.name,
                                    config.source_locale, documents, published);
          } else if (task == 2) {
            status = WriteReportJson(staging / "report.json", result, config);
          } else {
            status = WriteNewFile(staging / "report.html", ReportHtml(result, config));
          }
        });
    for (const Status& status : written) L10N_RETURN_IF_ERROR(status);
  }
  std::map<std::string, std::string> files;
  if (!config.assets_dir.empty()) {
    const fs::path assets = config.Resolve(config.assets_dir);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      Result<std::string> bytes = ReadFile(it->path());
      if (!bytes.ok()) return bytes.status();
      files["site/assets/" + fs::relative(it->path(), assets).string()] = std::move(bytes).value();
    }
    if (ec)
      return Status::IoError("cannot read assets: " + ec.message(), Location{assets.string()});
  }
  for (const auto& [relative, contents] : files)
    L10N_RETURN_IF_ERROR(WriteNewFile(staging / relative, contents));
  L10N_RETURN_IF_ERROR(SyncFilesystem(staging));

  // Translators' files first, then the site in one swap.
  L10N_RETURN_IF_ERROR(translators_files.Commit());
  L10N_RETURN_IF_ERROR(SwapInto(staging, out));
  staging_guard.path.clear();
  result.output_dir = out.string();
  return result;
}

namespace {

// JSON text of `value` as report.json has it: text that is not valid UTF-8 (never expected) shows
// as U+FFFD instead of stopping the report. With `indent` >= 0, objects and arrays take a line a
// member, `indent` spaces a level, as nlohmann::json::dump does.
std::string JsonText(const nlohmann::ordered_json& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The members of `object` as dump(2) shows them inside an object `depth` levels down: a line
// each, without the braces, the lines between them ending in commas, no line break after the last.
std::string JsonMembers(const nlohmann::ordered_json& object, int depth) {
  const std::string text = JsonText(object, 2);  // "{\n  \"a\": 1,\n  \"b\": 2\n}"
  if (text.size() < 4) return "";                // "{}"
  const std::string indent(static_cast<std::size_t>(2 * (depth - 1)), ' ');  // dump(2) has 2
  // Between "{\n" and "\n}"; a line break inside a string is written as \n, never as itself.
  const std::size_t end = text.size() - 2;
  std::string out;
  out.reserve(end + indent.size() * 64);
  for (std::size_t from = 2; from < end;) {
    out += indent;
    const std::size_t line_end = std::min(text.find('\n', from), end);
    out.append(text, from, line_end - from);
    if (line_end < end) out += '\n';
    from = line_end + 1;
  }
  return out;
}

}  // namespace

// Written a locale at a time, each locale's list of XLIFF files a file at a time: the report of a
// large project is never held whole, in any form. The text is what dump(2) of the whole report
// as one JSON value gives.
Status WriteReportJson(const fs::path& path, const BuildResult& result,
                       const ProjectConfig& config) {
  return WriteNewFile(path, [&](const ContentWriter& write) -> Status {
    const std::optional<fs::path> shown_root = ShownRoot(config);
    const std::string template_name = TemplateName(config);
    nlohmann::ordered_json head;
    head["project"] = config.name;
    head["source_locale"] = config.source_locale;
    head["min_completion"] = config.min_completion;
    std::string out = "{\n" + JsonMembers(head, 1) + ",\n  \"locales\": [";
    if (result.locales.empty()) out += "]";
    for (std::size_t i = 0; i < result.locales.size(); ++i) {
      const LocaleOutcome& o = result.locales[i];
      out += i == 0 ? "\n    {\n" : ",\n    {\n";
      // The members before the list of XLIFF files, the list, and the members after it.
      nlohmann::ordered_json before;
      before["locale"] = o.locale;
      before["name"] = NativeDisplayName(o.locale);
      before["direction"] = IsRightToLeft(o.locale) ? "rtl" : "ltr";
      before["published"] = o.published;
      if (!o.published) before["reason"] = o.reason;
      before["units"] = {{"total", o.stats.units},
                         {"translated", o.stats.translated},
                         {"stale", o.stats.stale},
                         {"untranslated", o.stats.untranslated},
                         {"errors", o.stats.errors}};
      before["words"] = {{"total", o.stats.words},
                         {"translated", o.stats.translated_words},
                         {"untranslated", o.stats.words - o.stats.translated_words}};
      before["completion_percent"] = o.stats.ShownCompletion();
      const bool translated = o.locale != config.source_locale && o.locale != kPseudoLocale;
      if (translated) {
        nlohmann::ordered_json bands;
        for (std::size_t b = 0; b < kBands.size(); ++b)
          bands[kBands[b]] = {{"segments", o.analysis.segments[b]}, {"words", o.analysis.words[b]}};
        before["analysis"] = std::move(bands);
      }
      out += JsonMembers(before, 3) + ",\n      \"xliff_files\": [";
      // Every document's XLIFF file is read (or created) for a translated locale, in the
      // configuration's order, then the page template's.
      if (translated) {
        bool first = true;
        auto item = [&](const std::string& name) -> Status {
          out += first ? "\n        " : ",\n        ";
          first = false;
          out += JsonText(Relative(shown_root, XliffPath(config, o.locale, name)));
          if (out.size() < 64 * 1024) return Status::Ok();
          Status s = write(out);
          out.clear();
          return s;
        };
        for (const DocumentConfig& doc : config.documents) L10N_RETURN_IF_ERROR(item(doc.name));
        L10N_RETURN_IF_ERROR(item(template_name));
        out += "\n      ";
      }
      out += "],\n";
      nlohmann::ordered_json after;
      after["notes"] = o.notes;
      after["findings_total"] = o.findings;
      nlohmann::ordered_json by_check = nlohmann::ordered_json::object();
      for (const auto& [check, count] : o.findings_by_check) by_check[check] = count;
      after["findings_by_check"] = std::move(by_check);
      after["findings_listed_per_check"] = kListedFindingsPerCheck;
      nlohmann::ordered_json findings = nlohmann::ordered_json::array();
      for (const Diagnostic& d : o.diagnostics) {
        nlohmann::ordered_json f;
        f["severity"] = SeverityName(d.severity);
        f["check"] = d.check;
        f["file"] = d.where.file;
        f["line"] = d.where.line;
        f["column"] = d.where.column;
        f["unit"] = d.unit_id;
        if (!d.segment_id.empty()) f["segment"] = d.segment_id;
        f["message"] = d.message;
        if (!d.source.empty()) f["source"] = d.source;
        if (!d.target.empty()) f["target"] = d.target;
        findings.push_back(std::move(f));
      }
      after["findings"] = std::move(findings);
      out += JsonMembers(after, 3) + "\n    }";
      L10N_RETURN_IF_ERROR(write(out));
      out.clear();
    }
    if (!result.locales.empty()) out += "\n  ]";
    out += "\n}\n";
    return write(out);
  });
}

std::string ReportHtml(const BuildResult& result, const ProjectConfig& config) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>Localization report: " +
      EscapeHtml(config.name, false) +
      "</title>"
      "<style>body{font-family:system-ui,sans-serif;margin:1rem;line-height:1.5}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem "
      ".5rem;text-align:start}"
      "td.n{text-align:end}.no{color:#a61b1b;font-weight:700}.yes{color:#1b6e2a;font-weight:700}"
      ".error{color:#a61b1b}.warning{color:#8a5a00}code{white-space:pre-wrap}</style></"
      "head><body>\n";
  out += "<h1>Localization report</h1>\n<p>" + EscapeHtml(config.name, false) +
         ". Minimum completion to publish: " + PercentText(config.min_completion) +
         "% of words.</p>\n";
  out +=
      "<table><thead><tr><th>Locale</th><th>Language</th><th>Published</th><th>Completion</"
      "th><th>Units</th>"
      "<th>Translated</th><th>Stale</th><th>Untranslated</th><th>Errors</th><th>Words</"
      "th><th>Findings</th></tr></thead><tbody>\n";
  for (const LocaleOutcome& o : result.locales) {
    char completion[32];
    std::snprintf(completion, sizeof completion, "%.1f%%", o.stats.ShownCompletion());
    out += "<tr><td><a href=\"#" + EscapeHtml(o.locale, true) + "\">" +
           EscapeHtml(o.locale, false) + "</a></td><td lang=\"" + EscapeHtml(o.locale, true) +
           "\">" + EscapeHtml(NativeDisplayName(o.locale), false) + "</td><td>" +
           (o.published ? "<span class=\"yes\">yes</span>"
                        : "<span class=\"no\">no</span>: " + EscapeHtml(o.reason, false)) +
           "</td><td class=\"n\">" + completion + "</td><td class=\"n\">" +
           std::to_string(o.stats.units) + "</td><td class=\"n\">" +
           std::to_string(o.stats.translated) + "</td><td class=\"n\">" +
           std::to_string(o.stats.stale) + "</td><td class=\"n\">" +
           std::to_string(o.stats.untranslated) + "</td><td class=\"n\">" +
           std::to_string(o.stats.errors) + "</td><td class=\"n\">" +
           std::to_string(o.stats.translated_words) + " / " + std::to_string(o.stats.words) +
           "</td><td class=\"n\">" + std::to_string(o.findings) + "</td></tr>\n";
  }
  out +=
      "</tbody></table>\n<h2>Leverage analysis (words by match "
      "band)</h2>\n<table><thead><tr><th>Locale</th>";
  for (const char* band : kBands) out += std::string("<th>") + band + "</th>";
  out += "<th>Total</th></tr></thead><tbody>\n";
  for (const LocaleOutcome& o : result.locales) {
    if (o.locale == config.source_locale || o.locale == kPseudoLocale) continue;
    out += "<tr><td>" + EscapeHtml(o.locale, false) + "</td>";
    for (int w : o.analysis.words) out += "<td class=\"n\">" + std::to_string(w) + "</td>";
    out += "<td class=\"n\">" + std::to_string(o.analysis.TotalWords()) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
  for (const LocaleOutcome& o : result.locales) {
    out += "<section id=\"" + EscapeHtml(o.locale, true) + "\"><h2>" + EscapeHtml(o.locale, false) +
           " — " + EscapeHtml(NativeDisplayName(o.locale), false) + "</h2>\n";
    for (const std::string& note : o.notes) out += "<p>" + EscapeHtml(note, false) + "</p>\n";
    if (o.diagnostics.empty()) {
      out += "<p>No findings.</p>\n";
    } else {
      std::map<std::string, std::vector<const Diagnostic*>> by_check;
      for (const Diagnostic& d : o.diagnostics) by_check[d.check].push_back(&d);
      for (const auto& [check, list] : by_check) {
        const int total = o.findings_by_check.count(check) ? o.findings_by_check.at(check)
                                                           : static_cast<int>(list.size());
        out += "<h3>" + EscapeHtml(check, false) + " (" + std::to_string(total) + ")</h3>\n";
        if (total > static_cast<int>(list.size())) {
          out += "<p>The first " + std::to_string(list.size()) + " of " + std::to_string(total) +
                 "; <code>l10n check</code> on the locale's XLIFF files "
                 "lists every one.</p>\n";
        }
        out +=
            "<table><thead><tr>"
            "<th>Severity</th><th>Where</th><th>Unit</th><th>Message</th><th>Source</"
            "th><th>Target</th></tr></thead><tbody>\n";
        for (const Diagnostic* d : list) {
          std::string unit = EscapeHtml(d->unit_id, false);
          if (o.published && !d->unit_id.empty()) {
            // Link to the unit's section of the page (the part of the id before
            // the first '.' is the id of its nearest element with an id) and,
            // with a text fragment, to the text itself.
            const std::string document = fs::path(d->where.file).stem().string();
            const std::string scope = d->unit_id.substr(0, d->unit_id.find('.'));
            std::string href = "site/" + o.locale + "/" + document + ".html#" + scope;
            const std::string words = d->target.empty() ? d->source : d->target;
            if (!words.empty())
              href +=
                  ":~:text=" + PercentEncode(words.substr(0, words.find_first_of(".,;:!?。、")));
            unit = "<a href=\"" + EscapeHtml(href, true) + "\">" + unit + "</a>";
          }
          out += "<tr><td class=\"" + SeverityName(d->severity) + "\">" +
                 SeverityName(d->severity) + "</td><td><code>" +
                 EscapeHtml(FormatLocation(d->where), false) + "</code></td><td>" + unit +
                 "</td><td>" + EscapeHtml(d->message, false) + "</td><td lang=\"" +
                 EscapeHtml(config.source_locale, true) + "\">" + EscapeHtml(d->source, false) +
                 "</td><td lang=\"" + EscapeHtml(o.locale, true) + "\" dir=\"auto\">" +
                 EscapeHtml(d->target, false) + "</td></tr>\n";
        }
        out += "</tbody></table>\n";
      }
    }
    out += "</section>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace l10n
