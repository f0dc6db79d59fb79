#include "pipeline/pseudo.h"

#include <unicode/uchar.h>

#include "pipeline/text.h"

namespace l10n {
namespace {

UChar32 Accent(UChar32 c) {
  static const char16_t* kLower = u"àƀçđéƒĝĥîĵķĺɱñöƥǫŕšţüṽŵẋýž";
  static const char16_t* kUpper = u"ÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖƤǪŔŠŢÜṼŴẊÝŽ";
  if (c >= 'a' && c <= 'z') return kLower[c - 'a'];
  if (c >= 'A' && c <= 'Z') return kUpper[c - 'A'];
  return c;
}

}  // namespace

Content PseudoTranslate(const Content& source) {
  Content out;
  std::size_t letters = 0;
  int protected_depth = 0;
  out.push_back(Run::Text("["));
  for (const Run& run : source) {
    if (run.kind == RunKind::kProtectedOpen) ++protected_depth;
    if (run.kind == RunKind::kProtectedClose) --protected_depth;
    if (run.kind != RunKind::kText || protected_depth > 0) {
      out.push_back(run);
      continue;
    }
    icu::UnicodeString u = FromUtf8(run.text);
    icu::UnicodeString accented;
    for (int32_t i = 0; i < u.length();) {
      UChar32 c = u.char32At(i);
      i += U16_LENGTH(c);
      if (u_isalpha(c)) ++letters;
      accented.append(Accent(c));
    }
    AppendText(out, ToUtf8(accented));
  }
  // About 35% longer, as translations into many languages are.
  std::string padding;
  const std::size_t extra = (letters * 35 + 99) / 100;
  for (std::size_t i = 0; i < extra; ++i) padding += (i % 4 == 3) ? " " : "·";
  AppendText(out, (extra > 0 ? " " : "") + padding + "]");
  return out;
}

void PseudoTranslateDocument(XliffDocument& doc) {
  for (Unit& unit : doc.units) {
    for (Segment& part : unit.parts) {
      if (!part.is_segment) continue;
      part.target = PseudoTranslate(part.source);
      part.state = State::kTranslated;
    }
  }
}

}  // namespace l10n
