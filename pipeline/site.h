// The site build: for every target locale, bring its XLIFF files up to date
// with the sources, merge them, apply the publishing policy, and write a
// static multilingual site plus a report.
//
// Output (under the project's output directory, replaced atomically: a
// failed build leaves the previous one in place):
//   site/<locale>/<document>.html   one page per published locale
//   site/index.html                 language picker
//   site/sitemap.xml                every page with its xhtml:link alternates
//   site/assets/                    copied from the project's assets
//   report.json, report.html        per-locale figures and findings
#ifndef L10N_PIPELINE_SITE_H_
#define L10N_PIPELINE_SITE_H_

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/analyze.h"
#include "pipeline/config.h"
#include "pipeline/diagnostics.h"
#include "pipeline/merge.h"

namespace l10n {

// How many findings of one check the build keeps, per locale, for the report.
inline constexpr int kListedFindingsPerCheck = 200;

struct LocaleOutcome {
  std::string locale;
  bool published = false;
  std::string reason;  // why not published (or "" when published)
  MergeStats stats;
  BandCounts analysis;  // leverage of the current source before this build's update
  // The findings of the checks and the merge, in document order: at most
  // kListedFindingsPerCheck of each check (the report lists these; `l10n
  // check` gives all of them). Counts are of every finding.
  std::vector<Diagnostic> diagnostics;
  int findings = 0;
  std::map<std::string, int> findings_by_check;
  int blocking_errors = 0;         // errors that keep the locale from being published
  std::vector<std::string> notes;  // e.g. "created locales/es/guide.xlf"
};

struct BuildResult {
  std::vector<LocaleOutcome> locales;  // in configuration order
  std::string output_dir;
  int pages = 0;
  // Documents checked (one per document and locale), and how many of them had the findings of an
  // earlier build taken because none of their inputs had changed (findings_cache.h).
  int documents_checked = 0;
  int findings_reused = 0;
  // What went wrong that did not stop the build, e.g. a findings cache that could not be written.
  std::vector<std::string> warnings;
};

struct BuildOptions {
  std::string output_dir;  // overrides the configuration when not empty
  int jobs = 0;            // worker threads; 0: one per core
  // Check every document again rather than take the findings kept from earlier builds for the
  // documents whose inputs have not changed; what is found is kept for the next build.
  bool recheck = false;
  // Called once per finished (document, locale) with done/total counts.
  std::function<void(int done, int total, const std::string& locale)> progress;
};

Result<BuildResult> BuildSite(const ProjectConfig& config, const BuildOptions& options);

// The report as JSON and as HTML (pure functions of the result).
// The sitemaps protocol's limits for one file.
struct SitemapLimits {
  std::size_t max_urls = 50000;
  std::size_t max_bytes = 50u * 1024u * 1024u;
};

// Writes the sitemap of `documents`, each published in every one of
// `locales` (pages at BASE_URL/LOCALE/DOCUMENT.html, each listing its
// alternates and x-default, the `source_locale` page), into `site_dir`: one
// sitemap.xml <urlset> when that is within `limits`; otherwise
// sitemap-1.xml, sitemap-2.xml... each within them (a document's pages stay
// in one file) and sitemap.xml a <sitemapindex> of them. Files are written a
// piece at a time. Returns how many <urlset> files there are.
Result<int> WriteSitemaps(const std::filesystem::path& site_dir, const std::string& base_url,
                          const std::string& source_locale,
                          const std::vector<std::string>& documents,
                          const std::vector<std::string>& locales,
                          const SitemapLimits& limits = {});

// A document as the site's index lists it.
struct IndexEntry {
  std::string_view name;   // its pages are LOCALE/NAME.html
  std::string_view title;  // in the source language
};

// Writes the site's index page, `site_name` in `source_locale`, to `path` (a new file, see
// WriteNewFile): a section per document, in order, with a link to its page in each of the
// `published` locales. Written a section at a time, so that the index of a large site is never
// held whole, in any form.
Status WriteSiteIndex(const std::filesystem::path& path, const std::string& site_name,
                      const std::string& source_locale, const std::vector<IndexEntry>& documents,
                      const std::vector<std::string>& published);

// The build's report as JSON, written to `path` (a new file, see WriteNewFile) a locale at a time.
Status WriteReportJson(const std::filesystem::path& path, const BuildResult& result,
                       const ProjectConfig& config);
std::string ReportHtml(const BuildResult& result, const ProjectConfig& config);

}  // namespace l10n

#endif  // L10N_PIPELINE_SITE_H_
