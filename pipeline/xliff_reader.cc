// XLIFF 2.0 and 1.2 reading into the shared model.
#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pipeline/file_io.h"
#include "pipeline/text.h"
#include "pipeline/xliff.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

constexpr std::string_view kXliff20Ns = "urn:oasis:names:tc:xliff:document:2.0";
constexpr std::string_view kXliff12Ns = "urn:oasis:names:tc:xliff:document:1.2";

std::string Attribute(const pugi::xml_node& node, const char* name) {
  return node.attribute(name).value();
}

// An attribute's value as a view into the parsed document, for values that are only compared.
std::string_view AttributeView(const pugi::xml_node& node, const char* name) {
  return node.attribute(name).value();
}

// Marks in `repeated` each non-empty id of `ids` that an earlier one repeats. A unit has a few
// segments and notes: they are compared in place; many are sorted, so that a hostile file cannot
// make this quadratic. `order` is scratch space.
void MarkRepeats(const std::vector<std::string_view>& ids, std::vector<char>& repeated,
                 std::vector<std::size_t>& order) {
  repeated.assign(ids.size(), 0);
  if (ids.size() <= 16) {
    for (std::size_t i = 1; i < ids.size(); ++i) {
      if (ids[i].empty()) continue;
      for (std::size_t j = 0; j < i && !repeated[i]; ++j) repeated[i] = ids[j] == ids[i];
    }
    return;
  }
  order.resize(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&ids](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
  for (std::size_t k = 1; k < order.size(); ++k) {
    if (!ids[order[k]].empty() && ids[order[k]] == ids[order[k - 1]]) repeated[order[k]] = 1;
  }
}

// The attributes of `node` named in `names`, each the first of its name (as
// pugi::xml_node::attribute finds it), in one pass over the element's attributes rather than one
// per name.
template <std::size_t N>
std::array<pugi::xml_attribute, N> AttributesNamed(const pugi::xml_node& node,
                                                   const std::array<std::string_view, N>& names) {
  // Names mostly differ in their first character: compared in place, not measured first.
  auto is = [](const char* name, std::string_view wanted) {
    for (const char c : wanted) {
      if (*name++ != c) return false;
    }
    return *name == '\0';
  };
  std::array<pugi::xml_attribute, N> found{};
  for (pugi::xml_attribute attr : node.attributes()) {
    const char* name = attr.name();
    for (std::size_t k = 0; k < N; ++k) {
      if (!found[k] && is(name, names[k])) {
        found[k] = attr;
        break;
      }
    }
  }
  return found;
}

bool IsElement(const pugi::xml_node& node, std::string_view local) {
  return node.type() == pugi::node_element && LocalName(node.name()) == local;
}

std::string ElementOf(const std::string& markup) {
  std::size_t i = markup.find('<');
  if (i == std::string::npos) return {};
  ++i;
  if (i < markup.size() && markup[i] == '/') ++i;
  std::size_t end = markup.find_first_of(" />\t\n", i);
  return markup.substr(i, end == std::string::npos ? std::string::npos : end - i);
}

CodeType TypeFrom20(std::string_view type, std::string_view sub) {
  if (sub == "xlf:b") return CodeType::kBold;
  if (sub == "xlf:i") return CodeType::kItalic;
  if (sub == "xlf:u") return CodeType::kUnderline;
  if (sub == "xlf:lb") return CodeType::kLineBreak;
  if (type == "fmt") return CodeType::kFormat;
  if (type == "link") return CodeType::kLink;
  if (type == "image") return CodeType::kImage;
  if (type == "quote") return CodeType::kQuote;
  return CodeType::kOther;
}

// What a 1.2 code's ctype says of it (1.2 keeps no original markup).
std::shared_ptr<const CodeMarkup> MarkupFrom12(const pugi::xml_node& node) {
  const std::string_view ctype = node.attribute("ctype").value();
  auto markup = std::make_shared<CodeMarkup>();
  if (ctype == "bold")
    markup->type = CodeType::kBold;
  else if (ctype == "italic")
    markup->type = CodeType::kItalic;
  else if (ctype == "underlined")
    markup->type = CodeType::kUnderline;
  else if (ctype == "link")
    markup->type = CodeType::kLink;
  else if (ctype == "image")
    markup->type = CodeType::kImage;
  else if (ctype == "lb")
    markup->type = CodeType::kLineBreak;
  else if (ctype.rfind("x-html-", 0) == 0)
    markup->element = ctype.substr(7);
  return markup;
}

class Reader {
 public:
  // `check_unit_codes`: whether a unit's whole target is held to its source's codes (the
  // problems of check "codes", which ReadXliff does not report).
  Reader(const XmlDocument& xml, std::vector<Diagnostic>* problems, bool check_unit_codes,
         const XliffReadOptions& options)
      : xml_(xml), problems_(problems), check_unit_codes_(check_unit_codes), options_(options) {}

  void Problem(const pugi::xml_node& node, std::string message, std::string unit = {},
               std::string segment = {}) {
    Diagnostic d;
    d.check = "xliff";
    d.where = Locate(node);
    d.message = std::move(message);
    d.unit_id = std::move(unit);
    d.segment_id = std::move(segment);
    problems_->push_back(std::move(d));
  }

  Result<XliffDocument> Read() {
    pugi::xml_node root = xml_.root();
    if (LocalName(root.name()) != "xliff") {
      return Status::Corrupt("root element is <" + std::string(root.name()) +
                                 ">, not <xliff>; this is not an XLIFF file",
                             Locate(root));
    }
    const std::string version = Attribute(root, "version");
    std::optional<std::string> ns = NamespaceOf(root);
    XliffDocument doc;
    if (version == "2.0" || version == "2.1") {
      if (ns && *ns != kXliff20Ns) {
        return Status::Corrupt("version " + version + " but namespace \"" + *ns +
                                   "\"; XLIFF 2 uses " + std::string(kXliff20Ns),
                               Locate(root));
      }
      doc.version = "2.0";
      Read20(root, doc);
    } else if (version == "1.2" || version == "1.1" || version == "1.0") {
      if (ns && *ns != kXliff12Ns && *ns != "urn:oasis:names:tc:xliff:document:1.1" &&
          *ns != "urn:oasis:names:tc:xliff:document:1.0") {
        return Status::Corrupt("version " + version + " but namespace \"" + *ns +
                                   "\"; XLIFF 1.2 uses " + std::string(kXliff12Ns),
                               Locate(root));
      }
      doc.version = "1.2";
      Read12(root, doc);
    } else {
      return Status::Corrupt(
          "unsupported XLIFF version \"" + version + "\"; l10n reads 2.0 and 1.2", Locate(root));
    }
    return doc;
  }

 private:
  std::optional<std::string> NamespaceOf(const pugi::xml_node& node) {
    std::string_view name(node.name());
    const std::size_t colon = name.find(':');
    const std::string attr =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (pugi::xml_node n = node; n; n = n.parent()) {
      if (pugi::xml_attribute a = n.attribute(attr.c_str())) return std::string(a.value());
    }
    return std::nullopt;
  }

  // ---------------- 2.0 ----------------
  void Read20(const pugi::xml_node& root, XliffDocument& doc) {
    doc.source_locale = Attribute(root, "srcLang");
    doc.target_locale = Attribute(root, "trgLang");
    doc.languages_where = Locate(root);
    if (doc.source_locale.empty()) Problem(root, "<xliff> has no srcLang attribute");
    std::set<std::string> file_ids;
    bool first_file = true;
    for (pugi::xml_node file : root.children()) {
      if (!IsElement(file, "file")) continue;
      const std::string id = Attribute(file, "id");
      if (!file_ids.insert(id).second) Problem(file, "duplicate file id \"" + id + "\"");
      if (first_file) {
        doc.file_id = id.empty() ? "f1" : id;
        doc.original = Attribute(file, "original");
        doc.original_where = Locate(file);
        first_file = false;
      }
      std::unordered_set<std::string_view> unit_ids;  // views into the parsed document
      Units20(file, doc, unit_ids);
    }
    bool any_target = false;
    for (const Unit& unit : doc.units) {
      for (const Segment& part : unit.parts) any_target |= part.target.has_value();
    }
    if (any_target && doc.target_locale.empty()) {
      Problem(root,
              "targets are present but <xliff> has no trgLang attribute; add trgLang=\"LOCALE\"");
    }
  }

  void Units20(const pugi::xml_node& container, XliffDocument& doc,
               std::unordered_set<std::string_view>& unit_ids) {
    for (pugi::xml_node node : container.children()) {
      if (IsElement(node, "group")) {
        Units20(node, doc, unit_ids);
      } else if (IsElement(node, "unit")) {
        Unit unit = Unit20(node);
        if (unit.id.empty()) {
          Problem(node, "<unit> has no id");
        } else if (!unit_ids.insert(AttributeView(node, "id")).second) {
          Problem(node, "duplicate unit id \"" + unit.id + "\"", unit.id);
        }
        doc.units.push_back(std::move(unit));
      }
    }
  }

  Unit Unit20(const pugi::xml_node& node) {
    Unit unit;
    const auto [id, name, translate] = AttributesNamed<3>(node, {"id", "name", "translate"});
    unit.id = id.value();
    unit.name = name.value();
    unit.translate = std::string_view(translate.value()) != "no";
    unit.where = Locate(node);
    if (std::optional<std::string> size = AttributeByLocalName(node, "sizeRestriction")) {
      try {
        unit.max_chars = std::stoi(*size);
      } catch (...) {
        Problem(node, "sizeRestriction \"" + *size + "\" is not a number", unit.id);
      }
    }
    // One pass finds the unit's segments, ignorables, notes, original data and matches; they
    // are read in the order the reading needs (the original data before the inline content
    // that refers to it).
    pugi::xml_node original, notes, matches;
    parts_.clear();
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = LocalName(child.name());
      if (name == "segment" || name == "ignorable") {
        parts_.push_back(child);
      } else if (name == "originalData") {
        if (!original) original = child;
      } else if (name == "notes") {
        if (!notes) notes = child;
      } else if (name == "matches") {
        if (!matches) matches = child;
      }
    }
    ReadOriginalData(original, unit.id);
    if (notes) {
      nodes_.clear();
      ids_.clear();
      for (pugi::xml_node note : notes.children()) {
        if (!IsElement(note, "note")) continue;
        nodes_.push_back(note);
        ids_.push_back(AttributeView(note, "id"));
      }
      MarkRepeats(ids_, repeated_, order_);
      for (std::size_t i = 0; i < nodes_.size(); ++i) {
        const pugi::xml_node& note = nodes_[i];
        if (repeated_[i]) {
          Problem(note, "duplicate note id \"" + std::string(ids_[i]) + "\"", unit.id);
        }
        if (!options_.notes) continue;
        unit.notes.push_back(Note{Attribute(note, "category"), note.text().get(),
                                  AttributeView(note, "priority") == "1"});
      }
    }
    ids_.clear();
    states_.clear();
    for (const pugi::xml_node& child : parts_) {
      const auto [id, state, sub_state] = AttributesNamed<3>(child, {"id", "state", "subState"});
      ids_.push_back(id.value());
      states_.push_back({state.value(), sub_state.value()});
    }
    MarkRepeats(ids_, repeated_, order_);
    int auto_number = 0;
    unit.parts.reserve(parts_.size());
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      const pugi::xml_node& child = parts_[i];
      const bool segment = LocalName(child.name()) == "segment";
      Segment part;
      part.is_segment = segment;
      part.where = Locate(child);
      part.id = ids_[i];
      ++auto_number;
      if (part.id.empty())
        part.id = (segment ? "s" : "i") + std::to_string(auto_number);
      else if (repeated_[i]) {
        Problem(child, "duplicate segment/ignorable id \"" + part.id + "\"", unit.id);
      }
      const std::string_view state = states_[i].first;
      part.sub_state = states_[i].second;
      if (!state.empty()) {
        if (std::optional<State> parsed = ParseState(state)) {
          part.state = *parsed;
        } else {
          Problem(
              child,
              "unknown state \"" + std::string(state) + "\" (initial, translated, reviewed, final)",
              unit.id, part.id);
        }
      } else if (!part.sub_state.empty()) {
        Problem(child, "subState is set without state", unit.id, part.id);
      }
      pugi::xml_node source, target;  // the first of each
      for (pugi::xml_node c = child.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        const std::string_view name = LocalName(c.name());
        if (!source && name == "source") {
          source = c;
        } else if (!target && name == "target") {
          target = c;
        }
      }
      if (!source)
        Problem(child, "<" + std::string(LocalName(child.name())) + "> has no <source>", unit.id,
                part.id);
      part.source = Inline20(source, unit.id, part.id, false);
      if (target) {
        part.target = Inline20(target, unit.id, part.id, true);
        if (segment && state.empty()) part.state = State::kInitial;
      }
      unit.parts.push_back(std::move(part));
    }
    if (!unit.HasSegments()) Problem(node, "<unit> has no <segment>", unit.id);
    // Target codes must be the source codes of the unit.
    CheckCodesOf(unit);
    if (matches) {
      for (pugi::xml_node match : matches.children()) {
        if (!IsElement(match, "match")) continue;
        Match m;
        std::string ref = Attribute(match, "ref");
        m.segment_ref = ref.rfind('#', 0) == 0 ? ref.substr(1) : ref;
        m.similarity = std::atof(Attribute(match, "similarity").c_str());
        m.origin = Attribute(match, "origin");
        m.source = Inline20(ChildByLocalName(match, "source"), unit.id, "", false, false);
        m.target = Inline20(ChildByLocalName(match, "target"), unit.id, "", false, false);
        unit.matches.push_back(std::move(m));
      }
    }
    return unit;
  }

  // The target codes of a unit: each segment's must be codes of the unit's source
  // (CheckTargetCodes), and the whole target's must match the whole source's (CheckUnitCodes).
  void CheckCodesOf(const Unit& unit) {
    // Codes of the whole unit may move between segments; invented ones may not.
    std::set<std::string_view> known;
    for (const Segment& part : unit.parts) {
      for (const Run& run : part.source) {
        if (run.kind == RunKind::kOpen || run.kind == RunKind::kPlaceholder) known.insert(run.id);
      }
    }
    for (const Segment& part : unit.parts) {
      if (part.target) CheckTargetCodes(known, part, unit.id);
    }
    if (check_unit_codes_) CheckUnitCodes(unit, unit.SourceContent());
  }

  void CheckTargetCodes(const std::set<std::string_view>& known, const Segment& part,
                        const std::string& unit_id) {
    for (const Run& run : *part.target) {
      if ((run.kind == RunKind::kOpen || run.kind == RunKind::kPlaceholder ||
           run.kind == RunKind::kClose) &&
          !known.count(run.id)) {
        Diagnostic d;
        d.check = "xliff";
        d.where = part.where;
        d.unit_id = unit_id;
        d.segment_id = part.id;
        d.message = "target has code " + run.id + ", which is not in the source";
        problems_->push_back(std::move(d));
        return;
      }
    }
  }

  // A unit whose every segment has a target: its codes must be the source's,
  // each once, well nested. Reported with check "codes": `validate` fails on
  // it, while a merge keeps the rest of the file and publishes that unit in
  // the source language. A segment whose target is still a copy of its source
  // (1.2 gives an untranslated segment of a unit with other targets one) is
  // not translated yet, and codes may still move into it: the unit is not held
  // to its codes until it is.
  void CheckUnitCodes(const Unit& unit, const Content& source_all) {
    for (const Segment& part : unit.parts) {
      if (part.is_segment && part.target && IsSourceCopy(part)) return;
    }
    std::optional<Content> target = unit.TargetContent();
    if (!target) return;
    if (std::optional<std::string> problem = CheckCodes(source_all, *target)) {
      Diagnostic d;
      d.check = "codes";
      for (const Segment& part : unit.parts) {
        if (part.target && d.where.line == 0) d.where = part.where;
      }
      if (d.where.line == 0) d.where = unit.where;
      d.unit_id = unit.id;
      d.message = *problem;
      problems_->push_back(std::move(d));
    }
  }

  Content Inline20(const pugi::xml_node& node, const std::string& unit_id,
                   const std::string& segment_id, bool target, bool check_refs = true) {
    Content out;
    out.reserve(4);  // most texts are a text run or a code pair with text around it
    Inline20Into(node, out, unit_id, segment_id, check_refs);
    (void)target;
    return out;
  }

  // The unit's <data> elements, as views into the parsed document, sorted by id for Data.
  // Duplicate ids are reported in document order; the last of them is the one used.
  void ReadOriginalData(const pugi::xml_node& original, const std::string& unit_id) {
    data_.clear();
    if (!original) return;
    for (pugi::xml_node data : original.children()) {
      if (!IsElement(data, "data")) continue;
      data_.push_back({data.attribute("id").value(), data.text().get(), data, data_.size()});
    }
    std::stable_sort(data_.begin(), data_.end(),
                     [](const DataEntry& a, const DataEntry& b) { return a.id < b.id; });
    std::vector<const DataEntry*> duplicates;
    for (std::size_t i = 1; i < data_.size(); ++i) {
      if (data_[i].id == data_[i - 1].id) duplicates.push_back(&data_[i]);
    }
    std::sort(duplicates.begin(), duplicates.end(),
              [](const DataEntry* a, const DataEntry* b) { return a->order < b->order; });
    for (const DataEntry* duplicate : duplicates) {
      Problem(duplicate->node, "duplicate data id \"" + std::string(duplicate->id) + "\"", unit_id);
    }
  }

  // The <data> that `ref`, an attribute of `node`, refers to (a view into the parsed document).
  std::string_view Data(const pugi::xml_node& node, const pugi::xml_attribute& ref,
                        const std::string& unit_id, bool check) {
    if (!ref) return {};
    const std::string_view wanted = ref.value();
    auto it = std::upper_bound(data_.begin(), data_.end(), wanted,
                               [](std::string_view id, const DataEntry& e) { return id < e.id; });
    if (it != data_.begin() && std::prev(it)->id == wanted) return std::prev(it)->text;
    if (check) {
      Problem(node,
              std::string(ref.name()) + "=\"" + ref.value() +
                  "\" refers to no <data> in this unit's <originalData>",
              unit_id);
    }
    return {};
  }

  void Inline20Into(const pugi::xml_node& node, Content& out, const std::string& unit_id,
                    const std::string& segment_id, bool check) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        AppendText(out, child.value());
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = LocalName(child.name());
      if (name == "pc") {
        const auto [start, end, type, sub_type, id] =
            AttributesNamed<5>(child, {"dataRefStart", "dataRefEnd", "type", "subType", "id"});
        // In this order: a missing start is reported before a missing end.
        const std::string_view start_data = Data(child, start, unit_id, check);
        const std::string_view end_data = Data(child, end, unit_id, check);
        std::shared_ptr<const CodeMarkup> markup =
            Markup20(start_data, end_data, type.value(), sub_type.value());
        Run close = Run::Code(RunKind::kClose, id.value(), markup);
        out.push_back(Run::Code(RunKind::kOpen, close.id, std::move(markup)));
        Inline20Into(child, out, unit_id, segment_id, check);
        out.push_back(std::move(close));
      } else if (name == "sc" || name == "ph") {
        const auto [ref, type, sub_type, id] =
            AttributesNamed<4>(child, {"dataRef", "type", "subType", "id"});
        out.push_back(Run::Code(
            name == "sc" ? RunKind::kOpen : RunKind::kPlaceholder, id.value(),
            Markup20(Data(child, ref, unit_id, check), {}, type.value(), sub_type.value())));
      } else if (name == "ec") {
        const auto [start_ref, own_id, ref] =
            AttributesNamed<3>(child, {"startRef", "id", "dataRef"});
        std::string id = start_ref.value();
        if (id.empty()) id = own_id.value();
        out.push_back(Run::Code(RunKind::kClose, std::move(id),
                                Markup20({}, Data(child, ref, unit_id, check), "", "")));
      } else if (name == "mrk" && Attribute(child, "translate") == "no") {
        out.push_back(Run::Code(RunKind::kProtectedOpen, Attribute(child, "id")));
        Inline20Into(child, out, unit_id, segment_id, check);
        out.push_back(Run::Code(RunKind::kProtectedClose, ""));
      } else if (name == "cp") {
        // <cp> carries characters XML cannot; none of them belongs in a page.
        const std::string hex = Attribute(child, "hex");
        char* end = nullptr;
        const unsigned long cp = std::strtoul(hex.c_str(), &end, 16);
        const bool allowed = !hex.empty() && end != nullptr && *end == '\0' &&
                             (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                              (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF));
        if (!allowed) {
          Problem(child,
                  "<cp hex=\"" + hex +
                      "\"> is a character that cannot be published in a page; remove it",
                  unit_id, segment_id);
          continue;
        }
        AppendText(out, ToUtf8(icu::UnicodeString(static_cast<UChar32>(cp))));
      } else if (name == "sm" || name == "em") {
        continue;  // annotation bounds carry no text
      } else {
        Inline20Into(child, out, unit_id, segment_id, check);  // other annotations: their text
      }
    }
  }

  // Whether a segment's target is its source as it stands, in the state of a
  // segment that is not translated yet (white space aside).
  static bool IsSourceCopy(const Segment& part) {
    return part.state == State::kInitial && part.target &&
           CollapseWhitespace(Signature(*part.target)) ==
               CollapseWhitespace(Signature(part.source));
  }

  // ---------------- 1.2 ----------------
  void Read12(const pugi::xml_node& root, XliffDocument& doc) {
    bool first_file = true;
    std::set<std::string> unit_ids;
    for (pugi::xml_node file : root.children()) {
      if (!IsElement(file, "file")) continue;
      if (first_file) {
        doc.source_locale = Attribute(file, "source-language");
        doc.target_locale = Attribute(file, "target-language");
        doc.original = Attribute(file, "original");
        doc.languages_where = Locate(file);
        doc.original_where = Locate(file);
        first_file = false;
      }
      if (pugi::xml_node body = ChildByLocalName(file, "body")) Units12(body, doc, unit_ids);
    }
    bool any_target = false;
    for (const Unit& unit : doc.units) {
      for (const Segment& part : unit.parts) any_target |= part.target.has_value();
    }
    if (any_target && doc.target_locale.empty()) {
      Problem(root, "targets are present but <file> has no target-language attribute");
    }
  }

  void Units12(const pugi::xml_node& container, XliffDocument& doc, std::set<std::string>& ids) {
    for (pugi::xml_node node : container.children()) {
      if (IsElement(node, "group")) {
        Units12(node, doc, ids);
      } else if (IsElement(node, "trans-unit")) {
        Unit unit = Unit12(node);
        if (unit.id.empty()) {
          Problem(node, "<trans-unit> has no id");
        } else if (!ids.insert(unit.id).second) {
          Problem(node, "duplicate trans-unit id \"" + unit.id + "\"", unit.id);
        }
        doc.units.push_back(std::move(unit));
      }
    }
  }

  static std::pair<State, std::string> State12(const std::string& state, bool approved) {
    State s = State::kInitial;
    if (state == "translated" || state.rfind("needs-review", 0) == 0) s = State::kTranslated;
    if (state == "signed-off") s = State::kReviewed;
    if (state == "final") s = State::kFinal;
    if (state.empty()) s = State::kTranslated;  // a target with no state is a translation
    if (approved && s < State::kReviewed) s = State::kReviewed;
    std::string sub = state.empty() ? std::string() : "xlf12:" + state;
    return {s, sub};
  }

  Unit Unit12(const pugi::xml_node& node) {
    Unit unit;
    unit.id = Attribute(node, "id");
    unit.name = Attribute(node, "resname");
    unit.translate = AttributeView(node, "translate") != "no";
    unit.where = Locate(node);
    if (node.attribute("maxwidth") && Attribute(node, "size-unit") == "char") {
      unit.max_chars = std::atoi(Attribute(node, "maxwidth").c_str());
    }
    const bool collapse = SpaceIsDefault(node);
    for (pugi::xml_node note : node.children()) {
      if (options_.notes && IsElement(note, "note")) {
        unit.notes.push_back(
            Note{Attribute(note, "from") == "l10n" ? "context" : Attribute(note, "from"),
                 note.text().get(), Attribute(note, "priority") == "1"});
      }
    }
    pugi::xml_node source = ChildByLocalName(node, "source");
    pugi::xml_node seg_source = ChildByLocalName(node, "seg-source");
    pugi::xml_node target = ChildByLocalName(node, "target");
    if (!source) Problem(node, "<trans-unit> has no <source>", unit.id);
    const bool approved = Attribute(node, "approved") == "yes";
    auto [state, sub_state] = State12(target ? Attribute(target, "state") : "", approved);
    const std::string raw_state = target ? Attribute(target, "state") : "";
    const bool untranslated_state = raw_state == "new" || raw_state == "needs-translation" ||
                                    raw_state.rfind("needs-adaptation", 0) == 0 ||
                                    raw_state == "needs-l10n";
    if (untranslated_state) state = State::kInitial;

    // The source's parts in order: segments (mrk mtype="seg" in seg-source)
    // and the text between, before and after them (ignorable).
    std::vector<Segment> source_parts;
    if (seg_source && HasSegMarkers(seg_source)) {
      source_parts = SplitSegments(seg_source, unit.id, collapse);
    } else {
      Segment only;
      only.id = "s1";
      only.source = Inline12(source, unit.id, collapse);
      source_parts.push_back(std::move(only));
    }
    std::size_t segment_count = 0;
    for (const Segment& p : source_parts) segment_count += p.is_segment;
    std::map<std::string, Content> target_segments;
    std::optional<Content> whole_target;
    if (target) {
      if (HasSegMarkers(target)) {
        std::vector<Segment> target_parts = SplitSegments(target, unit.id, collapse);
        std::set<std::string> source_ids;
        for (const Segment& p : source_parts) {
          if (p.is_segment) source_ids.insert(p.id);
        }
        bool all_known = true;
        for (const Segment& p : target_parts)
          all_known &= !p.is_segment || source_ids.count(p.id) > 0;
        if (all_known) {
          for (Segment& p : target_parts) {
            if (p.is_segment) target_segments[p.id] = std::move(p.source);
          }
        } else {
          // Segment markers in the target that the source does not have (a
          // tool segmented only the target): the whole target is the unit's.
          whole_target = JoinSources(target_parts);
        }
      } else {
        whole_target = Inline12(target, unit.id, collapse);
      }
    }
    if (whole_target && segment_count > 1) {
      // The tool dropped the segmentation: treat the unit as one segment.
      Segment part;
      part.id = "s1";
      part.source = Inline12(source, unit.id, collapse);
      part.target = std::move(whole_target);
      part.state = state;
      part.sub_state = sub_state;
      part.where = Locate(target);
      unit.parts.push_back(std::move(part));
    } else {
      for (Segment& part : source_parts) {
        part.where = Locate(target ? target : source);
        if (part.is_segment) {
          if (whole_target) {
            part.target = std::move(whole_target);
            whole_target.reset();
          } else if (auto it = target_segments.find(part.id); it != target_segments.end()) {
            part.target = it->second;
          }
          if (part.target) {
            part.state = state;
            part.sub_state = sub_state;
          }
        }
        unit.parts.push_back(std::move(part));
      }
    }
    // Tools that translate what stands in a pre-filled <target> (OmegaT 3.x)
    // often leave state="needs-translation" behind: a target that differs
    // from its source was translated all the same.
    if (untranslated_state) {
      for (Segment& part : unit.parts) {
        if (part.is_segment && part.target && !IsSourceCopy(part)) {
          part.state = State::kTranslated;
        }
      }
    }
    CheckCodesOf(unit);
    for (pugi::xml_node alt : node.children()) {
      if (!IsElement(alt, "alt-trans")) continue;
      Match m;
      m.segment_ref = Attribute(alt, "mid");
      m.similarity = std::atof(Attribute(alt, "match-quality").c_str());
      m.origin = Attribute(alt, "origin");
      m.source = Inline12(ChildByLocalName(alt, "source"), unit.id, collapse);
      m.target = Inline12(ChildByLocalName(alt, "target"), unit.id, collapse);
      unit.matches.push_back(std::move(m));
    }
    return unit;
  }

  // True when xml:space="default" is stated on the node or an ancestor (and
  // not overridden by "preserve" closer to it).
  static bool SpaceIsDefault(const pugi::xml_node& node) {
    for (pugi::xml_node n = node; n; n = n.parent()) {
      if (pugi::xml_attribute a = n.attribute("xml:space"))
        return std::string_view(a.value()) == "default";
    }
    return false;
  }

  static bool HasSegMarkers(const pugi::xml_node& node) {
    for (pugi::xml_node child : node.children()) {
      if (IsElement(child, "mrk") && Attribute(child, "mtype") == "seg") return true;
    }
    return false;
  }

  std::vector<Segment> SplitSegments(const pugi::xml_node& node, const std::string& unit_id,
                                     bool collapse) {
    std::vector<Segment> parts;
    Content gap;
    int segments = 0;
    int ignorables = 0;
    auto flush_gap = [&] {
      if (gap.empty()) return;
      Segment ignorable;
      ignorable.is_segment = false;
      ignorable.id = "i" + std::to_string(++ignorables);
      ignorable.source = std::move(gap);
      parts.push_back(std::move(ignorable));
      gap.clear();
    };
    nodes_.clear();  // the segments' <mrk> elements
    for (pugi::xml_node child : node.children()) {
      if (IsElement(child, "mrk") && Attribute(child, "mtype") == "seg") {
        flush_gap();
        Segment segment;
        segment.id = Attribute(child, "mid");
        ++segments;
        if (segment.id.empty()) segment.id = "s" + std::to_string(segments);
        segment.source = Inline12(child, unit_id, collapse);
        parts.push_back(std::move(segment));
        nodes_.push_back(child);
      } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        AppendText(gap, child.value());
      }
    }
    flush_gap();
    // Segments are matched by id between <seg-source> and <target>: one that is there twice
    // would lose a translation or put it against another sentence.
    ids_.clear();
    for (const Segment& part : parts) {
      if (part.is_segment) ids_.push_back(part.id);
    }
    MarkRepeats(ids_, repeated_, order_);
    for (std::size_t i = 0; i < ids_.size(); ++i) {
      if (!repeated_[i]) continue;
      Problem(nodes_[i],
              "segment \"" + std::string(ids_[i]) + "\" is in <" +
                  std::string(LocalName(node.name())) +
                  "> twice; each <mrk mtype=\"seg\"> needs a mid of its own",
              unit_id, std::string(ids_[i]));
    }
    return parts;
  }

  Content Inline12(const pugi::xml_node& node, const std::string& unit_id, bool collapse) {
    Content out;
    std::map<std::string, std::string> bpt_ids;
    Inline12Into(node, out, unit_id, bpt_ids);
    if (collapse) {
      for (Run& run : out) {
        if (run.kind == RunKind::kText) run.text = CollapseInner(run.text);
      }
    }
    return out;
  }

  static std::string CollapseInner(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        space = true;
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    if (space) out += ' ';
    return out;
  }

  void Inline12Into(const pugi::xml_node& node, Content& out, const std::string& unit_id,
                    std::map<std::string, std::string>& bpt_ids) {
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        AppendText(out, child.value());
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = LocalName(child.name());
      const std::string id = Attribute(child, "id");
      const std::string rid = Attribute(child, "rid");
      if (name == "g") {
        Run open = Run::Code(RunKind::kOpen, id, Markup12(child));
        out.push_back(open);
        Inline12Into(child, out, unit_id, bpt_ids);
        open.kind = RunKind::kClose;
        out.push_back(std::move(open));
      } else if (name == "x" || name == "ph" || name == "it") {
        out.push_back(Run::Code(RunKind::kPlaceholder, id, Markup12(child)));
      } else if (name == "bx") {
        out.push_back(Run::Code(RunKind::kOpen, rid.empty() ? id : rid));
      } else if (name == "ex") {
        out.push_back(Run::Code(RunKind::kClose, rid.empty() ? id : rid));
      } else if (name == "bpt") {
        const std::string key = rid.empty() ? id : rid;
        out.push_back(Run::Code(RunKind::kOpen, key));
      } else if (name == "ept") {
        out.push_back(Run::Code(RunKind::kClose, rid.empty() ? id : rid));
      } else if (name == "mrk" && Attribute(child, "mtype") == "protected") {
        out.push_back(Run::Code(RunKind::kProtectedOpen, Attribute(child, "mid")));
        Inline12Into(child, out, unit_id, bpt_ids);
        out.push_back(Run::Code(RunKind::kProtectedClose, ""));
      } else if (name == "sub") {
        continue;
      } else {
        Inline12Into(child, out, unit_id, bpt_ids);  // mrk and foreign markup: their text
      }
    }
  }

  // What a 2.0 code stands for, from its original data and type, when the reading keeps it.
  std::shared_ptr<const CodeMarkup> Markup20(std::string_view start_data, std::string_view end_data,
                                             std::string_view type,
                                             std::string_view sub_type) const {
    if (!options_.code_markup) return nullptr;
    auto markup = std::make_shared<CodeMarkup>();
    markup->start_data = start_data;
    markup->end_data = end_data;
    markup->type = TypeFrom20(type, sub_type);
    markup->element = ElementOf(markup->start_data);
    return markup;
  }

  // What a 1.2 code stands for, when the reading keeps it.
  std::shared_ptr<const CodeMarkup> Markup12(const pugi::xml_node& node) const {
    return options_.code_markup ? MarkupFrom12(node) : nullptr;
  }

  // Where `node` starts. Units and their parts are met in document order, so each search
  // starts from the line of the one before.
  Location Locate(const pugi::xml_node& node) { return xml_.Locate(node, line_hint_); }

  const XmlDocument& xml_;
  std::size_t line_hint_ = 0;
  std::vector<Diagnostic>* problems_;
  const bool check_unit_codes_;
  const XliffReadOptions options_;
  struct DataEntry {
    std::string_view id;
    std::string_view text;
    pugi::xml_node node;
    std::size_t order;  // position in <originalData>
  };
  std::vector<DataEntry> data_;        // the current unit's original data
  std::vector<pugi::xml_node> parts_;  // the current unit's segments and ignorables
  // Scratch space for finding repeated ids among a unit's notes or parts.
  std::vector<pugi::xml_node> nodes_;
  std::vector<std::string_view> ids_;
  std::vector<std::pair<std::string_view, std::string_view>> states_;  // state, subState
  std::vector<char> repeated_;
  std::vector<std::size_t> order_;
};

}  // namespace

