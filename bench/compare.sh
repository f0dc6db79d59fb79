#!/usr/bin/env bash
# l10n against Translate Toolkit, itstool and po4a on the same generated corpus, in the same
# run: extraction, merge and checks (the steps each tool can do).
#
#   bench/compare.sh [PAGES]        default 100 (corpus /tmp/bench/corpus-PAGES)
#
# What is timed (each run with bench/timed.py, which records what /usr/bin/time does but to the
# microsecond; REPEAT runs, default 3, medians reported):
#   l10n      extract  `l10n extract pages/*.xhtml --target-locale es --out-dir xlf` (one process,
#                      one XLIFF file per page, both cores)
#             merge    `l10n merge pages/*.xhtml --xliff-dir locales/es --out-dir html` (one process)
#             check    `l10n check -f json locales/es/*.xlf` (one process; project glossary,
#                      Hunspell, source documents through l10n.toml)
#   Translate Toolkit (one process per step, directory mode)
#             extract  `html2po -i pages -o po` + `po2xliff -i po -o xliff`
#             merge    `po2html -t pages -i po-translated -o html`
#             check    `pofilter -i po-translated -o failures` (all default checks)
#   floor     merge    `build/bench/merge_floor CORPUS es html parse`: what `l10n merge` does besides
#                      merging (reading both inputs, pugixml's parse of both, writing and flushing
#                      the pages as l10n does), the least any merge through pugixml costs here;
#                      reported beside Translate Toolkit's merge as the most any such merge could
#                      gain on it (skipped when the program is not built; FLOOR names another)
#   itstool   extract  `itstool -o all.pot pages/*.xhtml` (one process, one POT)
#             merge    `itstool -m all.mo -o html/ pages/*.xhtml` (one process)
#   po4a      extract  `po4a-updatepo -f xhtml -m PAGE -p PAGE.pot`, one process per page
#                      (po4a 0.69's po4a-gettextize only gettextizes an existing translation:
#                      with no localized file it refuses; po4a-updatepo makes the POT)
#             merge    `po4a-translate -f xhtml -m PAGE -p PAGE.po -l PAGE.html -k 0`, per page
# The translated PO files the other tools merge are made, untimed, with Translate Toolkit's
# `podebug --rewrite=unicode` (and `msgfmt` for itstool). Every step's outputs are counted so
# that the comparison is of real work. Ratios are other tool / l10n, on CPU time (user+sys)
# and on wall time. Needs: translate-toolkit itstool po4a gettext (apt-get install).
# TOOLS (default "l10n translate-toolkit itstool po4a") picks the other tools to run.
# WARMUP (default 1): before each timed step, the step's programs are started once, untimed,
# with --version, so that every tool's program and libraries come from the page cache rather
# than from disk. Machines that drop files from the cache within seconds otherwise time the
# disk: a cold start of l10n reads a dozen pages of its libraries, one at a time (30-40 ms
# here), which is a third of a 1,000-page extraction. WARMUP=0 times cold starts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
L10N="${L10N:-$ROOT/build/l10n}"
FLOOR="${FLOOR:-$ROOT/build/bench/merge_floor}"
BENCH_DIR="${BENCH_DIR:-/tmp/bench}"
REPEAT="${REPEAT:-3}"
WARMUP="${WARMUP:-1}"
# The tools to run; po4a (one Perl process per page) takes minutes from 1,000 pages on.
TOOLS="${TOOLS:-l10n translate-toolkit itstool po4a}"
wants() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
N="${1:-100}"
corpus="$BENCH_DIR/corpus-$N"
RESULTS="$BENCH_DIR/results"
TSV="$RESULTS/compare-$N.tsv"
mkdir -p "$RESULTS"

# The programs of the tools in TOOLS (podebug makes every tool's translated PO).
needed=""
wants translate-toolkit && needed="$needed html2po po2xliff po2html pofilter podebug"
wants itstool && needed="$needed itstool msgfmt podebug"
wants po4a && needed="$needed po4a-updatepo po4a-translate podebug"
for tool in $needed; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install translate-toolkit itstool po4a gettext)" >&2; exit 2; }
done
if [ ! -f "$corpus/l10n.toml" ]; then
  python3 "$ROOT/bench/gen_corpus.py" --pages "$N" --out "$corpus" --l10n "$L10N"
fi
pages="$corpus/source-content/pages"
# The runs write into a directory of this invocation's own; earlier invocations' files are
# removed at the end, after the timing (see bench/workdir.sh).
source "$ROOT/bench/workdir.sh"
work="$(fresh_dir "$BENCH_DIR/compare" "$N")"
(cd "$pages" && ls *.xhtml | sed 's/\.xhtml$//') > "$work/pages.txt"
printf 'tool\tstep\trun\twall_s\tcpu_s\tmaxrss_kb\tload1\toutputs\n' > "$TSV"

