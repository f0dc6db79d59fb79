#include "pipeline/glossary.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "pipeline/file_io.h"
#include "pipeline/locale.h"
#include "pipeline/text.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

constexpr std::string_view kPartsOfSpeech[] = {"noun",   "verb",       "adjective",
                                               "adverb", "properNoun", "other"};
constexpr std::string_view kTermTypes[] = {"fullForm",  "acronym", "abbreviation",
                                           "shortForm", "variant", "phrase"};

std::optional<TermStatus> ParseStatus(std::string_view value) {
  if (value == "preferredTerm-admn-sts" || value == "preferred") return TermStatus::kPreferred;
  if (value == "admittedTerm-admn-sts" || value == "admitted") return TermStatus::kAdmitted;
  if (value == "deprecatedTerm-admn-sts" || value == "deprecated") return TermStatus::kDeprecated;
  if (value == "supersededTerm-admn-sts" || value == "superseded") return TermStatus::kSuperseded;
  return std::nullopt;
}

template <typename Visit>
void ForEachDescendant(const pugi::xml_node& node, std::string_view local, Visit visit) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (LocalName(child.name()) == local) {
      visit(child);
    } else {
      ForEachDescendant(child, local, visit);
    }
  }
}

std::string Trimmed(std::string_view text) { return CollapseWhitespace(text); }

}  // namespace

std::string_view TermStatusName(TermStatus status) {
  switch (status) {
    case TermStatus::kPreferred:
      return "preferredTerm-admn-sts";
    case TermStatus::kAdmitted:
      return "admittedTerm-admn-sts";
    case TermStatus::kDeprecated:
      return "deprecatedTerm-admn-sts";
    case TermStatus::kSuperseded:
      return "supersededTerm-admn-sts";
  }
  return "admittedTerm-admn-sts";
}

const Term* Concept::Preferred(const std::string& language) const {
  auto it = terms.find(language);
  if (it == terms.end()) return nullptr;
  for (const Term& term : it->second) {
    if (term.status == TermStatus::kPreferred) return &term;
  }
  return nullptr;
}