namespace {

Result<XliffDocument> Read(const Result<XmlDocument>& xml, std::vector<Diagnostic>* problems,
                           bool check_unit_codes, const XliffReadOptions& options = {}) {
  if (!xml.ok()) return xml.status();
  Reader reader(*xml, problems, check_unit_codes, options);
  return reader.Read();
}

// ReadXliff's rules: problems of check "codes" (whole units) are for the checks, which read
// with ReadXliffReporting; a merge finds them against the document. Any other error fails.
Result<XliffDocument> ReadStrict(const Result<XmlDocument>& xml,
                                 const XliffReadOptions& options = {}) {
  std::vector<Diagnostic> problems;
  Result<XliffDocument> doc = Read(xml, &problems, /*check_unit_codes=*/false, options);
  if (!doc.ok()) return doc;
  for (const Diagnostic& d : problems) {
    if (d.severity == Severity::kError && d.check != "codes") {
      std::string message = d.message;
      if (!d.unit_id.empty()) message = "unit " + d.unit_id + ": " + message;
      return Status::Corrupt(message + "; fix the XLIFF file", d.where);
    }
  }
  return doc;
}

}  // namespace

Result<XliffDocument> ReadXliffReporting(std::string_view bytes, const std::string& file,
                                         std::vector<Diagnostic>* problems) {
  return Read(ParseXml(bytes, file), problems, /*check_unit_codes=*/true);
}

Result<XliffDocument> ReadXliff(std::string_view bytes, const std::string& file,
                                const XliffReadOptions& options) {
  return ReadStrict(ParseXml(bytes, file), options);
}

Result<XliffDocument> ReadXliffFile(const std::string& path, const XliffReadOptions& options) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ReadStrict(ParseXmlBuffer(std::move(bytes).value(), path), options);
}

}  // namespace l10n
