#include "pipeline/html.h"

#include <vector>

#include "pipeline/extract.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

bool DropAttribute(std::string_view name) {
  return name == "xmlns" || name.rfind("xmlns:", 0) == 0 || name == "xml:lang" ||
         name == "xml:space" || name.rfind("its-", 0) == 0 || name.rfind("its:", 0) == 0 ||
         name.rfind("data-l10n-", 0) == 0;
}

bool IsRawText(std::string_view tag) { return tag == "script" || tag == "style"; }

void Write(const pugi::xml_node& node, std::string& out) {
  // Iterative, so that deep documents cannot exhaust the stack.
  struct Frame {
    pugi::xml_node node;
    bool closing;
  };
  std::vector<Frame> stack = {{node, false}};
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const pugi::xml_node n = frame.node;
    if (frame.closing) {
      out += "</";
      out += LocalName(n.name());
      out += '>';
      continue;
    }
    switch (n.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: {
        if (IsRawText(LocalName(n.parent().name()))) {
          out += n.value();
        } else {
          AppendEscapedXml(out, n.value(), false);  // XML escaping is correct HTML escaping
        }
        break;
      }
      case pugi::node_element: {
        const std::string_view tag = LocalName(n.name());
        out += '<';
        out += tag;
        for (pugi::xml_attribute attr : n.attributes()) {
          if (DropAttribute(attr.name())) continue;
          out += ' ';
          out += attr.name();
          out += "=\"";
          AppendEscapedXml(out, attr.value(), true);
          out += '"';
        }
        out += '>';
        if (IsVoidElement(tag)) break;
        stack.push_back({n, true});
        for (pugi::xml_node child = n.last_child(); child; child = child.previous_sibling()) {
          stack.push_back({child, false});
        }
        break;
      }
      default:
        break;  // comments, processing instructions, doctype
    }
  }
}

}  // namespace

// XML escaping is also correct HTML escaping for text and double-quoted
// attribute values.
std::string EscapeHtml(std::string_view text, bool attribute) { return EscapeXml(text, attribute); }

void AppendHtml(const pugi::xml_node& element, std::string& out) { Write(element, out); }

std::string SerializeHtml(const pugi::xml_document& doc) {
  std::string out = "<!DOCTYPE html>\n";
  out.reserve(16 * 1024);  // a typical page; larger ones grow
  Write(doc.document_element(), out);
  out += "\n";
  return out;
}

}  // namespace l10n