Result<Glossary> ReadTbx(std::string_view bytes, const std::string& file,
                         std::vector<Diagnostic>* problems) {
  Result<XmlDocument> xml = ParseXml(bytes, file);
  if (!xml.ok()) return xml.status();
  std::vector<Diagnostic> ignored;
  if (problems == nullptr) problems = &ignored;
  auto problem = [&](const pugi::xml_node& node, Severity severity, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.check = "glossary";
    d.where = xml->Locate(node);
    d.message = std::move(message);
    problems->push_back(std::move(d));
  };
  pugi::xml_node root = xml->root();
  const std::string_view root_name = LocalName(root.name());
  const bool v3 = root_name == "tbx";
  if (!v3 && root_name != "martif") {
    return Status::Corrupt("root element is <" + std::string(root.name()) +
                               ">, not <tbx> (TBX v3) or <martif> (TBX v2)",
                           xml->Locate(root));
  }
  Glossary glossary;
  if (std::optional<std::string> lang = AttributeByLocalName(root, "lang"))
    glossary.source_language = *lang;
  pugi::xml_node text = ChildByLocalName(root, "text");
  pugi::xml_node body = ChildByLocalName(text, "body");
  if (!body)
    return Status::Corrupt("<" + std::string(root_name) + "> has no <text><body>",
                           xml->Locate(root));
  std::set<std::string> ids;
  for (pugi::xml_node entry : body.children()) {
    const std::string_view entry_name = LocalName(entry.name());
    if (entry.type() != pugi::node_element) continue;
    if (entry_name != "conceptEntry" && entry_name != "termEntry") {
      problem(entry, Severity::kError,
              "<" + std::string(entry.name()) +
                  "> cannot stand in <body>; only conceptEntry (v3) or termEntry (v2)");
      continue;
    }
    Concept item;
    item.id = entry.attribute("id").value();
    item.where = xml->Locate(entry);
    if (item.id.empty())
      problem(entry, Severity::kError, "concept entry has no id");
    else if (!ids.insert(item.id).second)
      problem(entry, Severity::kError, "duplicate concept id \"" + item.id + "\"");
    for (pugi::xml_node child : entry.children()) {
      const std::string_view name = LocalName(child.name());
      if (name == "note" && Trimmed(child.text().get()) == "do-not-translate")
        item.do_not_translate = true;
    }
    ForEachDescendant(entry, "descrip", [&](const pugi::xml_node& descrip) {
      if (std::string_view(descrip.attribute("type").value()) != "definition") return;
      const pugi::xml_node lang_parent = descrip.parent();
      std::optional<std::string> lang = AttributeByLocalName(
          LocalName(lang_parent.name()) == "descripGrp" ? lang_parent.parent() : lang_parent,
          "lang");
      if (item.definition.empty() || (lang && *lang == glossary.source_language)) {
        item.definition = Trimmed(descrip.text().get());
      }
    });
    bool any_language = false;
    for (pugi::xml_node lang_sec : entry.children()) {
      const std::string_view lang_name = LocalName(lang_sec.name());
      if (lang_name != "langSec" && lang_name != "langSet") continue;
      any_language = true;
      std::optional<std::string> lang = AttributeByLocalName(lang_sec, "lang");
      if (!lang || lang->empty()) {
        problem(lang_sec, Severity::kError, "<" + std::string(lang_name) + "> has no xml:lang");
        continue;
      }
      std::vector<Term>& terms = item.terms[*lang];
      for (pugi::xml_node term_sec : lang_sec.children()) {
        const std::string_view sec_name = LocalName(term_sec.name());
        if (sec_name != "termSec" && sec_name != "tig" && sec_name != "ntig") continue;
        Term term;
        term.where = xml->Locate(term_sec);
        pugi::xml_node term_node;
        ForEachDescendant(term_sec, "term", [&](const pugi::xml_node& n) {
          if (!term_node) term_node = n;
        });
        if (!term_node) {
          problem(term_sec, Severity::kError, "<" + std::string(sec_name) + "> has no <term>");
          continue;
        }
        term.text = term_node.text().get();
        bool has_status = false;
        ForEachDescendant(term_sec, "termNote", [&](const pugi::xml_node& note) {
          const std::string_view type = note.attribute("type").value();
          const std::string value = Trimmed(note.text().get());
          if (type == "administrativeStatus") {
            has_status = true;
            if (std::optional<TermStatus> status = ParseStatus(value)) {
              term.status = *status;
            } else {
              problem(
                  note, Severity::kError,
                  "administrativeStatus \"" + value +
                      "\" is not a TBX-Basic value (preferredTerm-admn-sts, admittedTerm-admn-sts, "
                      "deprecatedTerm-admn-sts, supersededTerm-admn-sts)");
            }
          } else if (type == "partOfSpeech") {
            term.part_of_speech = value;
            if (std::find(std::begin(kPartsOfSpeech), std::end(kPartsOfSpeech), value) ==
                std::end(kPartsOfSpeech)) {
              problem(note, Severity::kError,
                      "partOfSpeech \"" + value +
                          "\" is not a TBX-Basic value (noun, verb, adjective, adverb, properNoun, "
                          "other)");
            }
          } else if (type == "termType") {
            term.term_type = value;
            if (std::find(std::begin(kTermTypes), std::end(kTermTypes), value) ==
                std::end(kTermTypes)) {
              problem(note, Severity::kError,
                      "termType \"" + value +
                          "\" is not a TBX-Basic value (fullForm, acronym, abbreviation, "
                          "shortForm, variant, phrase)");
            }
          } else if (v3 && LocalName(note.parent().name()) == "langSec") {
            problem(note, Severity::kError,
                    "termNote cannot stand in langSec; move it into termSec");
          }
        });
        if (!has_status) term.status = TermStatus::kAdmitted;
        if (item.part_of_speech.empty()) item.part_of_speech = term.part_of_speech;
        terms.push_back(std::move(term));
      }
    }
    if (!any_language)
      problem(entry, Severity::kError, "concept \"" + item.id + "\" has no language section");
    glossary.concepts.push_back(std::move(item));
  }
  return glossary;
}

Result<Glossary> ReadTbxFile(const std::string& path, std::vector<Diagnostic>* problems) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ReadTbx(*bytes, path, problems);
}

