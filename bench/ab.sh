#!/usr/bin/env bash
# Two l10n binaries timed against each other, whole processes, on the same generated corpus: the
# way a change is measured against the binary it started from. Runs alternate between the two,
# so that the drift of a shared machine weighs on both alike, and the outputs of the two are
# compared, so that a change that alters what the pipeline writes is caught.
#
#   bench/ab.sh BASE NEW [PAGES] [PAIRS]     defaults: 1000 pages, 7 pairs
#
# A base binary for the commit a change started from:
#   git worktree add /tmp/base COMMIT && cmake -S /tmp/base -B /tmp/base/build \
#     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DL10N_BUILD_BENCH=OFF && cmake --build /tmp/base/build --target l10n
#
# Steps (STEPS, default "extract merge check"), each as compare.sh runs them:
#   extract  `l10n extract pages/*.xhtml --target-locale es --out-dir DIR`
#   merge    `l10n merge pages/*.xhtml --xliff-dir locales/es --out-dir DIR`
#   check    `l10n check -f json -o FILE locales/es/p*.xlf`
# JOBS (default: both binaries' own default, one per core) is passed as --jobs when set.
# OUT_DIR (default: BENCH_DIR) is where the runs write. On an ext4 without a journal the time to
# create files varies by tens of milliseconds with what was deleted in the minutes before;
# OUT_DIR=/dev/shm (tmpfs) takes that out, to compare the binaries' own work (the inputs stay
# where they are).
# Every run is timed to the millisecond (bash's `time`: wall, user and system time of the process)
# after `sync`, into a fresh output directory; all are removed at the end only (on ext4 without a
# journal, creating files in the minutes after thousands were deleted is slow, and that would
# weigh on whichever binary runs next), and each invocation writes where the previous one's
# deletions do not reach (bench/workdir.sh).
# Prints every run, then per step the medians of wall and CPU (user + system) seconds and whether
# the two binaries' outputs of the first pair are identical; exits 1 when they differ, and keeps
# the runs' files then.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: bench/ab.sh BASE NEW [PAGES] [PAIRS]" >&2
  exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$(realpath "$1")"
NEW="$(realpath "$2")"
N="${3:-1000}"
PAIRS="${4:-7}"
STEPS="${STEPS:-extract merge check}"
BENCH_DIR="${BENCH_DIR:-/tmp/bench}"
for bin in "$BASE" "$NEW"; do
  [ -x "$bin" ] || { echo "ab.sh: $bin is not an executable" >&2; exit 2; }
done
corpus="$BENCH_DIR/corpus-$N"
if [ ! -f "$corpus/l10n.toml" ]; then
  python3 "$ROOT/bench/gen_corpus.py" --pages "$N" --out "$corpus" --l10n "$NEW"
fi
mkdir -p "$BENCH_DIR"
source "$ROOT/bench/workdir.sh"
work="$(fresh_dir "${OUT_DIR:-$BENCH_DIR}/ab-runs" ab)"
status=0
# bash's `time` writes the locale's decimal point; the figures are read as C numbers.
export LC_ALL=C
TIMEFORMAT='%3R %3U %3S'
# The runs' files go at the end, unless the outputs differed: they are kept to be looked at.
trap '[ "$status" -ne 0 ] || rm -rf "$work"' EXIT
jobs=()
[ -n "${JOBS:-}" ] && jobs=(--jobs "$JOBS")
runs="$work/runs.tsv"

# run NAME BINARY STEP PAIR: one timed run, its outputs in $work/NAME-STEP-PAIR.
run() {
  local name=$1 bin=$2 step=$3 pair=$4
  local out="$work/$name-$step-$pair" log="$work/time.txt"
  sync
  case "$step" in
    extract)
      (cd "$corpus/source-content/pages" &&
        { time "$bin" extract *.xhtml --target-locale es \
          --out-dir "$out" "${jobs[@]}" >/dev/null 2>&1; } 2>"$log") ;;
    merge)
      (cd "$corpus" &&
        { time "$bin" merge source-content/pages/*.xhtml \
          --xliff-dir locales/es --out-dir "$out" "${jobs[@]}" >/dev/null 2>&1; } 2>"$log") ;;
    check)
      # Exit 1 means findings, which this corpus has.
      (cd "$corpus" &&
        { time "$bin" check -f json -o "$out.json" \
          locales/es/p*.xlf "${jobs[@]}" >/dev/null 2>&1; } 2>"$log") || [ $? -eq 1 ] ;;
    *) echo "ab.sh: unknown step $step (extract, merge, check)" >&2; exit 2 ;;
  esac
  read -r wall user sys < <(tail -1 "$log")
  printf '%s\t%s\t%s\t%s\t%s\n' "$step" "$name" "$pair" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" | tee -a "$runs"
}

echo "== ab.sh on $N pages, $PAIRS pairs; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for step in $STEPS; do
  # Each binary starts once, untimed, so that both come from the page cache.
  "$BASE" --version >/dev/null 2>&1 || true
  "$NEW" --version >/dev/null 2>&1 || true
  for pair in $(seq 1 "$PAIRS"); do
    if [ $((pair % 2)) -eq 1 ]; then
      run base "$BASE" "$step" "$pair"; run new "$NEW" "$step" "$pair"
    else
      run new "$NEW" "$step" "$pair"; run base "$BASE" "$step" "$pair"
    fi
  done
  if diff -r "$work/base-$step-1"* "$work/new-$step-1"* >/dev/null 2>&1; then
    echo "$step: outputs identical" >&2
  else
    echo "$step: OUTPUTS DIFFER (diff -r of $work/base-$step-1* and $work/new-$step-1*)" >&2
    status=1
  fi
done

python3 - "$runs" <<'EOF'
import csv, statistics, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter="\t"))
print("| step | base wall / CPU s | new wall / CPU s | new / base (wall, CPU) |")
print("|---|---|---|---|")
for step in dict.fromkeys(r[0] for r in rows):
    med = {}
    for name in ("base", "new"):
        runs = [r for r in rows if r[0] == step and r[1] == name]
        med[name] = (statistics.median(float(r[3]) for r in runs),
                     statistics.median(float(r[4]) for r in runs))
    (bw, bc), (nw, nc) = med["base"], med["new"]
    ratio = lambda a, b: "%.2f" % (a / b) if b > 0 else "n/a"
    print("| %s | %.3f / %.3f | %.3f / %.3f | %s, %s |" % (step, bw, bc, nw, nc, ratio(nw, bw), ratio(nc, bc)))
EOF
exit $status
