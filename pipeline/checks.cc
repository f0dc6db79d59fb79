#include "pipeline/checks.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <filesystem>
#include <hunspell/hunspell.hxx>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <tuple>
#include <unordered_map>

#include "pipeline/locale.h"
#include "pipeline/numbers.h"
#include "pipeline/text.h"
#include "pipeline/version.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

const std::vector<CheckInfo> kCatalog = {
    {"missing-target", Severity::kError, "a segment has no target, or an empty one"},
    {"not-final", Severity::kWarning,
     "a segment has a target but its state is initial (not publishable)"},
    {"untranslated", Severity::kError,
     "the target is the source text, or mostly its words, left in the source language"},
    {"unit-missing", Severity::kError, "a unit of the source document is missing from the XLIFF"},
    {"unit-added", Severity::kError, "the XLIFF has a unit the source document does not have"},
    {"stale", Severity::kWarning, "the unit's source changed since it was translated"},
    {"codes", Severity::kError,
     "inline codes missing, duplicated, invented or badly nested in the target"},
    {"numbers", Severity::kError,
     "a number, percentage or measurement differs between source and target (read by each locale's "
     "rules)"},
    {"protected", Severity::kError,
     "text marked translate=\"no\", a do-not-translate term, a URL or an e-mail address is not "
     "verbatim"},
    {"terminology", Severity::kWarning,
     "a glossary term of the source is not rendered by its preferred or an admitted term"},
    {"deprecated-term", Severity::kError,
     "the target uses a deprecated or superseded glossary term"},
    {"term-consistency", Severity::kInfo,
     "one concept is rendered by different glossary terms in one document"},
    {"end-punctuation", Severity::kWarning,
     "sentence-final punctuation differs from the source, by the target language's conventions"},
    {"spacing", Severity::kWarning,
     "doubled spaces, leading/trailing white space differences, or missing French spaces before ; "
     ": ! ?"},
    {"brackets", Severity::kWarning, "unbalanced brackets or quotation marks in the target"},
    {"doubled-word", Severity::kWarning, "the same word twice in a row"},
    {"length", Severity::kError,
     "the target exceeds the unit's size restriction (title, meta description)"},
    {"length-ratio", Severity::kWarning,
     "the target is unusually long or short for the language (a dropped or added sentence)"},
    {"bidi-control", Severity::kWarning, "the target contains bidirectional control characters"},
    {"spelling", Severity::kInfo,
     "a word not in the Hunspell dictionary of the target language (glossary terms and names "
     "accepted)"},
    {"consistency", Severity::kWarning,
     "one source translated differently, or two sources translated the same, in one document"},
};

bool HasLetter(std::string_view text) {
  icu::UnicodeString u = FromUtf8(text);
  for (int32_t i = 0; i < u.length(); ++i) {
    if (u_isalpha(u.charAt(i))) return true;
  }
  return false;
}

// Text outside protected spans.
std::string TranslatableText(const Content& content) {
  std::string out;
  int depth = 0;
  for (const Run& run : content) {
    if (run.kind == RunKind::kProtectedOpen) ++depth;
    if (run.kind == RunKind::kProtectedClose) --depth;
    if (run.kind == RunKind::kText && depth == 0) out += run.text;
  }
  return out;
}

// An ICU word break iterator for `locale`, or nullptr when ICU cannot make
// one (texts then have no words).
std::unique_ptr<icu::BreakIterator> WordIterator(const std::string& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::forLanguageTag(locale, status), status));
  if (U_FAILURE(status)) it.reset();
  return it;
}

// The words (letters, kana, ideographs) of `text`, broken into `breaks`, without trailing white
// space, as views of `text`; `ranges` receives their byte ranges in `text` (with the trailing
// white space).
std::vector<std::string_view> Words(
    std::string_view text, const WordBreaks& breaks,
    std::vector<std::pair<std::size_t, std::size_t>>* ranges = nullptr) {
  std::vector<std::string_view> out;
  for (const WordBreaks::Piece& piece : breaks.pieces) {
    if (piece.status < UBRK_WORD_LETTER) continue;  // letters, kana, ideographs only
    const std::size_t b = breaks.Byte(piece.start);
    out.push_back(text.substr(b, breaks.Byte(breaks.WordEnd(piece)) - b));
    if (ranges) ranges->emplace_back(b, breaks.Byte(piece.end));
  }
  return out;
}

// The words of well-formed UTF-8 `text` by `words`' rules (none without an iterator).
std::vector<std::string> Words(icu::BreakIterator* words, std::string_view text) {
  WordBreaks breaks;
  BreakWords(words, text, breaks);
  std::vector<std::string> out;
  for (std::string_view word : Words(text, breaks)) out.emplace_back(word);
  return out;
}

std::string Lang(const std::string& tag) {
  UErrorCode status = U_ZERO_ERROR;
  return icu::Locale::forLanguageTag(tag, status).getLanguage();
}

UChar32 LastChar(std::string_view text, bool skip_closers) {
  icu::UnicodeString u = FromUtf8(text);
  for (int32_t i = u.length(); i > 0;) {
    UChar32 c = u.char32At(i - 1);
    i -= U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) continue;
    if (skip_closers && (c == ')' || c == 0xFF09 || c == '"' || c == 0x201D || c == 0x00BB ||
                         c == 0x300D || c == '\'' || c == 0x2019))
      continue;
    return c;
  }
  return 0;
}

// Sentence-final mark classes, across scripts.
char EndClass(UChar32 c) {
  switch (c) {
    case '.':
    case 0x3002:
    case 0xFF0E:
    case 0x06D4:
      return '.';
    case '?':
    case 0xFF1F:
    case 0x061F:
      return '?';
    case '!':
    case 0xFF01:
      return '!';
    case ':':
    case 0xFF1A:
      return ':';
    case 0x2026:
      return '.';
    default:
      return 0;
  }
}

// Hunspell's constructor and destructor set up and tear down tables shared by
// the whole process (its UTF-8 tables, with a reference count) without a lock,
// so dictionaries are made and destroyed one at a time. This lock guards the
// library's state, not the pipeline's.
std::mutex& HunspellLifetime() {
  static std::mutex lifetime;
  return lifetime;
}

struct DestroyDictionary {
  void operator()(Hunspell* dictionary) const {
    std::lock_guard<std::mutex> lock(HunspellLifetime());
    delete dictionary;
  }
};
using Dictionary = std::unique_ptr<Hunspell, DestroyDictionary>;

