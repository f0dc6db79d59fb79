#include "pipeline/extract.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <filesystem>
#include <functional>

#include "pipeline/file_io.h"
#include "pipeline/text.h"

namespace l10n {
namespace {

constexpr std::array<std::string_view, 34> kInline = {
    "a",   "abbr", "b",   "bdi", "bdo",  "br",   "cite", "code", "data",   "del",  "dfn",    "em",
    "i",   "img",  "ins", "kbd", "mark", "q",    "s",    "samp", "small",  "span", "strong", "sub",
    "sup", "time", "u",   "var", "wbr",  "ruby", "rt",   "rp",   "output", "meter"};

constexpr std::array<std::string_view, 13> kVoid = {"area",   "base",  "br",    "col",  "embed",
                                                    "hr",     "img",   "input", "link", "meta",
                                                    "source", "track", "wbr"};

// Elements that only hold other blocks; text directly inside them is an error.
constexpr std::array<std::string_view, 24> kContainers = {
    "html", "head",  "body",   "section", "article", "nav",      "ul",     "ol",
    "dl",   "table", "thead",  "tbody",   "tfoot",   "tr",       "header", "footer",
    "main", "aside", "figure", "details", "form",    "fieldset", "hgroup", "menu"};

constexpr std::array<std::string_view, 6> kSkipped = {"script",   "style", "template",
                                                      "noscript", "svg",   "math"};

constexpr std::array<std::string_view, 4> kTranslatableAttributes = {"alt", "title", "aria-label",
                                                                     "placeholder"};

template <std::size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view tag) {
  if (tag.empty()) return false;
  for (std::string_view name : set) {
    if (name.size() == tag.size() && name[0] == tag[0] && name == tag) return true;
  }
  return false;
}

// An element's local name in lower case: a view of the name itself when it is in lower case
// already (as XHTML's are), else of `storage`.
std::string_view TagName(const pugi::xml_node& node, std::string& storage) {
  const std::string_view name = LocalName(node.name());
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') {
      storage.assign(name);
      LowerAscii(storage);
      return storage;
    }
  }
  return name;
}

std::string TagOf(const pugi::xml_node& node) {
  std::string storage;
  return std::string(TagName(node, storage));
}

}  // namespace

bool IsTranslateNo(const pugi::xml_node& node) {
  if (!node.first_attribute()) return false;  // most elements have none
  const pugi::xml_attribute value = AttributeNamed(node, "translate");
  return value && std::string_view(value.value()) == "no";
}

namespace {

std::optional<Note> LocNote(const pugi::xml_node& node) {
  if (!node.first_attribute()) return std::nullopt;
  pugi::xml_attribute text = node.attribute("its-loc-note");
  if (!text) text = AttributeNamed(node, "locNote");
  if (!text || IsBlank(text.value())) return std::nullopt;
  Note note{"its-loc-note", CollapseWhitespace(text.value()), false};
  pugi::xml_attribute type = node.attribute("its-loc-note-type");
  if (!type) type = AttributeNamed(node, "locNoteType");
  note.alert = type && std::string_view(type.value()) == "alert";
  return note;
}

CodeType CodeTypeFor(std::string_view tag) {
  if (tag == "b" || tag == "strong") return CodeType::kBold;
  if (tag == "i" || tag == "em" || tag == "cite" || tag == "dfn") return CodeType::kItalic;
  if (tag == "u") return CodeType::kUnderline;
  if (tag == "a") return CodeType::kLink;
  if (tag == "img") return CodeType::kImage;
  if (tag == "br" || tag == "wbr") return CodeType::kLineBreak;
  if (tag == "q") return CodeType::kQuote;
  if (tag == "span" || tag == "small" || tag == "sub" || tag == "sup" || tag == "mark" ||
      tag == "abbr" || tag == "code" || tag == "kbd" || tag == "time" || tag == "data") {
    return CodeType::kFormat;
  }
  return CodeType::kOther;
}

std::string StartTagMarkup(std::string_view tag, const pugi::xml_node& node, bool self_closing) {
  std::string out;
  out.reserve(32);
  out += '<';
  out += tag;
  for (pugi::xml_attribute attr : node.attributes()) {
    out += ' ';
    out += attr.name();
    out += "=\"";
    AppendEscapedXml(out, attr.value(), true);
    out += '"';
  }
  out += self_closing ? "/>" : ">";
  return out;
}

std::string DescribeElement(std::string_view tag) {
  if (tag == "title") return "page title (browser tab and search results)";
  if (tag == "p") return "paragraph";
  if (tag == "li") return "list item";
  if (tag == "td" || tag == "th") return "table cell";
  if (tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6') {
    return std::string("heading, level ") + tag[1];
  }
  if (tag == "caption" || tag == "figcaption") return "caption";
  if (tag == "button") return "button label";
  return "<" + std::string(tag) + "> text";
}

std::string DescribeAttribute(std::string_view tag, std::string_view attribute) {
  if (attribute == "alt") return "image description (alt text, read aloud by screen readers)";
  if (attribute == "aria-label")
    return "accessible label of <" + std::string(tag) + "> (read aloud by screen readers)";
  if (attribute == "placeholder") return "placeholder of an input field";
  if (tag == "abbr" && attribute == "title") return "expansion of an abbreviation (tooltip)";
  return std::string(attribute) + " of <" + std::string(tag) + "> (tooltip)";
}

// NMTOKEN-safe id fragment.
std::string SafeToken(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    const unsigned char u = static_cast<unsigned char>(c);
    out += (std::isalnum(u) || c == '-' || c == '_' || c == '.') ? c : '_';
  }
  return out.empty() ? std::string("_") : out;
}

