// The l10n command line: one file per subcommand, each adding itself to the
// root CLI11 app. A command's run function returns the process exit code:
// 0 success, 1 findings at or above the failure threshold, 2 unusable input
// or usage.
#ifndef L10N_PIPELINE_CLI_COMMANDS_H_
#define L10N_PIPELINE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

#include "pipeline/status.h"

namespace l10n::cli {

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

void AddExtractCommand(CLI::App& root, std::vector<Command>& commands);
void AddValidateCommand(CLI::App& root, std::vector<Command>& commands);
void AddMergeCommand(CLI::App& root, std::vector<Command>& commands);
void AddBuildCommand(CLI::App& root, std::vector<Command>& commands);
void AddCheckCommand(CLI::App& root, std::vector<Command>& commands);
void AddGlossaryCommand(CLI::App& root, std::vector<Command>& commands);
void AddTmCommand(CLI::App& root, std::vector<Command>& commands);
void AddAnalyzeCommand(CLI::App& root, std::vector<Command>& commands);
void AddKitCommand(CLI::App& root, std::vector<Command>& commands);

// Prints "l10n: FILE:LINE:COL: error: ..." to stderr and returns 2.
int ReportError(const Status& status);

}  // namespace l10n::cli

#endif  // L10N_PIPELINE_CLI_COMMANDS_H_
