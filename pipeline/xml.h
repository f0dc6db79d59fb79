// Safe XML loading on top of pugixml, for every XML format the pipeline reads
// (XHTML, XLIFF, TBX, TMX).
//
// ParseXml accepts UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM, or
// detected from the first character), refuses ill-formed UTF-8, characters XML
// forbids, entity declarations (no entity is ever expanded or fetched), and
// nesting deeper than kMaxXmlDepth. Errors carry file:line:col.
#ifndef L10N_PIPELINE_XML_H_
#define L10N_PIPELINE_XML_H_

#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace l10n {

inline constexpr int kMaxXmlDepth = 512;

class XmlDocument {
 public:
  XmlDocument() : doc_(std::make_unique<pugi::xml_document>()) {}

  pugi::xml_document& doc() { return *doc_; }
  const pugi::xml_document& doc() const { return *doc_; }
  pugi::xml_node root() const { return doc_->document_element(); }
  const std::string& file() const { return file_; }
  // Bytes of the UTF-8 text that was parsed.
  std::size_t size() const { return text_.size(); }

  // Where `node` starts in the file; line 0 when unknown (e.g. a node
  // created after parsing).
  Location Locate(const pugi::xml_node& node) const;
  Location LocateOffset(std::ptrdiff_t offset) const;
  // The same for nodes met in document order: `line_hint` (0 at first) keeps the line of the
  // last one, where the search for the next one starts. Any order gives the same locations.
  Location Locate(const pugi::xml_node& node, std::size_t& line_hint) const;
  Location LocateOffset(std::ptrdiff_t offset, std::size_t& line_hint) const;

 private:
  friend Result<XmlDocument> ParseXmlBuffer(std::string bytes, const std::string& file);
  std::unique_ptr<pugi::xml_document> doc_;
  std::string text_;  // the UTF-8 text that was parsed, for locations
  std::string file_;
  std::vector<std::size_t> line_starts_;  // byte offset of each line, for locations
};

Result<XmlDocument> ParseXml(std::string_view bytes, const std::string& file);
// The same, taking the bytes: UTF-8 text is parsed without being copied first.
Result<XmlDocument> ParseXmlBuffer(std::string bytes, const std::string& file);
Result<XmlDocument> LoadXmlFile(const std::string& path);

// Converts `bytes` to UTF-8 text: strips a UTF-8 BOM, decodes UTF-16 (BOM or
// detected), and checks well-formed UTF-8.
Result<std::string> DecodeXmlText(std::string_view bytes, const std::string& file);
// The same, taking the bytes: UTF-8 text is returned without a copy.
Result<std::string> DecodeXmlText(std::string&& bytes, const std::string& file);

// Local name of an element or attribute ("xliff" for "x:xliff").
std::string_view LocalName(const char* name);

// The first child element with local name `name`, or an empty node.
pugi::xml_node ChildByLocalName(const pugi::xml_node& parent, std::string_view name);

// Attribute by local name, or nullopt when absent.
std::optional<std::string> AttributeByLocalName(const pugi::xml_node& node, std::string_view name);
// The same attribute itself (an empty attribute when absent), without copying its value.
pugi::xml_attribute AttributeNamed(const pugi::xml_node& node, std::string_view name);

// Escapes text for XML content (&, <, >) or attribute values (also ").
std::string EscapeXml(std::string_view text, bool attribute);
// EscapeXml, appended to `out`.
void AppendEscapedXml(std::string& out, std::string_view text, bool attribute);
// Whether EscapeXml would change `text`.
bool NeedsXmlEscaping(std::string_view text, bool attribute);

// Serializes a node (and subtree) as compact XML with no declaration.
std::string SerializeNode(const pugi::xml_node& node);

}  // namespace l10n

#endif  // L10N_PIPELINE_XML_H_