// The ids given so far, as views of the units' ids: open addressing over a power-of-two table,
// so that a document's few dozen ids cost no allocation each (a node-based set made one per id).
class IdSet {
 public:
  void Reserve(std::size_t count) { Rehash(std::bit_ceil(std::max<std::size_t>(16, 2 * count))); }

  // Adds `id`; false when it was there already.
  bool Insert(std::string_view id) {
    if (2 * (size_ + 1) > slots_.size()) Rehash(std::max<std::size_t>(16, 2 * slots_.size()));
    std::string_view& slot = Find(id);
    if (slot.data() != nullptr) return false;
    slot = id;
    ++size_;
    return true;
  }

  bool Contains(std::string_view id) { return !slots_.empty() && Find(id).data() != nullptr; }

 private:
  // The slot holding `id`, or the free slot where it would go. A free slot's view has no data:
  // an id's view always has, even when it is empty.
  std::string_view& Find(std::string_view id) {
    const std::size_t mask = slots_.size() - 1;
    const std::size_t hash = std::hash<std::string_view>{}(id);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      if (slots_[i].data() == nullptr || slots_[i] == id) return slots_[i];
    }
  }

  void Rehash(std::size_t capacity) {
    std::vector<std::string_view> old = std::move(slots_);
    slots_.assign(capacity, std::string_view());
    for (const std::string_view id : old) {
      if (id.data() != nullptr) Find(id) = id;
    }
  }

  std::vector<std::string_view> slots_;
  std::size_t size_ = 0;
};

class Walker {
 public:
  Walker(Extraction& out, Segmenter* segmenter, bool segment, bool notes)
      : out_(out), segmenter_(segmenter), segment_(segment), notes_(notes) {
    // Pages hold about one unit per 200 bytes: room made up front saves moving the units.
    const std::size_t expected = out_.document.size() / 192 + 8;
    out_.units.reserve(expected);
    used_ids_.Reserve(expected);
  }

  Status Walk(const pugi::xml_node& node, const std::string& scope) {
    std::string storage;
    for (pugi::xml_node child : node.children()) {
      const pugi::xml_node_type type = child.type();
      if (type == pugi::node_pcdata || type == pugi::node_cdata) {
        if (!IsBlank(child.value()) && In(kContainers, TagName(node, storage))) {
          return Status::InvalidArgument(
              "text directly inside <" + TagOf(node) +
                  "> (a container of blocks); wrap it in <p> or another block element",
              out_.document.Locate(child.type() == pugi::node_pcdata ? node : child));
        }
        continue;
      }
      if (type != pugi::node_element) continue;
      L10N_RETURN_IF_ERROR(Element(child, scope));
    }
    return Status::Ok();
  }