std::string WriteTbx(const Glossary& glossary) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"" +
      EscapeXml(glossary.source_language, true) +
      "\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n  <tbxHeader>\n    <fileDesc>\n      "
      "<sourceDesc>\n"
      "        <p>Written by l10n</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  "
      "<text>\n    <body>\n";
  for (const Concept& entry : glossary.concepts) {
    out += "      <conceptEntry id=\"" + EscapeXml(entry.id, true) + "\">\n";
    if (entry.do_not_translate) out += "        <note>do-not-translate</note>\n";
    std::vector<std::string> languages;
    for (const auto& [lang, terms] : entry.terms) languages.push_back(lang);
    // The source language first, then the others in code order.
    std::stable_partition(languages.begin(), languages.end(),
                          [&](const std::string& l) { return l == glossary.source_language; });
    for (const std::string& lang : languages) {
      out += "        <langSec xml:lang=\"" + EscapeXml(lang, true) + "\">\n";
      if (lang == glossary.source_language && !entry.definition.empty()) {
        out += "          <descrip type=\"definition\">" + EscapeXml(entry.definition, false) +
               "</descrip>\n";
      }
      for (const Term& term : entry.terms.at(lang)) {
        out +=
            "          <termSec>\n            <term>" + EscapeXml(term.text, false) + "</term>\n";
        const std::string& pos =
            term.part_of_speech.empty() ? entry.part_of_speech : term.part_of_speech;
        if (!pos.empty())
          out += "            <termNote type=\"partOfSpeech\">" + EscapeXml(pos, false) +
                 "</termNote>\n";
        if (!term.term_type.empty())
          out += "            <termNote type=\"termType\">" + EscapeXml(term.term_type, false) +
                 "</termNote>\n";
        out += "            <termNote type=\"administrativeStatus\">" +
               std::string(TermStatusName(term.status)) + "</termNote>\n";
        out += "          </termSec>\n";
      }
      out += "        </langSec>\n";
    }
    out += "      </conceptEntry>\n";
  }
  out += "    </body>\n  </text>\n</tbx>\n";
  return out;
}

namespace {

std::vector<std::string> SplitRow(std::string_view line, char separator, bool* ok) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  *ok = true;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == separator) {
      fields.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) *ok = false;
  fields.push_back(field);
  return fields;
}

}  // namespace

Result<Glossary> ImportTermTable(std::string_view text, const std::string& file) {
  Result<std::string> decoded = DecodeXmlText(text, file);  // BOM and UTF-8 checks
  if (!decoded.ok()) return decoded.status();
  std::string_view rest = *decoded;
  std::vector<std::string_view> lines;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    lines.push_back(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  if (lines.empty())
    return Status::InvalidArgument("empty term table; the first line names the columns",
                                   Location{file, 1, 1});
  const char separator = lines[0].find('\t') != std::string_view::npos ? '\t' : ',';
  bool ok = true;
  std::vector<std::string> header = SplitRow(lines[0], separator, &ok);
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[CollapseWhitespace(header[i])] = i;
  for (const char* required : {"concept", "lang", "term"}) {
    if (!column.count(required)) {
      return Status::InvalidArgument(
          std::string("the header has no \"") + required +
              "\" column; columns: entry, lang, term, status, part_of_speech, definition, note",
          Location{file, 1, 1});
    }
  }
  Glossary glossary;
  std::map<std::string, std::size_t> index;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    if (IsBlank(lines[n])) continue;
    const int line = static_cast<int>(n + 1);
    std::vector<std::string> row = SplitRow(lines[n], separator, &ok);
    if (!ok) return Status::InvalidArgument("unclosed quote", Location{file, line, 1});
    auto get = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it == column.end() || it->second >= row.size()
                 ? std::string()
                 : Nfc(CollapseWhitespace(row[it->second]));
    };
    const std::string id = get("concept");
    const std::string lang = get("lang");
    const std::string term_text = get("term");
    if (id.empty() || lang.empty() || term_text.empty()) {
      return Status::InvalidArgument("concept, lang and term must all be filled in",
                                     Location{file, line, 1});
    }
    if (Status s = ValidateLocaleTag(lang); !s.ok())
      return Status::InvalidArgument(s.message(), Location{file, line, 1});
    auto [it, inserted] = index.emplace(id, glossary.concepts.size());
    if (inserted) {
      Concept entry;
      entry.id = id;
      glossary.concepts.push_back(std::move(entry));
    }
    Concept& entry = glossary.concepts[it->second];
    if (entry.definition.empty()) entry.definition = get("definition");
    if (get("note") == "do-not-translate") entry.do_not_translate = true;
    Term term;
    term.text = term_text;
    term.part_of_speech = get("part_of_speech");
    if (entry.part_of_speech.empty()) entry.part_of_speech = term.part_of_speech;
    const std::string status = get("status");
    if (status.empty()) {
      term.status = TermStatus::kPreferred;
    } else if (std::optional<TermStatus> parsed = ParseStatus(status)) {
      term.status = *parsed;
    } else {
      return Status::InvalidArgument(
          "status \"" + status + "\" is not one of preferred, admitted, deprecated, superseded",
          Location{file, line, 1});
    }
    entry.terms[lang].push_back(std::move(term));
  }
  return glossary;
}

