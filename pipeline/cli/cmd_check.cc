#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/checks.h"
#include "pipeline/cli/commands.h"
#include "pipeline/config.h"
#include "pipeline/file_io.h"
#include "pipeline/glossary.h"
#include "pipeline/parallel.h"
#include "pipeline/segmenter.h"
#include "pipeline/xliff.h"

namespace l10n::cli {
namespace {

struct CheckArgs {
  std::vector<std::string> files;
  std::string glossary;
  std::string source;
  std::string config;
  std::string format = "text";
  std::string fail_on = "error";
  std::string output;
  bool list = false;
  int jobs = 0;
};

// What every file's checks share: the project file, the glossary, and the source documents by
// file name.
struct CheckSetup {
  std::optional<ProjectConfig> config;
  std::optional<Glossary> glossary;
  // Which source document an XLIFF file was extracted from, by its `original` file name.
  std::map<std::string, std::string> source_by_name;
};

Result<CheckSetup> LoadCheckSetup(const CheckArgs& args) {
  CheckSetup setup;
  const std::string config_path = !args.config.empty()                   ? args.config
                                  : std::filesystem::exists("l10n.toml") ? "l10n.toml"
                                                                         : "";
  if (!config_path.empty()) {
    Result<ProjectConfig> loaded = LoadConfig(config_path);
    if (!loaded.ok()) return loaded.status();
    setup.config = std::move(loaded).value();
  }
  const std::optional<ProjectConfig>& config = setup.config;
  std::string glossary_path = args.glossary;
  if (glossary_path.empty() && config && !config->glossary.empty() &&
      std::filesystem::exists(config->Resolve(config->glossary))) {
    glossary_path = config->Resolve(config->glossary).string();
  }
  if (!glossary_path.empty()) {
    Result<Glossary> read = ReadTbxFile(glossary_path);
    if (!read.ok()) return read.status();
    setup.glossary = std::move(read).value();
  }
  if (config) {
    for (const DocumentConfig& d : config->documents) {
      setup.source_by_name[std::filesystem::path(d.source).filename().string()] =
          config->Resolve(d.source).string();
    }
    setup.source_by_name[std::filesystem::path(config->template_path).filename().string()] =
        config->Resolve(config->template_path).string();
  }
  return setup;
}

// One file's outcome: its findings, or why it could not be checked.
struct FileResult {
  Status status;
  std::vector<Diagnostic> findings;
  std::vector<std::string> unit_ids;  // for reports that list them (JUnit)
};

// A worker's check resources, made once per locale pair and reused for every file of it.
struct CheckWorker {
  std::map<std::pair<std::string, std::string>, CheckResources> resources;
};

FileResult CheckOneFile(const std::string& file, const CheckArgs& args, const CheckSetup& setup,
                        bool list_units, CheckWorker& worker) {
  FileResult result;
  Result<std::string> bytes = ReadFile(file);
  if (!bytes.ok()) {
    result.status = bytes.status();
    return result;
  }
  Result<XliffDocument> doc = ReadXliffReporting(*bytes, file, &result.findings);
  if (!doc.ok()) {
    result.status = doc.status();
    return result;
  }
  if (list_units) {
    for (const Unit& unit : doc->units) result.unit_ids.push_back(unit.id);
  }
  // The source document: given, or the configured document this XLIFF was extracted from.
  std::string source_path = args.source;
  if (source_path.empty()) {
    if (auto it = setup.source_by_name.find(doc->original); it != setup.source_by_name.end()) {
      source_path = it->second;
    }
  }
  std::optional<Extraction> source;
  if (!source_path.empty()) {
    // The checks compare each unit's whole text with the document's: no segments needed.
    Result<Extraction> extracted = ExtractUnsegmentedFile(source_path);
    if (!extracted.ok()) {
      result.status = extracted.status();
      return result;
    }
    source = std::move(extracted).value();
  }
  CheckOptions options;
  options.glossary = setup.glossary ? &*setup.glossary : nullptr;
  options.source = source ? &*source : nullptr;
  if (setup.config) {
    options.settings = setup.config->checks;
    options.suppressions = setup.config->suppressions;
  }
  options.resources =
      &worker.resources
           .try_emplace({doc->source_locale, doc->target_locale}, options.glossary,
                        doc->source_locale, doc->target_locale, options.hunspell_dir)
           .first->second;
  for (Diagnostic& d : RunChecks(*doc, file, options)) result.findings.push_back(std::move(d));
  return result;
}

// The report as it is made, spooled to an unnamed temporary file, so that memory holds only the
// files in progress; it goes to its destination once every file has been checked (Replay).
// Without a temporary file the report is held in memory.
class ReportSpool {
 public:
  Status Write(std::string_view part) {
    if (!spool_) {
      held_ += part;
      return Status::Ok();
    }
    if (std::fwrite(part.data(), 1, part.size(), spool_.get()) != part.size()) {
      return Status::IoError(std::string("cannot write the report to a temporary file: ") +
                             std::strerror(errno));
    }
    return Status::Ok();
  }

