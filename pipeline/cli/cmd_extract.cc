#include <iostream>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/file_io.h"
#include "pipeline/locale.h"
#include "pipeline/update.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

struct ExtractArgs {
  std::string source;
  std::string target_locale;
  std::string version = "2.0";
  std::string output;
  bool copy_source = false;
  bool update = false;
  bool no_segment = false;
};

int RunExtract(const ExtractArgs& args) {
  if (Status s = ValidateLocaleTag(args.target_locale); !s.ok()) return ReportError(s);
  ExtractOptions options;
  options.segment = !args.no_segment;
  Result<Extraction> extraction = ExtractXhtmlFile(args.source, options);
  if (!extraction.ok()) return ReportError(extraction.status());
  XliffDocument doc = MakeXliff(*extraction, args.target_locale);
  std::string version = args.version;
  if (args.update) {
    Result<std::string> previous_bytes = ReadFile(args.output);
    if (previous_bytes.ok()) {
      Result<XliffDocument> previous = ReadXliff(*previous_bytes, args.output);
      if (!previous.ok()) return ReportError(previous.status());
      if (version.empty()) version = previous->version;
      UpdateStats stats;
      doc = UpdateXliff(*extraction, *previous, args.target_locale, UpdateOptions{}, &stats);
      std::cerr << args.output << ": " << stats.Summary() << "\n";
    } else if (previous_bytes.status().code() != Status::Code::kNotFound) {
      return ReportError(previous_bytes.status());
    }
  }
  WriteOptions write;
  write.version = version.empty() ? "2.0" : version;
  write.copy_source = args.copy_source;
  const std::string xml = WriteXliff(doc, write);
  if (args.output.empty() || args.output == "-") {
    std::cout << xml;
    return 0;
  }
  if (Status s = WriteFileAtomic(args.output, xml); !s.ok()) return ReportError(s);
  return 0;
}

}  // namespace

void AddExtractCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* app = root.add_subcommand(
      "extract",
      "Extract an XHTML document's translatable text into XLIFF (2.0 by default, 1.2 for older "
      "tools): one unit per block and translatable attribute, sentence segments, inline markup "
      "as protected codes, translator notes and context.");
  app->add_option("source", args->source, "the XHTML source document")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("--target-locale,-l", args->target_locale, "BCP 47 target locale, e.g. es, pt-BR")
      ->required();
  app->add_option("--xliff-version", args->version, "2.0 (default) or 1.2")
      ->check(CLI::IsMember({"2.0", "1.2"}));
  app->add_option("-o,--output", args->output, "output XLIFF file (default: standard output)");
  app->add_flag("--copy-source", args->copy_source,
                "1.2: pre-fill each <target> with the source (for tools such as OmegaT 3.x)");
  app->add_flag("--update", args->update,
                "keep the translations of the existing OUTPUT file: unchanged units keep target "
                "and state, changed ones get the best earlier translation as a candidate");
  app->add_flag("--no-segment", args->no_segment, "one segment per unit (no sentence splitting)");
  commands.push_back({app, [args] { return RunExtract(*args); }});
}

}  // namespace l10n::cli
