#include "pipeline/xml.h"

#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <vector>

#include "pipeline/byte_words.h"
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

// What ScanXml stops at; everything else is passed over.
enum ByteClass : uint8_t {
  kPlain = 0,
  kForbidden,  // a C0 control XML 1.0 forbids (all but tab, LF and CR)
  kNewline,
  kMarkup,     // '!' and '?', which after '<' open markup that is not an element
  kReference,  // '&'
  kEf,         // 0xEF, which starts U+FFFE and U+FFFF
};

constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = kForbidden;
  table['\t'] = kPlain;
  table['\r'] = kPlain;
  table['\n'] = kNewline;
  table['!'] = kMarkup;
  table['?'] = kMarkup;
  table['&'] = kReference;
  table[0xEF] = kEf;
  return table;
}();

// Whether any of the eight bytes at `p` may be one ScanXml stops at: below 0x20, '!', '?', '&'
// or 0xEF.
bool MayStopInWord(const unsigned char* p) {
  const uint64_t word = LoadWord(p);
  return (BytesBelow(word, 0x20) | BytesEqualTo(word, '!') | BytesEqualTo(word, '?') |
          BytesEqualTo(word, '&') | BytesEqualTo(word, 0xEF)) != 0;
}

#if defined(__SSE2__)
// Bit k is set when byte k of the sixteen at `p` is one ScanXml stops at, that is, one whose
// kByteClass is not kPlain. Exact, unlike MayStopInWord, so that only those bytes are visited.
uint32_t StopsInBlock(const unsigned char* p) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  auto equal_to = [&x](char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
  // SSE2 compares bytes as signed: x <= 0x1F unsigned is min(x, 0x1F) == x.
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
  const __m128i forbidden_or_newline =
      _mm_andnot_si128(_mm_or_si128(equal_to('\t'), equal_to('\r')), control);
  const __m128i others = _mm_or_si128(_mm_or_si128(equal_to('!'), equal_to('?')),
                                      _mm_or_si128(equal_to('&'), equal_to('\xEF')));
  return static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(forbidden_or_newline, others)));
}
#endif

// Checks a reference at `text[i]` == '&'. Returns a message when XML without a DTD cannot carry
// it: an undefined named entity (&nbsp;) or a reference to a character XML forbids (&#0;,
// surrogates).
std::optional<std::string> CheckReference(std::string_view text, std::size_t i) {
  const std::size_t semicolon = text.find(';', i);
  if (semicolon == std::string_view::npos || semicolon - i > 12) {
    return std::string("'&' must be written &amp; in XML");
  }
  const std::string_view name = text.substr(i + 1, semicolon - i - 1);
  if (!name.empty() && name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string digits(name.substr(hex ? 2 : 1));
    char* end = nullptr;
    const unsigned long code = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
    const bool allowed =
        !digits.empty() && end != nullptr && *end == '\0' &&
        (code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
         (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF));
    if (!allowed) {
      return "character reference &" + std::string(name) + "; names a character XML does not allow";
    }
  } else if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos") {
    return "undefined entity &" + std::string(name) +
           "; (XML knows only &amp; &lt; &gt; &quot; &apos;); write the character itself or a "
           "numeric reference such as &#160;";
  }
  return std::nullopt;
}

// A problem ScanXml found: its byte offset and what to say.
struct ScanProblem {
  std::size_t at = 0;
  std::string message;
};

