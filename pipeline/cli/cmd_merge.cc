#include <iostream>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/file_io.h"
#include "pipeline/html.h"
#include "pipeline/locale.h"
#include "pipeline/merge.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

struct MergeArgs {
  std::string source;
  std::string xliff;
  std::string output;
  std::string min_state = "translated";
  bool require_complete = false;
  bool xhtml = false;
};

int RunMerge(const MergeArgs& args) {
  Result<Extraction> source = ExtractXhtmlFile(args.source, ExtractOptions{});
  if (!source.ok()) return ReportError(source.status());
  Result<XliffDocument> xliff = ReadXliffFile(args.xliff);
  if (!xliff.ok()) return ReportError(xliff.status());
  if (Status s = CheckXliffMatchesSource(*source, *xliff, args.xliff, ""); !s.ok()) {
    return ReportError(s);
  }
  if (xliff->target_locale.empty()) {
    return ReportError(
        Status::InvalidArgument("the XLIFF names no target language", Location{args.xliff}));
  }
  if (Status s = ValidateLocaleTag(xliff->target_locale); !s.ok()) {
    return ReportError(
        Status::InvalidArgument("trgLang/target-language: " + s.message(), xliff->languages_where));
  }
  PublishPolicy policy;
  policy.min_state = *ParseState(args.min_state);
  MergeResult result = MergeTranslations(*source, *xliff, args.xliff, policy);
  for (const Diagnostic& d : result.diagnostics) {
    if (d.severity != Severity::kWarning || d.check != "missing-unit")
      std::cerr << FormatDiagnostic(d) << "\n";
  }
  if (HasErrors(result.diagnostics)) {
    std::cerr << "l10n: merge failed; no output written (l10n build would publish these units in "
                 "the source "
                 "language and leave the locale unpublished)\n";
    return 2;
  }
  if (args.require_complete && !result.fallback_units.empty()) {
    std::cerr << "l10n: " << result.fallback_units.size()
              << " units are not translated (first: " << result.fallback_units.front()
              << "); --require-complete forbids publishing them in the source language\n";
    return 1;
  }
  pugi::xml_node html = source->document.root();
  html.remove_attribute("lang");
  html.remove_attribute("xml:lang");
  html.remove_attribute("dir");
  html.append_attribute("lang") = xliff->target_locale.c_str();
  html.append_attribute("dir") = IsRightToLeft(xliff->target_locale) ? "rtl" : "ltr";
  const std::string page = SerializeHtml(source->document.doc());
  if (args.output.empty() || args.output == "-") {
    std::cout << page;
  } else if (Status s = WriteFileAtomic(args.output, page); !s.ok()) {
    return ReportError(s);
  }
  std::cerr << args.output << ": " << result.stats.translated << "/" << result.stats.units
            << " units translated, " << result.stats.stale << " stale, "
            << result.stats.untranslated << " in the source language\n";
  return 0;
}

}  // namespace

void AddMergeCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<MergeArgs>();
  CLI::App* app = root.add_subcommand(
      "merge",
      "Rebuild a source document with the translations of an XLIFF file (2.0 or 1.2) and write "
      "it as an HTML page. Untranslated and stale units keep the source text, marked with its "
      "language; a unit whose codes do not match the source is an error.");
  app->add_option("source", args->source, "the XHTML source document")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("xliff", args->xliff, "the translated XLIFF file")
      ->required()
      ->check(CLI::ExistingFile);
  app->add_option("-o,--output", args->output, "output HTML page (default: standard output)");
  app->add_option("--min-state", args->min_state,
                  "lowest segment state that is published (initial, translated, reviewed, final)")
      ->check(CLI::IsMember({"initial", "translated", "reviewed", "final"}));
  app->add_flag("--require-complete", args->require_complete,
                "fail (exit 1) instead of publishing untranslated units in the source language");
  commands.push_back({app, [args] { return RunMerge(*args); }});
}

}  // namespace l10n::cli