std::vector<Diagnostic> CheckGlossary(const Glossary& glossary, const std::string& file,
                                      const std::vector<std::string>& locales,
                                      const std::vector<std::string>& source_texts) {
  std::vector<Diagnostic> out;
  auto add = [&](Severity severity, const Location& where, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.check = "glossary";
    d.where = where.file.empty() ? Location{file} : where;
    d.message = std::move(message);
    out.push_back(std::move(d));
  };
  std::vector<std::string> languages = {glossary.source_language};
  for (const std::string& l : locales) {
    if (l != kPseudoLocale) languages.push_back(l);
  }
  std::map<std::pair<std::string, std::string>, std::string> seen;  // (lang, folded term) -> entry
  TermMatcher source_matcher(glossary, glossary.source_language);
  std::set<std::size_t> used;
  for (const std::string& text : source_texts) {
    for (const TermHit& hit : source_matcher.Find(text)) used.insert(hit.concept_index);
  }
  for (std::size_t c = 0; c < glossary.concepts.size(); ++c) {
    const Concept& entry = glossary.concepts[c];
    if (entry.definition.empty() && !entry.do_not_translate) {
      add(Severity::kWarning, entry.where, "concept \"" + entry.id + "\" has no definition");
    }
    for (const std::string& lang : languages) {
      // A do-not-translate name is the same in every language.
      if (entry.do_not_translate && lang != glossary.source_language) continue;
      auto it = entry.terms.find(lang);
      int preferred = 0;
      if (it != entry.terms.end()) {
        for (const Term& t : it->second) preferred += t.status == TermStatus::kPreferred;
      }
      if (preferred == 0) {
        add(Severity::kError, entry.where,
            "concept \"" + entry.id + "\" has no preferred term in " + lang + " (a gap to fill)");
      } else if (preferred > 1) {
        add(Severity::kError, entry.where,
            "concept \"" + entry.id + "\" has " + std::to_string(preferred) +
                " preferred terms in " + lang + "; keep one, make the others admitted");
      }
    }
    for (const auto& [lang, terms] : entry.terms) {
      for (const Term& term : terms) {
        if (term.text != Nfc(term.text))
          add(Severity::kError, term.where, "term \"" + term.text + "\" is not in Unicode NFC");
        if (term.text != CollapseWhitespace(term.text)) {
          add(Severity::kError, term.where,
              "term \"" + term.text + "\" has leading, trailing or doubled white space");
        }
        if (term.status == TermStatus::kDeprecated || term.status == TermStatus::kSuperseded)
          continue;
        auto [where, inserted] = seen.emplace(std::make_pair(lang, FoldCase(term.text)), entry.id);
        if (!inserted && where->second != entry.id) {
          add(Severity::kWarning, term.where,
              lang + " term \"" + term.text + "\" stands in two concepts: \"" + where->second +
                  "\" and \"" + entry.id + "\"");
        }
      }
    }
    if (!source_texts.empty() && !used.count(c)) {
      add(Severity::kInfo, entry.where,
          "concept \"" + entry.id + "\" is never used in the source documents");
    }
  }
  return out;
}