// One pass over decoded XML text before it is parsed. Records where each line starts, and
// finds, in this order of precedence:
// 1. characters XML 1.0 forbids: C0 controls other than tab, LF and CR; U+FFFE and U+FFFF;
// 2. entity declarations (pugixml never expands them, but a document that declares them is
//    hostile or broken either way);
// 3. references XML without a DTD cannot carry (see CheckReference).
// Comments, CDATA sections and processing instructions are passed over for 2 and 3.
std::optional<ScanProblem> ScanXml(std::string_view text, std::vector<std::size_t>& line_starts) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  // The first entity declaration ("<!ENTITY" before "<!entity") and the first bad reference.
  std::optional<ScanProblem> declared_upper, declared_lower, reference;
  std::size_t skip_to = 0;  // inside a comment, CDATA section or PI until here
  // Looks at a byte ScanXml may stop at; returns a problem that ends the scan.
  auto visit = [&](std::size_t i) -> std::optional<ScanProblem> {
    switch (kByteClass[bytes[i]]) {
      case kForbidden: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02X", bytes[i]);
        return ScanProblem{
            i, std::string("character not allowed in XML (byte 0x") + hex + "); remove it"};
      }
      case kNewline:
        line_starts.push_back(i + 1);
        break;
      case kEf:
        if (i + 2 < size && bytes[i + 1] == 0xBF &&
            (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF)) {
          return ScanProblem{i, "character not allowed in XML (byte 0xEF); remove it"};
        }
        break;
      case kMarkup: {
        // '!' or '?' right after '<' opens a comment, CDATA section, declaration or PI.
        if (i == 0 || text[i - 1] != '<') break;
        const std::size_t at = i - 1;
        if (at < skip_to) break;
        const char next = text[i];
        std::string_view end_mark;
        std::size_t body = 0;
        if (text.compare(at, 4, "<!--") == 0) {
          end_mark = "-->";
          body = at + 4;
        } else if (text.compare(at, 9, "<![CDATA[") == 0) {
          end_mark = "]]>";
          body = at + 9;
        } else if (next == '?') {
          end_mark = "?>";
          body = at + 2;
        } else if (text.compare(at, 8, "<!ENTITY") == 0 || text.compare(at, 8, "<!entity") == 0) {
          std::optional<ScanProblem>& first = text[at + 2] == 'E' ? declared_upper : declared_lower;
          if (!first) {
            first = ScanProblem{
                at,
                "entity declarations are not accepted (they are never expanded or fetched); "
                "remove the DOCTYPE's internal subset"};
          }
          break;
        } else {
          break;  // <!DOCTYPE and the like
        }
        const std::size_t end = text.find(end_mark, body);
        skip_to = end == std::string_view::npos ? size : end + end_mark.size();
        break;
      }
      case kReference: {
        if (i < skip_to || reference) break;
        if (std::optional<std::string> why = CheckReference(text, i)) {
          reference = ScanProblem{i, std::move(*why)};
        }
        break;
      }
      default:
        break;
    }
    return std::nullopt;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  // XLIFF has a newline every ~50 bytes, so stopping at each is the common case: a bit per byte
  // to stop at lets a block's stops be visited directly, without testing the bytes in between.
  for (; i + 16 <= size; i += 16) {
    for (uint32_t stops = StopsInBlock(bytes + i); stops != 0; stops &= stops - 1) {
      const std::size_t at = i + static_cast<std::size_t>(std::countr_zero(stops));
      if (bytes[at] == '\n') {
        line_starts.push_back(at + 1);
      } else if (std::optional<ScanProblem> problem = visit(at)) {
        return problem;
      }
    }
  }
#endif
  // Eight bytes at a time while none of them is one to stop at, then byte by byte; with SSE2,
  // only the tail shorter than a block is left here.
  for (; i < size; ++i) {
    while (i + 8 <= size && !MayStopInWord(bytes + i)) i += 8;
    if (i >= size) break;
    if (kByteClass[bytes[i]] == kPlain) continue;
    if (std::optional<ScanProblem> problem = visit(i)) return problem;
  }
  if (declared_upper) return declared_upper;
  if (declared_lower) return declared_lower;
  return reference;
}

}  // namespace

namespace {

// XML text is UTF-16 when it starts with a UTF-16 BOM, or with '<' as one 16-bit unit.
bool IsUtf16(std::string_view bytes) {
  if (bytes.size() < 2) return false;
  const auto b0 = static_cast<unsigned char>(bytes[0]);
  const auto b1 = static_cast<unsigned char>(bytes[1]);
  return (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || (b0 == '<' && b1 == 0) ||
         (b0 == 0 && b1 == '<');
}

Result<std::string> DecodeUtf16Xml(std::string_view bytes, const std::string& file) {
  const auto b0 = static_cast<unsigned char>(bytes[0]);
  if (b0 == 0xFF) return DecodeUtf16(bytes.substr(2), false, file);
  if (b0 == 0xFE) return DecodeUtf16(bytes.substr(2), true, file);
  return DecodeUtf16(bytes, b0 == 0, file);
}

// `bytes` as UTF-8 text: its BOM removed, refused when ill-formed.
Result<std::string> Utf8Text(std::string&& bytes, const std::string& file) {
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
      static_cast<unsigned char>(bytes[1]) == 0xBB &&
      static_cast<unsigned char>(bytes[2]) == 0xBF) {
    bytes.erase(0, 3);
  }
  std::size_t bad = 0;
  if (!IsValidUtf8(bytes, &bad)) {
    Location where = LocateOffset(bytes, bad, file);
    return Status::Corrupt("invalid UTF-8 byte sequence; save the file as UTF-8", where);
  }
  return std::move(bytes);
}

}  // namespace

Result<std::string> DecodeXmlText(std::string_view bytes, const std::string& file) {
  if (IsUtf16(bytes)) return DecodeUtf16Xml(bytes, file);
  return Utf8Text(std::string(bytes), file);
}

Result<std::string> DecodeXmlText(std::string&& bytes, const std::string& file) {
  if (IsUtf16(bytes)) return DecodeUtf16Xml(bytes, file);
  return Utf8Text(std::move(bytes), file);
}

