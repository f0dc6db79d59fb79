// XLIFF 2.0 and 1.2 serialization.
#include <cstring>
#include <map>

#include "pipeline/version.h"
#include "pipeline/xliff.h"
#include "pipeline/xml.h"

namespace l10n {
namespace {

constexpr char kXliff20Ns[] = "urn:oasis:names:tc:xliff:document:2.0";
constexpr char kXliff12Ns[] = "urn:oasis:names:tc:xliff:document:1.2";

std::string Attr(std::string_view name, std::string_view value) {
  std::string out;
  out.reserve(name.size() + value.size() + 4);
  out += ' ';
  out += name;
  out += "=\"";
  AppendEscapedXml(out, value, true);
  out += '"';
  return out;
}

// Appends ` name="value"`, the value escaped.
void AppendAttr(std::string& out, std::string_view name, std::string_view value) {
  if (!NeedsXmlEscaping(value, true)) {
    // Most values (ids, states, names) need no escaping: the attribute is copied in one go.
    const std::size_t at = out.size();
    out.resize(at + name.size() + value.size() + 4);
    char* p = out.data() + at;
    *p++ = ' ';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    *p++ = '=';
    *p++ = '"';
    if (!value.empty()) std::memcpy(p, value.data(), value.size());  // an empty view may be null
    p += value.size();
    *p = '"';
    return;
  }
  out += ' ';
  out += name;
  out += "=\"";
  AppendEscapedXml(out, value, true);
  out += '"';
}

// The <data> elements of one unit: one per distinct original markup, in the
// order first used; a unit has a handful, so a linear search is the fastest.
class DataTable {
 public:
  void Clear() { markups_.clear(); }
  // Appends the id ("d1", "d2"...) of `markup`.
  void AppendRef(std::string& out, std::string_view markup) {
    std::size_t index = 0;
    while (index < markups_.size() && markups_[index] != markup) ++index;
    if (index == markups_.size()) markups_.push_back(markup);
    out += 'd';
    out += std::to_string(index + 1);
  }
  const std::vector<std::string_view>& markups() const { return markups_; }

 private:
  std::vector<std::string_view> markups_;  // views into the unit being written
};

// Original markup of a code, from its unit's source runs (views into the
// unit, valid while it is written).
struct CodeInfo {
  CodeType type = CodeType::kOther;
  std::string_view element;
  std::string_view start_data;
  std::string_view end_data;
};

// The codes of one unit, by code id.
class CodeTable {
 public:
  void Fill(const Unit& unit) {
    codes_.clear();
    for (const Segment& part : unit.parts) {
      for (const Run& run : part.source) {
        if (run.kind == RunKind::kOpen || run.kind == RunKind::kPlaceholder) {
          CodeInfo& info = Slot(run.id);
          info = CodeInfo{run.type(), run.element(), run.start_data(), run.end_data()};
        } else if (run.kind == RunKind::kClose) {
          CodeInfo& info = Slot(run.id);
          if (info.end_data.empty()) info.end_data = run.end_data();
        }
      }
    }
  }
  // The code's information; an empty one for an id the source lacks.
  const CodeInfo& operator[](std::string_view id) const {
    static const CodeInfo kNone;
    for (const auto& [key, info] : codes_) {
      if (key == id) return info;
    }
    return kNone;
  }

 private:
  CodeInfo& Slot(std::string_view id) {
    for (auto& [key, info] : codes_) {
      if (key == id) return info;
    }
    return codes_.emplace_back(id, CodeInfo{}).second;
  }
  std::vector<std::pair<std::string_view, CodeInfo>> codes_;
};

bool PairsNest(const Content& content) {
  std::vector<std::string> stack;
  for (const Run& run : content) {
    if (run.kind == RunKind::kOpen) stack.push_back(run.id);
    if (run.kind == RunKind::kClose) {
      if (stack.empty() || stack.back() != run.id) return false;
      stack.pop_back();
    }
  }
  return stack.empty();
}

void AppendTypeAttributes20(std::string& out, const CodeInfo& info) {
  switch (info.type) {
    case CodeType::kBold:
      out += " type=\"fmt\" subType=\"xlf:b\"";
      return;
    case CodeType::kItalic:
      out += " type=\"fmt\" subType=\"xlf:i\"";
      return;
    case CodeType::kUnderline:
      out += " type=\"fmt\" subType=\"xlf:u\"";
      return;
    case CodeType::kLineBreak:
      out += " type=\"fmt\" subType=\"xlf:lb\"";
      return;
    case CodeType::kFormat:
      out += " type=\"fmt\"";
      return;
    case CodeType::kLink:
      out += " type=\"link\"";
      return;
    case CodeType::kImage:
      out += " type=\"image\"";
      return;
    case CodeType::kQuote:
      out += " type=\"quote\"";
      return;
    case CodeType::kOther:
      out += " type=\"other\"";
      return;
  }
}

std::string Ctype12(const CodeInfo& info, bool placeholder) {
  switch (info.type) {
    case CodeType::kBold:
      return "bold";
    case CodeType::kItalic:
      return "italic";
    case CodeType::kUnderline:
      return "underlined";
    case CodeType::kLink:
      return "link";
    case CodeType::kImage:
      return "image";
    case CodeType::kLineBreak:
      return "lb";
    default:
      break;
  }
  (void)placeholder;
  return "x-html-" + (info.element.empty() ? std::string("code") : std::string(info.element));
}

class Writer {
 public:
  Writer(const XliffDocument& doc, const WriteOptions& options) : doc_(doc), options_(options) {}