 private:
  Status Element(const pugi::xml_node& node, const std::string& parent_scope) {
    std::string storage;
    const std::string_view tag = TagName(node, storage);
    if (In(kSkipped, tag) || IsTranslateNo(node)) return Status::Ok();
    // The scope is the parent's unless this element names its own.
    std::string own_scope;
    if (pugi::xml_attribute id = node.attribute("id")) own_scope = SafeToken(id.value());
    if (tag == "head" || tag == "body") own_scope = tag;
    const std::string& scope = own_scope.empty() ? parent_scope : own_scope;
    if (tag == "meta") return Meta(node);
    if (tag == "title") {
      L10N_RETURN_IF_ERROR(Block(node, tag, scope, "title"));
      out_.units.back().max_chars = 60;
      return Status::Ok();
    }
    AttributeUnits(node, tag, scope);
    if (In(kContainers, tag) || HasBlockDescendant(node)) {
      for (pugi::xml_node child : node.children()) {
        if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
            !IsBlank(child.value())) {
          return Status::InvalidArgument("text mixed with block elements inside <" +
                                             std::string(tag) +
                                             ">; wrap the text in <p> so it forms its own unit",
                                         out_.document.Locate(node));
        }
      }
      return Walk(node, scope);
    }
    if (!HasTranslatableText(node)) {
      // Still collect attributes of inline children (e.g. an image's alt).
      for (pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element) L10N_RETURN_IF_ERROR(Element(child, scope));
      }
      return Status::Ok();
    }
    return Block(node, tag, scope, std::string());
  }

  Status Meta(const pugi::xml_node& node) {
    std::string name = node.attribute("name").value();
    LowerAscii(name);
    if (name != "description" && name != "keywords") return Status::Ok();
    const char* content = node.attribute("content").value();
    if (IsBlank(content)) return Status::Ok();
    SourceUnit& unit = NewUnit("meta-" + name, node);
    unit.name = "meta@content";
    unit.kind = UnitKind::kAttribute;
    unit.attribute = "content";
    if (notes_) {
      unit.notes.push_back({"context", name == "description"
                                           ? "page description shown in search results"
                                           : "search keywords, comma-separated"});
    }
    if (name == "description") unit.max_chars = 160;
    Content content_runs;
    AppendText(content_runs, content);
    unit.parts = UnitParts(unit, std::move(content_runs), Sentences());
    return Status::Ok();
  }

  void AttributeUnits(const pugi::xml_node& node, std::string_view tag, const std::string& scope) {
    if (!node.first_attribute()) return;  // most elements have none
    for (std::string_view attribute : kTranslatableAttributes) {
      pugi::xml_attribute attr = node.attribute(attribute.data());  // the names are literals
      if (!attr || IsBlank(attr.value())) continue;
      std::string base = scope;
      base += '.';
      base += tag;
      base += '-';
      base += attribute;
      base += '-';
      SourceUnit& unit = NewUnit(std::move(base), node);
      HashLater(Nfc(attr.value()));
      unit.name = std::string(tag) + "@" + std::string(attribute);
      unit.kind = UnitKind::kAttribute;
      unit.attribute = std::string(attribute);
      if (notes_) {
        std::string about = DescribeAttribute(tag, attribute);
        if (tag == "abbr" || tag == "a")
          about += ", on “" + CollapseWhitespace(node.text().get()) + "”";
        unit.notes.push_back({"context", WithSection(std::move(about))});
      }
      Content content;
      AppendText(content, attr.value());
      unit.parts = UnitParts(unit, std::move(content), Sentences());
    }
  }

  bool HasBlockDescendant(const pugi::xml_node& node) const {
    std::string storage;
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view tag = TagName(child, storage);
      if (In(kSkipped, tag)) continue;
      if (!IsInlineElement(tag)) return true;
      if (HasBlockDescendant(child)) return true;
    }
    return false;
  }

  // True when the subtree has non-blank text outside translate="no".
  bool HasTranslatableText(const pugi::xml_node& node) const {
    std::string storage;
    for (pugi::xml_node child : node.children()) {
      const pugi::xml_node_type type = child.type();
      if (type == pugi::node_pcdata || type == pugi::node_cdata) {
        if (!IsBlank(child.value())) return true;
      } else if (type == pugi::node_element && !IsTranslateNo(child) &&
                 !In(kSkipped, TagName(child, storage)) && HasTranslatableText(child)) {
        return true;
      }
    }
    return false;
  }

  // A unit that will have the id `wanted_id`, or that id with a suffix when an earlier unit has it
  // (AssignIds).
  SourceUnit& NewUnit(std::string wanted_id, const pugi::xml_node& node) {
    SourceUnit& unit = out_.units.emplace_back();
    unit.id = std::move(wanted_id);
    unit.element = node;
    // Units are made in document order: each location is searched from the line of the last.
    if (notes_) unit.where = out_.document.Locate(node, line_hint_);
    return unit;
  }

  // "Guide › Benefits": the headings the walk is under. Made again only when they change.
  const std::string& ContextPath() {
    if (path_stale_) {
      context_path_.clear();
      for (const std::string& heading : headings_) {
        if (heading.empty()) continue;
        if (!context_path_.empty()) context_path_ += " › ";
        context_path_ += heading;
      }
      path_stale_ = false;
    }
    return context_path_;
  }

  // "paragraph; section: Guide › Benefits"
  std::string WithSection(std::string what) {
    const std::string& path = ContextPath();
    if (!path.empty()) {
      what.reserve(what.size() + 11 + path.size());
      what += "; section: ";
      what += path;
    }
    return what;
  }

  Status Block(const pugi::xml_node& node, std::string_view tag, const std::string& scope,
               std::string fixed_id) {
    Content content;
    content.reserve(8);  // most blocks: text, or text around a few codes
    std::vector<pugi::xml_node> code_nodes;
    std::vector<Note> inline_notes;
    int next_code = 1;
    int next_protected = 1;
    BuildContent(node, content, code_nodes, inline_notes, next_code, next_protected, scope);
    const bool heading = tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
    const pugi::xml_attribute own_id = node.attribute("id");
    // The normalized text names headings in context notes and makes ids for blocks without one;
    // the plain text is made only for that and for segmentation.
    const bool needs_text = heading || (fixed_id.empty() && !own_id);
    std::string plain = needs_text || segment_ ? PlainText(content) : std::string();
    std::string normalized;
    std::string_view text;
    if (needs_text) text = CollapsedNfc(plain, normalized);
    if (heading) {
      const std::size_t level = static_cast<std::size_t>(tag[1] - '0');
      // The heading's own context is its parents, so update after the note.
      headings_.resize(level - 1);
      path_stale_ = true;
    }
    std::string id = fixed_id;
    if (id.empty()) {
      if (own_id) {
        id = SafeToken(own_id.value());
      } else {
        id.reserve(scope.size() + tag.size() + 10);
        id += scope;
        id += '.';
        id += tag;
        id += '-';  // and the hash of the text (HashLater, below)
      }
    }
    const bool hashed = fixed_id.empty() && !own_id;
    SourceUnit& unit = NewUnit(std::move(id), node);
    unit.name = std::string(tag);
    if (notes_) {
      unit.notes.reserve(1 + inline_notes.size());
      unit.notes.push_back({"context", WithSection(DescribeElement(tag))});
      if (std::optional<Note> note = LocNote(node)) unit.notes.push_back(*note);
      for (Note& note : inline_notes) unit.notes.push_back(std::move(note));
    }
    unit.code_nodes = std::move(code_nodes);
    unit.parts = UnitParts(unit, std::move(content), plain, Sentences());
    if (heading) {
      headings_.emplace_back(text);
      path_stale_ = true;
    }
    if (hashed) HashLater(text.data() == plain.data() ? std::move(plain) : std::move(normalized));
    return Status::Ok();
  }

  void BuildContent(const pugi::xml_node& node, Content& content,
                    std::vector<pugi::xml_node>& code_nodes, std::vector<Note>& notes,
                    int& next_code, int& next_protected, const std::string& scope) {
    std::string storage;
    for (pugi::xml_node child : node.children()) {
      const pugi::xml_node_type type = child.type();
      if (type == pugi::node_pcdata || type == pugi::node_cdata) {
        AppendText(content, child.value());
        continue;
      }
      if (type != pugi::node_element) continue;  // comments are not content
      const std::string_view tag = TagName(child, storage);
      std::string id = std::to_string(next_code++);
      code_nodes.push_back(child);  // code `id` is the next one in document order
      const bool translate_no = IsTranslateNo(child);
      if (!translate_no) AttributeUnits(child, tag, scope);
      if (std::optional<Note> note = notes_ ? LocNote(child) : std::nullopt) {
        note->text = "On “" + CollapseWhitespace(child.text().get()) + "”: " + note->text;
        notes.push_back(*note);
      }
      const bool empty = child.first_child().type() == pugi::node_null;
      auto markup = std::make_shared<CodeMarkup>();
      markup->type = CodeTypeFor(tag);
      markup->element = tag;
      if (empty || In(kSkipped, tag)) {
        markup->start_data = empty ? StartTagMarkup(tag, child, true) : SerializeNode(child);
        Run& placeholder = content.emplace_back();
        placeholder.kind = RunKind::kPlaceholder;
        placeholder.id = std::move(id);
        placeholder.markup = std::move(markup);
        continue;
      }
      markup->start_data = StartTagMarkup(tag, child, false);
      markup->end_data.reserve(tag.size() + 3);
      markup->end_data += "</";
      markup->end_data += tag;
      markup->end_data += '>';
      // Runs made in place: a run is moved again by segmentation, and moving one is not free.
      Run& open = content.emplace_back();
      open.kind = RunKind::kOpen;
      open.id = id;
      open.markup = markup;  // the pair shares its markup
      if (translate_no) {
        Run& protected_open = content.emplace_back();
        protected_open.kind = RunKind::kProtectedOpen;
        protected_open.id = "m" + std::to_string(next_protected++);
      }
      BuildContent(child, content, code_nodes, notes, next_code, next_protected, scope);
      if (translate_no) content.emplace_back().kind = RunKind::kProtectedClose;
      Run& close = content.emplace_back();
      close.kind = RunKind::kClose;
      close.id = std::move(id);
      close.markup = std::move(markup);
    }
  }

  // The last unit's id ends with the hash of `text`, appended by AssignIds.
  void HashLater(std::string text) {
    hash_later_.push_back({out_.units.size() - 1, std::move(text)});
  }

 public:
  // Completes the units' ids once the walk is done: appends the hashes HashLater asked for (many
  // texts hash faster together, see Hash8Each), then gives an id an earlier unit has the
  // suffix -2, -3..., in document order.
  void AssignIds() {
    std::vector<std::string_view> texts;
    texts.reserve(hash_later_.size());
    for (const PendingHash& pending : hash_later_) texts.push_back(pending.text);
    const std::vector<std::string> hashes = Hash8Each(texts);
    for (std::size_t i = 0; i < hash_later_.size(); ++i) {
      out_.units[hash_later_[i].unit].id += hashes[i];
    }
    // The set views the units' ids, each once it is final (the units do not move meanwhile).
    for (SourceUnit& unit : out_.units) {
      if (used_ids_.Insert(unit.id)) continue;
      std::string id;
      for (int n = 2; used_ids_.Contains(id = unit.id + "-" + std::to_string(n)); ++n) {
      }
      unit.id = std::move(id);
      used_ids_.Insert(unit.id);
    }
  }

 private:
  // The segmenter for UnitParts: none when the extraction is not segmented.
  Segmenter* Sentences() const { return segment_ ? segmenter_ : nullptr; }

  Extraction& out_;
  Segmenter* segmenter_;
  bool segment_;
  bool notes_;                 // ExtractOptions::notes
  std::size_t line_hint_ = 0;  // the line of the last unit located
  IdSet used_ids_;             // AssignIds
  struct PendingHash {
    std::size_t unit;  // index in out_.units
    std::string text;
  };
  std::vector<PendingHash> hash_later_;
  std::vector<std::string> headings_;
  std::string context_path_;  // ContextPath() of headings_
  bool path_stale_ = false;
};

