#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "pipeline/analyze.h"
#include "pipeline/cli/commands.h"
#include "pipeline/config.h"
#include "pipeline/locale.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

struct AnalyzeArgs {
  std::string config = "l10n.toml";
  std::vector<std::string> locales;
};

int RunAnalyze(const AnalyzeArgs& args) {
  Result<ProjectConfig> config = LoadConfig(args.config);
  if (!config.ok()) return ReportError(config.status());
  std::vector<std::string> locales = args.locales.empty() ? config->target_locales : args.locales;
  locales.erase(std::remove(locales.begin(), locales.end(), std::string(kPseudoLocale)),
                locales.end());
  Result<MemoryIndex> memory =
      OpenProjectMemory(config->Resolve(".l10n-cache").string(),
                        config->Resolve(config->locales_dir).string(), locales);
  if (!memory.ok()) return ReportError(memory.status());
  std::vector<std::pair<std::string, std::string>> documents;  // name, source path
  for (const DocumentConfig& d : config->documents)
    documents.emplace_back(d.name, config->Resolve(d.source).string());
  documents.emplace_back(std::filesystem::path(config->template_path).stem().string(),
                         config->Resolve(config->template_path).string());
  std::vector<Extraction> sources;
  for (const auto& [name, path] : documents) {
    Result<Extraction> e = ExtractXhtmlFile(path, ExtractOptions{config->source_locale, true});
    if (!e.ok()) return ReportError(e.status());
    sources.push_back(std::move(e).value());
  }
  std::printf("%-8s", "locale");
  for (const char* band : kBands) std::printf(" %10s", band);
  std::printf(" %10s\n", "total");
  for (const std::string& locale : locales) {
    std::vector<XliffDocument> previous(documents.size());
    std::vector<AnalysisInput> inputs;
    for (std::size_t i = 0; i < documents.size(); ++i) {
      const auto path =
          config->Resolve(config->locales_dir) / locale / (documents[i].first + ".xlf");
      const XliffDocument* prev = nullptr;
      if (std::filesystem::exists(path)) {
        Result<XliffDocument> doc = ReadXliffFile(path.string());
        if (!doc.ok()) return ReportError(doc.status());
        previous[i] = std::move(doc).value();
        prev = &previous[i];
      }
      inputs.push_back({&sources[i], prev});
    }
    BandCounts counts = Analyze(inputs, &*memory, locale);
    std::printf("%-8s", locale.c_str());
    for (int w : counts.words) std::printf(" %10d", w);
    std::printf(" %10d\n", counts.TotalWords());
  }
  std::printf(
      "(words by match band: context = unchanged and translated; 100 = the sentence is translated "
      "elsewhere "
      "or in memory; repetition = repeated in this analysis; new = under 75%%)\n");
  return 0;
}

}  // namespace

void AddAnalyzeCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* app = root.add_subcommand(
      "analyze",
      "Words to translate per locale by match band (context, 100%, repetitions, 95-99, 85-94, "
      "75-84, new): the cost estimate for a vendor.");
  app->add_option("--config,-c", args->config, "project file (default: l10n.toml)");
  app->add_option("--locale,-l", args->locales, "only these locales");
  commands.push_back({app, [args] { return RunAnalyze(*args); }});
}

}  // namespace l10n::cli
