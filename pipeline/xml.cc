#include "pipeline/xml.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <vector>

#include "pipeline/file_io.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

// Decodes UTF-16 by hand, so that an error can say where it is (the line and
// column of what was decoded before it).
Result<std::string> DecodeUtf16(std::string_view bytes, bool big_endian, const std::string& file) {
  const std::size_t units = bytes.size() / 2;
  auto unit = [&](std::size_t i) -> uint16_t {
    const auto hi = static_cast<unsigned char>(bytes[2 * i + (big_endian ? 0 : 1)]);
    const auto lo = static_cast<unsigned char>(bytes[2 * i + (big_endian ? 1 : 0)]);
    return static_cast<uint16_t>((hi << 8) | lo);
  };
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < units; ++i) {
    const uint16_t u = unit(i);
    UChar32 c = u;
    if (U16_IS_LEAD(u) && i + 1 < units && U16_IS_TRAIL(unit(i + 1))) {
      c = U16_GET_SUPPLEMENTARY(u, unit(i + 1));
      ++i;
    } else if (U16_IS_SURROGATE(u)) {
      return Status::Corrupt("invalid UTF-16: unpaired surrogate; save the file as UTF-8",
                             l10n::LocateOffset(out, out.size(), file));
    }
    char buffer[4];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, c);
    out.append(buffer, static_cast<std::size_t>(length));
  }
  if (bytes.size() % 2 != 0) {
    return Status::Corrupt("UTF-16 text has an odd number of bytes (truncated file?)",
                           l10n::LocateOffset(out, out.size(), file));
  }
  return out;
}

// Characters XML 1.0 forbids: C0 controls other than tab, LF, CR; U+FFFE/FFFF.
std::optional<std::size_t> FindForbiddenChar(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return i;
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
        (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
         static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      return i;
    }
  }
  return std::nullopt;
}

std::string DescribeParseError(pugi::xml_parse_status status) {
  switch (status) {
    case pugi::status_unrecognized_tag:
    case pugi::status_bad_start_element:
      return "malformed start tag";
    case pugi::status_end_element_mismatch:
      return "end tag does not match the open element, or an element is not closed (file "
             "truncated?)";
    case pugi::status_bad_attribute:
      return "malformed attribute (missing quotes or '='?)";
    case pugi::status_bad_end_element:
      return "malformed end tag";
    case pugi::status_bad_pcdata:
      return "malformed text";
    case pugi::status_bad_cdata:
      return "malformed CDATA section";
    case pugi::status_bad_comment:
      return "malformed comment";
    case pugi::status_bad_pi:
      return "malformed processing instruction or XML declaration";
    case pugi::status_bad_doctype:
      return "malformed DOCTYPE";
    case pugi::status_no_document_element:
      return "no root element (empty file?)";
    default:
      return "not well-formed XML";
  }
}

// Entity and character references that XML without a DTD cannot carry:
// undefined named entities (&nbsp;) and references to characters XML
// forbids (&#0;, surrogates). Comments, CDATA and processing instructions
// are skipped. Returns the byte offset and a message, or nullopt.
std::optional<std::pair<std::size_t, std::string>> FindBadReference(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Only '<' (comments, CDATA, processing instructions) and '&' matter.
    while (i < text.size() && text[i] != '<' && text[i] != '&') ++i;
    if (i >= text.size()) break;
    if (text.compare(i, 4, "<!--") == 0) {
      const std::size_t end = text.find("-->", i + 4);
      i = end == std::string_view::npos ? text.size() : end + 3;
      continue;
    }
    if (text.compare(i, 9, "<![CDATA[") == 0) {
      const std::size_t end = text.find("]]>", i + 9);
      i = end == std::string_view::npos ? text.size() : end + 3;
      continue;
    }
    if (text.compare(i, 2, "<?") == 0) {
      const std::size_t end = text.find("?>", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
      continue;
    }
    if (text[i] != '&') {
      ++i;
      continue;
    }
    const std::size_t semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos || semicolon - i > 12) {
      return std::make_pair(i, std::string("'&' must be written &amp; in XML"));
    }
    const std::string_view name = text.substr(i + 1, semicolon - i - 1);
    if (!name.empty() && name[0] == '#') {
      unsigned long code = 0;
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      code = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      const bool allowed =
          !digits.empty() && end != nullptr && *end == '\0' &&
          (code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
           (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF));
      if (!allowed) {
        return std::make_pair(i, "character reference &" + std::string(name) +
                                     "; names a character XML does not allow");
      }
    } else if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos") {
      return std::make_pair(i, "undefined entity &" + std::string(name) +
                                   "; (XML knows only &amp; &lt; &gt; &quot; &apos;); write the "
                                   "character itself or a numeric reference such as &#160;");
    }
    i = semicolon + 1;
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> DecodeXmlText(std::string_view bytes, const std::string& file) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) {
    return DecodeUtf16(bytes.substr(2), false, file);
  }
  if (bytes.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) {
    return DecodeUtf16(bytes.substr(2), true, file);
  }
  if (bytes.size() >= 2 && byte(0) == '<' && byte(1) == 0) return DecodeUtf16(bytes, false, file);
  if (bytes.size() >= 2 && byte(0) == 0 && byte(1) == '<') return DecodeUtf16(bytes, true, file);
  std::string_view text = bytes;
  if (text.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    text.remove_prefix(3);
  }
  std::size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    Location where = LocateOffset(text, bad, file);
    return Status::Corrupt("invalid UTF-8 byte sequence; save the file as UTF-8", where);
  }
  return std::string(text);
}

