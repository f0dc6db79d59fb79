// libFuzzer target: merge (what `l10n merge` does).
//
// The guide (source-content/microneedling-guide.xhtml) is read once; each
// input is read as the translated XLIFF (ReadXliff), checked against the
// guide, merged into a fresh extraction of it (MergeTranslations mutates the
// DOM, so the guide's bytes are extracted again per input) with every state
// published, and serialized (SerializeHtml).
//
// Invariant, the point of the merge design: translator text is only ever
// text. Every tag in the page is one the guide's own page has, no attribute
// is an event handler, no URL attribute is javascript:, and no '<' stands
// outside a tag.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "pipeline/extract.h"
#include "pipeline/html.h"
#include "pipeline/merge.h"
#include "pipeline/xliff.h"

namespace {

const std::string& GuideBytes() {
  static const std::string* bytes = new std::string(l10n_fuzz::ReadWholeFile(
      l10n_fuzz::ProjectRoot() + "/source-content/microneedling-guide.xhtml"));
  return *bytes;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Tag names of the page, or a description of the first problem.
bool ScanPage(const std::string& page, std::set<std::string>* tags, std::string* problem) {
  std::size_t i = 0;
  const std::string doctype = "<!DOCTYPE html>\n";
  if (page.compare(0, doctype.size(), doctype) != 0) {
    *problem = "page does not start with <!DOCTYPE html>";
    return false;
  }
  i = doctype.size();
  auto is_name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
           c == '.';
  };
  while ((i = page.find('<', i)) != std::string::npos) {
    std::size_t j = i + 1;
    if (j < page.size() && page[j] == '/') ++j;
    const std::size_t name_begin = j;
    while (j < page.size() && is_name(page[j])) ++j;
    if (j == name_begin) {
      *problem = "'<' outside a tag at byte " + std::to_string(i);
      return false;
    }
    tags->insert(Lower(page.substr(name_begin, j - name_begin)));
    // Attributes: name="value" with the value escaped (no '"' inside).
    while (j < page.size() && page[j] != '>') {
      if (page[j] == ' ') {
        ++j;
        continue;
      }
      const std::size_t attr_begin = j;
      while (j < page.size() && is_name(page[j])) ++j;
      const std::string name = Lower(page.substr(attr_begin, j - attr_begin));
      if (name.empty() || j + 1 >= page.size() || page[j] != '=' || page[j + 1] != '"') {
        *problem = "malformed attribute at byte " + std::to_string(attr_begin);
        return false;
      }
      const std::size_t value_begin = j + 2;
      const std::size_t value_end = page.find('"', value_begin);
      if (value_end == std::string::npos) {
        *problem = "unterminated attribute value at byte " + std::to_string(attr_begin);
        return false;
      }
      std::string value = Lower(page.substr(value_begin, value_end - value_begin));
      value.erase(0, value.find_first_not_of(" \t\n\r\f"));
      if (name.size() > 2 && name.compare(0, 2, "on") == 0) {
        *problem = "event handler attribute " + name;
        return false;
      }
      if ((name == "href" || name == "src" || name == "action" || name == "formaction") &&
          value.compare(0, 11, "javascript:") == 0) {
        *problem = "javascript: URL in " + name;
        return false;
      }
      j = value_end + 1;
    }
    i = j;
  }
  return true;
}

const std::set<std::string>& GuideTags() {
  static const std::set<std::string>* tags = [] {
    l10n::Result<l10n::Extraction> e =
        l10n::ExtractXhtml(GuideBytes(), "microneedling-guide.xhtml", {});
    if (!e.ok()) l10n_fuzz::Fail("merge", "the guide does not extract: " + e.status().ToString());
    auto* set = new std::set<std::string>;
    std::string problem;
    if (!ScanPage(l10n::SerializeHtml(e->document.doc()), set, &problem)) {
      l10n_fuzz::Fail("merge", "the guide's own page: " + problem);
    }
    return set;
  }();
  return *tags;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)GuideTags();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  l10n::Result<l10n::XliffDocument> xliff = l10n::ReadXliff(bytes, "fuzz.xlf");
  if (!xliff.ok()) return 0;
  // Both ways a merge meets its document: segmented (l10n build) and unsegmented, where units
  // take the XLIFF's segmentation when it spells the text (l10n merge).
  for (const bool segmented : {true, false}) {
    l10n::ExtractOptions options;
    options.segment = segmented;
    l10n::Result<l10n::Extraction> source =
        l10n::ExtractXhtml(GuideBytes(), "microneedling-guide.xhtml", options);
    if (!source.ok()) l10n_fuzz::Fail("merge", "the guide does not extract");
    (void)l10n::CheckXliffMatchesSource(*source, *xliff, "fuzz.xlf", "");  // merge goes on
    l10n::PublishPolicy policy;
    policy.min_state = l10n::State::kInitial;
    l10n::MergeResult result = l10n::MergeTranslations(*source, *xliff, "fuzz.xlf", policy);
    (void)result;
    const std::string page = l10n::SerializeHtml(source->document.doc());
    std::set<std::string> tags;
    std::string problem;
    if (!ScanPage(page, &tags, &problem))
      l10n_fuzz::Fail("merge", "live markup in the page: " + problem);
    for (const std::string& tag : tags) {
      if (!GuideTags().count(tag))
        l10n_fuzz::Fail("merge", "the page has a <" + tag + "> the guide does not");
    }
  }
  return 0;
}
