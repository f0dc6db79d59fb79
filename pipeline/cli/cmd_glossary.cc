#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include "pipeline/cli/commands.h"
#include "pipeline/config.h"
#include "pipeline/extract.h"
#include "pipeline/file_io.h"
#include "pipeline/glossary.h"

namespace l10n::cli {
namespace {

struct GlossaryArgs {
  std::string file;
  std::string table;
  std::string output;
  std::string config = "l10n.toml";
};

int RunGlossaryCheck(const GlossaryArgs& args) {
  std::vector<std::string> locales;
  std::vector<std::string> texts;
  std::string file = args.file;
  if (std::filesystem::exists(args.config)) {
    Result<ProjectConfig> config = LoadConfig(args.config);
    if (!config.ok()) return ReportError(config.status());
    locales = config->target_locales;
    if (file.empty()) file = config->Resolve(config->glossary).string();
    for (const DocumentConfig& d : config->documents) {
      Result<Extraction> e = ExtractXhtmlFile(config->Resolve(d.source).string(), ExtractOptions{});
      if (!e.ok()) return ReportError(e.status());
      for (const SourceUnit& u : e->units) texts.push_back(PlainText(u.SourceContent()));
    }
  }
  if (file.empty())
    return ReportError(Status::InvalidArgument("give the TBX file (no l10n.toml names one)"));
  std::vector<Diagnostic> problems;
  Result<Glossary> glossary = ReadTbxFile(file, &problems);
  if (!glossary.ok()) return ReportError(glossary.status());
  if (locales.empty()) {
    std::set<std::string> all;
    for (const Concept& c : glossary->concepts) {
      for (const auto& [lang, terms] : c.terms) {
        if (lang != glossary->source_language) all.insert(lang);
      }
    }
    locales.assign(all.begin(), all.end());
  }
  for (Diagnostic& d : CheckGlossary(*glossary, file, locales, texts))
    problems.push_back(std::move(d));
  std::size_t errors = 0;
  for (const Diagnostic& d : problems) {
    std::cout << FormatDiagnostic(d) << "\n";
    errors += d.severity == Severity::kError;
  }
  std::size_t terms = 0;
  for (const Concept& c : glossary->concepts) {
    for (const auto& [lang, list] : c.terms) terms += list.size();
  }
  std::cerr << file << ": " << glossary->concepts.size() << " concepts, " << terms << " terms, "
            << errors << " errors\n";
  return errors > 0 ? 1 : 0;
}

int RunGlossaryImport(const GlossaryArgs& args) {
  Result<std::string> text = ReadFile(args.table);
  if (!text.ok()) return ReportError(text.status());
  Result<Glossary> glossary = ImportTermTable(*text, args.table);
  if (!glossary.ok()) return ReportError(glossary.status());
  if (Status s = WriteFileAtomic(args.output, WriteTbx(*glossary)); !s.ok()) return ReportError(s);
  std::cerr << args.output << ": " << glossary->concepts.size() << " concepts\n";
  return 0;
}

}  // namespace

void AddGlossaryCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<GlossaryArgs>();
  CLI::App* app = root.add_subcommand(
      "glossary", "Validate the TBX glossary, or import one from a spreadsheet.");
  app->require_subcommand(1);
  CLI::App* check = app->add_subcommand(
      "check",
      "Validate a TBX glossary (TBX-Basic values and structure; a preferred term per concept in "
      "every "
      "configured locale; one preferred per language; terms in two concepts; NFC and white space; "
      "terms never used in the source). Exit 0 valid, 1 errors, 2 unreadable.");
  check->add_option("file", args->file, "the TBX file (default: the project's glossary)");
  check->add_option("--config,-c", args->config, "project file (default: l10n.toml)");
  commands.push_back({check, [args] { return RunGlossaryCheck(*args); }});
  CLI::App* import = app->add_subcommand(
      "import",
      "Convert a CSV or TSV term table (columns: concept, lang, term, and optionally status, "
      "part_of_speech, definition, note) into a TBX-Basic glossary.");
  import->add_option("table", args->table, "the CSV/TSV file")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("-o,--output", args->output, "the TBX file to write")->required();
  commands.push_back({import, [args] { return RunGlossaryImport(*args); }});
}

}  // namespace l10n::cli