// The Hunspell dictionary of `locale` in `dir` (DictionaryFiles); nullptr when there is none.
Dictionary LoadDictionary(const std::string& dir, const std::string& locale) {
  const std::vector<std::string> files = DictionaryFiles(dir, locale);
  if (files.empty()) return nullptr;
  std::lock_guard<std::mutex> lock(HunspellLifetime());
  return Dictionary(new Hunspell(files[0].c_str(), files[1].c_str()));
}

// The locale a document's source is read in: English when it names none.
std::string SourceLocale(const std::string& tag) { return tag.empty() ? "en" : tag; }

// The contents of a CheckResources.
struct Resources {
  Resources(const Glossary* glossary, const std::string& source_locale,
            const std::string& target_locale, const std::string& hunspell_dir);

  const Glossary* glossary;
  std::string source_locale;
  std::string target_locale;
  std::string lang;  // the target locale's language: "pt" for "pt-BR"
  bool spaceless;    // the target language is written without spaces
  std::string hunspell_dir;
  NumberReader source_numbers;
  NumberReader target_numbers;
  std::unique_ptr<icu::BreakIterator> source_words;
  std::unique_ptr<icu::BreakIterator> target_words;
  std::unique_ptr<TermMatcher> source_terms;  // both null without a glossary
  std::unique_ptr<TermMatcher> target_terms;
  Dictionary dictionary;  // null when the directory has none
  // Folded words that may stay the same in a translation: those of glossary
  // terms whose target term is the same, and of do-not-translate names.
  std::set<std::string> same_in_both_languages;
  // The source terms of do-not-translate concepts, in glossary order.
  std::vector<std::string> do_not_translate;
  // The folded words of every glossary term in any language, which the
  // spelling check accepts; empty without a dictionary (no spelling check).
  std::set<std::string> accepted_words;
  // Whether each word the spelling check has looked up, as written, is misspelled (a dictionary
  // lookup is costly), and the case folding of each word beyond ASCII that a check has folded
  // (through ICU and normalization twice).
  TextMemo<bool> misspelled;
  TextMemo<std::string> folded;
};

Resources::Resources(const Glossary* glossary, const std::string& source_locale,
                     const std::string& target_locale, const std::string& hunspell_dir)
    : glossary(glossary),
      source_locale(SourceLocale(source_locale)),
      target_locale(target_locale),
      lang(Lang(target_locale)),
      spaceless(WritesWithoutSpaces(target_locale)),
      hunspell_dir(hunspell_dir),
      source_numbers(this->source_locale),
      target_numbers(target_locale),
      source_words(WordIterator(this->source_locale)),
      target_words(WordIterator(target_locale)),
      dictionary(LoadDictionary(hunspell_dir, target_locale)) {
  if (glossary == nullptr) return;
  source_terms = std::make_unique<TermMatcher>(*glossary, glossary->source_language);
  target_terms = std::make_unique<TermMatcher>(*glossary, target_locale);
  // Glossary source terms are split by English rules, whatever the source locale.
  std::unique_ptr<icu::BreakIterator> english = WordIterator("en");
  auto same_in_both = [&](const Term& source_term) {
    for (const std::string& w : Words(english.get(), source_term.text))
      same_in_both_languages.insert(FoldCase(w));
  };
  for (const Concept& c : glossary->concepts) {
    auto s = c.terms.find(glossary->source_language);
    if (s == c.terms.end()) continue;
    if (c.do_not_translate) {
      for (const Term& source_term : s->second) {
        do_not_translate.push_back(source_term.text);
        same_in_both(source_term);
      }
      continue;
    }
    auto t = c.terms.find(target_locale);
    if (t == c.terms.end()) continue;
    for (const Term& target_term : t->second) {
      const std::string folded = FoldCase(target_term.text);
      for (const Term& source_term : s->second) {
        if (folded == FoldCase(source_term.text)) same_in_both(source_term);
      }
    }
  }
  if (dictionary == nullptr) return;
  std::map<std::string, std::unique_ptr<icu::BreakIterator>> by_language;
  for (const Concept& c : glossary->concepts) {
    for (const auto& [language, terms] : c.terms) {
      auto it = by_language.find(language);
      if (it == by_language.end()) it = by_language.emplace(language, WordIterator(language)).first;
      for (const Term& t : terms) {
        for (const std::string& w : Words(it->second.get(), t.text))
          accepted_words.insert(FoldCase(w));
      }
    }
  }
}

}  // namespace

std::vector<std::string> DictionaryFiles(const std::string& hunspell_dir,
                                         const std::string& target_locale) {
  namespace fs = std::filesystem;
  const std::string lang = Lang(target_locale);
  std::string underscored = target_locale;
  std::replace(underscored.begin(), underscored.end(), '-', '_');
  const std::vector<std::string> candidates = {underscored,
                                               lang + "_" +
                                                   (lang == "es"   ? "ES"
                                                    : lang == "fr" ? "FR"
                                                    : lang == "de" ? "DE"
                                                    : lang == "pt" ? "BR"
                                                                   : ""),
                                               lang};
  for (const std::string& name : candidates) {
    const fs::path aff = fs::path(hunspell_dir) / (name + ".aff");
    const fs::path dic = fs::path(hunspell_dir) / (name + ".dic");
    std::error_code ec;
    if (fs::exists(aff, ec) && fs::exists(dic, ec)) return {aff.string(), dic.string()};
  }
  return {};
}

struct CheckResources::Impl {
  Impl(const Glossary* glossary, const std::string& source_locale, const std::string& target_locale,
       const std::string& hunspell_dir)
      : resources(glossary, source_locale, target_locale, hunspell_dir) {}
  Resources resources;
};

CheckResources::CheckResources(const Glossary* glossary, const std::string& source_locale,
                               const std::string& target_locale, const std::string& hunspell_dir)
    : impl_(std::make_unique<Impl>(glossary, source_locale, target_locale, hunspell_dir)) {}

CheckResources::~CheckResources() = default;
CheckResources::CheckResources(CheckResources&&) noexcept = default;
CheckResources& CheckResources::operator=(CheckResources&&) noexcept = default;

bool CheckResources::Fits(const XliffDocument& doc, const CheckOptions& options) const {
  const Resources& r = impl_->resources;
  return r.glossary == options.glossary && r.source_locale == SourceLocale(doc.source_locale) &&
         r.target_locale == doc.target_locale && r.hunspell_dir == options.hunspell_dir;
}

const std::string& CheckResources::source_locale() const { return impl_->resources.source_locale; }
const std::string& CheckResources::target_locale() const { return impl_->resources.target_locale; }
bool CheckResources::has_dictionary() const { return impl_->resources.dictionary != nullptr; }

