#!/usr/bin/env bash
# fuzz/minimize.sh TARGET CRASH_FILE [NAME]
# Minimizes a crashing input with libFuzzer (-minimize_crash=1, at most 120 s) and saves it as
# fuzz/regressions/TARGET/NAME (default: the crash file's name), then replays it once to show the
# stack. Build first with fuzz/run.sh (the binary is taken from $L10N_FUZZ_BUILD_DIR or
# fuzz/build-fuzz/).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${L10N_FUZZ_BUILD_DIR:-$here/build-fuzz}"
[ $# -ge 2 ] || { echo "usage: $0 TARGET CRASH_FILE [NAME]" >&2; exit 2; }
target="${1#fuzz_}"
crash="$2"
name="${3:-$(basename "$crash")}"
export L10N_ROOT="$(dirname "$here")"
mkdir -p "$here/regressions/$target"
out="$here/regressions/$target/$name"
"$build/fuzz_$target" -minimize_crash=1 -max_total_time=120 -exact_artifact_path="$out" "$crash" \
  >"$build/minimize-$target.log" 2>&1 || true
[ -f "$out" ] || cp "$crash" "$out"
echo "saved $out ($(wc -c <"$out") bytes); replay:"
"$build/fuzz_$target" -runs=1 "$out" 2>&1 | grep -v '^INFO' | head -40 || true
