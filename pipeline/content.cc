#include "pipeline/content.h"

#include <algorithm>
#include <map>
#include <set>

#include "pipeline/text.h"

namespace l10n {

std::string PlainText(const Content& content) {
  std::size_t size = 0;
  for (const Run& run : content) size += run.kind == RunKind::kText ? run.text.size() : 0;
  std::string out;
  out.reserve(size);
  for (const Run& run : content) {
    if (run.kind == RunKind::kText) out += run.text;
  }
  return out;
}

bool IsBlankText(const Content& content) {
  for (const Run& run : content) {
    if (run.kind == RunKind::kText && !IsBlank(run.text)) return false;
  }
  return true;
}

std::string Signature(const Content& content) {
  std::size_t size = 0;
  for (const Run& run : content) size += run.text.size() + run.id.size() + 3;
  std::string out;
  out.reserve(size);
  for (const Run& run : content) {
    switch (run.kind) {
      case RunKind::kText:
        out += run.text;
        break;
      case RunKind::kOpen:
        out += '{';
        out += run.id;
        out += '}';
        break;
      case RunKind::kClose:
        out += "{/";
        out += run.id;
        out += '}';
        break;
      case RunKind::kPlaceholder:
        out += '{';
        out += run.id;
        out += "/}";
        break;
      case RunKind::kProtectedOpen:
        out += "[[";
        break;
      case RunKind::kProtectedClose:
        out += "]]";
        break;
    }
  }
  return out;
}

Content ParseSignature(std::string_view signature) {
  Content out;
  std::size_t i = 0;
  while (i < signature.size()) {
    if (signature.compare(i, 2, "[[") == 0) {
      out.push_back(Run::Code(RunKind::kProtectedOpen, ""));
      i += 2;
      continue;
    }
    if (signature.compare(i, 2, "]]") == 0) {
      out.push_back(Run::Code(RunKind::kProtectedClose, ""));
      i += 2;
      continue;
    }
    if (signature[i] == '{') {
      const std::size_t end = signature.find('}', i);
      if (end != std::string_view::npos && end > i + 1) {
        std::string_view code = signature.substr(i + 1, end - i - 1);
        const bool closing = code.front() == '/';
        const bool standalone = code.back() == '/';
        std::string_view id =
            code.substr(closing ? 1 : 0, code.size() - (closing ? 1 : 0) - (standalone ? 1 : 0));
        if (!id.empty() && id.find_first_of("{}/ ") == std::string_view::npos) {
          out.push_back(Run::Code(closing      ? RunKind::kClose
                                  : standalone ? RunKind::kPlaceholder
                                               : RunKind::kOpen,
                                  std::string(id)));
          i = end + 1;
          continue;
        }
      }
    }
    std::size_t next = signature.find_first_of("{[]", i + 1);
    if (next == std::string_view::npos) next = signature.size();
    AppendText(out, signature.substr(i, next - i));
    i = next;
  }
  return out;
}

void AppendText(Content& content, std::string_view text) {
  if (text.empty()) return;
  if (!content.empty() && content.back().kind == RunKind::kText) {
    content.back().text += text;
  } else {
    content.emplace_back().text.assign(text);
  }
}

void AppendJoined(Content& content, const Content& runs) {
  for (const Run& run : runs) {
    if (run.kind == RunKind::kText) {
      AppendText(content, run.text);
    } else {
      content.push_back(run);
    }
  }
}

void AppendJoined(Content& content, Content&& runs) {
  for (Run& run : runs) {
    if (run.kind == RunKind::kText) {
      AppendText(content, run.text);
    } else {
      content.push_back(std::move(run));
    }
  }
}

namespace {

struct CodeCounts {
  std::map<std::string, int> opens, closes, placeholders;
};

CodeCounts Count(const Content& content) {
  CodeCounts counts;
  for (const Run& run : content) {
    if (run.kind == RunKind::kOpen) ++counts.opens[run.id];
    if (run.kind == RunKind::kClose) ++counts.closes[run.id];
    if (run.kind == RunKind::kPlaceholder) ++counts.placeholders[run.id];
  }
  return counts;
}

// Text inside each protected span, in order.
std::vector<std::string> ProtectedTexts(const Content& content) {
  std::vector<std::string> out;
  int depth = 0;
  for (const Run& run : content) {
    if (run.kind == RunKind::kProtectedOpen) {
      if (depth++ == 0) out.emplace_back();
    } else if (run.kind == RunKind::kProtectedClose) {
      --depth;
    } else if (depth > 0 && run.kind == RunKind::kText) {
      out.back() += run.text;
    }
  }
  return out;
}

// The first code of `source` that `target` lacks or repeats, or a code `target` invents.
std::optional<std::string> CheckCodeCounts(const Content& source, const Content& target) {
  const CodeCounts want = Count(source);
  const CodeCounts got = Count(target);
  auto check = [](const std::map<std::string, int>& w, const std::map<std::string, int>& g,
                  const char* what) -> std::optional<std::string> {
    for (const auto& [id, n] : w) {
      auto it = g.find(id);
      const int have = it == g.end() ? 0 : it->second;
      if (have == 0) return std::string("missing ") + what + " code " + id;
      if (have > n) return std::string("duplicated ") + what + " code " + id;
    }
    for (const auto& [id, n] : g) {
      if (!w.count(id))
        return std::string("invented ") + what + " code " + id + " (not in the source)";
    }
    return std::nullopt;
  };
  if (auto m = check(want.opens, got.opens, "opening")) return m;
  if (auto m = check(want.closes, got.closes, "closing")) return m;
  return check(want.placeholders, got.placeholders, "placeholder");
}

// Whether both contents hold the same codes in the same order (then each code is counted the
// same on both sides).
bool SameCodeSequence(const Content& a, const Content& b) {
  auto next_code = [](const Content& content, std::size_t i) {
    while (i < content.size() && content[i].kind == RunKind::kText) ++i;
    return i;
  };
  std::size_t i = next_code(a, 0), j = next_code(b, 0);
  for (; i < a.size() && j < b.size(); i = next_code(a, i + 1), j = next_code(b, j + 1)) {
    if (a[i].kind != b[j].kind || a[i].id != b[j].id) return false;
  }
  return i == a.size() && j == b.size();
}

}  // namespace

std::optional<std::string> CheckCodes(const Content& source, const Content& target) {
  if (!SameCodeSequence(source, target)) {
    if (std::optional<std::string> problem = CheckCodeCounts(source, target)) return problem;
  }
  std::vector<std::string_view> stack;
  for (const Run& run : target) {
    if (run.kind == RunKind::kOpen) stack.push_back(run.id);
    if (run.kind == RunKind::kClose) {
      if (stack.empty() || stack.back() != run.id) {
        return "code " + run.id + " is closed out of order (pairs must nest)";
      }
      stack.pop_back();
    }
  }
  if (!stack.empty()) return "code " + std::string(stack.back()) + " is opened but never closed";
  auto has_protected = [](const Content& content) {
    return std::any_of(content.begin(), content.end(),
                       [](const Run& run) { return run.kind == RunKind::kProtectedOpen; });
  };
  if (!has_protected(source) && !has_protected(target)) return std::nullopt;
  std::vector<std::string> want_protected = ProtectedTexts(source);
  std::vector<std::string> got_protected = ProtectedTexts(target);
  if (want_protected != got_protected) {
    for (std::size_t i = 0; i < want_protected.size(); ++i) {
      if (i >= got_protected.size()) {
        return "protected text \"" + want_protected[i] + "\" is missing";
      }
      if (want_protected[i] != got_protected[i]) {
        return "protected text \"" + want_protected[i] + "\" was changed to \"" + got_protected[i] +
               "\"";
      }
    }
    return std::string("protected text was added");
  }
  return std::nullopt;
}

std::string SourceKey(const Content& content) {
  return Nfc(CollapseWhitespace(Signature(content)));
}

bool SameSourceKey(const Content& a, const Content& b) {
  if (a == b) return true;  // the same runs have the same signature
  const std::string sa = Signature(a);
  const std::string sb = Signature(b);
  if (sa == sb) return true;
  return Nfc(CollapseWhitespace(sa)) == Nfc(CollapseWhitespace(sb));
}

bool IsJoined(const Content& content) {
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i].kind != RunKind::kText) continue;
    if (content[i].text.empty()) return false;
    if (i + 1 < content.size() && content[i + 1].kind == RunKind::kText) return false;
  }
  return true;
}

}  // namespace l10n