  std::string Write() {
    // About what a unit of a typical page takes (650 bytes), so that the text seldom regrows.
    out_.reserve(1024 + doc_.units.size() * 768);
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (options_.version == "1.2") {
      Write12();
    } else {
      Write20();
    }
    return std::move(out_);  // the writer is used once
  }

 private:
  // ---- XLIFF 2.0 ----
  void Write20() {
    out_ += "<xliff" + Attr("xmlns", kXliff20Ns) +
            Attr("xmlns:slr", "urn:oasis:names:tc:xliff:sizerestriction:2.0") +
            Attr("xmlns:mtc", "urn:oasis:names:tc:xliff:matches:2.0") + Attr("version", "2.0") +
            Attr("srcLang", doc_.source_locale);
    if (!doc_.target_locale.empty()) out_ += Attr("trgLang", doc_.target_locale);
    out_ += ">\n";
    out_ += "  <file" + Attr("id", doc_.file_id) + Attr("original", doc_.original) + ">\n";
    out_ += "    <slr:profiles generalProfile=\"xliff:codepoints\"/>\n";
    for (const Unit& unit : doc_.units) Unit20(unit);
    out_ += "  </file>\n</xliff>\n";
  }

  void Unit20(const Unit& unit) {
    codes_.Fill(unit);
    data_.Clear();
    // Content first, so that <originalData> lists what the unit uses.
    std::string& body = body_;
    body.clear();
    for (const Segment& part : unit.parts) {
      body += part.is_segment ? "      <segment" : "      <ignorable";
      AppendAttr(body, "id", part.id);
      if (part.is_segment && (part.target || part.state != State::kInitial)) {
        AppendAttr(body, "state", StateName(part.state));
        if (!part.sub_state.empty()) AppendAttr(body, "subState", part.sub_state);
      }
      body += ">\n        <source>";
      Inline20(body, part.source);
      body += "</source>\n";
      if (part.target) {
        body += "        <target>";
        Inline20(body, *part.target);
        body += "</target>\n";
      }
      body += part.is_segment ? "      </segment>\n" : "      </ignorable>\n";
    }
    std::string& matches = matches_;
    matches.clear();
    if (!unit.matches.empty()) {
      matches += "      <mtc:matches>\n";
      int n = 0;
      for (const Match& match : unit.matches) {
        char similarity[16];
        std::snprintf(similarity, sizeof similarity, "%.1f", match.similarity);
        matches += "        <mtc:match";
        AppendAttr(matches, "id", "tm" + std::to_string(++n));
        AppendAttr(matches, "ref", "#" + match.segment_ref);
        AppendAttr(matches, "similarity", similarity);
        AppendAttr(matches, "type", "tm");
        AppendAttr(matches, "origin", match.origin);
        matches += ">\n          <source>";
        Inline20(matches, match.source);
        matches += "</source>\n          <target>";
        Inline20(matches, match.target);
        matches += "</target>\n        </mtc:match>\n";
      }
      matches += "      </mtc:matches>\n";
    }
    out_ += "    <unit";
    AppendAttr(out_, "id", unit.id);
    if (!unit.name.empty()) AppendAttr(out_, "name", unit.name);
    if (!unit.translate) AppendAttr(out_, "translate", "no");
    if (unit.max_chars) AppendAttr(out_, "slr:sizeRestriction", std::to_string(*unit.max_chars));
    out_ += ">\n";
    out_ += matches;
    if (!unit.notes.empty()) {
      out_ += "      <notes>\n";
      for (const Note& note : unit.notes) {
        out_ += "        <note";
        if (!note.category.empty()) AppendAttr(out_, "category", note.category);
        if (note.alert) AppendAttr(out_, "priority", "1");
        out_ += '>';
        AppendEscapedXml(out_, note.text, false);
        out_ += "</note>\n";
      }
      out_ += "      </notes>\n";
    }
    if (!data_.markups().empty()) {
      out_ += "      <originalData>\n";
      int n = 0;
      for (std::string_view markup : data_.markups()) {
        out_ += "        <data id=\"d";
        out_ += std::to_string(++n);
        out_ += "\">";
        AppendEscapedXml(out_, markup, false);
        out_ += "</data>\n";
      }
      out_ += "      </originalData>\n";
    }
    out_ += body;
    out_ += "    </unit>\n";
  }