namespace {

class Checker {
 public:
  // `resources` fit `doc` and `options` (CheckResources::Fits).
  Checker(const XliffDocument& doc, const std::string& file, const CheckOptions& options,
          Resources& resources)
      : doc_(doc),
        file_(file),
        options_(options),
        res_(resources),
        locale_(resources.target_locale),
        lang_(resources.lang) {}

  std::vector<Diagnostic> Run() {
    CompareWithSource();
    for (const Unit& unit : doc_.units) {
      if (!unit.translate) continue;
      CheckUnit(unit);
    }
    Consistency();
    TermConsistency();
    return std::move(out_);
  }

 private:
  bool Enabled(const std::string& id) const {
    auto it = options_.settings.find(id);
    return it == options_.settings.end() || it->second.enabled;
  }

  Severity SeverityOf(const std::string& id) const {
    auto it = options_.settings.find(id);
    if (it != options_.settings.end() && it->second.severity) {
      const std::string& s = *it->second.severity;
      return s == "error"     ? Severity::kError
             : s == "warning" ? Severity::kWarning
                              : Severity::kInfo;
    }
    for (const CheckInfo& info : kCatalog) {
      if (info.id == id) return info.severity;
    }
    return Severity::kWarning;
  }

  bool Suppressed(const std::string& id, const std::string& unit) const {
    for (const Suppression& s : options_.suppressions) {
      if (s.check == id && s.unit == unit && (s.locale.empty() || s.locale == locale_)) return true;
    }
    return false;
  }

  void Add(const std::string& id, const Unit& unit, const Segment* segment, std::string message,
           long mark_begin = -1, long mark_end = -1) {
    if (!Enabled(id) || Suppressed(id, unit.id)) return;
    Diagnostic d;
    d.severity = SeverityOf(id);
    d.check = id;
    d.where = segment != nullptr && segment->where.line > 0 ? segment->where : unit.where;
    if (d.where.file.empty()) d.where.file = file_;
    d.unit_id = unit.id;
    if (segment != nullptr) {
      d.segment_id = segment->id;
      d.source = PlainText(segment->source);
      if (segment->target) d.target = PlainText(*segment->target);
    }
    d.message = std::move(message);
    d.mark_begin = mark_begin;
    d.mark_end = mark_end;
    out_.push_back(std::move(d));
  }

  void CompareWithSource() {
    if (options_.source == nullptr) return;
    std::set<std::string> in_xliff;
    const std::unordered_map<std::string_view, const SourceUnit*> source_units =
        UnitsById(*options_.source);
    for (const Unit& unit : doc_.units) {
      in_xliff.insert(unit.id);
      auto found = source_units.find(unit.id);
      const SourceUnit* current = found == source_units.end() ? nullptr : found->second;
      if (current == nullptr) {
        Add("unit-added", unit, nullptr, "not in the source document " + options_.source->original);
      } else if (Content a, b; !SameSourceKey(WholeSource(*current, a), WholeSource(unit, b))) {
        Add("stale", unit, nullptr,
            "the source text changed since translation; now: \"" +
                CollapseWhitespace(PlainText(current->SourceContent())) + "\"");
      }
    }
    for (const SourceUnit& unit : options_.source->units) {
      if (in_xliff.count(unit.id)) continue;
      Unit missing;
      missing.id = unit.id;
      missing.where = Location{file_};
      Add("unit-missing", missing, nullptr,
          "the source document has this unit (\"" +
              std::string(Utf8Prefix(CollapseWhitespace(PlainText(unit.SourceContent())), 60)) +
              "\"), the XLIFF does not");
    }
  }

  void CheckUnit(const Unit& unit) {
    const Content unit_source = unit.SourceContent();
    std::optional<Content> unit_target = unit.TargetContent();
    if (unit_target) {
      if (std::optional<std::string> problem = CheckCodes(unit_source, *unit_target)) {
        const bool protected_problem = problem->rfind("protected", 0) == 0;
        Add(protected_problem ? "protected" : "codes", unit, nullptr, *problem);
      }
      if (unit.max_chars) {
        const std::size_t length = CountCodePoints(PlainText(*unit_target));
        if (length > static_cast<std::size_t>(*unit.max_chars)) {
          Add("length", unit, nullptr,
              "the target has " + std::to_string(length) + " characters; the limit is " +
                  std::to_string(*unit.max_chars));
        }
      }
    }
    for (const Segment& segment : unit.parts) {
      if (!segment.is_segment) continue;
      if (!segment.target || IsBlank(PlainText(*segment.target))) {
        if (HasLetter(PlainText(segment.source)))
          Add("missing-target", unit, &segment, "no translation");
        continue;
      }
      if (segment.state == State::kInitial) {
        Add("not-final", unit, &segment,
            "has a target but state initial" +
                (segment.sub_state.empty() ? std::string() : " (" + segment.sub_state + ")") +
                "; review it and set state translated");
      }
      CheckSegment(unit, segment);
    }
  }

  void CheckSegment(const Unit& unit, const Segment& segment) {
    const std::string source = PlainText(segment.source);
    const std::string target = PlainText(*segment.target);
    source_words_.ready = false;  // SourceWords() breaks this source when a check first asks
    target_words_.ready = false;  // and TargetWords() this target
    // Source and target as the document-wide comparisons see them.
    const std::string source_key = Nfc(CollapseWhitespace(source));
    const std::string target_key = Nfc(CollapseWhitespace(target));
    Untranslated(unit, segment, source_key == target_key, source, target);
    Numbers(unit, segment, source, target);
    Protected(unit, segment, source, target);
    Terminology(unit, segment, source, target);
    Punctuation(unit, segment, source, target);
    Spacing(unit, segment, source, target);
    Brackets(unit, segment, target);
    DoubledWords(unit, segment, target);
    LengthRatio(unit, segment, source, target);
    Bidi(unit, segment, target);
    Spelling(unit, segment, target);
    translations_[source_key].insert(target_key);
    sources_of_[target_key].insert(source_key);
    auto& first = first_segment_[source_key];
    if (first.first == nullptr ||
        std::tie(unit.id, segment.id) < std::tie(first.first->id, first.second->id))
      first = {&unit, &segment};
  }

