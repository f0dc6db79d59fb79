#include <unistd.h>

#include <iostream>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/config.h"
#include "pipeline/site.h"

namespace l10n::cli {
namespace {

struct BuildArgs {
  std::string config = "l10n.toml";
  std::string out;
  int jobs = 0;
  bool recheck = false;
};

int RunBuild(const BuildArgs& args) {
  Result<ProjectConfig> config = LoadConfig(args.config);
  if (!config.ok()) return ReportError(config.status());
  BuildOptions options;
  options.output_dir = args.out;
  options.jobs = args.jobs;
  options.recheck = args.recheck;
  const bool terminal = ::isatty(STDERR_FILENO) == 1;
  if (terminal) {
    options.progress = [](int done, int total, const std::string& locale) {
      std::cerr << "\r[" << done << "/" << total << "] " << locale << "        " << std::flush;
    };
  }
  Result<BuildResult> result = BuildSite(*config, options);
  if (terminal) std::cerr << "\r" << std::string(40, ' ') << "\r";
  if (!result.ok()) {
    ReportError(result.status());
    std::cerr << "l10n: build failed; the previous output was left as it was\n";
    return 2;
  }
  for (const std::string& warning : result->warnings)
    std::cerr << "l10n: warning: " << warning << "\n";
  int unpublished = 0;
  for (const LocaleOutcome& o : result->locales) {
    char completion[32];
    std::snprintf(completion, sizeof completion, "%5.1f%%", o.stats.ShownCompletion());
    std::cout << o.locale << ": " << completion << " translated (" << o.stats.translated << "/"
              << o.stats.units << " units, " << o.stats.stale << " stale, " << o.findings
              << " findings) " << (o.published ? "published" : "NOT published: " + o.reason)
              << "\n";
    for (const std::string& note : o.notes) std::cout << "  " << note << "\n";
    if (!o.published) ++unpublished;
  }
  if (result->findings_reused > 0) {
    std::cout << "checks: " << result->findings_reused << " of " << result->documents_checked
              << " documents unchanged since an earlier build, their findings reused"
                 " (--recheck checks them again)\n";
  }
  std::cout << "wrote " << result->pages << " pages to " << result->output_dir
            << "/site; report: " << result->output_dir << "/report.html\n";
  return unpublished > 0 ? 1 : 0;
}

}  // namespace

void AddBuildCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* app = root.add_subcommand(
      "build",
      "Build the multilingual site: bring every locale's XLIFF up to date with the sources "
      "(creating missing ones), merge the translations, apply the publishing policy, and write "
      "out/site/ (a page per locale, index, sitemap) and out/report.{json,html}. Exit 1 when a "
      "locale is not published.");
  app->add_option("--config,-c", args->config, "the project file (default: l10n.toml)");
  app->add_option("--out", args->out, "output directory (default: from the project file)");
  app->add_option("--jobs,-j", args->jobs, "worker threads (default: one per core)");
  app->add_flag("--recheck", args->recheck,
                "check every document again, instead of reusing the findings of the documents "
                "whose source, XLIFF, glossary, dictionary, settings and program are as in an "
                "earlier build");
  commands.push_back({app, [args] { return RunBuild(*args); }});
}

}  // namespace l10n::cli