Result<XmlDocument> ParseXml(std::string_view bytes, const std::string& file) {
  if (IsUtf16(bytes)) {  // decoded straight from the view
    Result<std::string> text = DecodeUtf16Xml(bytes, file);
    if (!text.ok()) return text.status();
    return ParseXmlBuffer(std::move(text).value(), file);
  }
  return ParseXmlBuffer(std::string(bytes), file);
}

Result<XmlDocument> ParseXmlBuffer(std::string bytes, const std::string& file) {
  Result<std::string> text = DecodeXmlText(std::move(bytes), file);
  if (!text.ok()) return text.status();
  XmlDocument out;
  out.file_ = file;
  out.text_ = std::move(text).value();
  out.line_starts_.push_back(0);
  if (std::optional<ScanProblem> problem = ScanXml(out.text_, out.line_starts_)) {
    return Status::Corrupt(problem->message, LocateOffset(out.text_, problem->at, file));
  }
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype;
  pugi::xml_parse_result result =
      out.doc_->load_buffer(out.text_.data(), out.text_.size(), options, pugi::encoding_utf8);
  if (!result) {
    return Status::Corrupt(DescribeParseError(result.status) + "; fix the XML",
                           LocateOffset(out.text_, static_cast<std::size_t>(result.offset), file));
  }
  // Depth check without recursion, so that hostile nesting cannot overflow the stack of any
  // later recursive walk. pugixml's own walk is iterative and in document order, so the first
  // element too deep is the one reported.
  struct DepthCheck : pugi::xml_tree_walker {
    pugi::xml_node too_deep;
    bool for_each(pugi::xml_node& node) override {
      // depth() is 0 for the children of the document element, which is level 1.
      if (depth() + 2 <= kMaxXmlDepth || node.type() != pugi::node_element) return true;
      too_deep = node;
      return false;
    }
  } check;
  out.doc_->document_element().traverse(check);
  if (check.too_deep) {
    return Status::Corrupt("elements nested deeper than " + std::to_string(kMaxXmlDepth) +
                               " levels; this is not a document the pipeline accepts",
                           out.Locate(check.too_deep));
  }
  return out;
}

Result<XmlDocument> LoadXmlFile(const std::string& path) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseXmlBuffer(std::move(bytes).value(), path);
}

Location XmlDocument::Locate(const pugi::xml_node& node) const {
  std::size_t line_hint = 0;
  return Locate(node, line_hint);
}

Location XmlDocument::LocateOffset(std::ptrdiff_t offset) const {
  std::size_t line_hint = 0;
  return LocateOffset(offset, line_hint);
}

Location XmlDocument::Locate(const pugi::xml_node& node, std::size_t& line_hint) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return Location{file_};
  return LocateOffset(offset, line_hint);
}

Location XmlDocument::LocateOffset(std::ptrdiff_t offset, std::size_t& line_hint) const {
  const std::size_t at = std::min(static_cast<std::size_t>(offset < 0 ? 0 : offset), text_.size());
  // The line is the number of line starts at or before `at`. A node a few lines after the
  // hint's is found by stepping, any other by binary search over the line starts (so that
  // locating every unit of a large file stays linear); then code points are counted on the line.
  const auto starts = line_starts_.begin();
  const std::size_t count = line_starts_.size();
  std::size_t line_index = std::min(line_hint, count);
  if (line_index > 0 && line_starts_[line_index - 1] > at) {
    line_index = static_cast<std::size_t>(
        std::upper_bound(starts, starts + static_cast<std::ptrdiff_t>(line_index), at) - starts);
  } else {
    const std::size_t limit = std::min(count, line_index + 8);
    while (line_index < limit && line_starts_[line_index] <= at) ++line_index;
    if (line_index == limit && line_index < count && line_starts_[line_index] <= at) {
      line_index = static_cast<std::size_t>(
          std::upper_bound(starts + static_cast<std::ptrdiff_t>(line_index), line_starts_.end(),
                           at) -
          starts);
    }
  }
  line_hint = line_index;
  const std::size_t line_start = line_index == 0 ? 0 : line_starts_[line_index - 1];
  Location where{file_, static_cast<int>(line_index), 1};
  if (line_index == 0) where.line = 1;
  where.column = static_cast<int>(
                     CountCodePoints(std::string_view(text_).substr(line_start, at - line_start))) +
                 1;
  return where;
}

std::string_view LocalName(const char* name) {
  // One pass over the name (names are short), rather than finding its end and then its colon.
  const char* local = name;
  const char* end = name;
  for (; *end != '\0'; ++end) {
    if (*end == ':') local = end + 1;
  }
  return std::string_view(local, static_cast<std::size_t>(end - local));
}

pugi::xml_node ChildByLocalName(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == name) return child;
  }
  return {};
}

