// The translatable-content model shared by every stage.
//
// A unit's text is a sequence of runs: plain text, inline codes standing for
// markup (an opening and closing pair, or a standalone placeholder), and the
// bounds of protected spans (translate="no"). Codes are identified by `id`,
// unique within a unit; a closing run carries the id of its opening run.
#ifndef L10N_PIPELINE_CONTENT_H_
#define L10N_PIPELINE_CONTENT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

enum class RunKind {
  kText,
  kOpen,            // opening code (XLIFF 2.0 <pc>/<sc>, 1.2 <g>/<bx>/<bpt>)
  kClose,           // closing code
  kPlaceholder,     // standalone code (2.0 <ph>, 1.2 <x>/<ph>)
  kProtectedOpen,   // start of text that must not be translated
  kProtectedClose,  // end of that text
};

// What kind of markup a code stands for; maps to 2.0 type/subType and 1.2 ctype.
enum class CodeType {
  kFormat,
  kBold,
  kItalic,
  kUnderline,
  kLink,
  kImage,
  kLineBreak,
  kQuote,
  kOther
};

// What a code stands for: the kind of markup, and the markup itself. An opening code and its
// closing code share one.
struct CodeMarkup {
  CodeType type = CodeType::kOther;
  std::string start_data;  // original markup of an opening code or placeholder
  std::string end_data;    // original markup of a closing code
  std::string element;     // the HTML element name, for display ("a", "em")
};

struct Run {
  RunKind kind = RunKind::kText;
  std::string text;  // kText: the text
  std::string id;    // code or protected-span id
  // Codes: what the code stands for, when known (null for text runs and protected bounds).
  // Immutable once made, so that runs are copied without copying the markup.
  std::shared_ptr<const CodeMarkup> markup;

  CodeType type() const { return markup ? markup->type : CodeType::kOther; }
  const std::string& start_data() const { return markup ? markup->start_data : NoMarkup(); }
  const std::string& end_data() const { return markup ? markup->end_data : NoMarkup(); }
  const std::string& element() const { return markup ? markup->element : NoMarkup(); }

  static Run Text(std::string text) {
    Run r;
    r.text = std::move(text);
    return r;
  }
  static Run Code(RunKind kind, std::string id) {
    Run r;
    r.kind = kind;
    r.id = std::move(id);
    return r;
  }
  static Run Code(RunKind kind, std::string id, std::shared_ptr<const CodeMarkup> markup) {
    Run r = Code(kind, std::move(id));
    r.markup = std::move(markup);
    return r;
  }
  bool operator==(const Run& other) const {
    return kind == other.kind && text == other.text && id == other.id;
  }

 private:
  static const std::string& NoMarkup() {
    static const std::string kEmpty;
    return kEmpty;
  }
};

using Content = std::vector<Run>;

// Concatenated text of the text runs (codes omitted).
std::string PlainText(const Content& content);

// Text with codes shown as {1}, {/1}, {2/} and protected spans as [[ ]]:
// a compact, stable rendering for comparisons, hashing and messages.
std::string Signature(const Content& content);

// What makes two source texts the same for staleness and translation-memory matching: the
// signature with white space collapsed, in NFC.
std::string SourceKey(const Content& content);
// SourceKey(a) == SourceKey(b), without normalizing when the signatures are already equal.
bool SameSourceKey(const Content& a, const Content& b);

// Whether `content` is as a unit's SourceContent() joins runs: no empty text run, and no two
// text runs side by side.
bool IsJoined(const Content& content);

// Appends `text` merging with a trailing text run. `text` must not view `content`'s own runs:
// appending may move them.
void AppendText(Content& content, std::string_view text);
// Appends `runs`, joining text runs that come side by side and leaving out empty ones.
void AppendJoined(Content& content, const Content& runs);
void AppendJoined(Content& content, Content&& runs);

// Whether the text of `content` (its codes aside) is empty or white space.
bool IsBlankText(const Content& content);

// Whether parts[i] (Part of a document, Segment of an XLIFF file) is white space between two
// sentences: an ignorable whose text is blank, with a segment on either side. A target in a
// language written without spaces between sentences leaves it out (Unit::TargetContent).
template <typename AnyPart>
bool IsSpaceBetweenSentences(const std::vector<AnyPart>& parts, std::size_t i) {
  return !parts[i].is_segment && i > 0 && i + 1 < parts.size() && parts[i - 1].is_segment &&
         parts[i + 1].is_segment && IsBlankText(parts[i].source);
}

// The sources of a unit's parts (Part of a document, Segment of an XLIFF file) as one content:
// text runs that come side by side are joined. What SourceContent() of either unit gives.
template <typename AnyPart>
Content JoinSources(const std::vector<AnyPart>& parts) {
  Content out;
  std::size_t runs = 0;
  for (const AnyPart& part : parts) runs += part.source.size();
  out.reserve(runs);
  for (const AnyPart& part : parts) AppendJoined(out, part.source);
  return out;
}

// A unit's whole source (a SourceUnit of a document or a Unit of an XLIFF file): its one part's
// own source when that is already joined (most units), else its SourceContent() made in
// `storage`.
template <typename AnyUnit>
const Content& WholeSource(const AnyUnit& unit, Content& storage) {
  if (unit.parts.size() == 1 && IsJoined(unit.parts.front().source)) {
    return unit.parts.front().source;
  }
  storage = unit.SourceContent();
  return storage;
}

// The inverse of Signature for text written by it: "{1}", "{/1}", "{2/}"
// become codes and "[[", "]]" protected bounds. Used for memory entries,
// which keep segments as signatures.
Content ParseSignature(std::string_view signature);

// Checks that a target's codes fit its source: every source code appears
// exactly once, no code is invented, pairs are well nested, and protected
// spans are intact. Returns a message describing the first problem, or
// nullopt when the target is acceptable.
std::optional<std::string> CheckCodes(const Content& source, const Content& target);

}  // namespace l10n

#endif  // L10N_PIPELINE_CONTENT_H_
