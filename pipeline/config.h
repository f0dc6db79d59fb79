// The project file l10n.toml: what to build, from what, into where, and the
// publishing policy. Unknown keys and bad values are errors with the line
// and, where one is close, a suggestion. Paths are relative to the project
// root (the directory of l10n.toml) and may not leave it.
#ifndef L10N_PIPELINE_CONFIG_H_
#define L10N_PIPELINE_CONFIG_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/xliff.h"

namespace l10n {

struct DocumentConfig {
  std::string name;    // output file stem and XLIFF name: "microneedling-guide"
  std::string source;  // path of the XHTML source, relative to the root
};

struct CheckSetting {
  bool enabled = true;
  std::optional<std::string> severity;  // "error", "warning", "info"
};

// A finding the project accepts for one unit, with the reason.
struct Suppression {
  std::string check;
  std::string unit;
  std::string locale;  // empty: every locale
  std::string reason;
};

struct ProjectConfig {
  std::filesystem::path root;  // directory holding l10n.toml
  std::string name;
  std::string source_locale = "en";
  std::vector<std::string> target_locales;
  std::string base_url;  // ends with "/"
  std::vector<DocumentConfig> documents;
  std::string template_path;
  std::string assets_dir;
  std::string locales_dir = "locales";
  std::string output_dir = "out";
  std::string glossary;
  // Publishing policy.
  State min_state = State::kTranslated;
  double min_completion = 80.0;
  bool require_complete = false;
  bool publish_with_errors = false;
  std::string xliff_version = "2.0";
  // QA check settings by check id.
  std::map<std::string, CheckSetting> checks;
  std::vector<Suppression> suppressions;

  std::filesystem::path Resolve(const std::string& relative) const { return root / relative; }
};

Result<ProjectConfig> LoadConfig(const std::string& path);
Result<ProjectConfig> ParseConfig(std::string_view text, const std::string& path);

// "Did you mean" helper: the candidate closest to `word` within a small edit
// distance, or "".
std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace l10n

#endif  // L10N_PIPELINE_CONFIG_H_
