// Extraction: XHTML document -> translatable units.
//
// Units: one per block element holding text (title, headings, paragraphs,
// list items, table cells, captions...) and one per translatable attribute
// (alt, title, aria-label, placeholder, meta description/keywords content).
// Inline elements inside a block become codes; ITS translate="no" content is
// skipped (block) or protected (inline); its-loc-note / its:locNote become
// notes; the heading path becomes a context note.
//
// Unit ids (stable under edits elsewhere in the document):
//   - an element's own id attribute, when it has one;
//   - "title" for <title>, "meta-NAME" for <meta name=NAME content>;
//   - otherwise SCOPE.TAG-HASH for blocks and SCOPE.TAG-ATTR-HASH for
//     attributes, where SCOPE is the id of the nearest ancestor with an id
//     ("body"/"head" when none) and HASH the first 8 hex digits of FNV-1a over
//     the NFC text. Identical text in one scope gets "-2", "-3"... in order.
//   Inserting, deleting or editing a paragraph changes no other unit's id.
#ifndef L10N_PIPELINE_EXTRACT_H_
#define L10N_PIPELINE_EXTRACT_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/content.h"
#include "pipeline/segmenter.h"
#include "pipeline/status.h"
#include "pipeline/xml.h"

namespace l10n {

struct Note {
  std::string category;  // "context", "its-loc-note"...
  std::string text;
  bool alert = false;  // its-loc-note-type="alert"
};

// A segment or the ignorable white space between segments.
struct Part {
  bool is_segment = true;
  std::string id;  // "s1", "s2"... for segments; "i1"... for ignorables
  Content source;
};

enum class UnitKind { kBlock, kAttribute };

struct SourceUnit {
  std::string id;
  std::string name;  // "p", "h2", "title", "img@alt", "meta@content"
  UnitKind kind = UnitKind::kBlock;
  std::vector<Note> notes;
  std::optional<int> max_chars;  // size restriction in code points
  std::vector<Part> parts;
  Location where;
  // Where the unit lives in the extraction's DOM (valid while it lives).
  pugi::xml_node element;
  std::string attribute;  // kAttribute: attribute name
  // The inline elements of a block, in document order: code id "1" is the first.
  std::vector<pugi::xml_node> code_nodes;

  // The inline element of code `id`, or a null node when the block has no such code.
  pugi::xml_node CodeNode(std::string_view id) const;
  Content SourceContent() const;  // the parts concatenated
};

struct ExtractOptions {
  std::string source_locale;  // empty: the document's lang attribute, else "en"
  bool segment = true;
  // Segmenters to reuse across documents (one thread at a time); when null,
  // one is made for the document.
  SegmenterCache* segmenters = nullptr;
  // The notes for translators (context, localization notes) and each unit's location in the
  // file. Off for callers that only compare and rebuild units (merge, check): the units then
  // have no notes and no location, and everything else is the same.
  bool notes = true;
};

struct Extraction {
  XmlDocument document;  // owns the DOM the units refer to
  std::string original;  // the source file name (no directories)
  std::string source_locale;
  std::vector<SourceUnit> units;
  // False when made with ExtractOptions::segment off: each unit is then one segment.
  bool segmented = true;

  // A linear search: for one lookup. To look up many units, use UnitsById.
  const SourceUnit* FindUnit(std::string_view id) const;
};

// The extraction's units by id, for callers that look up every unit of a document. The keys
// and values point into `extraction`: valid while its units are not changed.
std::unordered_map<std::string_view, const SourceUnit*> UnitsById(const Extraction& extraction);

// Parses and extracts an XHTML document. Errors (malformed XML, text mixed
// with block elements) carry file:line:col.
Result<Extraction> ExtractXhtml(std::string_view bytes, const std::string& file,
                                const ExtractOptions& options);
// The same for bytes the caller gives up (read from a file), parsed without a copy.
Result<Extraction> ExtractXhtmlBuffer(std::string bytes, const std::string& file,
                                      const ExtractOptions& options);
Result<Extraction> ExtractXhtmlFile(const std::string& path, const ExtractOptions& options);
// Extracts the file without segmentation, notes or locations, for callers that compare or
// rebuild whole units (merge, check), with the errors an extraction with segmentation gives: a
// document whose language cannot be segmented is refused all the same.
Result<Extraction> ExtractUnsegmentedFile(const std::string& path);

// Whether extraction with segmentation breaks `unit` into sentences: blocks, and a page's
// description and keywords. Any other attribute value is one segment.
bool BreaksIntoSentences(const SourceUnit& unit);

// The parts extraction makes of a unit's content: with a segmenter, and for a unit broken into
// sentences, its sentences and the white space between them (SegmentContent); else one segment
// holding the whole content. `plain`, where given, is PlainText(content).
std::vector<Part> UnitParts(const SourceUnit& unit, Content content, Segmenter* segmenter);
std::vector<Part> UnitParts(const SourceUnit& unit, Content content, std::string_view plain,
                            Segmenter* segmenter);

// Splits a unit's content into segments and ignorable white space, never
// inside a code pair or protected span. Exposed for tests.
std::vector<Part> SegmentContent(Content content, Segmenter* segmenter);
// The same, given PlainText(content).
std::vector<Part> SegmentContent(Content content, std::string_view plain, Segmenter* segmenter);

// The last step of SegmentContent: a segment never starts or ends with white space, which
// moves to the ignorable beside it; ignorables side by side are joined, empty text runs and
// empty segments dropped; the parts are numbered s1, i1, s2... Parts already in that shape are
// only numbered. Exposed for tests, as is the same step without that shortcut.
std::vector<Part> MoveEdgeWhitespace(std::vector<Part> parts);
std::vector<Part> MoveEdgeWhitespaceWithoutShortcut(std::vector<Part> parts);

// Whether `node` says translate="no" (ITS, with or without a prefix): its text is not translated.
bool IsTranslateNo(const pugi::xml_node& node);

// HTML elements the extractor treats as inline (codes inside a unit).
bool IsInlineElement(std::string_view tag);
// HTML void elements (no end tag).
bool IsVoidElement(std::string_view tag);

}  // namespace l10n

#endif  // L10N_PIPELINE_EXTRACT_H_
