#include "pipeline/fuzzy.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <map>
#include <memory>

#include "pipeline/text.h"

namespace l10n {
namespace {

bool IsNumberToken(const std::string& token) {
  return !token.empty() &&
         std::any_of(token.begin(), token.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

Tokenizer::Tokenizer() {
  UErrorCode status = U_ZERO_ERROR;
  words_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) words_.reset();
}

Tokenizer::~Tokenizer() = default;

std::vector<std::string> Tokenizer::operator()(const Content& content) {
  std::vector<std::string> tokens;
  for (const Run& run : content) {
    switch (run.kind) {
      case RunKind::kText: {
        if (!words_) break;
        // Breaking maps UTF-16 back to the bytes of well-formed text: ill-formed text (a
        // lookup's argument) is read as ICU reads it, with U+FFFD for what is not UTF-8.
        std::string well_formed;
        const std::string& text =
            IsValidUtf8(run.text) ? run.text : (well_formed = ToUtf8(FromUtf8(run.text)));
        BreakWords(words_.get(), text, breaks_);
        for (const WordBreaks::Piece& piece : breaks_.pieces) {
          bool blank = true;
          for (int32_t i = piece.start; i < piece.end && blank; ++i)
            blank = u_isUWhiteSpace(breaks_.text[i]) != 0;
          if (blank) continue;
          const std::size_t from = breaks_.Byte(piece.start);
          tokens.emplace_back(text, from, breaks_.Byte(piece.end) - from);
        }
        break;
      }
      case RunKind::kOpen:
        tokens.push_back("{" + run.id + "}");
        break;
      case RunKind::kClose:
        tokens.push_back("{/" + run.id + "}");
        break;
      case RunKind::kPlaceholder:
        tokens.push_back("{" + run.id + "/}");
        break;
      default:
        break;
    }
  }
  return tokens;
}

std::vector<std::string> Tokenize(const Content& content) { return Tokenizer()(content); }

double Similarity(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a == b) return 100.0;
  if (a.empty() || b.empty()) return 0.0;
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  const double distance = static_cast<double>(previous[b.size()]);
  double score = 100.0 * (1.0 - distance / static_cast<double>(std::max(a.size(), b.size())));
  std::map<std::string, int> numbers;
  for (const std::string& t : a) {
    if (IsNumberToken(t)) ++numbers[t];
  }
  for (const std::string& t : b) {
    if (IsNumberToken(t)) --numbers[t];
  }
  for (const auto& [token, count] : numbers) score -= 10.0 * std::abs(count);
  return std::clamp(std::min(score, 99.0), 0.0, 99.0);
}

}  // namespace l10n
