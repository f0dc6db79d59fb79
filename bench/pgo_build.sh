#!/usr/bin/env bash
# Builds l10n with GCC's profile-guided optimization, for release builds and for measuring what
# it gives (PERFORMANCE-HISTORY.md: about 10% fewer instructions, extraction about 5% faster).
#
#   bench/pgo_build.sh [BUILD_DIR]          default: build-pgo (beside build/)
#
# Three steps, in BUILD_DIR only (the everyday build/ is left alone):
#   1. configure and build `l10n` instrumented (-fprofile-generate);
#   2. train it: an extraction, merges into three locales and a check of a generated 100-page
#      corpus ($BENCH_DIR/corpus-100, made with bench/gen_corpus.py if missing), and a build of
#      the project's own guide (the commands' output goes to BUILD_DIR/training.log);
#   3. configure again with -fprofile-use and rebuild everything, so that no object keeps a
#      profile older than its source (GCC does not rebuild an object when only its profile
#      changes: run this script again after any change to the code).
# Then, for instance: L10N=build-pgo/l10n bench/compare.sh 1000
# Environment: BENCH_DIR (default /tmp/bench), JOBS (build jobs, default: nproc).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$(realpath -m "${1:-$ROOT/build-pgo}")"
BENCH_DIR="${BENCH_DIR:-/tmp/bench}"
JOBS="${JOBS:-$(nproc)}"
PROFILE="$BUILD/profile"
corpus="$BENCH_DIR/corpus-100"

macros="$("${CXX:-c++}" -dM -E -x c++ /dev/null 2>/dev/null || true)"
if ! grep -q __GNUC__ <<<"$macros" || grep -q __clang__ <<<"$macros"; then
  echo "pgo_build.sh: needs GCC (the profile flags are GCC's)" >&2
  exit 2
fi

configure() {  # FLAGS...
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DL10N_BUILD_TESTS=OFF \
    -DL10N_BUILD_BENCH=ON -DCMAKE_CXX_FLAGS="$*" >/dev/null
}

echo "pgo_build.sh: 1/3 instrumented build in $BUILD" >&2
rm -rf "$PROFILE"
configure -fprofile-generate -fprofile-update=atomic "-fprofile-dir=$PROFILE"
cmake --build "$BUILD" -j "$JOBS" --target l10n bench_stages --clean-first >/dev/null

echo "pgo_build.sh: 2/3 training" >&2
if [ ! -f "$corpus/l10n.toml" ]; then
  python3 "$ROOT/bench/gen_corpus.py" --pages 100 --out "$corpus" --l10n "$BUILD/l10n" >/dev/null
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(
  cd "$corpus"
  "$BUILD/l10n" extract source-content/pages/*.xhtml --target-locale es --out-dir "$scratch/xlf"
  for locale in es de ja; do
    "$BUILD/l10n" merge source-content/pages/*.xhtml --xliff-dir "locales/$locale" \
      --out-dir "$scratch/html-$locale"
  done
  "$BUILD/l10n" check -f json -o "$scratch/check.json" locales/es/p*.xlf || [ $? -le 1 ]
) >"$BUILD/training.log" 2>&1 || {
  echo "pgo_build.sh: training on $corpus failed; see $BUILD/training.log" >&2
  exit 1
}
cp -r "$ROOT/source-content" "$ROOT/locales" "$ROOT/l10n.toml" "$scratch/"
# The guide's build may report findings (a non-zero exit); it has trained all the same.
(cd "$scratch" && "$BUILD/l10n" build --out "$scratch/site") >>"$BUILD/training.log" 2>&1 || true
[ -n "$(ls -A "$PROFILE" 2>/dev/null)" ] || { echo "pgo_build.sh: training wrote no profile" >&2; exit 1; }

echo "pgo_build.sh: 3/3 optimized build" >&2
configure -fprofile-use -fprofile-partial-training "-fprofile-dir=$PROFILE" -Wno-missing-profile
cmake --build "$BUILD" -j "$JOBS" --target l10n bench_stages --clean-first >/dev/null
echo "pgo_build.sh: $BUILD/l10n" >&2