  void Untranslated(const Unit& unit, const Segment& segment, bool same_text,
                    const std::string& source, const std::string& target) {
    const std::string translatable = TranslatableText(segment.source);
    if (!HasLetter(translatable)) return;  // names, numbers and codes only
    WordBreaks own;
    const WordBreaks& breaks = translatable == source
                                   ? SourceWords(source)
                                   : Broken(res_.source_words.get(), translatable, own);
    std::set<std::string> significant;
    for (std::string_view w : Words(translatable, breaks)) {
      std::string folded = Folded(w);
      if (CountCodePoints(folded) >= 3 && !res_.same_in_both_languages.count(folded))
        significant.insert(std::move(folded));
    }
    if (significant.empty()) return;
    if (same_text) {
      Add("untranslated", unit, &segment, "the target is the source text", 0,
          static_cast<long>(target.size()));
      return;
    }
    if (significant.size() < 4) return;  // short texts share words legitimately
    // Which significant words the target has: each target word looked up among them (the set
    // is sorted), without a set of the target's own.
    std::vector<std::string_view>& sorted = significant_views_;
    sorted.assign(significant.begin(), significant.end());
    std::vector<char>& seen = seen_;
    seen.assign(sorted.size(), 0);
    for (std::string_view w : Words(target, TargetWords(target))) {
      const std::string folded = Folded(w);
      auto at = std::lower_bound(sorted.begin(), sorted.end(), std::string_view(folded));
      if (at != sorted.end() && *at == folded)
        seen[static_cast<std::size_t>(at - sorted.begin())] = 1;
    }
    const auto shared = static_cast<std::size_t>(std::count(seen.begin(), seen.end(), 1));
    if (shared * 2 > significant.size()) {
      Add("untranslated", unit, &segment,
          std::to_string(shared) + " of " + std::to_string(significant.size()) +
              " words of the source stand in the target: is it still in the source language?");
    }
  }

  static std::string FormatValue(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
  }

  void Numbers(const Unit& unit, const Segment& segment, const std::string& source,
               const std::string& target) {
    std::vector<NumberToken> in_source = res_.source_numbers.Find(source);
    std::vector<NumberToken> in_target = res_.target_numbers.Find(target);
    std::vector<bool> used(in_target.size(), false);
    // Exact (value and unit) first, then value alone for unit-less source numbers.
    std::vector<const NumberToken*> unmatched;
    for (const NumberToken& s : in_source) {
      bool found = false;
      for (std::size_t t = 0; t < in_target.size() && !found; ++t) {
        if (!used[t] && in_target[t].value == s.value && in_target[t].unit == s.unit)
          found = used[t] = true;
      }
      if (!found) unmatched.push_back(&s);
    }
    std::vector<const NumberToken*> still;
    for (const NumberToken* s : unmatched) {
      bool found = false;
      for (std::size_t t = 0; t < in_target.size() && !found; ++t) {
        if (!used[t] && in_target[t].value == s->value && s->unit.empty()) found = used[t] = true;
      }
      if (!found) still.push_back(s);
    }
    for (const NumberToken* s : still) {
      // Same value with another unit?
      const NumberToken* other = nullptr;
      for (std::size_t t = 0; t < in_target.size(); ++t) {
        if (!used[t] && in_target[t].value == s->value) other = &in_target[t];
      }
      if (other != nullptr) {
        Add("numbers", unit, &segment,
            "\"" + s->text + "\" (" + FormatValue(s->value) +
                (s->unit.empty() ? "" : " " + s->unit) + ") appears in the target as \"" +
                other->text + "\" with " +
                (other->unit.empty() ? std::string("no unit") : "unit " + other->unit),
            static_cast<long>(other->begin), static_cast<long>(other->end));
        for (std::size_t t = 0; t < in_target.size(); ++t) {
          if (&in_target[t] == other) used[t] = true;
        }
      } else {
        Add("numbers", unit, &segment,
            "\"" + s->text + "\" (" + FormatValue(s->value) +
                (s->unit.empty() ? "" : " " + s->unit) +
                ") of the source is missing from the target");
      }
    }
    for (std::size_t t = 0; t < in_target.size(); ++t) {
      if (used[t]) continue;
      Add("numbers", unit, &segment,
          "\"" + in_target[t].text + "\" (" + FormatValue(in_target[t].value) +
              ") in the target is not in the source",
          static_cast<long>(in_target[t].begin), static_cast<long>(in_target[t].end));
    }
  }

  void Protected(const Unit& unit, const Segment& segment, const std::string& source,
                 const std::string& target) {
    static const std::regex kUrlOrMail(
        R"((https?://[^\s<>"“”«»]+[^\s<>"“”«».,;:!?)])|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}))");
    // Every match holds "http" or "@"; most texts have neither, and the
    // regex search is slow.
    if (source.find("http") != std::string::npos || source.find('@') != std::string::npos) {
      for (std::sregex_iterator it(source.begin(), source.end(), kUrlOrMail), end; it != end;
           ++it) {
        if (target.find(it->str()) == std::string::npos) {
          Add("protected", unit, &segment,
              "\"" + it->str() + "\" must stay unchanged in the target");
        }
      }
    }
    for (const std::string& term : res_.do_not_translate) {
      if (source.find(term) == std::string::npos) continue;
      if (target.find(term) == std::string::npos) {
        Add("protected", unit, &segment,
            "do-not-translate name \"" + term + "\" is not verbatim in the target");
      }
    }
  }

