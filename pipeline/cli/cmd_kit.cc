#include <filesystem>
#include <iostream>
#include <memory>

#include "pipeline/analyze.h"
#include "pipeline/checks.h"
#include "pipeline/cli/commands.h"
#include "pipeline/config.h"
#include "pipeline/file_io.h"
#include "pipeline/kit.h"
#include "pipeline/locale.h"
#include "pipeline/merge.h"
#include "pipeline/update.h"

namespace l10n::cli {
namespace {

namespace fs = std::filesystem;

struct KitArgs {
  std::string config = "l10n.toml";
  std::string locale;
  std::string output;
  std::string version = "2.0";
  bool omegat = false;
  std::vector<std::string> import;
};

struct DocumentPaths {
  std::string name;
  std::string source;
};

std::vector<DocumentPaths> Documents(const ProjectConfig& config) {
  std::vector<DocumentPaths> out;
  for (const DocumentConfig& d : config.documents)
    out.push_back({d.name, config.Resolve(d.source).string()});
  out.push_back({fs::path(config.template_path).stem().string(),
                 config.Resolve(config.template_path).string()});
  return out;
}

// The locale's XLIFF for a document, brought up to date with the source.
Result<XliffDocument> CurrentXliff(const ProjectConfig& config, const DocumentPaths& doc,
                                   const std::string& locale, const Extraction& extraction,
                                   const MemoryIndex* memory) {
  const fs::path path = config.Resolve(config.locales_dir) / locale / (doc.name + ".xlf");
  if (!fs::exists(path)) return MakeXliff(extraction, locale);
  Result<XliffDocument> previous = ReadXliffFile(path.string());
  if (!previous.ok()) return previous.status();
  UpdateStats stats;
  return UpdateXliff(extraction, *previous, locale, UpdateOptions{}, &stats, memory);
}

int RunKit(const KitArgs& args) {
  Result<ProjectConfig> config = LoadConfig(args.config);
  if (!config.ok()) return ReportError(config.status());
  if (Status s = ValidateLocaleTag(args.locale); !s.ok()) return ReportError(s);
  if (args.locale == kPseudoLocale || args.locale == config->source_locale) {
    return ReportError(Status::InvalidArgument("a kit is for a target locale of the project"));
  }
  Result<MemoryIndex> memory =
      OpenProjectMemory(config->Resolve(".l10n-cache").string(),
                        config->Resolve(config->locales_dir).string(), {args.locale});
  if (!memory.ok()) return ReportError(memory.status());
  std::optional<Glossary> glossary;
  if (!config->glossary.empty() && fs::exists(config->Resolve(config->glossary))) {
    Result<Glossary> read = ReadTbxFile(config->Resolve(config->glossary).string());
    if (!read.ok()) return ReportError(read.status());
    glossary = std::move(read).value();
  }
  std::vector<KitDocument> documents;
  for (const DocumentPaths& d : Documents(*config)) {
    Result<Extraction> e = ExtractXhtmlFile(d.source, ExtractOptions{config->source_locale, true});
    if (!e.ok()) return ReportError(e.status());
    Result<XliffDocument> x = CurrentXliff(*config, d, args.locale, *e, &*memory);
    if (!x.ok()) return ReportError(x.status());
    documents.push_back({d.name, std::move(x).value()});
  }
  KitOptions options{args.locale, args.version, args.omegat};
  std::map<std::string, std::string> files =
      MakeKit(*config, documents, glossary ? &*glossary : nullptr, &*memory, options);
  for (const auto& [relative, contents] : files) {
    if (Status s = WriteFileAtomic(fs::path(args.output) / relative, contents); !s.ok())
      return ReportError(s);
  }
  std::cout << "wrote " << files.size() << " files to " << args.output
            << (args.omegat ? " (an OmegaT project)" : "") << "\n";
  return 0;
}

int RunImport(const KitArgs& args) {
  Result<ProjectConfig> config = LoadConfig(args.config);
  if (!config.ok()) return ReportError(config.status());
  int exit_code = 0;
  for (const std::string& file : args.import) {
    Result<XliffDocument> returned = ReadXliffFile(file);
    if (!returned.ok()) return ReportError(returned.status());
    const std::string locale = args.locale.empty() ? returned->target_locale : args.locale;
    if (Status s = ValidateLocaleTag(locale); !s.ok() || locale.empty()) {
      return ReportError(Status::InvalidArgument(
          "the file names no valid target language; give --locale", Location{file}));
    }
    const DocumentPaths* doc = nullptr;
    std::vector<DocumentPaths> docs = Documents(*config);
    for (const DocumentPaths& d : docs) {
      if (fs::path(d.source).filename().string() ==
          fs::path(returned->original).filename().string())
        doc = &d;
    }
    if (doc == nullptr) {
      return ReportError(Status::InvalidArgument(
          "original=\"" + returned->original + "\" is not a document of this project",
          Location{file}));
    }
    Result<Extraction> e =
        ExtractXhtmlFile(doc->source, ExtractOptions{config->source_locale, true});
    if (!e.ok()) return ReportError(e.status());
    if (Status s = CheckXliffMatchesSource(*e, *returned, file, locale); !s.ok())
      return ReportError(s);
    Result<XliffDocument> current = CurrentXliff(*config, *doc, locale, *e, nullptr);
    if (!current.ok()) return ReportError(current.status());
    ImportStats stats;
    XliffDocument merged = ImportTranslations(*current, *returned, &stats);
    const fs::path target = config->Resolve(config->locales_dir) / locale / (doc->name + ".xlf");
    WriteOptions write;
    write.version =
        fs::exists(target) ? ReadXliffFile(target.string())->version : config->xliff_version;
    if (Status s = WriteFileAtomic(target, WriteXliff(merged, write)); !s.ok())
      return ReportError(s);
    for (const std::string& m : stats.messages) std::cerr << file << ": " << m << "\n";
    std::cout << file << " -> " << target.string() << ": " << stats.taken << " of " << stats.units
              << " units taken, " << stats.stale << " stale, " << stats.unknown << " unknown\n";
    CheckOptions checks;
    checks.source = &*e;
    checks.settings = config->checks;
    checks.suppressions = config->suppressions;
    int errors = 0;
    for (const Diagnostic& d : RunChecks(merged, target.string(), checks)) {
      if (d.severity == Severity::kError && d.check != "missing-target") {
        std::cerr << FormatDiagnostic(d) << "\n";
        ++errors;
      }
    }
    if (errors > 0 || stats.stale > 0 || stats.unknown > 0) exit_code = 1;
  }
  return exit_code;
}

}  // namespace

void AddKitCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<KitArgs>();
  CLI::App* app = root.add_subcommand(
      "kit",
      "Make a translation kit for one locale (XLIFF, TMX of memory matches, glossary subset as "
      "TBX, README; "
      "--omegat: a ready OmegaT project), or take a returned XLIFF back with --import.");
  app->add_option("--config,-c", args->config, "project file (default: l10n.toml)");
  app->add_option("--locale,-l", args->locale, "target locale (for --import: default the file's)");
  app->add_option("-o,--output", args->output, "kit directory");
  app->add_option("--xliff-version", args->version, "2.0 (default) or 1.2")
      ->check(CLI::IsMember({"2.0", "1.2"}));
  app->add_flag("--omegat", args->omegat, "lay the kit out as an OmegaT project (XLIFF 1.2)");
  app->add_option("--import", args->import, "returned XLIFF file(s) to validate and put in place");
  commands.push_back({app, [args] {
                        if (!args->import.empty()) return RunImport(*args);
                        if (args->locale.empty() || args->output.empty()) {
                          return ReportError(Status::InvalidArgument(
                              "give --locale and -o DIR (or --import FILE.xlf)"));
                        }
                        return RunKit(*args);
                      }});
}

}  // namespace l10n::cli