bool IsCodeRun(const Run& run) { return run.kind != RunKind::kText; }

bool Balanced(const Content& content, std::size_t begin, std::size_t end) {
  std::vector<std::string_view> stack;
  int protected_depth = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const Run& run = content[i];
    if (run.kind == RunKind::kOpen) stack.push_back(run.id);
    if (run.kind == RunKind::kClose) {
      if (stack.empty() || stack.back() != std::string_view(run.id)) return false;
      stack.pop_back();
    }
    if (run.kind == RunKind::kProtectedOpen) ++protected_depth;
    if (run.kind == RunKind::kProtectedClose && --protected_depth < 0) return false;
  }
  return stack.empty() && protected_depth == 0;
}

// Splits text runs so that each offset in `cuts` (plain-text byte offsets)
// falls on a run boundary. Runs that are not split are moved, not copied.
Content SplitAt(Content content, const std::vector<std::size_t>& cuts) {
  Content out;
  out.reserve(content.size() + cuts.size());
  std::size_t offset = 0;
  auto cut = cuts.begin();
  for (Run& run : content) {
    if (run.kind != RunKind::kText) {
      out.push_back(std::move(run));
      continue;
    }
    const std::size_t end = offset + run.text.size();
    std::size_t from = offset;
    while (cut != cuts.end() && *cut <= offset) ++cut;
    if (cut == cuts.end() || *cut >= end) {
      offset = end;
      out.push_back(std::move(run));
      continue;
    }
    while (cut != cuts.end() && *cut < end) {
      out.push_back(Run::Text(run.text.substr(from - offset, *cut - from)));
      from = *cut;
      ++cut;
    }
    run.text.erase(0, from - offset);  // the last piece keeps the run's own text
    out.push_back(std::move(run));
    offset = end;
  }
  return out;
}