  void Terminology(const Unit& unit, const Segment& segment, const std::string& source,
                   const std::string& target) {
    if (!res_.source_terms || !res_.target_terms) return;
    const Glossary& glossary = *options_.glossary;
    // A language written without spaces is matched without word breaks (TermMatcher), which
    // are costly there (ICU breaks it by dictionary): the target is broken only for the others.
    std::vector<TermHit> target_hits = res_.target_words && !res_.spaceless
                                           ? res_.target_terms->Find(target, TargetWords(target))
                                           : res_.target_terms->Find(target);
    for (const TermHit& hit : target_hits) {
      if (hit.term->status != TermStatus::kDeprecated &&
          hit.term->status != TermStatus::kSuperseded) {
        // Report at the smallest unit id, whatever the order of units in the file.
        auto& at = used_terms_[hit.concept_index][hit.term->text];
        if (at.first == nullptr ||
            std::tie(unit.id, segment.id) < std::tie(at.first->id, at.second->id))
          at = {&unit, &segment};
        continue;
      }
      // Stemming can bring a deprecated variant and an allowed term of the
      // same concept to one form: an allowed reading of the span wins.
      bool allowed = false;
      for (const TermHit& other : target_hits) {
        allowed |= other.concept_index == hit.concept_index && other.begin == hit.begin &&
                   other.end == hit.end &&
                   (other.term->status == TermStatus::kPreferred ||
                    other.term->status == TermStatus::kAdmitted);
      }
      if (allowed || !CloseToSurface(target.substr(hit.begin, hit.end - hit.begin), hit.term->text))
        continue;
      const Concept& c = glossary.concepts[hit.concept_index];
      const Term* preferred = c.Preferred(locale_);
      Add("deprecated-term", unit, &segment,
          std::string(hit.term->status == TermStatus::kDeprecated ? "deprecated" : "superseded") +
              " term \"" + target.substr(hit.begin, hit.end - hit.begin) + "\" (" + c.id + ")" +
              (preferred ? "; use \"" + preferred->text + "\"" : std::string()),
          static_cast<long>(hit.begin), static_cast<long>(hit.end));
    }
    // The source's words are shared when the glossary's source language is the document's.
    std::vector<TermHit> source_hits =
        res_.source_words && glossary.source_language == res_.source_locale
            ? res_.source_terms->Find(source, SourceWords(source))
            : res_.source_terms->Find(source);
    // Keep the longest match where matches overlap ("burn scars" over "scars").
    std::vector<TermHit> kept;
    for (const TermHit& hit : source_hits) {
      bool inside = false;
      for (const TermHit& other : source_hits) {
        if (&other != &hit && other.begin <= hit.begin && other.end >= hit.end &&
            other.end - other.begin > hit.end - hit.begin)
          inside = true;
      }
      if (!inside) kept.push_back(hit);
    }
    std::set<std::size_t> reported;
    for (const TermHit& hit : kept) {
      const Concept& c = glossary.concepts[hit.concept_index];
      if (c.do_not_translate || !reported.insert(hit.concept_index).second) continue;
      auto terms = c.terms.find(locale_);
      if (terms == c.terms.end()) continue;
      bool found = false;
      for (const TermHit& t : target_hits) {
        found |=
            t.concept_index == hit.concept_index &&
            (t.term->status == TermStatus::kPreferred || t.term->status == TermStatus::kAdmitted);
      }
      if (found || ContainsAllowedStems(c, target)) continue;
      const Term* preferred = c.Preferred(locale_);
      if (preferred == nullptr) continue;
      Add("terminology", unit, &segment,
          "\"" + source.substr(hit.begin, hit.end - hit.begin) + "\" (" + c.id +
              ") should be rendered as \"" + preferred->text + "\"");
    }
  }

