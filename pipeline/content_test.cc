#include "pipeline/content.h"

#include <gtest/gtest.h>

namespace l10n {
namespace {

Content Parse(const std::string& signature) {
  // Test shorthand: {1} open, {/1} close, {2/} placeholder, [[ ]] protected.
  Content out;
  std::size_t i = 0;
  while (i < signature.size()) {
    if (signature.compare(i, 2, "[[") == 0) {
      out.push_back(Run::Code(RunKind::kProtectedOpen, "m1"));
      i += 2;
    } else if (signature.compare(i, 2, "]]") == 0) {
      out.push_back(Run::Code(RunKind::kProtectedClose, ""));
      i += 2;
    } else if (signature[i] == '{') {
      const std::size_t end = signature.find('}', i);
      std::string code = signature.substr(i + 1, end - i - 1);
      if (code[0] == '/') {
        out.push_back(Run::Code(RunKind::kClose, code.substr(1)));
      } else if (code.back() == '/') {
        out.push_back(Run::Code(RunKind::kPlaceholder, code.substr(0, code.size() - 1)));
      } else {
        out.push_back(Run::Code(RunKind::kOpen, code));
      }
      i = end + 1;
    } else {
      const std::size_t end = signature.find_first_of("{[]", i + 1);
      AppendText(out, signature.substr(i, end == std::string::npos ? std::string::npos : end - i));
      i = end == std::string::npos ? signature.size() : end;
    }
  }
  return out;
}

struct CodeCase {
  const char* name;
  std::string source;
  std::string target;
  bool ok;
};

class CheckCodesTest : public ::testing::TestWithParam<CodeCase> {};

TEST_P(CheckCodesTest, Judges) {
  const CodeCase& c = GetParam();
  Content source = Parse(c.source);
  Content target = Parse(c.target);
  ASSERT_EQ(Signature(source), c.source);
  EXPECT_EQ(!CheckCodes(source, target).has_value(), c.ok)
      << CheckCodes(source, target).value_or("");
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CheckCodesTest,
    ::testing::Values(
        CodeCase{"same", "a {1}b{/1} c{2/}", "x {1}y{/1} z{2/}", true},
        CodeCase{"reordered", "{1}a{/1} {2}b{/2}", "{2}b{/2} {1}a{/1}", true},
        CodeCase{"missing", "a {1}b{/1}", "a b", false},
        CodeCase{"duplicated", "a {1}b{/1}", "{1}a{/1} {1}b{/1}", false},
        CodeCase{"invented", "a b", "a {9}b{/9}", false},
        CodeCase{"bad_nesting", "{1}a {2}b{/2}{/1}", "{1}a {2}b{/1}{/2}", false},
        CodeCase{"placeholder_missing", "a{2/}", "a", false},
        CodeCase{"protected_kept", "{1}[[Zap]]{/1} x", "y {1}[[Zap]]{/1}", true},
        CodeCase{"protected_changed", "{1}[[Zap]]{/1} x", "{1}[[Zapp]]{/1} y", false},
        // The same codes in the same order as the source: the target is still held
        // to nesting, and to the protected text, whatever the source does.
        CodeCase{"same_order_bad_nesting", "{1}a {2}b{/1}{/2}", "{1}x {2}y{/1}{/2}", false},
        CodeCase{"same_order_unclosed", "{1}a", "{1}x", false},
        CodeCase{"same_order_protected_changed", "[[Zap]] {1}a{/1}", "[[Zip]] {1}x{/1}", false},
        CodeCase{"protected_added", "a {1}b{/1}", "[[a]] {1}b{/1}", false},
        CodeCase{"texts_only", "a b", "x y", true}),
    [](const ::testing::TestParamInfo<CodeCase>& info) { return info.param.name; });

TEST(Content, PlainTextSkipsCodes) { EXPECT_EQ(PlainText(Parse("a {1}b{/1} c")), "a b c"); }

}  // namespace
}  // namespace l10n
