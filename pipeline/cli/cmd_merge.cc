#include <algorithm>
#include <iostream>
#include <memory>

#include "pipeline/cli/batch.h"
#include "pipeline/cli/commands.h"
#include "pipeline/file_io.h"
#include "pipeline/html.h"
#include "pipeline/locale.h"
#include "pipeline/merge.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

struct MergeArgs {
  std::vector<std::string> files;
  std::string xliff_dir;
  std::string output;
  std::string out_dir;
  std::string min_state = "translated";
  bool require_complete = false;
  int jobs = 0;
};

// One document: merge `xliff` into `source`; the page goes to `output` (or
// standard output), messages to `log`. Returns the exit code of this document.
int MergeOne(const MergeArgs& args, const std::string& source_path, const std::string& xliff_path,
             const std::string& output, SegmenterCache& segmenters, StagedWrites* staged,
             std::string& log) {
  auto fail = [&](const Status& s) {
    log += s.ToString() + "\n";
    return 2;
  };
  // The document is not segmented here: most units take the XLIFF's segmentation, which
  // MergeTranslations checks against the document's text (see merge.h).
  Result<Extraction> source = ExtractUnsegmentedFile(source_path);
  if (!source.ok()) return fail(source.status());
  Result<XliffDocument> xliff =
      ReadXliffFile(xliff_path, XliffReadOptions{.notes = false, .code_markup = false});
  if (!xliff.ok()) return fail(xliff.status());
  if (Status s = CheckXliffMatchesSource(*source, *xliff, xliff_path, ""); !s.ok()) return fail(s);
  if (xliff->target_locale.empty()) {
    return fail(
        Status::InvalidArgument("the XLIFF names no target language", Location{xliff_path}));
  }
  if (Status s = ValidateLocaleTag(xliff->target_locale); !s.ok()) {
    return fail(
        Status::InvalidArgument("trgLang/target-language: " + s.message(), xliff->languages_where));
  }
  PublishPolicy policy;
  policy.min_state = *ParseState(args.min_state);
  policy.count_words = false;  // completion by words is for `l10n build`
  MergeResult result = MergeTranslations(*source, *xliff, xliff_path, policy, &segmenters);
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity != Severity::kWarning || d.check != "missing-unit")
      log += FormatDiagnostic(d) + "\n";
  }
  if (HasErrors(result.diagnostics)) {
    log += "l10n: merge failed; no output written for " + source_path +
           " (l10n build would publish these units in the source language and leave the locale "
           "unpublished)\n";
    return 2;
  }
  if (args.require_complete && !result.fallback_units.empty()) {
    log += "l10n: " + std::to_string(result.fallback_units.size()) + " units of " + source_path +
           " are not translated (first: " + result.fallback_units.front() +
           "); --require-complete forbids publishing them in the source language\n";
    return 1;
  }
  pugi::xml_node html = source->document.root();
  html.remove_attribute("lang");
  html.remove_attribute("xml:lang");
  html.remove_attribute("dir");
  html.append_attribute("lang") = xliff->target_locale.c_str();
  html.append_attribute("dir") = IsRightToLeft(xliff->target_locale) ? "rtl" : "ltr";
  const std::string page = SerializeHtml(source->document.doc());
  if (output.empty() || output == "-") {
    std::cout << page;
  } else if (Status s =
                 staged != nullptr ? staged->Stage(output, page) : WriteFileAtomic(output, page);
             !s.ok()) {
    return fail(s);
  }
  log += (output.empty() ? std::string("-") : output) + ": " +
         std::to_string(result.stats.translated) + "/" + std::to_string(result.stats.units) +
         " units translated, " + std::to_string(result.stats.stale) + " stale, " +
         std::to_string(result.stats.untranslated) + " in the source language\n";
  return 0;
}

int RunMerge(const MergeArgs& args) {
  if (args.xliff_dir.empty()) {
    if (args.files.size() != 2 || !args.out_dir.empty()) {
      return ReportError(Status::InvalidArgument(
          "give SOURCE XLIFF [-o PAGE] for one document, or SOURCE... --xliff-dir DIR --out-dir "
          "OUT for several"));
    }
  } else {
    if (args.out_dir.empty() || !args.output.empty()) {
      return ReportError(Status::InvalidArgument(
          "with --xliff-dir, give --out-dir OUT (one page per document there) and no -o"));
    }
    if (const auto same = SameName(args.files)) {
      const std::string& second = args.files[same->second];
      return ReportError(Status::InvalidArgument("\"" + args.files[same->first] + "\" and \"" +
                                                 second + "\" would both be written to " +
                                                 BatchOutput(args.out_dir, second, ".html")));
    }
  }
  // One document, or a batch whose documents' paths are made when each is merged (a batch of
  // thousands need not hold them all).
  const bool batch = !args.xliff_dir.empty();
  const std::size_t count = batch ? args.files.size() : 1;
  auto xliff_of = [&](std::size_t i) {
    return batch ? BatchOutput(args.xliff_dir, args.files[i], ".xlf") : args.files[1];
  };
  // A batch is committed together, flushed to disk once. Each document reads its source, then
  // its XLIFF file.
  const BatchInputs inputs{
      2 * count, [&](std::size_t k) { return k % 2 == 0 ? args.files[k / 2] : xliff_of(k / 2); }};
  Result<std::vector<int>> codes = RunBatch(
      count, args.jobs, args.out_dir, inputs,
      [&](std::size_t i, SegmenterCache& segmenters, StagedWrites* staged, std::string& log) {
        const std::string output =
            batch ? BatchOutput(args.out_dir, args.files[i], ".html") : args.output;
        return MergeOne(args, args.files[i], xliff_of(i), output, segmenters, staged, log);
      });
  if (!codes.ok()) return ReportError(codes.status());
  const int code = codes->empty() ? 0 : *std::max_element(codes->begin(), codes->end());
  return code;
}

}  // namespace

void AddMergeCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* app = root.add_subcommand(
      "merge",
      "Rebuild source documents with the translations of XLIFF files (2.0 or 1.2) and write "
      "it as an HTML page. Untranslated and stale units keep the source text, marked with its "
      "language; a unit whose codes do not match the source is an error.");
  app->add_option("files", args->files,
                  "SOURCE XLIFF: the XHTML source document and its translated XLIFF file; with "
                  "--xliff-dir, any number of source documents")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("--xliff-dir", args->xliff_dir,
                  "take each source's translation from DIR/<document>.xlf");
  app->add_option("-o,--output", args->output,
                  "output HTML page of one document (default: standard output)");
  app->add_option("--out-dir", args->out_dir,
                  "with --xliff-dir: write OUT/<document>.html for every source document");
  app->add_option("--jobs,-j", args->jobs, "documents merged at once (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  app->add_option("--min-state", args->min_state,
                  "lowest segment state that is published (initial, translated, reviewed, final)")
      ->check(CLI::IsMember({"initial", "translated", "reviewed", "final"}));
  app->add_flag("--require-complete", args->require_complete,
                "fail (exit 1) instead of publishing untranslated units in the source language");
  commands.push_back({app, [args] { return RunMerge(*args); }});
}

}  // namespace l10n::cli
