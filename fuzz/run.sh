#!/usr/bin/env bash
# fuzz/run.sh TARGET SECONDS   fuzz one target for SECONDS of wall time
# fuzz/run.sh TARGET replay    run the saved regressions (fuzz/regressions/TARGET/) once each
#
# TARGET: extract, xliff, merge, tbx, tmx, segmenter, locale (or fuzz_NAME).
# Builds (if needed) into $L10N_FUZZ_BUILD_DIR (default fuzz/build-fuzz/) with clang++ and
# -fsanitize=fuzzer,address,undefined, seeds the corpus from the project's own files
# (source-content/, locales/, tests/hostile/), runs libFuzzer with -max_len=65536 and
# -rss_limit_mb=2048, and prints the CPU-minutes fuzzed and the number of crashes.
# Fork mode with -ignore_crashes keeps fuzzing after a crash for the whole time; every crash,
# leak, timeout or out-of-memory input lands in BUILD/artifacts/TARGET/.
# Environment: FORKS (parallel fuzzing processes, default 1: use 2 only on an idle machine),
# JOBS (build jobs, default 1), L10N_FUZZ_BUILD_DIR.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
build="${L10N_FUZZ_BUILD_DIR:-$here/build-fuzz}"
targets="extract xliff merge tbx tmx segmenter locale"

usage() {
  echo "usage: $0 TARGET SECONDS|replay   (TARGET: $targets)" >&2
  exit 2
}
[ $# -eq 2 ] || usage
target="${1#fuzz_}"
case " $targets " in *" $target "*) ;; *) usage ;; esac
seconds="$2"
if [ "$seconds" != replay ] && ! [[ "$seconds" =~ ^[0-9]+$ ]]; then usage; fi

# 1. Build.
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target "fuzz_$target" -j "${JOBS:-1}" >"$build/build-$target.log" 2>&1 || {
  tail -40 "$build/build-$target.log" >&2
  echo "run.sh: build of fuzz_$target failed (log: $build/build-$target.log)" >&2
  exit 2
}
binary="$build/fuzz_$target"
regressions="$here/regressions/$target"
mkdir -p "$regressions"

export L10N_ROOT="$root"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

if [ "$seconds" = replay ]; then
  export L10N_FUZZ_STRICT_UTF8=1  # replays the known invalid-UTF-8 finding too
  shopt -s nullglob
  files=("$regressions"/*)
  failed=0
  for f in "${files[@]}"; do
    if "$binary" -runs=1 "$f" >"$build/replay.log" 2>&1; then
      echo "ok    $target/$(basename "$f")"
    else
      echo "CRASH $target/$(basename "$f")"
      failed=$((failed + 1))
    fi
  done
  echo "$target: ${#files[@]} regressions replayed, $failed still crash"
  exit 0
fi

# 2. Seeds from the project's own files.
seeds="$build/seeds/$target"
corpus="$build/corpus/$target"
artifacts="$build/artifacts/$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"
copy() {  # copy files matching the patterns, flattening paths into names
  for f in "$@"; do
    [ -f "$f" ] || continue
    cp "$f" "$seeds/$(echo "${f#"$root"/}" | tr '/' '_')"
  done
}
shopt -s nullglob
dict="$here/xml.dict"
case "$target" in
  extract) copy "$root"/source-content/*.xhtml "$root"/tests/hostile/inputs/*.xhtml ;;
  xliff | merge)
    copy "$root"/locales/*/*.xlf "$root"/tests/hostile/inputs/*.xlf
    # XLIFF 1.2 seeds, written by the built CLI when there is one.
    if [ -x "$root/build/l10n" ]; then
      for v in 1.2 2.0; do
        "$root/build/l10n" extract "$root/source-content/microneedling-guide.xhtml" --target-locale es \
          --xliff-version "$v" --copy-source -o "$seeds/extracted-$v.xlf" 2>/dev/null || true
      done
    fi
    ;;
  tbx) copy "$root"/locales/*.tbx "$root"/tests/hostile/inputs/*.tbx ;;
  tmx) copy "$root"/locales/*/*.tmx "$root"/tests/hostile/inputs/*.tmx ;;
  locale)
    dict="$here/locale.dict"
    for t in en es fr de pt-BR ar ja qps-ploc zh-Hant-TW sr-Latn-RS es-419 en-x-private; do
      printf '%s' "$t" >"$seeds/$t"
    done
    ;;
  segmenter)
    dict="$here/text.dict"
    # One seed per paragraph of the guide, as plain text.
    python3 - "$root/source-content/microneedling-guide.xhtml" "$seeds" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for i, m in enumerate(re.findall(r"<(?:p|h[1-6]|li|title)\b[^>]*>(.*?)</", text, re.S)):
    # Inline markup as the target's control bytes: 0x01 open, 0x02 close.
    t = re.sub(r"<(?!/)[^>]*>", "\x01", m)
    t = re.sub(r"</[^>]*>", "\x02", t)
    open(f"{sys.argv[2]}/para{i:03d}.txt", "w", encoding="utf-8").write(t)
PY
    ;;
esac
echo "run.sh: fuzz_$target, $(ls "$seeds" | wc -l) seeds, corpus $(ls "$corpus" | wc -l) inputs, ${seconds}s, ${FORKS:-1} process(es)"

# 3. Fuzz.
before="$(ls "$artifacts" | sort)"
log="$build/fuzz-$target.log"
set +e
/usr/bin/time -f '%U %S' -o "$build/time-$target.txt" \
  "$binary" -fork="${FORKS:-1}" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_len=65536 -rss_limit_mb=2048 -timeout=25 -max_total_time="$seconds" \
  -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
  "$corpus" "$seeds" "$regressions" >"$log" 2>&1
status=$?
set -e
after="$(ls "$artifacts" | sort)"
new="$(comm -13 <(echo "$before") <(echo "$after") | grep -v '^$' || true)"
crashes="$(echo "$new" | grep -c -E '^(crash|leak|slow-unit)-' || true)"
timeouts="$(echo "$new" | grep -c '^timeout-' || true)"
ooms="$(echo "$new" | grep -c '^oom-' || true)"
cpu="$(awk '{printf "%.1f", ($1 + $2) / 60}' "$build/time-$target.txt" 2>/dev/null || echo "?")"
tail -3 "$log"
echo "fuzz_$target: ${cpu} CPU-minutes, ${crashes} crashes, ${timeouts} timeouts, ${ooms} out-of-memory (libFuzzer exit ${status}; log ${log})"
if [ -n "$new" ]; then
  echo "new artifacts in $artifacts/:"
  echo "$new" | sed 's/^/  /'
fi
