// HTML5 serialization of an XHTML DOM: void elements without end tags,
// every other element with one, text and attribute values escaped, XML-only
// attributes (xmlns, xml:lang) and ITS translator notes left out.
#ifndef L10N_PIPELINE_HTML_H_
#define L10N_PIPELINE_HTML_H_

#include <pugixml.hpp>
#include <string>

namespace l10n {

// "<!DOCTYPE html>\n" followed by the document element.
std::string SerializeHtml(const pugi::xml_document& doc);

// Appends `element` and what it holds to `out`, as SerializeHtml writes it within a page: a page
// may be written a piece at a time.
void AppendHtml(const pugi::xml_node& element, std::string& out);

// Escapes text for HTML content or (attribute = true) a double-quoted value.
std::string EscapeHtml(std::string_view text, bool attribute);

}  // namespace l10n

#endif  // L10N_PIPELINE_HTML_H_