# warm_up TOOL STEP: start the step's programs once, untimed (see WARMUP above).
warm_up() {
  [ "$WARMUP" = 1 ] || return 0
  case "$1-$2" in
    l10n-*) "$L10N" --version ;;
    floor-*) "$FLOOR" ;;
    translate-toolkit-extract) html2po --version; po2xliff --version ;;
    translate-toolkit-merge) po2html --version ;;
    translate-toolkit-check) pofilter --version ;;
    itstool-*) itstool --version ;;
    po4a-extract) po4a-updatepo --version ;;
    po4a-merge) po4a-translate --version ;;
  esac >/dev/null 2>&1 || true
}

# timed TOOL STEP RUN VERIFY -- COMMAND...
timed() {
  local tool=$1 step=$2 run=$3 verify=$4
  shift 5
  local log="$work/time-$tool-$step-$run.txt" load1 rc=0
  load1=$(cut -d' ' -f1 /proc/loadavg)
  # What earlier steps wrote goes to disk first, untimed: l10n flushes its batch to disk with
  # syncfs, which would otherwise also write out the files the previous tool left in memory.
  sync
  warm_up "$tool" "$step"
  python3 "$ROOT/bench/timed.py" -o "$log" -- "$@" >"$work/out-$tool-$step.txt" 2>&1 || rc=$?
  if [ $rc -ne 0 ]; then
    echo "compare.sh: $tool $step failed (exit $rc); see $work/out-$tool-$step.txt" >&2
    exit 1
  fi
  local outputs
  outputs=$(eval "$verify" 2>/dev/null) || outputs="(none)"
  read -r wall user sys rss < <(tail -1 "$log")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$step" "$run" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" "$rss" "$load1" "$outputs" | tee -a "$TSV"
}

count() { find "$1" -name "$2" 2>/dev/null | wc -l; }