Result<XmlDocument> ParseXml(std::string_view bytes, const std::string& file) {
  Result<std::string> text = DecodeXmlText(bytes, file);
  if (!text.ok()) return text.status();
  XmlDocument out;
  out.file_ = file;
  out.text_ = std::move(text).value();
  if (auto bad = FindForbiddenChar(out.text_)) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(out.text_[*bad]));
    return Status::Corrupt(
        std::string("character not allowed in XML (byte 0x") + hex + "); remove it",
        LocateOffset(out.text_, *bad, file));
  }
  // pugixml never expands user-defined entities, but a document that declares
  // them is hostile or broken either way: refuse it before parsing.
  for (const char* keyword : {"<!ENTITY", "<!entity"}) {
    std::size_t at = out.text_.find(keyword);
    if (at != std::string::npos) {
      return Status::Corrupt(
          "entity declarations are not accepted (they are never expanded or fetched); remove "
          "the DOCTYPE's internal subset",
          LocateOffset(out.text_, at, file));
    }
  }
  if (auto bad = FindBadReference(out.text_)) {
    return Status::Corrupt(bad->second, LocateOffset(out.text_, bad->first, file));
  }
  out.line_starts_.push_back(0);
  for (std::size_t i = 0; i < out.text_.size(); ++i) {
    if (out.text_[i] == '\n') out.line_starts_.push_back(i + 1);
  }
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;
  pugi::xml_parse_result result =
      out.doc_->load_buffer(out.text_.data(), out.text_.size(), options, pugi::encoding_utf8);
  if (!result) {
    return Status::Corrupt(DescribeParseError(result.status) + "; fix the XML",
                           LocateOffset(out.text_, static_cast<std::size_t>(result.offset), file));
  }
  // Depth check without recursion, so that hostile nesting cannot overflow
  // the stack of any later recursive walk.
  std::vector<std::pair<pugi::xml_node, int>> stack;
  stack.emplace_back(out.doc_->document_element(), 1);
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    if (depth > kMaxXmlDepth) {
      return Status::Corrupt("elements nested deeper than " + std::to_string(kMaxXmlDepth) +
                                 " levels; this is not a document the pipeline accepts",
                             out.Locate(node));
    }
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_element) stack.emplace_back(child, depth + 1);
    }
  }
  return out;
}

Result<XmlDocument> LoadXmlFile(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseXml(*bytes, path);
}

Location XmlDocument::Locate(const pugi::xml_node& node) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return Location{file_};
  return LocateOffset(offset);
}

Location XmlDocument::LocateOffset(std::ptrdiff_t offset) const {
  const std::size_t at = std::min(static_cast<std::size_t>(offset < 0 ? 0 : offset), text_.size());
  // Binary search over the line starts, then count code points on the line:
  // locating every unit of a large file stays linear.
  auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
  const std::size_t line_index = static_cast<std::size_t>(line - line_starts_.begin());
  const std::size_t line_start = line_index == 0 ? 0 : line_starts_[line_index - 1];
  Location where{file_, static_cast<int>(line_index), 1};
  if (line_index == 0) where.line = 1;
  where.column = static_cast<int>(
                     CountCodePoints(std::string_view(text_).substr(line_start, at - line_start))) +
                 1;
  return where;
}

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const std::size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node ChildByLocalName(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == name) return child;
  }
  return {};
}

std::optional<std::string> AttributeByLocalName(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute attr : node.attributes()) {
    std::string_view full(attr.name());
    if (full.rfind("xmlns", 0) == 0) continue;
    if (LocalName(attr.name()) == name) return std::string(attr.value());
  }
  return std::nullopt;
}

void AppendEscapedXml(std::string& out, std::string_view text, bool attribute) {
  // Runs of characters that need no escaping are copied whole.
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char* entity = nullptr;
    switch (c) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = attribute ? "&quot;" : nullptr;
        break;
      case '\n':
        entity = attribute ? "&#10;" : nullptr;
        break;
      case '\t':
        entity = attribute ? "&#9;" : nullptr;
        break;
      case '\r':
        entity = "&#13;";
        break;
      default:
        break;
    }
    if (entity == nullptr) continue;
    out.append(text.data() + from, i - from);
    out += entity;
    from = i + 1;
  }
  out.append(text.data() + from, text.size() - from);
}

std::string EscapeXml(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscapedXml(out, text, attribute);
  return out;
}

std::string SerializeNode(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

}  // namespace l10n
