#include "pipeline/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>

#include "pipeline/file_io.h"
#include "pipeline/locale.h"

namespace l10n {
namespace {

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

Location Where(const std::string& path, const toml::source_region& region) {
  return Location{path, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

class Reader {
 public:
  Reader(const std::string& path, ProjectConfig& config) : path_(path), config_(config) {}

  Status Read(const toml::table& root) {
    L10N_RETURN_IF_ERROR(
        Keys(root, "", {"project", "paths", "documents", "publish", "checks", "suppress"}));
    if (const toml::table* project = root["project"].as_table()) {
      L10N_RETURN_IF_ERROR(
          Keys(*project, "project.", {"name", "source_locale", "target_locales", "base_url"}));
      L10N_RETURN_IF_ERROR(String(*project, "name", config_.name));
      L10N_RETURN_IF_ERROR(String(*project, "source_locale", config_.source_locale));
      L10N_RETURN_IF_ERROR(Locale(*project, "source_locale", config_.source_locale));
      L10N_RETURN_IF_ERROR(String(*project, "base_url", config_.base_url));
      if (const toml::node* list = project->get("target_locales")) {
        const toml::array* array = list->as_array();
        if (!array)
          return Bad(*list, "target_locales must be a list of locale tags, e.g. [\"es\", \"fr\"]");
        for (const toml::node& item : *array) {
          std::optional<std::string> tag = item.value<std::string>();
          if (!tag) return Bad(item, "a locale tag must be a string");
          if (Status s = ValidateLocaleTag(*tag); !s.ok()) return Bad(item, s.message());
          if (std::find(config_.target_locales.begin(), config_.target_locales.end(), *tag) !=
              config_.target_locales.end()) {
            return Bad(item, "locale \"" + *tag + "\" is listed twice");
          }
          config_.target_locales.push_back(*tag);
        }
      }
    } else {
      return Status::InvalidArgument(
          "missing [project] table (name, source_locale, target_locales, base_url)",
          Location{path_, 1, 1});
    }
    if (config_.base_url.empty()) {
      return Status::InvalidArgument(
          "project.base_url is required (e.g. \"https://example.org/guides/\")",
          Location{path_, 1, 1});
    }
    if (config_.base_url.back() != '/') config_.base_url += '/';
    if (config_.base_url.rfind("https://", 0) != 0 && config_.base_url.rfind("http://", 0) != 0) {
      return Bad(*root["project"]["base_url"].node(),
                 "base_url must start with https:// or http://");
    }
    if (const toml::table* paths = root["paths"].as_table()) {
      L10N_RETURN_IF_ERROR(
          Keys(*paths, "paths.", {"template", "assets", "locales", "output", "glossary"}));
      L10N_RETURN_IF_ERROR(Path(*paths, "template", config_.template_path));
      L10N_RETURN_IF_ERROR(Path(*paths, "assets", config_.assets_dir));
      L10N_RETURN_IF_ERROR(Path(*paths, "locales", config_.locales_dir));
      L10N_RETURN_IF_ERROR(Path(*paths, "output", config_.output_dir));
      L10N_RETURN_IF_ERROR(Path(*paths, "glossary", config_.glossary));
    }
    if (const toml::table* paths = root["paths"].as_table(); paths && paths->get("output")) {
      output_node_ = paths->get("output");
    }
    if (config_.template_path.empty()) {
      return Status::InvalidArgument("paths.template is required (the page template XHTML)",
                                     Location{path_, 1, 1});
    }
    if (const toml::node* docs = root.get("documents")) {
      const toml::array* array = docs->as_array();
      if (!array) return Bad(*docs, "documents must be an array of tables: [[documents]]");
      for (const toml::node& item : *array) {
        const toml::table* doc = item.as_table();
        if (!doc) return Bad(item, "each [[documents]] entry must be a table with name and source");
        L10N_RETURN_IF_ERROR(Keys(*doc, "documents.", {"name", "source"}));
        DocumentConfig d;
        L10N_RETURN_IF_ERROR(String(*doc, "name", d.name));
        L10N_RETURN_IF_ERROR(Path(*doc, "source", d.source));
        if (d.name.empty() || d.source.empty())
          return Bad(item, "a document needs both name and source");
        if (d.name.find_first_of("/\\") != std::string::npos ||
            d.name.find("..") != std::string::npos) {
          return Bad(*doc->get("name"), "a document name is a plain file stem, without / or ..");
        }
        config_.documents.push_back(std::move(d));
      }
    }
    if (config_.documents.empty()) {
      return Status::InvalidArgument("no [[documents]]: name at least one source document",
                                     Location{path_, 1, 1});
    }
    L10N_RETURN_IF_ERROR(CheckOutputDirectory());
    if (const toml::table* publish = root["publish"].as_table()) {
      L10N_RETURN_IF_ERROR(Keys(*publish, "publish.",
                                {"min_state", "min_completion", "require_complete",
                                 "publish_with_errors", "xliff_version"}));
      std::string state;
      L10N_RETURN_IF_ERROR(String(*publish, "min_state", state));
      if (!state.empty()) {
        std::optional<State> parsed = ParseState(state);
        if (!parsed)
          return Bad(*publish->get("min_state"),
                     "min_state must be initial, translated, reviewed or final");
        config_.min_state = *parsed;
      }
      if (const toml::node* n = publish->get("min_completion")) {
        std::optional<double> v = n->value<double>();
        if (!v || *v < 0 || *v > 100)
          return Bad(*n, "min_completion is a percentage from 0 to 100");
        config_.min_completion = *v;
      }
      L10N_RETURN_IF_ERROR(Bool(*publish, "require_complete", config_.require_complete));
      L10N_RETURN_IF_ERROR(Bool(*publish, "publish_with_errors", config_.publish_with_errors));
      L10N_RETURN_IF_ERROR(String(*publish, "xliff_version", config_.xliff_version));
      if (config_.xliff_version != "2.0" && config_.xliff_version != "1.2") {
        return Bad(*publish->get("xliff_version"), "xliff_version must be \"2.0\" or \"1.2\"");
      }
    }
    if (const toml::table* checks = root["checks"].as_table()) {
      for (const auto& [key, value] : *checks) {
        CheckSetting setting;
        if (std::optional<bool> enabled = value.value<bool>()) {
          setting.enabled = *enabled;
        } else if (std::optional<std::string> severity = value.value<std::string>()) {
          if (*severity != "error" && *severity != "warning" && *severity != "info" &&
              *severity != "off") {
            return Bad(value,
                       "a check is set to true, false, or a severity: \"error\", \"warning\", "
                       "\"info\", \"off\"");
          }
          setting.enabled = *severity != "off";
          if (setting.enabled) setting.severity = *severity;
        } else {
          return Bad(value, "a check is set to true, false, or a severity string");
        }
        config_.checks[std::string(key.str())] = setting;
      }
    }
    if (const toml::node* list = root.get("suppress")) {
      const toml::array* array = list->as_array();
      if (!array) return Bad(*list, "suppress must be an array of tables: [[suppress]]");
      for (const toml::node& item : *array) {
        const toml::table* table = item.as_table();
        if (!table)
          return Bad(
              item,
              "each [[suppress]] is a table with check, unit, reason (and optionally locale)");
        L10N_RETURN_IF_ERROR(Keys(*table, "suppress.", {"check", "unit", "locale", "reason"}));
        Suppression s;
        L10N_RETURN_IF_ERROR(String(*table, "check", s.check));
        L10N_RETURN_IF_ERROR(String(*table, "unit", s.unit));
        L10N_RETURN_IF_ERROR(String(*table, "locale", s.locale));
        L10N_RETURN_IF_ERROR(String(*table, "reason", s.reason));
        if (s.check.empty() || s.unit.empty() || s.reason.empty()) {
          return Bad(item, "a suppression needs check, unit and a reason");
        }
        config_.suppressions.push_back(std::move(s));
      }
    }
    return Status::Ok();
  }

 private:
  // The output directory is replaced whole by every build: it must not be,
  // contain, or lie inside anything the build reads.
  Status CheckOutputDirectory() {
    namespace fs = std::filesystem;
    const fs::path out = fs::path(config_.output_dir).lexically_normal();
    auto within = [](const fs::path& inner, const fs::path& outer) {
      const std::string a = inner.lexically_normal().string();
      std::string b = outer.lexically_normal().string();
      if (b == "." || b.empty()) return true;
      if (!b.empty() && b.back() != '/') b += '/';
      return a == outer.lexically_normal().string() || a.rfind(b, 0) == 0;
    };
    std::vector<std::pair<std::string, fs::path>> inputs = {{"locales", config_.locales_dir},
                                                            {"template", config_.template_path}};
    if (!config_.assets_dir.empty()) inputs.emplace_back("assets", config_.assets_dir);
    if (!config_.glossary.empty()) inputs.emplace_back("glossary", config_.glossary);
    for (const DocumentConfig& d : config_.documents)
      inputs.emplace_back("document " + d.name, d.source);
    const std::string output = config_.output_dir;
    for (const auto& [what, input] : inputs) {
      if (within(input, out) || within(out, input) || out == "." || out.empty()) {
        const std::string message = "output directory \"" + output + "\" overlaps the " + what +
                                    " (\"" + input.string() +
                                    "\"); every build replaces the output directory whole, so it "
                                    "must be a folder of its own, e.g. \"out\"";
        if (output_node_ != nullptr) return Bad(*output_node_, message);
        return Status::InvalidArgument(message, Location{path_, 1, 1});
      }
    }
    return Status::Ok();
  }

  Status Bad(const toml::node& node, const std::string& message) {
    return Status::InvalidArgument(message, Where(path_, node.source()));
  }

  Status Keys(const toml::table& table, const std::string& prefix,
              const std::vector<std::string>& allowed) {
    for (const auto& [key, value] : table) {
      const std::string name(key.str());
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
      std::string message = "unknown key \"" + prefix + name + "\"";
      const std::string suggestion = ClosestMatch(name, allowed);
      if (!suggestion.empty())
        message += "; did you mean \"" + prefix + suggestion + "\"?";
      else {
        message += "; known keys here:";
        for (const std::string& a : allowed) message += " " + a;
      }
      return Status::InvalidArgument(message, Where(path_, key.source()));
    }
    return Status::Ok();
  }

  Status String(const toml::table& table, const char* key, std::string& out) {
    const toml::node* node = table.get(key);
    if (!node) return Status::Ok();
    std::optional<std::string> value = node->value<std::string>();
    if (!value) return Bad(*node, std::string(key) + " must be a string");
    out = *value;
    return Status::Ok();
  }

  Status Bool(const toml::table& table, const char* key, bool& out) {
    const toml::node* node = table.get(key);
    if (!node) return Status::Ok();
    std::optional<bool> value = node->value<bool>();
    if (!value) return Bad(*node, std::string(key) + " must be true or false");
    out = *value;
    return Status::Ok();
  }

  Status Locale(const toml::table& table, const char* key, const std::string& tag) {
    if (Status s = ValidateLocaleTag(tag); !s.ok()) return Bad(*table.get(key), s.message());
    return Status::Ok();
  }

  Status Path(const toml::table& table, const char* key, std::string& out) {
    L10N_RETURN_IF_ERROR(String(table, key, out));
    if (out.empty()) return Status::Ok();
    const std::filesystem::path p(out);
    if (p.is_absolute())
      return Bad(*table.get(key),
                 "path \"" + out + "\" is absolute; give it relative to the project root");
    for (const auto& part : p) {
      if (part == "..") {
        return Bad(*table.get(key),
                   "path \"" + out + "\" leaves the project directory; keep every path inside it");
      }
    }
    return Status::Ok();
  }

  const std::string& path_;
  ProjectConfig& config_;
  const toml::node* output_node_ = nullptr;
};

}  // namespace

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = 3;
  for (const std::string& c : candidates) {
    const std::size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

Result<ProjectConfig> ParseConfig(std::string_view text, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    return Status::InvalidArgument(std::string(error.description()), Where(path, error.source()));
  }
  ProjectConfig config;
  config.root = std::filesystem::path(path).parent_path();
  if (config.root.empty()) config.root = ".";
  Reader reader(path, config);
  L10N_RETURN_IF_ERROR(reader.Read(table));
  return config;
}

Result<ProjectConfig> LoadConfig(const std::string& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseConfig(*text, path);
}

}  // namespace l10n