# ---- untimed preparation: translated PO for the tools that merge PO ----
prepare() {
  local d="$work/prep"
  rm -rf "$d"; mkdir -p "$d"
  if wants translate-toolkit; then
    html2po -i "$pages" -o "$d/tt-po" --progress=none >/dev/null 2>&1
    podebug -i "$d/tt-po" -o "$d/tt-po-translated" --rewrite=unicode --progress=none >/dev/null 2>&1
  fi
  if wants itstool; then
    itstool -o "$d/its.pot" "$pages"/*.xhtml
    podebug -i "$d/its.pot" -o "$d/its.po" --rewrite=unicode --progress=none >/dev/null 2>&1
    msgfmt -o "$d/its.mo" "$d/its.po"
  fi
  if wants po4a; then
    mkdir -p "$d/po4a-pot"
    while read -r p; do
      po4a-updatepo -f xhtml -m "$pages/$p.xhtml" -M UTF-8 -p "$d/po4a-pot/$p.pot" >/dev/null 2>&1
    done < "$work/pages.txt"
    podebug -i "$d/po4a-pot" -o "$d/po4a-po" --rewrite=unicode --progress=none >/dev/null 2>&1
  fi
}
prepare
echo "== compare on $N pages ($(cat "$pages"/*.xhtml | wc -c) bytes of XHTML), $REPEAT runs; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for r in $(seq 1 "$REPEAT"); do
  # Each run writes into directories of its own; all are removed at the end. Removing the last
  # run's thousands of files just before the next run would slow down creating files (ext4 passes
  # over recently freed inodes), and that weighs most on the fastest tool.
  run="$work/run-$r"
  mkdir -p "$run"
  # ---- l10n ----
  # l10n makes its output directories itself, as Translate Toolkit's tools do theirs.
  timed l10n extract "$r" "echo \$(count $run/l10n-xlf '*.xlf') files, \$(cat $run/l10n-xlf/*.xlf | grep -c '<unit ') units" -- \
    bash -c 'cd "$1" && "$2" extract *.xhtml --target-locale es --out-dir "$3"' \
    _ "$pages" "$L10N" "$run/l10n-xlf"
  timed l10n merge "$r" "echo \$(count $run/l10n-html '*.html') files" -- \
    bash -c 'cd "$1" && "$2" merge source-content/pages/*.xhtml --xliff-dir locales/es --out-dir "$3" 2>/dev/null' \
    _ "$corpus" "$L10N" "$run/l10n-html"
  if [ -x "$FLOOR" ]; then
    timed floor merge "$r" "echo \$(count $run/floor-html '*.html') files" -- \
      "$FLOOR" "$corpus" es "$run/floor-html" parse
  fi
  timed l10n check "$r" "python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))[\"findings\"]), \"findings\")' $run/l10n-check.json" -- \
    bash -c 'cd "$1" && "$2" check -f json -o "$3" locales/es/p*.xlf; [ $? -le 1 ]' _ "$corpus" "$L10N" "$run/l10n-check.json"

  # ---- Translate Toolkit ----
  if wants translate-toolkit; then
  timed translate-toolkit extract "$r" "echo \$(count $run/tt-xliff '*.xliff') files, \$(cat $run/tt-xliff/*.xliff | grep -c '<trans-unit') units" -- \
    bash -c 'html2po -i "$1" -o "$2" --progress=none && po2xliff -i "$2" -o "$3" --progress=none' _ "$pages" "$run/tt-po" "$run/tt-xliff"
  timed translate-toolkit merge "$r" "echo \$(count $run/tt-html '*.xhtml') files" -- \
    po2html -t "$pages" -i "$work/prep/tt-po-translated" -o "$run/tt-html" --progress=none
  timed translate-toolkit check "$r" "echo \$(count $run/tt-pofilter '*.po') files with failures, \$(cat $run/tt-pofilter/*.po 2>/dev/null | grep -c '^# (pofilter)' || true) findings" -- \
    pofilter -i "$work/prep/tt-po-translated" -o "$run/tt-pofilter" --progress=none
  fi

  # ---- itstool ----
  if wants itstool; then
  mkdir -p "$run/its-html"
  timed itstool extract "$r" "echo 1 POT, \$(grep -c '^msgid ' $run/its.pot) msgids" -- \
    bash -c 'itstool -o "$1" "$2"/*.xhtml' _ "$run/its.pot" "$pages"
  timed itstool merge "$r" "echo \$(count $run/its-html '*.xhtml') files" -- \
    bash -c 'itstool -m "$1" -o "$2/" "$3"/*.xhtml' _ "$work/prep/its.mo" "$run/its-html" "$pages"
  fi

  # ---- po4a ----
  if wants po4a; then
  mkdir -p "$run/po4a-pot" "$run/po4a-html"
  timed po4a extract "$r" "echo \$(count $run/po4a-pot '*.pot') files, \$(cat $run/po4a-pot/*.pot | grep -c '^msgid ') msgids" -- \
    bash -c 'while read -r p; do po4a-updatepo -f xhtml -m "$1/$p.xhtml" -M UTF-8 -p "$2/$p.pot" 2>/dev/null || exit; done < "$3"' \
    _ "$pages" "$run/po4a-pot" "$work/pages.txt"
  timed po4a merge "$r" "echo \$(count $run/po4a-html '*.html') files" -- \
    bash -c 'while read -r p; do po4a-translate -f xhtml -m "$1/$p.xhtml" -M UTF-8 -p "$2/$p.po" -l "$3/$p.html" -k 0 2>/dev/null || exit; done < "$4"' \
    _ "$pages" "$work/prep/po4a-po" "$run/po4a-html" "$work/pages.txt"
  fi
done

python3 - "$TSV" "$N" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = {}
for r in rows:
    med.setdefault((r["tool"], r["step"]), []).append(r)
def m(tool, step, key):
    return statistics.median(float(r[key]) for r in med[(tool, step)])
print("\n%s pages; medians of %d runs. Ratio = tool / l10n (higher: l10n faster)." % (sys.argv[2], len(med[("l10n", "extract")])))
print("| step | tool | wall s | CPU s | peak RSS MB | ratio (CPU) | ratio (wall) | outputs |")
print("|---|---|---:|---:|---:|---:|---:|---|")
for step in ("extract", "merge", "check"):
    for tool in ("l10n", "translate-toolkit", "itstool", "po4a"):
        if (tool, step) not in med:
            continue
        g = med[(tool, step)]
        w, c = m(tool, step, "wall_s"), m(tool, step, "cpu_s")
        w0, c0 = m("l10n", step, "wall_s"), m("l10n", step, "cpu_s")
        rss = statistics.median(int(r["maxrss_kb"]) for r in g) / 1024
        ratio_c = "—" if tool == "l10n" else ("%.2f" % (c / c0) if c0 > 0 else "n/a")
        ratio_w = "—" if tool == "l10n" else ("%.2f" % (w / w0) if w0 > 0 else "n/a")
        print("| %s | %s | %.3f | %.3f | %.0f | %s | %s | %s |" % (step, tool, w, c, rss, ratio_c, ratio_w, g[-1]["outputs"]))
if ("floor", "merge") in med and ("translate-toolkit", "merge") in med:
    fw, tw = m("floor", "merge", "wall_s"), m("translate-toolkit", "merge", "wall_s")
    print("\nmerge floor (bench/merge_floor: reading, pugixml's parse and writing as l10n does, no merge):"
          " %.3f s wall, %.3f s CPU. Translate Toolkit's merge takes %.1f times as long: no merge"
          " through pugixml's DOM can be more times faster than Translate Toolkit's here." % (fw, m("floor", "merge", "cpu_s"), tw / fw if fw > 0 else 0))
EOF
rm -rf "$work"/run-*
remove_older "$BENCH_DIR/compare" "$N" "$work"
