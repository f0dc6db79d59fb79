// XLIFF 2.0 and 1.2 serialization.
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

// Ids of the <data> elements of one unit: one per distinct original markup.
class DataTable {
 public:
  std::string Ref(const std::string& markup) {
    auto it = ids_.find(markup);
    if (it != ids_.end()) return it->second;
    std::string id = "d" + std::to_string(ids_.size() + 1);
    ids_.emplace(markup, id);
    order_.emplace_back(id, markup);
    return id;
  }
  const std::vector<std::pair<std::string, std::string>>& entries() const { return order_; }

 private:
  std::map<std::string, std::string> ids_;
  std::vector<std::pair<std::string, std::string>> order_;
};

// Original markup of every code of a unit, by code id, from its source.
struct CodeInfo {
  CodeType type = CodeType::kOther;
  std::string element;
  std::string start_data;
  std::string end_data;
};

std::map<std::string, CodeInfo> CodesOf(const Unit& unit) {
  std::map<std::string, CodeInfo> codes;
  for (const Segment& part : unit.parts) {
    for (const Run& run : part.source) {
      if (run.kind == RunKind::kOpen || run.kind == RunKind::kPlaceholder) {
        codes[run.id] = CodeInfo{run.type, run.element, run.start_data, run.end_data};
      } else if (run.kind == RunKind::kClose && codes[run.id].end_data.empty()) {
        codes[run.id].end_data = run.end_data;
      }
    }
  }
  return codes;
}

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

std::string TypeAttributes20(const CodeInfo& info) {
  switch (info.type) {
    case CodeType::kBold:
      return Attr("type", "fmt") + Attr("subType", "xlf:b");
    case CodeType::kItalic:
      return Attr("type", "fmt") + Attr("subType", "xlf:i");
    case CodeType::kUnderline:
      return Attr("type", "fmt") + Attr("subType", "xlf:u");
    case CodeType::kLineBreak:
      return Attr("type", "fmt") + Attr("subType", "xlf:lb");
    case CodeType::kFormat:
      return Attr("type", "fmt");
    case CodeType::kLink:
      return Attr("type", "link");
    case CodeType::kImage:
      return Attr("type", "image");
    case CodeType::kQuote:
      return Attr("type", "quote");
    case CodeType::kOther:
      return Attr("type", "other");
  }
  return {};
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
  return "x-html-" + (info.element.empty() ? std::string("code") : info.element);
}

class Writer {
 public:
  Writer(const XliffDocument& doc, const WriteOptions& options) : doc_(doc), options_(options) {}

  std::string Write() {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (options_.version == "1.2") {
      Write12();
    } else {
      Write20();
    }
    return out_;
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
    codes_ = CodesOf(unit);
    data_ = DataTable();
    // Content first, so that <originalData> lists what the unit uses.
    std::string body;
    for (const Segment& part : unit.parts) {
      if (part.is_segment) {
        body += "      <segment" + Attr("id", part.id);
        if (part.target || part.state != State::kInitial) {
          body += Attr("state", StateName(part.state));
          if (!part.sub_state.empty()) body += Attr("subState", part.sub_state);
        }
        body += ">\n        <source>" + Inline20(part.source) + "</source>\n";
        if (part.target) body += "        <target>" + Inline20(*part.target) + "</target>\n";
        body += "      </segment>\n";
      } else {
        body += "      <ignorable" + Attr("id", part.id) + ">\n        <source>" +
                Inline20(part.source) + "</source>\n";
        if (part.target) body += "        <target>" + Inline20(*part.target) + "</target>\n";
        body += "      </ignorable>\n";
      }
    }
    std::string matches;
    if (!unit.matches.empty()) {
      matches += "      <mtc:matches>\n";
      int n = 0;
      for (const Match& match : unit.matches) {
        char similarity[16];
        std::snprintf(similarity, sizeof similarity, "%.1f", match.similarity);
        matches += "        <mtc:match" + Attr("id", "tm" + std::to_string(++n)) +
                   Attr("ref", "#" + match.segment_ref) + Attr("similarity", similarity) +
                   Attr("type", "tm") + Attr("origin", match.origin) + ">\n";
        matches += "          <source>" + Inline20(match.source) + "</source>\n";
        matches += "          <target>" + Inline20(match.target) + "</target>\n";
        matches += "        </mtc:match>\n";
      }
      matches += "      </mtc:matches>\n";
    }
    out_ += "    <unit" + Attr("id", unit.id);
    if (!unit.name.empty()) out_ += Attr("name", unit.name);
    if (!unit.translate) out_ += Attr("translate", "no");
    if (unit.max_chars) out_ += Attr("slr:sizeRestriction", std::to_string(*unit.max_chars));
    out_ += ">\n" + matches;
    if (!unit.notes.empty()) {
      out_ += "      <notes>\n";
      for (const Note& note : unit.notes) {
        out_ += "        <note" + Attr("category", note.category);
        if (note.alert) out_ += Attr("priority", "1");
        out_ += ">" + EscapeXml(note.text, false) + "</note>\n";
      }
      out_ += "      </notes>\n";
    }
    if (!data_.entries().empty()) {
      out_ += "      <originalData>\n";
      for (const auto& [id, markup] : data_.entries()) {
        out_ += "        <data" + Attr("id", id) + ">" + EscapeXml(markup, false) + "</data>\n";
      }
      out_ += "      </originalData>\n";
    }
    out_ += body + "    </unit>\n";
  }

  std::string Inline20(const Content& content) {
    std::string out;
    const bool nest = PairsNest(content);
    for (const Run& run : content) {
      const CodeInfo& info = codes_[run.id];
      switch (run.kind) {
        case RunKind::kText:
          AppendEscapedXml(out, run.text, false);
          break;
        case RunKind::kOpen:
          if (nest) {
            out += "<pc" + Attr("id", run.id);
            if (!info.start_data.empty()) out += Attr("dataRefStart", data_.Ref(info.start_data));
            if (!info.end_data.empty()) out += Attr("dataRefEnd", data_.Ref(info.end_data));
            out += TypeAttributes20(info) + ">";
          } else {
            out += "<sc" + Attr("id", run.id);
            if (!info.start_data.empty()) out += Attr("dataRef", data_.Ref(info.start_data));
            out += TypeAttributes20(info) + "/>";
          }
          break;
        case RunKind::kClose:
          if (nest) {
            out += "</pc>";
          } else {
            out += "<ec" + Attr("startRef", run.id);
            if (!info.end_data.empty()) out += Attr("dataRef", data_.Ref(info.end_data));
            out += TypeAttributes20(info) + "/>";
          }
          break;
        case RunKind::kPlaceholder:
          out += "<ph" + Attr("id", run.id);
          if (!info.start_data.empty()) out += Attr("dataRef", data_.Ref(info.start_data));
          out += TypeAttributes20(info) + "/>";
          break;
        case RunKind::kProtectedOpen:
          out += "<mrk" + Attr("id", run.id.empty() ? "m" : run.id) + Attr("translate", "no") + ">";
          break;
        case RunKind::kProtectedClose:
          out += "</mrk>";
          break;
      }
    }
    return out;
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
    codes_ = CodesOf(unit);
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
      out_ += "        <note" + Attr("from", note.category == "context" ? "l10n" : "author");
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
  std::map<std::string, CodeInfo> codes_;
  DataTable data_;
};

}  // namespace

std::string WriteXliff(const XliffDocument& doc, const WriteOptions& options) {
  return Writer(doc, options).Write();
}

}  // namespace l10n