// Whether MoveEdgeWhitespace has anything to do: a segment that is empty, holds an empty text
// run or has white space at its edges, or an ignorable that is not one non-empty text run or
// follows another.
bool HasLooseWhitespace(const std::vector<Part>& parts) {
  bool after_ignorable = false;
  for (const Part& part : parts) {
    if (!part.is_segment) {
      if (after_ignorable || part.source.size() != 1 || part.source[0].kind != RunKind::kText ||
          part.source[0].text.empty()) {
        return true;
      }
      after_ignorable = true;
      continue;
    }
    after_ignorable = false;
    if (part.source.empty()) return true;
    for (const Run& run : part.source) {
      if (run.kind == RunKind::kText && run.text.empty()) return true;
    }
    const Run& front = part.source.front();
    if (front.kind == RunKind::kText && LeadingWhitespaceBytes(front.text) > 0) return true;
    const Run& back = part.source.back();
    if (back.kind == RunKind::kText && TrailingWhitespaceBytes(back.text) > 0) return true;
  }
  return false;
}

void NumberParts(std::vector<Part>& parts) {
  int segments = 0, ignorables = 0;
  for (Part& part : parts) {
    part.id = part.is_segment ? "s" : "i";
    part.id += std::to_string(part.is_segment ? ++segments : ++ignorables);
  }
}

}  // namespace