  // A deprecated term found through stems must also be close to the written
  // form: each word contains the term's word, or shares all but its last
  // letters with it. Stemming alone would take "kosmetischen" for a
  // deprecated "Kosmetiker".
  bool CloseToSurface(const std::string& found, const std::string& term) const {
    auto split = [&](const std::string& text) {
      std::vector<icu::UnicodeString> words;
      icu::UnicodeString u = FromUtf8(res_.target_terms->Normalized(text));
      icu::UnicodeString word;
      for (int32_t i = 0; i < u.length(); ++i) {
        if (u_isUWhiteSpace(u.charAt(i)) || u.charAt(i) == '-') {
          if (!word.isEmpty()) words.push_back(word);
          word.remove();
        } else {
          word.append(u.charAt(i));
        }
      }
      if (!word.isEmpty()) words.push_back(word);
      return words;
    };
    std::vector<icu::UnicodeString> a = split(found);
    std::vector<icu::UnicodeString> b = split(term);
    if (a.size() != b.size()) return res_.spaceless;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].indexOf(b[i]) >= 0) continue;
      int32_t common = 0;
      while (common < a[i].length() && common < b[i].length() &&
             a[i].charAt(common) == b[i].charAt(common))
        ++common;
      if (common < b[i].length() - 1) return false;
    }
    return true;
  }

  // Compounds and clitics: German "Akneschüben" holds "Akne", Arabic
  // "والإيلاستين" holds "الإيلاستين". The concept counts as rendered when
  // every word key of one of its allowed terms stands in the normalized text.
  bool ContainsAllowedStems(const Concept& c, const std::string& target) {
    auto terms = c.terms.find(locale_);
    if (terms == c.terms.end()) return false;
    const std::string normalized = res_.target_terms->Normalized(target);
    for (const Term& term : terms->second) {
      if (term.status != TermStatus::kPreferred && term.status != TermStatus::kAdmitted) continue;
      bool all = true;
      std::vector<std::string> keys = res_.target_terms->WordKeys(term.text);
      if (lang_ == "ar") {
        // Arabic stems rewrite letters; compare the written words without
        // the article instead, since clitics (و، ب، ل) only precede them.
        keys.clear();
        for (const std::string& word :
             Words(res_.target_words.get(), res_.target_terms->Normalized(term.text))) {
          keys.push_back(word.rfind("ال", 0) == 0 ? word.substr(std::string("ال").size()) : word);
        }
      }
      for (const std::string& key : keys) {
        if (CountCodePoints(key) < 3) continue;
        all &= normalized.find(key) != std::string::npos;
      }
      if (all) return true;
    }
    return false;
  }

  void Punctuation(const Unit& unit, const Segment& segment, const std::string& source,
                   const std::string& target) {
    const char want = EndClass(LastChar(source, true));
    const UChar32 last = LastChar(target, true);
    const char got = EndClass(last);
    if (want != got && !(want == 0 && got == 0)) {
      // A colon may become a full stop and vice versa only where the language wants it; report.
      std::string expect =
          want == 0 ? "no final punctuation" : std::string("a final \"") + want + "\"";
      Add("end-punctuation", unit, &segment,
          "the source ends with " + expect + ", the target does not match");
      return;
    }
    if (want == 0) return;
    if (lang_ == "ja" || lang_ == "zh") {
      if (want == '.' && last != 0x3002 && last != 0x2026)
        Add("end-punctuation", unit, &segment, "Japanese ends a sentence with \"。\"");
      if (want == '?' && last != 0xFF1F)
        Add("end-punctuation", unit, &segment, "use the full-width question mark \"？\"");
    } else if (lang_ == "ar") {
      if (want == '?' && last != 0x061F)
        Add("end-punctuation", unit, &segment, "Arabic uses \"؟\" for a question");
    } else if (lang_ == "es" && (want == '?' || want == '!')) {
      const char* opening = want == '?' ? "¿" : "¡";
      if (target.find(opening) == std::string::npos) {
        Add("end-punctuation", unit, &segment,
            std::string("Spanish opens this sentence with \"") + opening + "\"");
      }
    }
  }

  void Spacing(const Unit& unit, const Segment& segment, const std::string& source,
               const std::string& target) {
    const std::size_t doubled = target.find("  ");
    if (doubled != std::string::npos && source.find("  ") == std::string::npos) {
      Add("spacing", unit, &segment, "doubled space", static_cast<long>(doubled),
          static_cast<long>(doubled + 2));
    }
    auto lead = [](const std::string& s) {
      return !s.empty() && (s.front() == ' ' || s.front() == '\n');
    };
    auto trail = [](const std::string& s) {
      return !s.empty() && (s.back() == ' ' || s.back() == '\n');
    };
    if (!res_.spaceless && (lead(source) != lead(target) || trail(source) != trail(target))) {
      Add("spacing", unit, &segment, "leading or trailing white space differs from the source");
    }
    if (lang_ == "fr") {
      icu::UnicodeString u = FromUtf8(target);
      for (int32_t i = 1; i < u.length(); ++i) {
        const UChar c = u.charAt(i);
        if (c != ';' && c != ':' && c != '!' && c != '?') continue;
        if (i + 1 < u.length() && c == ':' && u.charAt(i + 1) == '/') continue;  // URLs
        const UChar before = u.charAt(i - 1);
        if (before != 0x00A0 && before != 0x202F && before != ' ') {
          Add("spacing", unit, &segment,
              "French puts a (no-break) space before \"" + ToUtf8(icu::UnicodeString(c)) + "\"");
          break;
        }
      }
    }
  }

  void Brackets(const Unit& unit, const Segment& segment, const std::string& target) {
    static const std::pair<const char*, const char*> kPairs[] = {
        {"(", ")"},   {"[", "]"},   {"{", "}"}, {"（", "）"}, {"«", "»"},
        {"「", "」"}, {"『", "』"}, {"“", "”"}, {"„", "“"}};
    for (const auto& [open, close] : kPairs) {
      std::size_t opens = 0, closes = 0;
      for (std::size_t p = target.find(open); p != std::string::npos; p = target.find(open, p + 1))
        ++opens;
      for (std::size_t p = target.find(close); p != std::string::npos;
           p = target.find(close, p + 1))
        ++closes;
      if (std::string_view(open) == "„") {
        // German quotes close with “, which is also the English opening mark.
        if (opens > closes)
          Add("brackets", unit, &segment,
              std::string("unbalanced \"") + open + "\"…\"" + close + "\"");
        continue;
      }
      if (std::string_view(open) == "“" && target.find("„") != std::string::npos) continue;
      if (opens != closes)
        Add("brackets", unit, &segment,
            std::string("unbalanced \"") + open + "\"…\"" + close + "\"");
    }
    const std::size_t straight =
        static_cast<std::size_t>(std::count(target.begin(), target.end(), '"'));
    if (straight % 2 != 0) Add("brackets", unit, &segment, "odd number of \" quotation marks");
  }

  void DoubledWords(const Unit& unit, const Segment& segment, const std::string& target) {
    if (res_.spaceless) return;
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    const std::vector<std::string_view> words = Words(target, TargetWords(target), &ranges);
    // Grammatical repetitions: German "die die" (relative pronoun and
    // article), French "nous nous"/"vous vous" (reflexive verbs).
    static const std::set<std::string> kLegitimate = {"die", "der",  "das",  "den",  "dem",
                                                      "des", "nous", "vous", "that", "had"};
    std::string previous;  // words[i - 1], folded
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::string folded = Folded(words[i]);
      if (i == 0 || folded != previous || kLegitimate.count(folded) ||
          !IsBlank(std::string_view(target).substr(ranges[i - 1].second,
                                                   ranges[i].first - ranges[i - 1].second))) {
        previous = std::move(folded);
        continue;
      }
      Add("doubled-word", unit, &segment, "\"" + std::string(words[i]) + "\" twice in a row",
          static_cast<long>(ranges[i - 1].first), static_cast<long>(ranges[i].second));
      return;
    }
  }

  void LengthRatio(const Unit& unit, const Segment& segment, const std::string& source,
                   const std::string& target) {
    const double s = static_cast<double>(CountCodePoints(source));
    if (s < 20) return;
    const double ratio = static_cast<double>(CountCodePoints(target)) / s;
    const bool compact = res_.spaceless;
    const double low = compact ? 0.15 : 0.5;
    const double high = compact ? 1.2 : 2.5;
    if (ratio < low || ratio > high) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%.2f", ratio);
      Add("length-ratio", unit, &segment,
          std::string("target/source length ratio ") + buffer + " is unusual for " + locale_);
    }
  }

  void Bidi(const Unit& unit, const Segment& segment, const std::string& target) {
    icu::UnicodeString u = FromUtf8(target);
    for (int32_t i = 0; i < u.length(); ++i) {
      const UChar c = u.charAt(i);
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
          c == 0x200F || c == 0x061C) {
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", c);
        Add("bidi-control", unit, &segment,
            std::string("bidirectional control character ") + hex +
                " in the target; the page sets the direction itself");
        return;
      }
    }
  }

  // `target` is the segment's whole target text; its translatable text leaves out protected
  // spans, and is most often the same.
  void Spelling(const Unit& unit, const Segment& segment, const std::string& target) {
    if (!res_.dictionary || !Enabled("spelling")) return;
    const std::string text = TranslatableText(*segment.target);
    WordBreaks own;
    const WordBreaks& breaks =
        text == target ? TargetWords(target) : Broken(res_.target_words.get(), text, own);
    for (std::string_view w : Words(text, breaks)) {
      if (!res_.misspelled.Get(w, [&] { return IsMisspelled(std::string(w)); })) continue;
      Add("spelling", unit, &segment,
          "\"" + std::string(w) + "\" is not in the " + locale_ + " dictionary");
    }
  }

  // FoldCase(word), remembered for words beyond ASCII.
  std::string Folded(std::string_view word) {
    if (AllAscii(word)) return FoldCase(word);
    return res_.folded.Get(word, [&] { return FoldCase(word); });
  }

  // A segment's text broken into words once, for every check that asks.
  struct SharedWords {
    WordBreaks breaks;
    bool ready = false;  // whether `breaks` holds the current segment's text
  };

  // The current segment's source (`source`, as CheckSegment has it) broken into words by the
  // source language's rules, and its target by the target language's.
  const WordBreaks& SourceWords(const std::string& source) {
    return Shared(res_.source_words.get(), source, source_words_);
  }
  const WordBreaks& TargetWords(const std::string& target) {
    return Shared(res_.target_words.get(), target, target_words_);
  }
  static const WordBreaks& Shared(icu::BreakIterator* words, const std::string& text,
                                  SharedWords& shared) {
    if (!shared.ready) {
      BreakWords(words, text, shared.breaks);
      shared.ready = true;
    }
    return shared.breaks;
  }
  // Another text (a translatable text without its protected spans) broken into `own`.
  static const WordBreaks& Broken(icu::BreakIterator* words, const std::string& text,
                                  WordBreaks& own) {
    BreakWords(words, text, own);
    return own;
  }

  // Whether `word` is neither a glossary word nor in the dictionary, as written or case folded.
  bool IsMisspelled(const std::string& word) const {
    const std::string folded = FoldCase(word);
    return !res_.accepted_words.count(folded) && !res_.dictionary->spell(word) &&
           !res_.dictionary->spell(folded);
  }

  void Consistency() {
    for (const auto& [source, targets] : translations_) {
      if (targets.size() < 2) continue;
      auto [unit, segment] = first_segment_[source];
      Add("consistency", *unit, segment,
          "this source is translated " + std::to_string(targets.size()) +
              " different ways in the document");
    }
  }

  void TermConsistency() {
    if (!options_.glossary) return;
    for (const auto& [concept_index, terms] : used_terms_) {
      if (terms.size() < 2) continue;
      std::string list;
      for (const auto& [text, where] : terms) list += (list.empty() ? "\"" : ", \"") + text + "\"";
      std::pair<const Unit*, const Segment*> first = terms.begin()->second;
      for (const auto& [text, where] : terms) {
        if (std::tie(where.first->id, where.second->id) <
            std::tie(first.first->id, first.second->id))
          first = where;
      }
      auto [unit, segment] = first;
      Add("term-consistency", *unit, segment,
          options_.glossary->concepts[concept_index].id + " is rendered as " + list +
              " in this document");
    }
  }

  const XliffDocument& doc_;
  const std::string& file_;
  const CheckOptions& options_;
  Resources& res_;
  const std::string& locale_;
  const std::string& lang_;
  std::map<std::string, std::set<std::string>> translations_;
  std::map<std::string, std::set<std::string>> sources_of_;
  std::map<std::string, std::pair<const Unit*, const Segment*>> first_segment_;
  std::map<std::size_t, std::map<std::string, std::pair<const Unit*, const Segment*>>> used_terms_;
  std::vector<Diagnostic> out_;
  std::vector<std::string_view> significant_views_;  // Untranslated(): scratch space
  std::vector<char> seen_;                           // the same
  SharedWords source_words_;                         // SourceWords()
  SharedWords target_words_;                         // TargetWords()
};

}  // namespace