  // Appends ` attribute="dN"`, the id of `markup`'s <data>, unless there is no markup.
  void DataRef(std::string& out, std::string_view attribute, std::string_view markup) {
    if (markup.empty()) return;
    out += ' ';
    out += attribute;
    out += "=\"";
    data_.AppendRef(out, markup);
    out += '"';
  }

  // Appends the inline content as XLIFF 2.0.
  void Inline20(std::string& out, const Content& content) {
    const bool nest = PairsNest(content);
    for (const Run& run : content) {
      if (run.kind == RunKind::kText) {
        AppendEscapedXml(out, run.text, false);
        continue;
      }
      const CodeInfo& info = codes_[run.id];
      switch (run.kind) {
        case RunKind::kText:
          break;
        case RunKind::kOpen:
          out += nest ? "<pc" : "<sc";
          AppendAttr(out, "id", run.id);
          DataRef(out, nest ? "dataRefStart" : "dataRef", info.start_data);
          if (nest) DataRef(out, "dataRefEnd", info.end_data);
          AppendTypeAttributes20(out, info);
          out += nest ? ">" : "/>";
          break;
        case RunKind::kClose:
          if (nest) {
            out += "</pc>";
          } else {
            out += "<ec";
            AppendAttr(out, "startRef", run.id);
            DataRef(out, "dataRef", info.end_data);
            AppendTypeAttributes20(out, info);
            out += "/>";
          }
          break;
        case RunKind::kPlaceholder:
          out += "<ph";
          AppendAttr(out, "id", run.id);
          DataRef(out, "dataRef", info.start_data);
          AppendTypeAttributes20(out, info);
          out += "/>";
          break;
        case RunKind::kProtectedOpen:
          out += "<mrk";
          AppendAttr(out, "id", run.id.empty() ? "m" : run.id);
          out += " translate=\"no\">";
          break;
        case RunKind::kProtectedClose:
          out += "</mrk>";
          break;
      }
    }
  }

  // ---- XLIFF 1.2 ----
  void Write12() {
    out_ += "<xliff" + Attr("version", "1.2") + Attr("xmlns", kXliff12Ns) + ">\n";
    out_ +=
        "  <file" + Attr("original", doc_.original) + Attr("source-language", doc_.source_locale);
    if (!doc_.target_locale.empty()) out_ += Attr("target-language", doc_.target_locale);
    out_ += Attr("datatype", "xhtml") + ">\n";
    out_ += "    <header>\n      <tool" + Attr("tool-id", "l10n") + Attr("tool-name", "l10n") +
            Attr("tool-version", kVersion) + "/>\n    </header>\n    <body>\n";
    for (const Unit& unit : doc_.units) Unit12(unit);
    out_ += "    </body>\n  </file>\n</xliff>\n";
  }

  static State UnitState(const Unit& unit, std::string* sub_state) {
    State lowest = State::kFinal;
    bool any = false;
    for (const Segment& part : unit.parts) {
      if (!part.is_segment) continue;
      if (!any || part.state < lowest) {
        lowest = part.state;
        *sub_state = part.sub_state;
      }
      any = true;
    }
    return any ? lowest : State::kInitial;
  }

