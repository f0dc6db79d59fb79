// libFuzzer target: the sentence segmenter (l10n::Segmenter::SentenceStarts,
// held to the same breaks found over the whole text) and unit segmentation
// (l10n::SegmentContent).
//
// Input: text. For SentenceStarts, the raw bytes (offsets must be ascending
// and inside the text). For SegmentContent, the bytes read as a unit's
// content: 0x01 opens a code, 0x02 closes the innermost one, 0x03 is a
// placeholder, 0x04/0x05 open/close a protected span, anything else is text
// (kept only when it is valid UTF-8, as text from the XML parser always is).
// The parts must rebuild the content exactly (the document is rebuilt byte
// for byte) and no segment may cut a code pair.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz/fuzz_common.h"
#include "pipeline/extract.h"
#include "pipeline/segmenter.h"
#include "pipeline/text.h"

namespace {

l10n::Segmenter& English() {
  static l10n::Segmenter* segmenter = [] {
    l10n::Result<l10n::Segmenter> created = l10n::Segmenter::Create("en");
    if (!created.ok()) l10n_fuzz::Fail("segmenter", "Segmenter::Create(\"en\") failed");
    return new l10n::Segmenter(std::move(created).value());
  }();
  return *segmenter;
}

bool Balanced(const l10n::Content& content) {
  std::vector<std::string> stack;
  int protected_depth = 0;
  for (const l10n::Run& run : content) {
    if (run.kind == l10n::RunKind::kOpen) stack.push_back(run.id);
    if (run.kind == l10n::RunKind::kClose) {
      if (stack.empty() || stack.back() != run.id) return false;
      stack.pop_back();
    }
    if (run.kind == l10n::RunKind::kProtectedOpen) ++protected_depth;
    if (run.kind == l10n::RunKind::kProtectedClose && --protected_depth < 0) return false;
  }
  return stack.empty() && protected_depth == 0;
}

l10n::Content ToContent(std::string_view bytes) {
  l10n::Content content;
  std::vector<std::string> open;
  int next = 1;
  int protected_next = 1;
  std::string text;
  auto flush = [&] {
    if (!text.empty()) l10n::AppendText(content, text);
    text.clear();
  };
  for (char c : bytes) {
    switch (c) {
      case '\x01': {
        flush();
        open.push_back(std::to_string(next++));
        content.push_back(l10n::Run::Code(l10n::RunKind::kOpen, open.back()));
        break;
      }
      case '\x02':
        flush();
        if (!open.empty()) {
          content.push_back(l10n::Run::Code(l10n::RunKind::kClose, open.back()));
          open.pop_back();
        }
        break;
      case '\x03':
        flush();
        content.push_back(l10n::Run::Code(l10n::RunKind::kPlaceholder, std::to_string(next++)));
        break;
      case '\x04':
        flush();
        content.push_back(
            l10n::Run::Code(l10n::RunKind::kProtectedOpen, "m" + std::to_string(protected_next++)));
        break;
      case '\x05':
        flush();
        content.push_back(l10n::Run::Code(l10n::RunKind::kProtectedClose, ""));
        break;
      default:
        text += c;
    }
  }
  flush();
  while (!open.empty()) {
    content.push_back(l10n::Run::Code(l10n::RunKind::kClose, open.back()));
    open.pop_back();
  }
  return content;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  l10n::Segmenter& segmenter = English();

  // 1. SentenceStarts on the bytes as they are. Offsets are checked for valid UTF-8 (what the
  // pipeline passes, the XML parser having checked it); L10N_FUZZ_STRICT_UTF8=1 checks them for
  // any bytes (known finding: invalid UTF-8 gives offsets past the end, see README.md).
  static const bool strict = std::getenv("L10N_FUZZ_STRICT_UTF8") != nullptr;
  const std::vector<std::size_t> starts = segmenter.SentenceStarts(bytes);
  std::size_t previous = 0;
  for (std::size_t s : starts) {
    if (!strict && !l10n::IsValidUtf8(bytes)) break;
    if (s == 0 || s >= bytes.size() || s <= previous) {
      l10n_fuzz::Fail("segmenter", "SentenceStarts offset " + std::to_string(s) +
                                       " out of order or range (size " +
                                       std::to_string(bytes.size()) + ")");
    }
    previous = s;
  }
  // ICU runs over the stretches around terminal marks only; the breaks must be those of ICU over
  // the whole text.
  if (starts != segmenter.SentenceStartsOverWholeText(bytes)) {
    l10n_fuzz::Fail("segmenter", "breaks over stretches differ from breaks over the whole text");
  }

  // 2. SegmentContent on well-formed UTF-8 content.
  const l10n::Content content = ToContent(bytes);
  for (const l10n::Run& run : content) {
    if (run.kind == l10n::RunKind::kText && !l10n::IsValidUtf8(run.text)) return 0;
  }
  const std::vector<l10n::Part> parts = l10n::SegmentContent(content, &segmenter);
  const bool balanced = Balanced(content);
  l10n::Content rebuilt;
  for (const l10n::Part& part : parts) {
    if (part.source.empty()) l10n_fuzz::Fail("segmenter", "empty part " + part.id);
    if (part.is_segment && balanced && !Balanced(part.source)) {
      l10n_fuzz::Fail("segmenter",
                      "segment " + part.id + " cuts a code pair: " + l10n::Signature(part.source));
    }
    if (!part.is_segment) {
      for (const l10n::Run& run : part.source) {
        if (run.kind != l10n::RunKind::kText || !l10n::IsBlank(run.text)) {
          l10n_fuzz::Fail("segmenter", "ignorable " + part.id + " holds more than white space: " +
                                           l10n::Signature(part.source));
        }
      }
    }
    for (const l10n::Run& run : part.source) {
      if (run.kind == l10n::RunKind::kText) {
        l10n::AppendText(rebuilt, run.text);
      } else {
        rebuilt.push_back(run);
      }
    }
  }
  l10n::Content normalized;
  for (const l10n::Run& run : content) {
    if (run.kind == l10n::RunKind::kText) {
      l10n::AppendText(normalized, run.text);
    } else {
      normalized.push_back(run);
    }
  }
  if (!(rebuilt == normalized)) {
    l10n_fuzz::Fail("segmenter",
                    "the parts do not rebuild the content: " + l10n::Signature(normalized) +
                        " -> " + l10n::Signature(rebuilt));
  }
  return 0;
}