// A segment never starts or ends with white space (a sentence break right
// after a line break can leave one there): it moves to the ignorable beside
// it, so that translators never see it and merges restore it. Numbers the parts.
std::vector<Part> MoveEdgeWhitespace(std::vector<Part> parts) {
  if (!HasLooseWhitespace(parts)) {
    NumberParts(parts);
    return parts;
  }
  return MoveEdgeWhitespaceWithoutShortcut(std::move(parts));
}

std::vector<Part> MoveEdgeWhitespaceWithoutShortcut(std::vector<Part> parts) {
  std::vector<Part> out;
  auto add_ignorable = [&](std::string text, std::vector<Part>& to) {
    if (text.empty()) return;
    if (!to.empty() && !to.back().is_segment) {
      AppendText(to.back().source, text);
    } else {
      Part ignorable;
      ignorable.is_segment = false;
      AppendText(ignorable.source, text);
      to.push_back(std::move(ignorable));
    }
  };
  for (Part& part : parts) {
    if (!part.is_segment) {
      for (const Run& run : part.source) add_ignorable(run.text, out);
      continue;
    }
    std::string lead, trail;
    if (!part.source.empty() && part.source.front().kind == RunKind::kText) {
      std::string& t = part.source.front().text;
      const std::size_t n = LeadingWhitespaceBytes(t);
      if (n < t.size() || part.source.size() > 1) {
        lead = t.substr(0, n);
        t.erase(0, n);
      }
    }
    if (!part.source.empty() && part.source.back().kind == RunKind::kText) {
      std::string& t = part.source.back().text;
      const std::size_t n = TrailingWhitespaceBytes(t);
      if (n < t.size() || part.source.size() > 1) {
        trail = t.substr(t.size() - n);
        t.erase(t.size() - n);
      }
    }
    part.source.erase(
        std::remove_if(part.source.begin(), part.source.end(),
                       [](const Run& r) { return r.kind == RunKind::kText && r.text.empty(); }),
        part.source.end());
    add_ignorable(lead, out);
    if (!part.source.empty()) out.push_back(std::move(part));
    add_ignorable(trail, out);
  }
  NumberParts(out);
  return out;
}

bool IsInlineElement(std::string_view tag) { return In(kInline, tag); }
bool IsVoidElement(std::string_view tag) { return In(kVoid, tag); }

Content SourceUnit::SourceContent() const { return JoinSources(parts); }

