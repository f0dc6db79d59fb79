// The XLIFF model, read from and written to XLIFF 2.0 and 1.2.
//
// Both versions read into the same model. Segment states are normalized to
// the 2.0 values; the 1.2 state (or approved="yes") is kept in `sub_state`
// as "xlf12:STATE" so that nothing a tool wrote is lost.
#ifndef L10N_PIPELINE_XLIFF_H_
#define L10N_PIPELINE_XLIFF_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/content.h"
#include "pipeline/diagnostics.h"
#include "pipeline/extract.h"
#include "pipeline/status.h"

namespace l10n {

enum class State { kInitial, kTranslated, kReviewed, kFinal };
std::string_view StateName(State state);
std::optional<State> ParseState(std::string_view name);

// A translation candidate (2.0 <mtc:match>, 1.2 <alt-trans>).
struct Match {
  std::string segment_ref;  // segment id the match is for
  double similarity = 0;    // 0..100
  std::string origin;       // where it came from ("previous-version", "tm")
  Content source;
  Content target;
};

struct Segment {
  bool is_segment = true;  // false: <ignorable>
  std::string id;
  Content source;
  std::optional<Content> target;
  State state = State::kInitial;
  std::string sub_state;
  Location where;
};

struct Unit {
  std::string id;
  std::string name;
  std::vector<Note> notes;
  std::optional<int> max_chars;
  bool translate = true;
  std::vector<Segment> parts;
  std::vector<Match> matches;
  Location where;

  Content SourceContent() const;
  // The target of every part in order (ignorables: their target, else their
  // source); nullopt when a segment has no target. With
  // `drop_sentence_spaces` (languages written without spaces between
  // sentences, e.g. Japanese), white space between two segments is left out
  // unless the ignorable has a target of its own.
  std::optional<Content> TargetContent(bool drop_sentence_spaces = false) const;
  bool HasSegments() const;
};

struct XliffDocument {
  std::string version = "2.0";  // "2.0" or "1.2"
  std::string source_locale;
  std::string target_locale;
  std::string original;
  std::string file_id = "f1";
  std::vector<Unit> units;
  Location languages_where;  // the element carrying trgLang / target-language
  Location original_where;   // the <file> element carrying original

  const Unit* FindUnit(std::string_view id) const;
};

// The XLIFF for an extraction, with no targets.
XliffDocument MakeXliff(const Extraction& extraction, const std::string& target_locale);
// The same, taking the extraction's text instead of copying it.
XliffDocument MakeXliff(Extraction&& extraction, const std::string& target_locale);

struct WriteOptions {
  std::string version = "2.0";
  bool copy_source = false;  // 1.2: pre-fill empty targets with the source
};

// Serializes deterministically (same model, same bytes), UTF-8.
std::string WriteXliff(const XliffDocument& doc, const WriteOptions& options);

// Reads XLIFF 2.0 or 1.2 (detected from the root), tolerant of what tools do
// to files (UTF-16, re-indentation, foreign namespaces, seg-source and
// mrk mtype="seg", alt-trans, approved="yes"). Fails on the first error:
// not XLIFF, an unsupported version, or a violation of the processing
// requirements the schemas cannot check (unique ids, dataRef resolving,
// target codes matching source codes, trgLang with targets, subState with
// state). Errors carry file:line:col.
struct XliffReadOptions {
  // Whether units keep their notes. A merge does not use them: without them the file is read
  // faster. Notes are checked the same either way (repeated ids fail).
  bool notes = true;
  // Whether codes keep what they stand for (CodeMarkup: their original data, kind and element).
  // A merge takes the markup from the source document, not from the XLIFF file: without it the
  // file is read faster. References to original data are checked the same either way.
  bool code_markup = true;
};
Result<XliffDocument> ReadXliff(std::string_view bytes, const std::string& file,
                                const XliffReadOptions& options = {});
Result<XliffDocument> ReadXliffFile(const std::string& path, const XliffReadOptions& options = {});

// Like ReadXliff, but reports every violation in `problems` instead of
// failing on the first; fails only when the file cannot be read as XLIFF.
Result<XliffDocument> ReadXliffReporting(std::string_view bytes, const std::string& file,
                                         std::vector<Diagnostic>* problems);

}  // namespace l10n

#endif  // L10N_PIPELINE_XLIFF_H_
