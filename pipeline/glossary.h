// The terminology glossary: TBX reading (TBX v3 TBX-Basic and TBX v2
// martif, elements matched by local name), writing (TBX-Basic), CSV/TSV
// import, and term matching that works for real languages.
#ifndef L10N_PIPELINE_GLOSSARY_H_
#define L10N_PIPELINE_GLOSSARY_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/diagnostics.h"
#include "pipeline/status.h"
#include "pipeline/text.h"

namespace l10n {

enum class TermStatus { kPreferred, kAdmitted, kDeprecated, kSuperseded };
std::string_view TermStatusName(TermStatus status);  // TBX value, e.g. "preferredTerm-admn-sts"

struct Term {
  std::string text;
  TermStatus status = TermStatus::kAdmitted;
  std::string part_of_speech;
  std::string term_type;
  Location where;
};

struct Concept {
  std::string id;
  std::string definition;
  std::string part_of_speech;
  bool do_not_translate = false;                   // concept-level <note>do-not-translate</note>
  std::map<std::string, std::vector<Term>> terms;  // by language tag
  Location where;

  // The preferred term in `language` (the first one), or nullptr.
  const Term* Preferred(const std::string& language) const;
};

struct Glossary {
  std::string source_language = "en";
  std::vector<Concept> concepts;
};

// Reads TBX v3 (<tbx>) or v2 (<martif>). Structural errors are returned;
// value problems (unknown administrative status...) go to `problems`.
Result<Glossary> ReadTbx(std::string_view bytes, const std::string& file,
                         std::vector<Diagnostic>* problems = nullptr);
Result<Glossary> ReadTbxFile(const std::string& path, std::vector<Diagnostic>* problems = nullptr);

// TBX-Basic (TBX v3, DCA style), deterministic.
std::string WriteTbx(const Glossary& glossary);

// CSV or TSV (by the first line's separator) with a header naming at least
// concept, lang, term; optional: status (preferred/admitted/deprecated/
// superseded), part_of_speech, definition, note (do-not-translate).
Result<Glossary> ImportTermTable(std::string_view text, const std::string& file);

// Content checks of `l10n glossary check`: a preferred term per concept in
// every locale, one preferred per language, a term in two concepts, NFC and
// white space, and (info) terms never seen in `source_texts`.
std::vector<Diagnostic> CheckGlossary(const Glossary& glossary, const std::string& file,
                                      const std::vector<std::string>& locales,
                                      const std::vector<std::string>& source_texts);

// A found occurrence of a glossary term in a text.
struct TermHit {
  std::size_t concept_index;
  const Term* term;
  std::size_t begin;  // byte offsets in the original text
  std::size_t end;
};

// Finds every glossary term of one language in texts, with one automaton
// over all terms: ICU case folding and NFC, whole words by ICU word breaks,
// French/Italian elision ("d'hyperhidrose"), Snowball stemming where the
// language has a stemmer, and normalized substring matching for languages
// written without spaces (Japanese, Chinese, Thai). A matcher remembers the stems of the words
// it has seen, so even its const members are for one thread at a time: give each thread its own.
class TermMatcher {
 public:
  TermMatcher(const Glossary& glossary, const std::string& language);
  ~TermMatcher();
  TermMatcher(TermMatcher&&) noexcept;
  TermMatcher& operator=(TermMatcher&&) noexcept;

  std::vector<TermHit> Find(std::string_view text) const;
  // The same for `text` already broken into words by an ICU word iterator for the matcher's
  // language (BreakWords), so that other searches of the same text share the breaks.
  std::vector<TermHit> Find(std::string_view text, const WordBreaks& breaks) const;
  bool empty() const;

  // The text as the matcher compares it (NFKC case folded; Arabic without
  // diacritics), and the matching keys (stems) of its words.
  std::string Normalized(std::string_view text) const;
  std::vector<std::string> WordKeys(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace l10n

#endif  // L10N_PIPELINE_GLOSSARY_H_
