#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "pipeline/cli/batch.h"
#include "pipeline/cli/commands.h"
#include "pipeline/file_io.h"
#include "pipeline/locale.h"
#include "pipeline/update.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> sources;
  std::string target_locale;
  std::string version = "2.0";
  std::string output;
  std::string out_dir;
  bool copy_source = false;
  bool update = false;
  bool no_segment = false;
  int jobs = 0;
};

// One document: extract, update against the previous output if asked, write.
// Messages go to `log` so that a batch prints them in the order of its inputs.
Status ExtractOne(const ExtractArgs& args, const std::string& source, const std::string& output,
                  SegmenterCache& segmenters, StagedWrites* staged, std::string& log) {
  ExtractOptions options;
  options.segment = !args.no_segment;
  options.segmenters = &segmenters;
  Result<Extraction> extraction = ExtractXhtmlFile(source, options);
  if (!extraction.ok()) return extraction.status();
  // Without --update the extraction is not needed again: its text moves.
  XliffDocument doc = args.update ? MakeXliff(*extraction, args.target_locale)
                                  : MakeXliff(std::move(*extraction), args.target_locale);
  std::string version = args.version;
  if (args.update) {
    Result<std::string> previous_bytes = ReadFile(output);
    if (previous_bytes.ok()) {
      Result<XliffDocument> previous = ReadXliff(*previous_bytes, output);
      if (!previous.ok()) return previous.status();
      if (version.empty()) version = previous->version;
      UpdateStats stats;
      doc = UpdateXliff(*extraction, *previous, args.target_locale, UpdateOptions{}, &stats);
      log += output + ": " + stats.Summary() + "\n";
    } else if (previous_bytes.status().code() != Status::Code::kNotFound) {
      return previous_bytes.status();
    }
  }
  WriteOptions write;
  write.version = version.empty() ? "2.0" : version;
  write.copy_source = args.copy_source;
  const std::string xml = WriteXliff(doc, write);
  if (output.empty() || output == "-") {
    std::cout << xml;
    return Status::Ok();
  }
  return staged != nullptr ? staged->Stage(output, xml) : WriteFileAtomic(output, xml);
}

int RunExtract(const ExtractArgs& args) {
  if (Status s = ValidateLocaleTag(args.target_locale); !s.ok()) return ReportError(s);
  if (args.sources.size() > 1 && args.out_dir.empty()) {
    return ReportError(Status::InvalidArgument(
        "several source documents need --out-dir DIR (one XLIFF file per document there)"));
  }
  if (!args.out_dir.empty() && !args.output.empty()) {
    return ReportError(
        Status::InvalidArgument("give either -o FILE (one document) or --out-dir DIR, not both"));
  }
  // Output paths: DIR/<document name>.xlf, made when each document is extracted (a batch of
  // thousands need not hold them all); two sources with one name would overwrite each other.
  auto output_of = [&](const std::string& source) {
    return args.out_dir.empty() ? args.output : BatchOutput(args.out_dir, source, ".xlf");
  };
  if (!args.out_dir.empty()) {
    if (const auto same = SameName(args.sources)) {
      const std::string& second = args.sources[same->second];
      return ReportError(Status::InvalidArgument(
          "\"" + args.sources[same->first] + "\" and \"" + second + "\" would both be written to " +
          output_of(second) + "; extract them into different directories"));
    }
  }
  // A batch is committed together, flushed to disk once, not file by file.
  const BatchInputs inputs{args.sources.size(), [&](std::size_t i) { return args.sources[i]; }};
  Result<std::vector<int>> codes = RunBatch(
      args.sources.size(), args.jobs, args.out_dir, inputs,
      [&](std::size_t i, SegmenterCache& segmenters, StagedWrites* staged, std::string& log) {
        Status s =
            ExtractOne(args, args.sources[i], output_of(args.sources[i]), segmenters, staged, log);
        if (s.ok()) return 0;
        log += s.ToString() + "\n";
        return 2;
      });
  if (!codes.ok()) return ReportError(codes.status());
  const auto failed = std::count(codes->begin(), codes->end(), 2);
  if (failed > 0 && args.sources.size() > 1) {
    std::cerr << "l10n: " << failed << " of " << args.sources.size()
              << " documents failed; their XLIFF files were not written\n";
  }
  return failed > 0 ? 2 : 0;
}

}  // namespace

void AddExtractCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* app = root.add_subcommand(
      "extract",
      "Extract XHTML documents' translatable text into XLIFF (2.0 by default, 1.2 for older "
      "tools): one unit per block and translatable attribute, sentence segments, inline markup "
      "as protected codes, translator notes and context.");
  app->add_option("sources", args->sources, "the XHTML source document(s); several need --out-dir")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("--target-locale,-l", args->target_locale, "BCP 47 target locale, e.g. es, pt-BR")
      ->required();
  app->add_option("--xliff-version", args->version, "2.0 (default) or 1.2")
      ->check(CLI::IsMember({"2.0", "1.2"}));
  app->add_option("-o,--output", args->output,
                  "output XLIFF file of one document (default: standard output)");
  app->add_option(
      "--out-dir", args->out_dir,
      "write DIR/<document>.xlf for every source document (a new DIR appears with all of "
      "them at once)");
  app->add_flag("--copy-source", args->copy_source,
                "1.2: pre-fill each <target> with the source (for tools such as OmegaT 3.x)");
  app->add_flag("--update", args->update,
                "keep the translations of the existing output file: unchanged units keep target "
                "and state, changed ones get the best earlier translation as a candidate");
  app->add_flag("--no-segment", args->no_segment, "one segment per unit (no sentence splitting)");
  app->add_option("--jobs,-j", args->jobs, "documents extracted at once (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  commands.push_back({app, [args] { return RunExtract(*args); }});
}

}  // namespace l10n::cli
