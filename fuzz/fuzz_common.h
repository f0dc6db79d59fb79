// Shared helpers of the libFuzzer targets (fuzz/*.cc).
#ifndef L10N_FUZZ_FUZZ_COMMON_H_
#define L10N_FUZZ_FUZZ_COMMON_H_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace l10n_fuzz {

// Reports a broken invariant and aborts, so that libFuzzer records the input.
[[noreturn]] inline void Fail(const char* target, const std::string& what) {
  std::fprintf(stderr, "\n==l10n-fuzz== %s: invariant broken: %s\n", target, what.c_str());
  std::abort();
}

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "l10n-fuzz: cannot read %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The project root: $L10N_ROOT, else the one compiled in.
inline std::string ProjectRoot() {
  if (const char* env = std::getenv("L10N_ROOT"); env && *env) return env;
#ifdef L10N_FUZZ_ROOT
  return L10N_FUZZ_ROOT;
#else
  return ".";
#endif
}

}  // namespace l10n_fuzz

#endif  // L10N_FUZZ_FUZZ_COMMON_H_