pugi::xml_node SourceUnit::CodeNode(std::string_view id) const {
  // Code ids are the numbers 1, 2, ... as BuildContent gives them: no sign, no leading zero.
  if (id.empty() || id.size() > 9 || id[0] == '0') return {};
  std::size_t n = 0;
  for (char c : id) {
    if (c < '0' || c > '9') return {};
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n <= code_nodes.size() ? code_nodes[n - 1] : pugi::xml_node();
}

const SourceUnit* Extraction::FindUnit(std::string_view id) const {
  for (const SourceUnit& unit : units) {
    if (unit.id == id) return &unit;
  }
  return nullptr;
}

std::unordered_map<std::string_view, const SourceUnit*> UnitsById(const Extraction& extraction) {
  std::unordered_map<std::string_view, const SourceUnit*> out;
  out.reserve(extraction.units.size());
  for (const SourceUnit& unit : extraction.units) out.emplace(unit.id, &unit);  // first one wins
  return out;
}

bool BreaksIntoSentences(const SourceUnit& unit) {
  return unit.kind == UnitKind::kBlock || unit.name == "meta@content";
}

std::vector<Part> UnitParts(const SourceUnit& unit, Content content, Segmenter* segmenter) {
  if (segmenter == nullptr || !BreaksIntoSentences(unit)) {
    std::vector<Part> one;
    one.push_back(Part{true, "s1", std::move(content)});
    return one;
  }
  return SegmentContent(std::move(content), segmenter);
}

std::vector<Part> UnitParts(const SourceUnit& unit, Content content, std::string_view plain,
                            Segmenter* segmenter) {
  if (segmenter == nullptr || !BreaksIntoSentences(unit)) {
    return UnitParts(unit, std::move(content), nullptr);
  }
  return SegmentContent(std::move(content), plain, segmenter);
}

std::vector<Part> SegmentContent(Content content, Segmenter* segmenter) {
  const std::string plain = PlainText(content);
  return SegmentContent(std::move(content), plain, segmenter);
}

std::vector<Part> SegmentContent(Content content, std::string_view plain, Segmenter* segmenter) {
  const std::size_t lead = LeadingWhitespaceBytes(plain);
  const std::size_t trail = plain.size() - TrailingWhitespaceBytes(plain);
  std::vector<std::size_t> starts;
  if (segmenter != nullptr) starts = segmenter->SentenceStarts(plain);
  // One sentence without white space at its edges (headings, list items, short paragraphs):
  // the whole content is the one segment.
  if (starts.empty() && lead == 0 && trail == plain.size() && !plain.empty() &&
      std::none_of(content.begin(), content.end(),
                   [](const Run& r) { return r.kind == RunKind::kText && r.text.empty(); })) {
    std::vector<Part> one;
    one.push_back(Part{true, "s1", std::move(content)});
    return one;
  }
  // Each sentence start b gives a boundary [e, b) of white space, where e is
  // b less the white space that ends the previous sentence.
  std::vector<std::pair<std::size_t, std::size_t>> boundaries;
  boundaries.reserve(starts.size());
  std::vector<std::size_t> cuts;
  cuts.reserve(2 * starts.size() + 2);
  cuts.push_back(lead);
  cuts.push_back(trail);
  for (std::size_t b : starts) {
    if (b <= lead || b >= trail) continue;
    const std::size_t e = b - TrailingWhitespaceBytes(std::string_view(plain).substr(0, b));
    boundaries.emplace_back(e, b);
    cuts.push_back(e);
    cuts.push_back(b);
  }
  std::sort(cuts.begin(), cuts.end());
  Content runs = SplitAt(std::move(content), cuts);
  // Plain-text offset at the start of each run.
  std::vector<std::size_t> offsets(runs.size() + 1, 0);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    offsets[i + 1] = offsets[i] + (runs[i].kind == RunKind::kText ? runs[i].text.size() : 0);
  }
  auto is_blank_text = [&](std::size_t i) {
    return runs[i].kind == RunKind::kText && IsBlank(runs[i].text);
  };

  std::vector<Part> parts;
  parts.reserve(2 * boundaries.size() + 3);  // a segment and an ignorable per boundary, edges
  auto emit = [&](bool segment, std::size_t begin, std::size_t end) {
    if (begin >= end) return;
    Part part;
    part.is_segment = segment;  // numbered by MoveEdgeWhitespace
    // Runs before the current segment are never looked at again: move them.
    part.source.assign(std::make_move_iterator(runs.begin() + static_cast<std::ptrdiff_t>(begin)),
                       std::make_move_iterator(runs.begin() + static_cast<std::ptrdiff_t>(end)));
    parts.push_back(std::move(part));
  };

  // Leading and trailing white space (text only) are ignorable.
  std::size_t first = 0;
  while (first < runs.size() && is_blank_text(first)) ++first;
  std::size_t last = runs.size();
  while (last > first && is_blank_text(last - 1)) --last;
  emit(false, 0, first);

  std::size_t segment_begin = first;
  for (const auto& [e, b] : boundaries) {
    // kb: first text run at or after b (codes at b stay in the boundary zone).
    std::size_t kb = segment_begin;
    while (kb < last && !(runs[kb].kind == RunKind::kText && offsets[kb] >= b)) ++kb;
    if (kb >= last) break;
    std::size_t zs = kb;
    while (zs > segment_begin && offsets[zs - 1] >= e &&
           (IsCodeRun(runs[zs - 1]) || is_blank_text(zs - 1))) {
      --zs;
    }
    // Closing codes and placeholders go left, opening codes right.
    std::size_t left_end = zs;
    std::size_t right_begin = kb;
    for (std::size_t i = zs; i < kb; ++i) {
      if (runs[i].kind == RunKind::kClose || runs[i].kind == RunKind::kPlaceholder ||
          runs[i].kind == RunKind::kProtectedClose) {
        left_end = i + 1;
      }
    }
    for (std::size_t i = kb; i-- > zs;) {
      if (runs[i].kind == RunKind::kOpen || runs[i].kind == RunKind::kProtectedOpen)
        right_begin = i;
    }
    if (left_end > right_begin) continue;  // codes interleave: keep the sentences together
    bool blank_between = true;
    for (std::size_t i = left_end; i < right_begin; ++i) blank_between &= is_blank_text(i);
    if (!blank_between || left_end == segment_begin) continue;
    if (!Balanced(runs, segment_begin, left_end)) continue;  // a pair spans the break
    emit(true, segment_begin, left_end);
    emit(false, left_end, right_begin);
    segment_begin = right_begin;
  }
  emit(true, segment_begin, last);
  emit(false, last, runs.size());
  return MoveEdgeWhitespace(std::move(parts));
}