  void Unit12(const Unit& unit) {
    codes_.Fill(unit);
    std::size_t segment_count = 0;
    bool all_targets = true;
    bool any_target = false;
    for (const Segment& part : unit.parts) {
      if (!part.is_segment) continue;
      ++segment_count;
      all_targets &= part.target.has_value();
      any_target |= part.target.has_value();
    }
    out_ += "      <trans-unit" + Attr("id", unit.id);
    if (!unit.name.empty()) out_ += Attr("resname", unit.name);
    if (!unit.translate) out_ += Attr("translate", "no");
    if (unit.max_chars) {
      out_ += Attr("maxwidth", std::to_string(*unit.max_chars)) + Attr("size-unit", "char");
    }
    out_ += Attr("xml:space", "preserve") + ">\n";
    out_ += "        <source>" + Inline12(unit.SourceContent()) + "</source>\n";
    const bool segmented = segment_count > 1;
    if (segmented) {
      out_ += "        <seg-source>";
      for (const Segment& part : unit.parts) out_ += Part12(part, false, false);
      out_ += "</seg-source>\n";
    }
    const bool copy = options_.copy_source && !any_target;
    if (any_target || copy) {
      std::string sub_state;
      State state = UnitState(unit, &sub_state);
      std::string state12;
      if (sub_state.rfind("xlf12:", 0) == 0) {
        state12 = sub_state.substr(6);
      } else if (copy || state == State::kInitial) {
        state12 = copy ? "needs-translation" : "needs-review-translation";
      } else {
        state12 = state == State::kTranslated ? "translated"
                  : state == State::kReviewed ? "signed-off"
                                              : "final";
      }
      if (!all_targets && !copy) state12 = "needs-translation";
      out_ +=
          "        <target" + Attr("xml:lang", doc_.target_locale) + Attr("state", state12) + ">";
      for (const Segment& part : unit.parts) {
        if (segmented) {
          out_ += Part12(part, true, copy);
        } else {
          const Content* content = part.target ? &*part.target : &part.source;
          if (part.is_segment && !part.target && !copy) content = &part.source;
          out_ += Inline12(*content);
        }
      }
      out_ += "</target>\n";
    }
    for (const Note& note : unit.notes) {
      // 1.2 has no categories: `from` tells the pipeline's notes ("l10n") and the author's
      // (its-loc-note) from a translator's, which keep the name their tool gave.
      out_ += "        <note";
      if (note.category == "context") {
        out_ += Attr("from", "l10n");
      } else if (note.category == "its-loc-note") {
        out_ += Attr("from", "author");
      } else if (!note.category.empty()) {
        out_ += Attr("from", note.category);
      }
      if (note.alert) out_ += Attr("priority", "1");
      out_ += ">" + EscapeXml(note.text, false) + "</note>\n";
    }
    for (const Match& match : unit.matches) {
      char similarity[16];
      std::snprintf(similarity, sizeof similarity, "%.0f", match.similarity);
      out_ += "        <alt-trans" + Attr("mid", match.segment_ref) +
              Attr("match-quality", std::string(similarity) + "%") + Attr("origin", match.origin) +
              ">\n          <source>" + Inline12(match.source) + "</source>\n          <target>" +
              Inline12(match.target) + "</target>\n        </alt-trans>\n";
    }
    out_ += "      </trans-unit>\n";
  }

  std::string Part12(const Segment& part, bool target_side, bool copy) {
    const Content* content = &part.source;
    if (target_side && part.target) content = &*part.target;
    if (!part.is_segment) return Inline12(*content);
    (void)copy;
    return "<mrk" + Attr("mtype", "seg") + Attr("mid", part.id) + ">" + Inline12(*content) +
           "</mrk>";
  }

  std::string Inline12(const Content& content) {
    std::string out;
    const bool nest = PairsNest(content);
    int protected_number = 0;
    for (const Run& run : content) {
      const CodeInfo& info = codes_[run.id];
      switch (run.kind) {
        case RunKind::kText:
          AppendEscapedXml(out, run.text, false);
          break;
        case RunKind::kOpen:
          out += nest ? "<g" + Attr("id", run.id) + Attr("ctype", Ctype12(info, false)) + ">"
                      : "<bx" + Attr("id", run.id) + Attr("rid", run.id) +
                            Attr("ctype", Ctype12(info, false)) + "/>";
          break;
        case RunKind::kClose:
          out += nest ? "</g>" : "<ex" + Attr("id", run.id + "e") + Attr("rid", run.id) + "/>";
          break;
        case RunKind::kPlaceholder:
          out += "<x" + Attr("id", run.id) + Attr("ctype", Ctype12(info, true)) + "/>";
          break;
        case RunKind::kProtectedOpen:
          out += "<mrk" + Attr("mtype", "protected") +
                 Attr("mid", run.id.empty() ? "m" + std::to_string(++protected_number) : run.id) +
                 ">";
          break;
        case RunKind::kProtectedClose:
          out += "</mrk>";
          break;
      }
    }
    return out;
  }

  const XliffDocument& doc_;
  const WriteOptions& options_;
  std::string out_;
  CodeTable codes_;
  DataTable data_;
  std::string body_;     // a 2.0 unit's segments, written before its <originalData>
  std::string matches_;  // a 2.0 unit's <mtc:matches>
};

}  // namespace

std::string WriteXliff(const XliffDocument& doc, const WriteOptions& options) {
  return Writer(doc, options).Write();
}

}  // namespace l10n