const std::vector<CheckInfo>& CheckCatalog() { return kCatalog; }

std::vector<Diagnostic> RunChecks(const XliffDocument& doc, const std::string& file,
                                  const CheckOptions& options) {
  if (options.resources != nullptr && options.resources->Fits(doc, options))
    return Checker(doc, file, options, options.resources->impl_->resources).Run();
  Resources own(options.glossary, doc.source_locale, doc.target_locale, options.hunspell_dir);
  return Checker(doc, file, options, own).Run();
}

namespace {

// How a JSON value of a report is written: two spaces per level, and text that is not valid
// UTF-8 (never expected) shown as U+FFFD instead of stopping the report.
std::string DumpJson(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Appends `json` (dumped at the outermost level) as an element of an array whose elements stand
// `indent` spaces in: each of its lines moves that far in.
void AppendIndented(std::string& out, const std::string& json, std::size_t indent) {
  out.append(indent, ' ');
  for (char c : json) {
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
}

// A report shaped as one JSON document around an array of findings: what comes before the
// array's elements, each element in turn, and what closes the array and the document. The
// result is the document that `nlohmann` would write with the array filled in.
class JsonArrayReport : public ReportWriter {
 public:
  // `skeleton`: the document dumped with the array empty, which appears in it once as
  // `"KEY": []` (the skeletons are fixed, and no string in them can hold that text unescaped);
  // the elements stand `indent` spaces in.
  JsonArrayReport(const std::string& skeleton, std::string_view key, std::size_t indent)
      : indent_(indent) {
    const std::string empty = "\"" + std::string(key) + "\": []";
    const std::size_t at = skeleton.find(empty);
    head_ = skeleton.substr(0, at + empty.size() - 1);  // up to and with the '['
    tail_ = skeleton.substr(at + empty.size());         // after the ']'
  }
  void Begin(std::string& out) override {
    out += head_;
    elements_ = 0;
  }
  void End(std::string& out) override {
    if (elements_ > 0) {
      out += '\n';
      out.append(indent_ - 2, ' ');
    }
    out += ']';
    out += tail_;
    out += '\n';
  }

 protected:
  void AddElement(std::string& out, const nlohmann::ordered_json& element) {
    out += elements_++ > 0 ? ",\n" : "\n";
    AppendIndented(out, DumpJson(element), indent_);
  }

 private:
  std::string head_, tail_;
  std::size_t indent_;
  std::size_t elements_ = 0;
};

class TextReport : public ReportWriter {
 public:
  void File(std::string& out, const std::string&, const std::vector<Diagnostic>& findings,
            const std::vector<std::string>&) override {
    for (const Diagnostic& d : findings) {
      out += FormatDiagnostic(d) + "\n";
      if (!d.source.empty()) out += "    source: " + d.source + "\n";
      if (d.target.empty()) continue;
      out += "    target: " + d.target + "\n";
      if (d.mark_begin >= 0 && d.mark_end > d.mark_begin &&
          static_cast<std::size_t>(d.mark_end) <= d.target.size()) {
        const std::size_t before = CountCodePoints(
            std::string_view(d.target).substr(0, static_cast<std::size_t>(d.mark_begin)));
        const std::size_t width = CountCodePoints(
            std::string_view(d.target).substr(static_cast<std::size_t>(d.mark_begin),
                                              static_cast<std::size_t>(d.mark_end - d.mark_begin)));
        out += "            " + std::string(before, ' ') + "^" +
               std::string(width > 1 ? width - 1 : 0, '~') + "\n";
      }
    }
  }
};

nlohmann::ordered_json FindingJson(const Diagnostic& d) {
  nlohmann::ordered_json f;
  f["file"] = d.where.file;
  f["line"] = d.where.line;
  f["column"] = d.where.column;
  f["severity"] = SeverityName(d.severity);
  f["check"] = d.check;
  f["unit"] = d.unit_id;
  f["segment"] = d.segment_id;
  f["message"] = d.message;
  f["source"] = d.source;
  f["target"] = d.target;
  if (d.mark_begin >= 0) f["mark"] = {{"begin", d.mark_begin}, {"end", d.mark_end}};
  return f;
}

nlohmann::ordered_json JsonSkeleton() {
  nlohmann::ordered_json root;
  root["version"] = 1;
  root["tool"] = std::string("l10n ") + kVersion;
  root["findings"] = nlohmann::ordered_json::array();
  return root;
}

// {"version", "tool", "findings": [...]}: the findings stand four spaces in.
class JsonReport : public JsonArrayReport {
 public:
  JsonReport() : JsonArrayReport(DumpJson(JsonSkeleton()), "findings", 4) {}
  void File(std::string& out, const std::string&, const std::vector<Diagnostic>& findings,
            const std::vector<std::string>&) override {
    for (const Diagnostic& d : findings) AddElement(out, FindingJson(d));
  }
};

std::string SarifLevel(Severity severity) {
  return severity == Severity::kError     ? "error"
         : severity == Severity::kWarning ? "warning"
                                          : "note";
}

nlohmann::ordered_json SarifSkeleton() {
  nlohmann::ordered_json rules = nlohmann::ordered_json::array();
  for (const CheckInfo& info : kCatalog) {
    rules.push_back({{"id", info.id},
                     {"shortDescription", {{"text", info.description}}},
                     {"defaultConfiguration", {{"level", SarifLevel(info.severity)}}}});
  }
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs",
           nlohmann::ordered_json::array({{{"tool",
                                            {{"driver",
                                              {{"name", "l10n"},
                                               {"version", kVersion},
                                               {"informationUri", "https://example.invalid/l10n"},
                                               {"rules", rules}}}}},
                                           {"results", nlohmann::ordered_json::array()}}})}};
}

// SARIF 2.1.0 with one run: its results stand eight spaces in.
class SarifReport : public JsonArrayReport {
 public:
  SarifReport() : JsonArrayReport(DumpJson(SarifSkeleton()), "results", 8) {}
  void File(std::string& out, const std::string&, const std::vector<Diagnostic>& findings,
            const std::vector<std::string>&) override {
    for (const Diagnostic& d : findings) {
      nlohmann::ordered_json region;
      if (d.where.line > 0) region["startLine"] = d.where.line;
      if (d.where.column > 0) region["startColumn"] = d.where.column;
      nlohmann::ordered_json physical = {{"artifactLocation", {{"uri", d.where.file}}}};
      if (!region.empty()) physical["region"] = region;
      const std::string about =
          d.unit_id.empty() ? ""
                            : "unit " + d.unit_id +
                                  (d.segment_id.empty() ? "" : " segment " + d.segment_id) + ": ";
      AddElement(
          out, {{"ruleId", d.check},
                {"level", SarifLevel(d.severity)},
                {"message", {{"text", about + d.message}}},
                {"locations", nlohmann::ordered_json::array({{{"physicalLocation", physical}}})}});
    }
  }
};

// JUnit XML: a test suite per file, a test case per unit and check, failed by the findings of
// that check on that unit.
class JunitReport : public ReportWriter {
 public:
  void Begin(std::string& out) override {
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"l10n check\">\n";
  }
  void File(std::string& out, const std::string& file, const std::vector<Diagnostic>& findings,
            const std::vector<std::string>& units) override {
    std::map<std::pair<std::string_view, std::string_view>, std::vector<const Diagnostic*>> by_case;
    for (const Diagnostic& d : findings) {
      if (d.where.file == file && d.severity != Severity::kInfo)
        by_case[{d.unit_id, d.check}].push_back(&d);
    }
    std::size_t tests = 0, failures = 0;
    std::string cases;
    const std::string classname_prefix = file + "#";
    for (const std::string& unit : units) {
      const std::string classname = EscapeXml(classname_prefix + unit, true);
      for (const CheckInfo& info : kCatalog) {
        ++tests;
        cases += "    <testcase classname=\"" + classname + "\" name=\"" + info.id + "\"";
        auto it = by_case.find({unit, info.id});
        if (it == by_case.end()) {
          cases += "/>\n";
          continue;
        }
        ++failures;
        std::string text;
        for (const Diagnostic* d : it->second) text += FormatDiagnostic(*d) + "\n";
        cases += ">\n      <failure message=\"" + EscapeXml(it->second.front()->message, true) +
                 "\" type=\"" + SeverityName(it->second.front()->severity) + "\">" +
                 EscapeXml(text, false) + "</failure>\n    </testcase>\n";
      }
    }
    out += "  <testsuite name=\"" + EscapeXml(file, true) + "\" tests=\"" + std::to_string(tests) +
           "\" failures=\"" + std::to_string(failures) + "\">\n" + cases + "  </testsuite>\n";
  }
  void End(std::string& out) override { out += "</testsuites>\n"; }
  bool ListsUnits() const override { return true; }
};

// The whole report of `findings` of one file (or of no file in particular).
std::string WholeReport(ReportWriter& writer, const std::vector<Diagnostic>& findings) {
  std::string out;
  writer.Begin(out);
  writer.File(out, std::string(), findings, {});
  writer.End(out);
  return out;
}

}  // namespace

std::unique_ptr<ReportWriter> ReportWriter::Make(std::string_view format) {
  if (format == "json") return std::make_unique<JsonReport>();
  if (format == "sarif") return std::make_unique<SarifReport>();
  if (format == "junit") return std::make_unique<JunitReport>();
  return std::make_unique<TextReport>();
}

std::string FormatText(const std::vector<Diagnostic>& findings) {
  TextReport writer;
  return WholeReport(writer, findings);
}

std::string FormatJson(const std::vector<Diagnostic>& findings) {
  JsonReport writer;
  return WholeReport(writer, findings);
}

std::string FormatSarif(const std::vector<Diagnostic>& findings) {
  SarifReport writer;
  return WholeReport(writer, findings);
}

std::string FormatJunit(const std::vector<Diagnostic>& findings,
                        const std::vector<std::string>& files,
                        const std::map<std::string, std::vector<std::string>>& units_by_file) {
  JunitReport writer;
  std::string out;
  writer.Begin(out);
  const std::vector<std::string> no_units;
  for (const std::string& file : files) {
    auto units = units_by_file.find(file);
    writer.File(out, file, findings, units != units_by_file.end() ? units->second : no_units);
  }
  writer.End(out);
  return out;
}

}  // namespace l10n