// ---------------- matching ----------------

namespace {

// Aho-Corasick over integer symbols.
class Automaton {
 public:
  Automaton() : nodes_(1) {}

  void Add(const std::vector<int>& pattern, int output) {
    int node = 0;
    for (int symbol : pattern) {
      auto it = nodes_[node].next.find(symbol);
      if (it == nodes_[node].next.end()) {
        nodes_.emplace_back();
        const int created = static_cast<int>(nodes_.size()) - 1;
        nodes_[node].next[symbol] = created;
        node = created;
      } else {
        node = it->second;
      }
    }
    nodes_[node].outputs.push_back({output, static_cast<int>(pattern.size())});
  }

  void Build() {
    std::deque<int> queue;
    for (auto& [symbol, child] : nodes_[0].next) {
      nodes_[child].fail = 0;
      queue.push_back(child);
    }
    while (!queue.empty()) {
      const int node = queue.front();
      queue.pop_front();
      for (auto& [symbol, child] : nodes_[node].next) {
        int f = nodes_[node].fail;
        while (f > 0 && !nodes_[f].next.count(symbol)) f = nodes_[f].fail;
        auto it = nodes_[f].next.find(symbol);
        nodes_[child].fail = (it != nodes_[f].next.end() && it->second != child) ? it->second : 0;
        for (const auto& o : nodes_[nodes_[child].fail].outputs) nodes_[child].outputs.push_back(o);
        queue.push_back(child);
      }
    }
  }

  // Calls found(output, first_symbol, last_symbol) for every match.
  template <typename Found>
  void Scan(const std::vector<int>& text, Found found) const {
    int node = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const int symbol = text[i];
      if (symbol < 0) {
        node = 0;
        continue;
      }
      while (node > 0 && !nodes_[node].next.count(symbol)) node = nodes_[node].fail;
      auto it = nodes_[node].next.find(symbol);
      node = it == nodes_[node].next.end() ? 0 : it->second;
      for (const auto& [output, length] : nodes_[node].outputs)
        found(output, i + 1 - static_cast<std::size_t>(length), i);
    }
  }

  bool empty() const { return nodes_.size() == 1; }

 private:
  struct Node {
    std::map<int, int> next;
    int fail = 0;
    std::vector<std::pair<int, int>> outputs;
  };
  std::vector<Node> nodes_;
};

const char* StemmerFor(const std::string& language) {
  static const std::map<std::string, const char*> kStemmers = {
      {"en", "english"},    {"es", "spanish"}, {"fr", "french"},   {"de", "german"},
      {"pt", "portuguese"}, {"it", "italian"}, {"nl", "dutch"},    {"ar", "arabic"},
      {"ru", "russian"},    {"sv", "swedish"}, {"da", "danish"},   {"no", "norwegian"},
      {"fi", "finnish"},    {"tr", "turkish"}, {"ro", "romanian"}, {"hu", "hungarian"},
      {"ca", "catalan"},    {"el", "greek"}};
  auto it = kStemmers.find(language);
  return it == kStemmers.end() ? nullptr : it->second;
}

// English glossary terms are matched with plural and possessive endings
// folded only: full stemming would make "microneedles" the technique
// "microneedling" and "dermatological" the discipline "dermatology".
std::string EnglishPlural(std::string word) {
  auto ends = [&](std::string_view suffix) {
    return word.size() > suffix.size() + 2 &&
           word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("'s") || ends("’s")) word.erase(word.size() - (ends("'s") ? 2 : 4));
  if (ends("ies")) return word.substr(0, word.size() - 3) + "y";
  if (ends("sses") || ends("shes") || ends("ches") || ends("xes"))
    return word.substr(0, word.size() - 2);
  if (ends("s") && !ends("ss") && !ends("is") && !ends("us"))
    return word.substr(0, word.size() - 1);
  return word;
}

bool IsArabicDiacritic(UChar32 c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

}  // namespace

