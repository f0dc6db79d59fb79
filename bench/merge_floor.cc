// The least a merge of a corpus can cost on this machine: what `l10n merge --out-dir` does
// besides merging, with nothing of the merge itself.
//
//   merge_floor CORPUS LOCALE OUT_DIR [io|parse] [JOBS]
//
// For every page CORPUS/source-content/pages/NAME.xhtml, reads it and CORPUS/locales/LOCALE/
// NAME.xlf as l10n reads its inputs (ReadFile, with the batch's read-ahead), and writes the
// page's own bytes as OUT_DIR/NAME.html as l10n writes a batch (StagedWrites: a staging directory,
// flushed to disk and renamed into place at the end). `parse` (the default) also parses both
// files with pugixml into a DOM, in place, with its default options, and nothing else: no
// safety scan, no model, no merge. `io` leaves the parse out. JOBS: workers (default: one per
// core). Prints the pages, the bytes read and the wall time.
//
// A merge that checks what it publishes does all of this and more, so its time is a lower bound
// for any merge that reads XLIFF through pugixml's DOM (bench/compare.sh reports it beside
// Translate Toolkit's merge).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "pipeline/file_io.h"
#include "pipeline/parallel.h"

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "merge_floor: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 4 || argc > 6) {
    return Fail("usage: merge_floor CORPUS LOCALE OUT_DIR [io|parse] [JOBS]");
  }
  const fs::path corpus = argv[1];
  const std::string locale = argv[2];
  const std::string out_dir = argv[3];
  const std::string mode = argc > 4 ? argv[4] : "parse";
  if (mode != "io" && mode != "parse") return Fail("the mode is io or parse, not " + mode);
  const int jobs = argc > 5 ? std::atoi(argv[5]) : 0;
  if (fs::exists(out_dir)) return Fail(out_dir + " exists: give a directory that does not yet");

  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(corpus / "source-content" / "pages", ec)) {
    if (entry.path().extension() == ".xhtml") names.push_back(entry.path().stem().string());
  }
  if (ec) return Fail((corpus / "source-content" / "pages").string() + ": " + ec.message());
  std::sort(names.begin(), names.end());
  auto page_path = [&](std::size_t i) {
    return (corpus / "source-content" / "pages" / (names[i] + ".xhtml")).string();
  };
  auto xliff_path = [&](std::size_t i) {
    return (corpus / "locales" / locale / (names[i] + ".xlf")).string();
  };

  const auto start = std::chrono::steady_clock::now();
  l10n::StagedWrites staged;
  if (l10n::Status s = staged.Prepare(out_dir); !s.ok()) return Fail(s.ToString());
  std::atomic<std::size_t> bytes{0};
  std::atomic<bool> failed{false};
  {
    const l10n::ReadAhead read_ahead(2 * names.size(), [&](std::size_t i) {
      return i % 2 == 0 ? page_path(i / 2) : xliff_path(i / 2);
    });
    l10n::ParallelFor(names.size(), l10n::WorkerCount(jobs, names.size()), [&](std::size_t i, int) {
      l10n::Result<std::string> page = l10n::ReadFile(page_path(i));
      l10n::Result<std::string> xliff = l10n::ReadFile(xliff_path(i));
      if (!page.ok() || !xliff.ok()) {
        std::fprintf(stderr, "merge_floor: %s\n",
                     (page.ok() ? xliff : page).status().ToString().c_str());
        failed = true;
        return;
      }
      bytes += page->size() + xliff->size();
      std::string out = *page;  // the page's bytes, as the merge's output
      if (mode == "parse") {
        pugi::xml_document page_dom, xliff_dom;
        if (!page_dom.load_buffer_inplace(page->data(), page->size()) ||
            !xliff_dom.load_buffer_inplace(xliff->data(), xliff->size())) {
          std::fprintf(stderr, "merge_floor: %s does not parse\n", names[i].c_str());
          failed = true;
          return;
        }
      }
      l10n::Status s = staged.Stage((fs::path(out_dir) / (names[i] + ".html")).string(), out);
      if (!s.ok()) {
        std::fprintf(stderr, "merge_floor: %s\n", s.ToString().c_str());
        failed = true;
      }
    });
  }
  if (failed) return 2;
  if (l10n::Status s = staged.Commit(); !s.ok()) return Fail(s.ToString());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu pages, %zu bytes read, %s: %.4f s\n", names.size(), bytes.load(), mode.c_str(),
              seconds);
  return 0;
}
