#!/usr/bin/env bash
# Profiles `l10n build` on a generated corpus and lists the top inclusive functions.
#
#   bench/profile_build.sh perf PAGES        perf record (cpu-clock sampling, DWARF call
#                                            graphs) of the steady-state build of PAGES pages
#   bench/profile_build.sh callgrind PAGES   valgrind --tool=callgrind of the same (about 50x
#                                            slower than native: use it on 10-50 pages)
#
# This VM has no hardware counters (`perf stat -e instructions true` says "not supported"),
# but perf's software cpu-clock sampling works; callgrind counts instructions exactly.
# Outputs: $BENCH_DIR/results/{perf-build-PAGES.data,perf-build-PAGES.txt,
# callgrind.build-PAGES.out,callgrind-build-PAGES.txt}.
# Environment: L10N (binary, default build/l10n), BENCH_DIR (/tmp/bench), FREQ (perf
# sampling rate, default 97 Hz: keeps the DWARF stacks of a 15-minute build under 1 GB).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
L10N="${L10N:-$ROOT/build/l10n}"
BENCH_DIR="${BENCH_DIR:-/tmp/bench}"
FREQ="${FREQ:-97}"
TOOL="${1:?perf or callgrind}"
N="${2:?pages}"
corpus="$BENCH_DIR/corpus-$N"
RESULTS="$BENCH_DIR/results"
mkdir -p "$RESULTS"
if [ ! -f "$corpus/l10n.toml" ]; then
  python3 "$ROOT/bench/gen_corpus.py" --pages "$N" --out "$corpus" --l10n "$L10N"
fi
out="$BENCH_DIR/runs/profile-$N"
cd "$corpus"
# Steady state: a first build writes locales/*/memory.tmx; the profiled one reads it.
ls locales/es/memory.tmx >/dev/null 2>&1 || "$L10N" build --out "$out" >/dev/null || true

case $TOOL in
  perf)
    data="$RESULTS/perf-build-$N.data"
    perf record -F "$FREQ" -g --call-graph dwarf,16384 -o "$data" "$L10N" build --out "$out" >/dev/null || true
    # Inclusive ("children") and self time per function, top entries.
    perf report -i "$data" --children --sort symbol -g none --percent-limit 1 --stdio 2>/dev/null \
      | grep -v '^$' > "$RESULTS/perf-build-$N.txt"
    perf report -i "$data" --no-children --sort dso,symbol -g none --percent-limit 0.5 --stdio 2>/dev/null \
      | grep -v '^$' > "$RESULTS/perf-build-$N-self.txt"
    head -60 "$RESULTS/perf-build-$N.txt"
    ;;
  callgrind)
    cg="$RESULTS/callgrind.build-$N.out"
    valgrind --tool=callgrind --callgrind-out-file="$cg" "$L10N" build --out "$out" >/dev/null || true
    callgrind_annotate --inclusive=yes "$cg" 2>/dev/null | head -80 > "$RESULTS/callgrind-build-$N.txt"
    callgrind_annotate --inclusive=no "$cg" 2>/dev/null | head -60 > "$RESULTS/callgrind-build-$N-self.txt"
    head -60 "$RESULTS/callgrind-build-$N.txt"
    ;;
  *) echo "profile_build.sh: perf or callgrind" >&2; exit 2 ;;
esac