namespace {

Result<Extraction> ExtractParsed(Result<XmlDocument> parsed, const std::string& file,
                                 const ExtractOptions& options) {
  if (!parsed.ok()) return parsed.status();
  Extraction out{
      std::move(parsed).value(), std::filesystem::path(file).filename().string(), "", {}};
  pugi::xml_node root = out.document.root();
  if (TagOf(root) != "html") {
    return Status::InvalidArgument(
        "root element is <" + TagOf(root) + ">, not <html>; the source must be an XHTML document",
        out.document.Locate(root));
  }
  out.source_locale = options.source_locale;
  if (out.source_locale.empty()) {
    std::optional<std::string> lang = AttributeByLocalName(root, "lang");
    out.source_locale = lang && !lang->empty() ? *lang : "en";
  }
  SegmenterCache own;
  Segmenter* use = nullptr;
  if (options.segment) {
    Result<Segmenter*> got =
        (options.segmenters != nullptr ? options.segmenters : &own)->Get(out.source_locale);
    if (!got.ok()) return got.status().InFile(file);
    use = *got;
  }
  out.segmented = options.segment;
  Walker walker(out, use, options.segment, options.notes);
  L10N_RETURN_IF_ERROR(walker.Walk(root, "body"));
  walker.AssignIds();
  return out;
}

}  // namespace

Result<Extraction> ExtractXhtml(std::string_view bytes, const std::string& file,
                                const ExtractOptions& options) {
  return ExtractParsed(ParseXml(bytes, file), file, options);
}

Result<Extraction> ExtractXhtmlBuffer(std::string bytes, const std::string& file,
                                      const ExtractOptions& options) {
  return ExtractParsed(ParseXmlBuffer(std::move(bytes), file), file, options);
}

Result<Extraction> ExtractXhtmlFile(const std::string& path, const ExtractOptions& options) {
  Result<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return ExtractXhtmlBuffer(std::move(bytes).value(), path, options);
}

Result<Extraction> ExtractUnsegmentedFile(const std::string& path) {
  ExtractOptions options;
  options.segment = false;
  options.notes = false;
  Result<Extraction> extracted = ExtractXhtmlFile(path, options);
  if (!extracted.ok()) return extracted;
  L10N_RETURN_IF_ERROR(Segmenter::CheckLocale(extracted->source_locale).InFile(path));
  return extracted;
}

}  // namespace l10n
