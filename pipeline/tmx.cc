#include "pipeline/tmx.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "pipeline/version.h"
#include "pipeline/xml.h"

namespace l10n {

void TranslationMemory::Add(const std::vector<TmEntry>& more) {
  auto key = [](const TmEntry& e) { return std::tie(e.source, e.target); };
  std::set<std::pair<std::string, std::string>> seen;
  for (const TmEntry& e : entries) seen.emplace(e.source, e.target);
  for (const TmEntry& e : more) {
    if (e.source.empty() || e.target.empty()) continue;
    if (seen.emplace(e.source, e.target).second) entries.push_back(e);
  }
  std::sort(entries.begin(), entries.end(),
            [&](const TmEntry& a, const TmEntry& b) { return key(a) < key(b); });
}

std::string WriteTmx(const TranslationMemory& memory) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n";
  out += "  <header creationtool=\"l10n\" creationtoolversion=\"" + std::string(kVersion) +
         "\" segtype=\"sentence\" o-tmf=\"l10n\" adminlang=\"en\" srclang=\"" +
         EscapeXml(memory.source_locale, true) + "\" datatype=\"plaintext\"/>\n  <body>\n";
  for (const TmEntry& e : memory.entries) {
    out += "    <tu>\n";
    if (!e.context.empty())
      out += "      <prop type=\"x-context\">" + EscapeXml(e.context, false) + "</prop>\n";
    out += "      <tuv xml:lang=\"" + EscapeXml(memory.source_locale, true) + "\"><seg>" +
           EscapeXml(e.source, false) + "</seg></tuv>\n";
    out += "      <tuv xml:lang=\"" + EscapeXml(memory.target_locale, true) + "\"><seg>" +
           EscapeXml(e.target, false) + "</seg></tuv>\n";
    out += "    </tu>\n";
  }
  out += "  </body>\n</tmx>\n";
  return out;
}

Result<TranslationMemory> ReadTmx(std::string_view bytes, const std::string& file) {
  Result<XmlDocument> xml = ParseXml(bytes, file);
  if (!xml.ok()) return xml.status();
  pugi::xml_node root = xml->root();
  if (LocalName(root.name()) != "tmx") {
    return Status::Corrupt("root element is <" + std::string(root.name()) + ">, not <tmx>",
                           xml->Locate(root));
  }
  TranslationMemory memory;
  pugi::xml_node header = ChildByLocalName(root, "header");
  if (!header) return Status::Corrupt("<tmx> has no <header>", xml->Locate(root));
  memory.source_locale = header.attribute("srclang").value();
  memory.header_where = xml->Locate(header);
  pugi::xml_node body = ChildByLocalName(root, "body");
  if (!body) return Status::Corrupt("<tmx> has no <body>", xml->Locate(root));
  std::vector<TmEntry> entries;
  for (pugi::xml_node tu : body.children()) {
    if (LocalName(tu.name()) != "tu") continue;
    TmEntry entry;
    for (pugi::xml_node child : tu.children()) {
      if (LocalName(child.name()) == "prop" &&
          std::string_view(child.attribute("type").value()) == "x-context") {
        entry.context = child.text().get();
      }
      if (LocalName(child.name()) != "tuv") continue;
      std::optional<std::string> lang = AttributeByLocalName(child, "lang");
      if (!lang) return Status::Corrupt("<tuv> has no xml:lang", xml->Locate(child));
      pugi::xml_node seg = ChildByLocalName(child, "seg");
      if (!seg) return Status::Corrupt("<tuv> has no <seg>", xml->Locate(child));
      std::string text;
      for (pugi::xml_node n : seg.children()) {
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata)
          text += n.value();
        else
          text += n.text().get();
      }
      if (*lang == memory.source_locale) {
        entry.source = text;
      } else {
        if (memory.target_locale.empty()) {
          memory.target_locale = *lang;
          memory.target_where = xml->Locate(child);
        } else if (*lang != memory.target_locale && memory.mixed_where.line == 0) {
          memory.mixed_where = xml->Locate(child);
        }
        entry.target = text;
      }
    }
    entries.push_back(std::move(entry));
  }
  memory.Add(entries);
  return memory;
}

}  // namespace l10n