struct TermMatcher::Impl {
  std::string language;
  bool spaceless = false;
  bool elision = false;
  sb_stemmer* stemmer = nullptr;
  const icu::Normalizer2* fold = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  std::map<std::string, int> symbols;  // stem -> symbol id (space languages)
  // Text side: the symbol of each word as written, once stemmed; stemming (normalization, UTF-16
  // to UTF-8 and Snowball) is most of the cost of a search.
  TextMemo<int> word_symbols;
  // Languages without spaces: each character's normalization, as its symbols (UTF-16 units).
  Memo<UChar32, std::u16string> char_symbols;
  Automaton automaton;
  std::vector<std::pair<std::size_t, const Term*>> outputs;  // entry index, term

  ~Impl() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }

  icu::UnicodeString Normalize(const icu::UnicodeString& in) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = fold->normalize(in, status);
    if (language == "ar") {
      icu::UnicodeString cleaned;
      for (int32_t i = 0; i < out.length();) {
        UChar32 c = out.char32At(i);
        i += U16_LENGTH(c);
        if (IsArabicDiacritic(c)) continue;
        if (c == 0x0623 || c == 0x0625 || c == 0x0622) c = 0x0627;  // hamza forms of alef
        cleaned.append(c);
      }
      out = cleaned;
    }
    return out;
  }

  std::string Stem(const icu::UnicodeString& word) const {
    icu::UnicodeString w = Normalize(word);
    if (elision) {
      const int32_t apostrophe = std::max(w.lastIndexOf(static_cast<UChar>(0x27)),
                                          w.lastIndexOf(static_cast<UChar>(0x2019)));
      if (apostrophe > 0 && apostrophe <= 6 && apostrophe + 1 < w.length())
        w.remove(0, apostrophe + 1);
    }
    std::string utf8 = ToUtf8(w);
    if (language == "en") return EnglishPlural(utf8);
    if (stemmer == nullptr) return utf8;
    const sb_symbol* stemmed = sb_stemmer_stem(
        stemmer, reinterpret_cast<const sb_symbol*>(utf8.data()), static_cast<int>(utf8.size()));
    if (stemmed == nullptr) return utf8;
    std::string stem(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer)));
    // Spanish and Portuguese write z as c before e: "cicatriz"/"cicatrices".
    if ((language == "es" || language == "pt") && !stem.empty() && stem.back() == 'z')
      stem.back() = 'c';
    return stem;
  }

  // The normalization of the character `c` (languages without spaces match by character).
  const std::u16string& CharSymbols(UChar32 c) {
    return char_symbols.Get(c, [&] {
      const icu::UnicodeString normalized = Normalize(icu::UnicodeString(c));
      return std::u16string(normalized.getBuffer(), static_cast<std::size_t>(normalized.length()));
    });
  }

  // The symbol of a pattern's stem, new or not.
  int AddSymbol(const std::string& stem) {
    return symbols.try_emplace(stem, static_cast<int>(symbols.size())).first->second;
  }

  // The symbol of the word u[start, end) (`written` in UTF-8), or -1 when no pattern has it.
  int KnownSymbol(const icu::UnicodeString& u, int32_t start, int32_t end,
                  std::string_view written) {
    return word_symbols.Get(written, [&] {
      auto it = symbols.find(Stem(u.tempSubStringBetween(start, end)));
      return it == symbols.end() ? -1 : it->second;
    });
  }

  // Symbols of `text`, broken into `breaks`, with the byte range each covers. Unknown words
  // become -1 when `add` is false (text side), and are added otherwise (pattern side).
  void Symbols(std::string_view text, const WordBreaks& breaks, bool add, std::vector<int>& out,
               std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
    const icu::UnicodeString& u = breaks.text;
    if (spaceless) {
      for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        const int32_t n = U16_LENGTH(c);
        if (u_isUWhiteSpace(c)) {
          i += n;
          continue;  // spaces do not separate terms in these languages
        }
        for (const char16_t unit : CharSymbols(c)) {
          out.push_back(unit);
          ranges.emplace_back(breaks.Byte(i), breaks.Byte(i + n));
        }
        i += n;
      }
      return;
    }
    for (const WordBreaks::Piece& piece : breaks.pieces) {
      const int32_t start = piece.start;
      const int32_t end = piece.end;
      if (piece.status == UBRK_WORD_NONE) {
        // Punctuation ends a term; white space does not.
        // Hyphens join the parts of a term ("micro-injuries") as spaces do.
        bool blank = true;
        for (int32_t k = start; k < end; ++k) {
          const UChar c = u.charAt(k);
          blank &= u_isUWhiteSpace(c) != 0 || c == '-' || c == 0x2010 || c == 0x2011;
        }
        if (!blank && !add) {
          out.push_back(-1);
          ranges.emplace_back(breaks.Byte(start), breaks.Byte(end));
        }
        continue;
      }
      const int32_t word_end = breaks.WordEnd(piece);
      out.push_back(add ? AddSymbol(Stem(u.tempSubStringBetween(start, word_end)))
                        : KnownSymbol(u, start, word_end,
                                      text.substr(breaks.Byte(start),
                                                  breaks.Byte(word_end) - breaks.Byte(start))));
      ranges.emplace_back(breaks.Byte(start), breaks.Byte(word_end));
    }
  }
};

