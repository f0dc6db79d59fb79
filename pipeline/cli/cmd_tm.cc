#include <filesystem>
#include <iostream>
#include <memory>

#include "pipeline/analyze.h"
#include "pipeline/cli/commands.h"
#include "pipeline/config.h"
#include "pipeline/file_io.h"
#include "pipeline/locale.h"
#include "pipeline/memory.h"
#include "pipeline/tmx.h"

namespace l10n::cli {
namespace {

namespace fs = std::filesystem;

struct TmArgs {
  std::string config = "l10n.toml";
  std::string file;
  std::string locale;
  std::string output;
  std::string text;
  double min = 50;
  int max = 5;
};

Result<ProjectConfig> Project(const TmArgs& args) { return LoadConfig(args.config); }

fs::path MemoryPath(const ProjectConfig& config, const std::string& locale) {
  return config.Resolve(config.locales_dir) / locale / "memory.tmx";
}

Result<TranslationMemory> ReadMemory(const fs::path& path, const std::string& source_locale,
                                     const std::string& locale) {
  Result<std::string> bytes = ReadFile(path, kMaxMemoryFileBytes);
  if (!bytes.ok()) {
    if (bytes.status().code() != Status::Code::kNotFound) return bytes.status();
    TranslationMemory empty;
    empty.source_locale = source_locale;
    empty.target_locale = locale;
    return empty;
  }
  Result<TranslationMemory> memory = ReadTmx(*bytes, path.string());
  if (memory.ok()) memory->target_locale = locale;
  return memory;
}

int RunImport(const TmArgs& args) {
  Result<ProjectConfig> config = Project(args);
  if (!config.ok()) return ReportError(config.status());
  Result<std::string> bytes = ReadFile(args.file, kMaxMemoryFileBytes);
  if (!bytes.ok()) return ReportError(bytes.status());
  Result<TranslationMemory> incoming = ReadTmx(*bytes, args.file);
  if (!incoming.ok()) return ReportError(incoming.status());
  const std::string locale = args.locale.empty() ? incoming->target_locale : args.locale;
  if (locale.empty())
    return ReportError(Status::InvalidArgument("the TMX names no target language; give --locale",
                                               Location{args.file}));
  if (Status s = ValidateLocaleTag(locale); !s.ok()) return ReportError(s.InFile(args.file));
  if (incoming->source_locale != config->source_locale) {
    return ReportError(
        Status::InvalidArgument("the TMX's source language is \"" + incoming->source_locale +
                                    "\", the project's is \"" + config->source_locale + "\"",
                                incoming->header_where));
  }
  if (incoming->mixed_where.line > 0) {
    return ReportError(Status::InvalidArgument(
        "this TMX mixes target languages; import one file per target language",
        incoming->mixed_where));
  }
  if (!args.locale.empty() && !incoming->target_locale.empty() &&
      incoming->target_locale != args.locale) {
    return ReportError(Status::InvalidArgument("the TMX's target language is \"" +
                                                   incoming->target_locale + "\", not \"" +
                                                   args.locale + "\"; import it for its own locale",
                                               incoming->target_where));
  }
  const fs::path path = MemoryPath(*config, locale);
  Result<TranslationMemory> memory = ReadMemory(path, config->source_locale, locale);
  if (!memory.ok()) return ReportError(memory.status());
  const std::size_t before = memory->entries.size();
  memory->Add(incoming->entries);
  if (Status s = WriteFileAtomic(path, WriteTmx(*memory)); !s.ok()) return ReportError(s);
  std::cout << path.string() << ": " << memory->entries.size() - before << " new entries, "
            << memory->entries.size() << " in all\n";
  return 0;
}

int RunExport(const TmArgs& args) {
  Result<ProjectConfig> config = Project(args);
  if (!config.ok()) return ReportError(config.status());
  Result<TranslationMemory> memory =
      ReadMemory(MemoryPath(*config, args.locale), config->source_locale, args.locale);
  if (!memory.ok()) return ReportError(memory.status());
  const std::string tmx = WriteTmx(*memory);
  if (args.output.empty() || args.output == "-") {
    std::cout << tmx;
  } else if (Status s = WriteFileAtomic(args.output, tmx); !s.ok()) {
    return ReportError(s);
  }
  std::cerr << memory->entries.size() << " entries\n";
  return 0;
}

int RunLookup(const TmArgs& args) {
  Result<ProjectConfig> config = Project(args);
  if (!config.ok()) return ReportError(config.status());
  Result<MemoryIndex> index =
      OpenProjectMemory(config->Resolve(".l10n-cache").string(),
                        config->Resolve(config->locales_dir).string(), {args.locale});
  if (!index.ok()) return ReportError(index.status());
  Result<std::vector<MemoryMatch>> matches = index->Lookup(
      args.locale, ParseSignature(args.text), args.min, static_cast<std::size_t>(args.max));
  if (!matches.ok()) return ReportError(matches.status());
  for (const MemoryMatch& m : *matches) {
    std::printf("%5.1f%%  %s\n        %s\n", m.similarity, m.entry.source.c_str(),
                m.entry.target.c_str());
  }
  if (matches->empty()) std::cerr << "no match at or above " << args.min << "%\n";
  return 0;
}

}  // namespace

void AddTmCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<TmArgs>();
  CLI::App* app =
      root.add_subcommand("tm",
                          "The project's translation memory: TMX 1.4b files "
                          "locales/<locale>/memory.tmx, indexed in SQLite for lookups.");
  app->require_subcommand(1);
  app->add_option("--config,-c", args->config, "project file (default: l10n.toml)");
  CLI::App* import =
      app->add_subcommand("import", "Add a TMX file's entries to the locale's memory.");
  import->add_option("file", args->file, "TMX file")->required()->check(CLI::ExistingFile);
  import->add_option("--locale,-l", args->locale, "target locale (default: the TMX's)");
  commands.push_back({import, [args] { return RunImport(*args); }});
  CLI::App* exp = app->add_subcommand("export", "Write a locale's memory as TMX 1.4b.");
  exp->add_option("--locale,-l", args->locale, "target locale")->required();
  exp->add_option("-o,--output", args->output, "output TMX (default: standard output)");
  commands.push_back({exp, [args] { return RunExport(*args); }});
  CLI::App* lookup =
      app->add_subcommand("lookup", "Find the memory's best matches for a sentence.");
  lookup->add_option("text", args->text, "the source sentence")->required();
  lookup->add_option("--locale,-l", args->locale, "target locale")->required();
  lookup->add_option("--min", args->min, "lowest similarity in percent (default 50)");
  lookup->add_option("-n,--max", args->max, "how many matches (default 5)");
  commands.push_back({lookup, [args] { return RunLookup(*args); }});
}

}  // namespace l10n::cli
