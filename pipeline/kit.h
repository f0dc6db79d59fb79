// Translation kits: what a translator or vendor needs for one locale, and
// taking their work back.
//
// A kit holds each document's XLIFF (2.0, or 1.2 with targets pre-filled
// for older tools), a TMX of the memory's matches for what is left to
// translate, the glossary's entries for the language as TBX, and a README.
// As an OmegaT project it is laid out as OmegaT expects (omegat.project,
// source/, tm/, glossary/, target/).
#ifndef L10N_PIPELINE_KIT_H_
#define L10N_PIPELINE_KIT_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/config.h"
#include "pipeline/glossary.h"
#include "pipeline/memory.h"
#include "pipeline/xliff.h"

namespace l10n {

struct KitOptions {
  std::string locale;
  std::string xliff_version = "2.0";
  bool omegat = false;  // an OmegaT project (implies XLIFF 1.2)
};

struct KitDocument {
  std::string name;     // document name (file stem)
  XliffDocument xliff;  // current, up to date with the source
};

// The files of a kit, by path relative to the kit directory.
std::map<std::string, std::string> MakeKit(const ProjectConfig& config,
                                           const std::vector<KitDocument>& documents,
                                           const Glossary* glossary, const MemoryIndex* memory,
                                           const KitOptions& options);

// The glossary entries that have terms in `locale`, with only the source
// language and that locale.
Glossary GlossarySubset(const Glossary& glossary, const std::string& locale);

struct ImportStats {
  int units = 0;
  int taken = 0;    // units whose translations were taken
  int stale = 0;    // units whose source changed since the kit: skipped
  int unknown = 0;  // units the current file does not have: skipped
  std::vector<std::string> messages;
};

// Takes the translations of `returned` into `current` (same document and
// locale) for every unit whose source is unchanged; the result keeps the
// current file's units and order.
XliffDocument ImportTranslations(const XliffDocument& current, const XliffDocument& returned,
                                 ImportStats* stats);

}  // namespace l10n

#endif  // L10N_PIPELINE_KIT_H_
