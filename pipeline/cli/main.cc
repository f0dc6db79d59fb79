// l10n: multilingual content localization pipeline (command-line front end).
#include <iostream>

#include "pipeline/cli/commands.h"
#include "pipeline/version.h"

namespace l10n::cli {

int ReportError(const Status& status) {
  std::cerr << status.ToString() << "\n";
  return 2;
}

}  // namespace l10n::cli

int main(int argc, char** argv) {
  CLI::App app{
      "l10n: extract XHTML to XLIFF, merge translations, check them, build the localized site"};
  app.set_version_flag("--version", std::string("l10n ") + l10n::kVersion);
  app.require_subcommand(1);
  std::vector<l10n::cli::Command> commands;
  l10n::cli::AddExtractCommand(app, commands);
  l10n::cli::AddMergeCommand(app, commands);
  l10n::cli::AddValidateCommand(app, commands);
  l10n::cli::AddBuildCommand(app, commands);
  l10n::cli::AddCheckCommand(app, commands);
  l10n::cli::AddGlossaryCommand(app, commands);
  l10n::cli::AddTmCommand(app, commands);
  l10n::cli::AddAnalyzeCommand(app, commands);
  l10n::cli::AddKitCommand(app, commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  for (const l10n::cli::Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return 2;
}