  // Passes the whole report to `out`, a piece at a time.
  Status Replay(const ContentWriter& out) {
    if (!spool_) return out(held_);
    if (std::fflush(spool_.get()) != 0 || std::fseek(spool_.get(), 0, SEEK_SET) != 0) {
      return Status::IoError(std::string("cannot read back the report's temporary file: ") +
                             std::strerror(errno));
    }
    std::vector<char> buffer(std::size_t{1} << 16);
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), spool_.get())) {
      L10N_RETURN_IF_ERROR(out(std::string_view(buffer.data(), n)));
    }
    if (std::ferror(spool_.get())) {
      return Status::IoError("cannot read back the report's temporary file");
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> spool_{std::tmpfile(), &std::fclose};
  std::string held_;
};

int RunCheck(const CheckArgs& args) {
  if (args.list) {
    for (const CheckInfo& info : CheckCatalog()) {
      std::printf("%-17s %-8s %s\n", info.id.c_str(), SeverityName(info.severity).c_str(),
                  info.description.c_str());
    }
    return 0;
  }
  if (args.files.empty())
    return ReportError(Status::InvalidArgument("give at least one XLIFF file (or --list)"));
  Result<CheckSetup> setup = LoadCheckSetup(args);
  if (!setup.ok()) return ReportError(setup.status());

  // Files are checked on `jobs` workers, each with its own resources. The report is written a
  // file at a time, in input order, as soon as the files before it are done: only the findings
  // of files in progress, or done ahead of an earlier one, are held. The first unusable file,
  // in input order, ends the run with its error and no report; a part that cannot be written
  // is reported only when every file could be checked, as the inputs come first. Nothing is
  // made at the destination before then, and a report file is replaced whole.
  const std::unique_ptr<ReportWriter> writer = ReportWriter::Make(args.format);
  const int workers = WorkerCount(args.jobs, args.files.size());
  ReportSpool spool;
  std::size_t errors = 0, warnings = 0;
  std::string part;
  writer->Begin(part);
  Status written = spool.Write(part);
  Status unusable;
  std::atomic<bool> stop{false};  // a file is unusable: the rest need not be checked
  // Each file's part of the report, in input order, as soon as the files before it are done.
  InOrder<FileResult> in_order([&](std::size_t index, FileResult&& finished) {
    if (!finished.status.ok()) {
      if (unusable.ok()) unusable = finished.status;
      stop = true;
    }
    if (stop.load() || !written.ok()) return;
    for (const Diagnostic& d : finished.findings) {
      errors += d.severity == Severity::kError;
      warnings += d.severity == Severity::kWarning;
    }
    part.clear();
    writer->File(part, args.files[index], finished.findings, finished.unit_ids);
    written = spool.Write(part);
  });
  {
    std::vector<CheckWorker> state(static_cast<std::size_t>(workers));  // freed once checked
    const ReadAhead read_ahead(args.files);  // many disk reads at once from a cold cache
    ParallelFor(args.files.size(), workers, [&](std::size_t i, int w) {
      if (stop.load()) return;
      in_order.Done(i, CheckOneFile(args.files[i], args, *setup, writer->ListsUnits(),
                                    state[static_cast<std::size_t>(w)]));
    });
  }
  if (!unusable.ok()) return ReportError(unusable);
  if (!written.ok()) return ReportError(written);
  part.clear();
  writer->End(part);
  Status s = spool.Write(part);
  if (!s.ok()) return ReportError(s);
  if (args.output.empty()) {
    s = spool.Replay([](std::string_view piece) {
      std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
      return std::cout ? Status::Ok()
                       : Status::IoError("cannot write the report to standard output");
    });
  } else {
    StagedWrites output;
    s = output.Stage(args.output, [&spool](const ContentWriter& out) { return spool.Replay(out); });
    if (s.ok()) s = output.Commit();
  }
  if (!s.ok()) return ReportError(s);
  if (args.format == "text")
    std::cerr << errors << " errors, " << warnings << " warnings in " << args.files.size()
              << " file(s)\n";
  if (errors > 0 || (args.fail_on == "warning" && warnings > 0)) return 1;
  return 0;
}

}  // namespace

void AddCheckCommand(CLI::App& root, std::vector<Command>& commands) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* app = root.add_subcommand(
      "check",
      "Quality checks on translated XLIFF: completeness, inline codes, numbers and units (read by "
      "each locale's rules), protected text, terminology, punctuation, length, spelling, "
      "consistency. Exit 0 clean, 1 findings at or above --fail-on, 2 unusable input. "
      "Settings and suppressions come from l10n.toml when present.");
  app->add_option("files", args->files, "XLIFF files");
  app->add_option("--glossary,-g", args->glossary, "TBX glossary (default: the project's)");
  app->add_option("--source", args->source,
                  "the XHTML source document (default: found through l10n.toml)");
  app->add_option("--config,-c", args->config, "project file (default: ./l10n.toml if present)");
  app->add_option("--format,-f", args->format, "text, json, sarif or junit")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  app->add_option("--fail-on", args->fail_on, "error (default) or warning")
      ->check(CLI::IsMember({"error", "warning"}));
  app->add_option("-o,--output", args->output, "write the report to a file");
  app->add_flag("--list", args->list, "list the checks with their id, severity and description");
  app->add_option("--jobs,-j", args->jobs, "files checked at once (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  commands.push_back({app, [args] { return RunCheck(*args); }});
}

}  // namespace l10n::cli
