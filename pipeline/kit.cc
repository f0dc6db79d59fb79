#include "pipeline/kit.h"

#include <map>

#include "pipeline/locale.h"
#include "pipeline/text.h"
#include "pipeline/tmx.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

std::string Readme(const KitOptions& options, const std::vector<KitDocument>& documents,
                   std::size_t memory_entries, std::size_t concepts) {
  std::string files;
  for (const KitDocument& d : documents)
    files += "  " + std::string(options.omegat ? "source/" : "") + d.name + ".xlf\n";
  return "Translation kit: English (en) to " + NativeDisplayName(options.locale) + " (" +
         options.locale +
         ")\n\n"
         "Files\n" +
         files + "  " + std::string(options.omegat ? "tm/" : "") + "memory.tmx    " +
         std::to_string(memory_entries) +
         " earlier translations that match what is left to translate (TMX 1.4b)\n"
         "  " +
         std::string(options.omegat ? "glossary/" : "") + "glossary.tbx  " +
         std::to_string(concepts) + " medical terms with the preferred " + options.locale +
         " term, admitted variants and terms not to use (TBX-Basic)\n\n"
         "How to work\n"
         "- XLIFF " +
         (options.omegat || options.xliff_version == "1.2" ? std::string("1.2")
                                                           : std::string("2.0")) +
         (options.omegat ? ". Open this folder as an OmegaT project (Project > Open); the targets "
                           "are pre-filled with the English text:\n"
                           "  overwrite each one. Project > Create Translated Documents writes the "
                           "files to hand back into target/.\n"
                         : ". Open the .xlf files in your XLIFF tool.\n") +
         "- Inline tags stand for links, emphasis and other markup: keep every tag exactly once, "
         "move it where your language\n"
         "  needs it. A missing or extra tag makes the sentence fall back to English on the page.\n"
         "- \"Zap Laser Center\" is a protected name: never translate or change it.\n"
         "- Numbers, percentages and measurements keep their values; write them as your language "
         "does.\n"
         "- Use the glossary's preferred terms; terms marked deprecated are wrong for this text.\n"
         "- Mark finished segments as translated (state \"translated\"; in XLIFF 1.2 "
         "\"translated\" or \"signed-off\").\n"
         "- Read the notes of each unit: they give the page section and explain unclear "
         "sentences.\n\n"
         "Hand back\n"
         "- Return the .xlf files under the same names. The content team runs\n"
         "    l10n kit --import FILE.xlf\n"
         "  which checks them against the current English text and reports anything that changed "
         "meanwhile.\n";
}

std::string OmegatProject(const std::string& source_locale, const std::string& locale) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<omegat>\n  <project "
         "version=\"1.0\">\n"
         "    <source_dir>__DEFAULT__</source_dir>\n    <source_dir_excludes>\n      "
         "<mask>**/.svn/**</mask>\n"
         "      <mask>**/.git/**</mask>\n    </source_dir_excludes>\n    "
         "<target_dir>__DEFAULT__</target_dir>\n"
         "    <tm_dir>__DEFAULT__</tm_dir>\n    <glossary_dir>__DEFAULT__</glossary_dir>\n"
         "    <glossary_file>__DEFAULT__</glossary_file>\n    "
         "<dictionary_dir>__DEFAULT__</dictionary_dir>\n"
         "    <source_lang>" +
         EscapeXml(source_locale, false) + "</source_lang>\n    <target_lang>" +
         EscapeXml(locale, false) +
         "</target_lang>\n    <sentence_seg>true</sentence_seg>\n    "
         "<support_default_translations>true</support_default_translations>\n"
         "    <remove_tags>false</remove_tags>\n  </project>\n</omegat>\n";
}

}  // namespace

Glossary GlossarySubset(const Glossary& glossary, const std::string& locale) {
  Glossary subset;
  subset.source_language = glossary.source_language;
  for (const Concept& c : glossary.concepts) {
    auto terms = c.terms.find(locale);
    auto source = c.terms.find(glossary.source_language);
    if ((terms == c.terms.end() && !c.do_not_translate) || source == c.terms.end()) continue;
    Concept copy = c;
    copy.terms.clear();
    copy.terms[glossary.source_language] = source->second;
    if (terms != c.terms.end()) copy.terms[locale] = terms->second;
    subset.concepts.push_back(std::move(copy));
  }
  return subset;
}

std::map<std::string, std::string> MakeKit(const ProjectConfig& config,
                                           const std::vector<KitDocument>& documents,
                                           const Glossary* glossary, const MemoryIndex* memory,
                                           const KitOptions& options) {
  std::map<std::string, std::string> files;
  WriteOptions write;
  write.version = options.omegat ? "1.2" : options.xliff_version;
  write.copy_source = write.version == "1.2";
  TranslationMemory tm;
  tm.source_locale = config.source_locale;
  tm.target_locale = options.locale;
  for (const KitDocument& d : documents) {
    files[(options.omegat ? "source/" : "") + d.name + ".xlf"] = WriteXliff(d.xliff, write);
    if (memory == nullptr) continue;
    std::vector<TmEntry> relevant;
    for (const Unit& unit : d.xliff.units) {
      for (const Segment& part : unit.parts) {
        if (!part.is_segment || (part.target && part.state >= State::kTranslated)) continue;
        Result<std::vector<MemoryMatch>> found = memory->Lookup(options.locale, part.source, 50, 3);
        if (!found.ok()) continue;
        for (const MemoryMatch& m : *found) relevant.push_back(m.entry);
      }
    }
    tm.Add(relevant);
  }
  files[std::string(options.omegat ? "tm/" : "") + "memory.tmx"] = WriteTmx(tm);
  std::size_t concepts = 0;
  if (glossary != nullptr) {
    Glossary subset = GlossarySubset(*glossary, options.locale);
    concepts = subset.concepts.size();
    files[std::string(options.omegat ? "glossary/" : "") + "glossary.tbx"] = WriteTbx(subset);
  }
  files["README.txt"] = Readme(options, documents, tm.entries.size(), concepts);
  if (options.omegat) {
    files["omegat.project"] = OmegatProject(config.source_locale, options.locale);
    files["target/.keep"] = "";
    files["dictionary/.keep"] = "";
  }
  return files;
}

XliffDocument ImportTranslations(const XliffDocument& current, const XliffDocument& returned,
                                 ImportStats* stats) {
  XliffDocument out = current;
  std::map<std::string, const Unit*> back;
  for (const Unit& unit : returned.units) back[unit.id] = &unit;
  std::map<std::string, bool> known;
  for (const Unit& unit : current.units) known[unit.id] = true;
  for (const Unit& unit : returned.units) {
    ++stats->units;
    if (!known.count(unit.id)) {
      ++stats->unknown;
      stats->messages.push_back("unit " + unit.id + " is not in the current document; skipped");
    }
  }
  for (Unit& unit : out.units) {
    auto it = back.find(unit.id);
    if (it == back.end()) continue;
    const Unit& returned_unit = *it->second;
    if (!SameSourceKey(returned_unit.SourceContent(), unit.SourceContent())) {
      ++stats->stale;
      stats->messages.push_back(
          "unit " + unit.id +
          ": the English changed since the kit was made; its translation was not taken");
      continue;
    }
    bool any = false;
    for (const Segment& part : returned_unit.parts)
      any |= part.is_segment && part.target.has_value();
    if (!any) continue;
    unit.parts = returned_unit.parts;
    for (Segment& part : unit.parts) part.where = Location{};
    ++stats->taken;
  }
  return out;
}

}  // namespace l10n