TermMatcher::TermMatcher(const Glossary& glossary, const std::string& language)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = icu::Locale::forLanguageTag(language, status);
  m.language = locale.getLanguage();
  m.spaceless = WritesWithoutSpaces(language);
  m.elision = m.language == "fr" || m.language == "it" || m.language == "ca";
  if (const char* algorithm = StemmerFor(m.language))
    m.stemmer = sb_stemmer_new(algorithm, "UTF_8");
  m.fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  m.words.reset(icu::BreakIterator::createWordInstance(locale, status));
  WordBreaks breaks;
  for (std::size_t c = 0; c < glossary.concepts.size(); ++c) {
    auto it = glossary.concepts[c].terms.find(language);
    if (it == glossary.concepts[c].terms.end()) continue;
    for (const Term& term : it->second) {
      std::vector<int> pattern;
      std::vector<std::pair<std::size_t, std::size_t>> ranges;
      BreakWords(m.spaceless ? nullptr : m.words.get(), term.text, breaks);
      m.Symbols(term.text, breaks, true, pattern, ranges);
      if (pattern.empty()) continue;
      m.automaton.Add(pattern, static_cast<int>(m.outputs.size()));
      m.outputs.emplace_back(c, &term);
    }
  }
  m.automaton.Build();
}

TermMatcher::~TermMatcher() = default;
TermMatcher::TermMatcher(TermMatcher&&) noexcept = default;
TermMatcher& TermMatcher::operator=(TermMatcher&&) noexcept = default;

bool TermMatcher::empty() const { return impl_->automaton.empty(); }

std::string TermMatcher::Normalized(std::string_view text) const {
  return ToUtf8(impl_->Normalize(FromUtf8(text)));
}

std::vector<std::string> TermMatcher::WordKeys(std::string_view text) const {
  std::vector<std::string> keys;
  if (impl_->spaceless) {
    keys.push_back(Normalized(text));
    return keys;
  }
  WordBreaks breaks;
  BreakWords(impl_->words.get(), text, breaks);
  for (const WordBreaks::Piece& piece : breaks.pieces) {
    if (piece.status == UBRK_WORD_NONE) continue;
    keys.push_back(
        impl_->Stem(breaks.text.tempSubStringBetween(piece.start, breaks.WordEnd(piece))));
  }
  return keys;
}

std::vector<TermHit> TermMatcher::Find(std::string_view text) const {
  WordBreaks breaks;
  BreakWords(impl_->spaceless ? nullptr : impl_->words.get(), text, breaks);
  return Find(text, breaks);
}

std::vector<TermHit> TermMatcher::Find(std::string_view text, const WordBreaks& breaks) const {
  std::vector<int> symbols;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  impl_->Symbols(text, breaks, false, symbols, ranges);
  std::vector<TermHit> hits;
  impl_->automaton.Scan(symbols, [&](int output, std::size_t first, std::size_t last) {
    const auto& [concept_index, term] = impl_->outputs[static_cast<std::size_t>(output)];
    hits.push_back({concept_index, term, ranges[first].first, ranges[last].second});
  });
  std::sort(hits.begin(), hits.end(), [](const TermHit& a, const TermHit& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return hits;
}

}  // namespace l10n
