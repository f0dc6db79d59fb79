#include <iostream>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/file_io.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

int RunValidate(const std::vector<std::string>& files) {
  int exit_code = 0;
  for (const std::string& file : files) {
    Result<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) {
      ReportError(bytes.status());
      exit_code = 2;
      continue;
    }
    std::vector<Diagnostic> problems;
    Result<XliffDocument> doc = ReadXliffReporting(*bytes, file, &problems);
    if (!doc.ok()) {
      ReportError(doc.status());
      exit_code = 2;
      continue;
    }
    for (const Diagnostic& d : problems) std::cerr << FormatDiagnostic(d) << "\n";
    if (HasErrors(problems)) {
      exit_code = 2;
    } else {
      std::size_t segments = 0, translated = 0;
      for (const Unit& unit : doc->units) {
        for (const Segment& part : unit.parts) {
          if (!part.is_segment) continue;
          ++segments;
          if (part.target) ++translated;
        }
      }
      std::cout << file << ": valid XLIFF " << doc->version << ", " << doc->units.size()
                << " units, " << segments << " segments, " << translated << " with a target\n";
    }
  }
  return exit_code;
}

}  // namespace

void AddValidateCommand(CLI::App& root, std::vector<Command>& commands) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* app = root.add_subcommand(
      "validate",
      "Check XLIFF files (2.0 or 1.2) against the processing requirements the schemas cannot "
      "express: unique ids, dataRef resolving, target codes matching source codes, trgLang with "
      "targets, subState with state. Exit 0 valid, 2 invalid.");
  app->add_option("files", *files, "XLIFF files")->required();
  commands.push_back({app, [files] { return RunValidate(*files); }});
}

}  // namespace l10n::cli