pugi::xml_attribute AttributeNamed(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute attr : node.attributes()) {
    const std::string_view full(attr.name());
    if (full.size() < name.size() || full.substr(full.size() - name.size()) != name) continue;
    if (full.rfind("xmlns", 0) == 0) continue;
    if (LocalName(attr.name()) == name) return attr;
  }
  return {};
}

std::optional<std::string> AttributeByLocalName(const pugi::xml_node& node, std::string_view name) {
  if (pugi::xml_attribute attr = AttributeNamed(node, name)) return std::string(attr.value());
  return std::nullopt;
}

namespace {

// Which bytes AppendEscapedXml replaces: bit 1 in text, bit 2 in attribute values.
constexpr std::array<uint8_t, 256> kEscapeClass = [] {
  std::array<uint8_t, 256> table{};
  for (unsigned char c : {'&', '<', '>', '\r'}) table[c] = 3;
  for (unsigned char c : {'"', '\n', '\t'}) table[c] = 2;
  return table;
}();

// Whether any of the eight bytes at `p` needs escaping: '&', '<', '>' or CR, and in attribute
// values also '"', LF and tab.
bool MayEscapeInWord(const unsigned char* p, bool attribute) {
  const uint64_t word = LoadWord(p);
  uint64_t found = BytesEqualTo(word, '&') | BytesEqualTo(word, '<') | BytesEqualTo(word, '>') |
                   BytesEqualTo(word, '\r');
  if (attribute) {
    found |= BytesEqualTo(word, '"') | BytesEqualTo(word, '\n') | BytesEqualTo(word, '\t');
  }
  return found != 0;
}

#if defined(__SSE2__)
// Bit k is set when byte k of the sixteen at `p` needs escaping (see MayEscapeInWord).
uint32_t EscapesInBlock(const unsigned char* p, bool attribute) {
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  auto equal_to = [&x](char c) { return _mm_cmpeq_epi8(x, _mm_set1_epi8(c)); };
  __m128i found = _mm_or_si128(_mm_or_si128(equal_to('&'), equal_to('<')),
                               _mm_or_si128(equal_to('>'), equal_to('\r')));
  if (attribute) {
    found = _mm_or_si128(found,
                         _mm_or_si128(equal_to('"'), _mm_or_si128(equal_to('\n'), equal_to('\t'))));
  }
  return static_cast<uint32_t>(_mm_movemask_epi8(found));
}
#endif

void AppendEscape(std::string& out, unsigned char c) {
  switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\n':
      out += "&#10;";
      break;
    case '\t':
      out += "&#9;";
      break;
    default:  // '\r'
      out += "&#13;";
      break;
  }
}

}  // namespace

void AppendEscapedXml(std::string& out, std::string_view text, bool attribute) {
  // Runs of characters that need no escaping are copied whole.
  const uint8_t mask = attribute ? 2 : 1;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t from = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time, visiting only the bytes to escape.
  auto escape_block = [&](std::size_t block, const unsigned char* sixteen) {
    for (uint32_t escapes = EscapesInBlock(sixteen, attribute); escapes != 0;
         escapes &= escapes - 1) {
      const std::size_t at = block + static_cast<std::size_t>(std::countr_zero(escapes));
      out.append(text.data() + from, at - from);
      AppendEscape(out, bytes[at]);
      from = at + 1;
    }
  };
  for (; i + 16 <= size; i += 16) escape_block(i, bytes + i);
  if (i < size) {
    // The tail (most attribute values are shorter than a block), padded with NUL, which is
    // never escaped.
    unsigned char tail[16] = {};
    std::memcpy(tail, bytes + i, size - i);
    escape_block(i, tail);
    i = size;
  }
#endif
  // Without SSE2: eight bytes at a time while none needs escaping, then byte by byte.
  for (; i < size; ++i) {
    while (i + 8 <= size && !MayEscapeInWord(bytes + i, attribute)) i += 8;
    if (i >= size) break;
    if ((kEscapeClass[bytes[i]] & mask) == 0) continue;
    out.append(text.data() + from, i - from);
    AppendEscape(out, bytes[i]);
    from = i + 1;
  }
  out.append(text.data() + from, size - from);
}

bool NeedsXmlEscaping(std::string_view text, bool attribute) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= size; i += 16) {
    if (EscapesInBlock(bytes + i, attribute) != 0) return true;
  }
  if (i < size) {
    unsigned char tail[16] = {};  // padded with NUL, which is never escaped
    std::memcpy(tail, bytes + i, size - i);
    return EscapesInBlock(tail, attribute) != 0;
  }
  return false;
#else
  const uint8_t mask = attribute ? 2 : 1;
  for (; i < size; ++i) {
    if (kEscapeClass[bytes[i]] & mask) return true;
  }
  return false;
#endif
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
