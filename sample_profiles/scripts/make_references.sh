#!/usr/bin/env bash
# Regenerates sample_profiles/reference/ from the committed samples with the DevTools oracle
# (<repo>/../shared/oracle, or $V8SCOPE_ORACLE_SRC). See docs/samples.md for the file list.
#
# usage: bash sample_profiles/scripts/make_references.sh
#
# Names use the sample's stem X (leak_s1, cpu_mix, ...):
#   heap/X.heapsnapshot.gz -> reference/X.nodes.tsv.gz (--nodes, always gzipped), X.summary.tsv (--summary)
#   diffs                  -> reference/leak_s2_vs_s1.diff.tsv, leak_s3_vs_s2, control_b_vs_a, chromium_2_vs_1
#   cpu/X.cpuprofile       -> reference/X.nodes.tsv, X.bottomup.tsv, X.totals.tsv (cpu_oracle.mjs --out reference/X)
#   (cpu_oracle.mjs runs with --ignore-list default: the perf_ign_* columns are the ignore-list variant)
#   cpu/X.json.gz (traces) -> reference/X.traces.tsv (pid tid profile window_start_ms window_end_ms) and, per
#                             profiled renderer thread P, reference/X.P.full.tsv and X.P.window.tsv
#                             (trace_oracle.mjs --pid P --tid T [--window A,B]; the window is 30-60 % of the trace)
#   cpu/http_blocking      -> reference/http_blocking.blocking.json (blocking.mjs --json, default threshold 50 ms),
#                             http_blocking.blocking_ignore.tsv (make_blocking_ignore_reference.sh)
#   cpu/heap_prof.heapprofile -> reference/heap_prof.heapprofile.tsv (heapprofile_oracle.mjs)
# and, through devtools_views.mjs (this folder: drives the same DevTools worker code as the panels do):
#   heap/X                 -> reference/X.NAME.summary.tsv for each Summary filter preset NAME (--filters),
#                             X.containment.tsv (--containment, 3 levels, 10 rows a level), for the 9 samples
#                             listed in the loop (leak, control, shapes, chromium, alloc_tracking)
#   allocated-between      -> reference/leak_s3.between_s1_s2.summary.tsv, leak_s3.between_s2_s3, control_b.between_a_b,
#                             chromium_detached_dom_2.between_1_2 ("Objects allocated between A and B" on the head)
#   heap/alloc_tracking    -> reference/alloc_tracking.allocations.tsv (the Allocation view with callers),
#                             alloc_tracking.stacks.tsv (every object's allocation stack),
#                             alloc_tracking.allocated.tsv (per function row, the Summary of what it allocated)
#   retainers_ignore/      -> DevTools' Retainers view after "Ignore this retainer" on leak_s3, shapes and the chromium
#                             samples (make_retainers_ignore_reference.sh: the cases and the files it writes)
# Other outputs larger than 200 KB are gzipped (-9 -n, reproducible bytes). The oracle's stderr
# ("N nodes are unreachable from the root" reports, node/sample counts) goes to reference/oracle.log
# without its timings; the full messages are printed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
samples=$(cd "$here/.." && pwd)
NODE=${NODE:-node}
oracle=${V8SCOPE_ORACLE_SRC:-$(cd "$samples/../.." && pwd)/shared/oracle}
[ -f "$oracle/heap_oracle.mjs" ] || { echo "oracle not found at $oracle (set V8SCOPE_ORACLE_SRC)" >&2; exit 1; }
bash "$oracle/setup.sh" >/dev/null   # idempotent: installs the pinned chrome-devtools-frontend once

ref=$samples/reference
mkdir -p "$ref"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-refs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log=$tmp/oracle.log
: > "$log"

# The oracle runs inside $tmp on files named like the samples, so its messages hold no paths.
run() { local a="$*"; a=${a//$oracle\//}; echo "\$ node ${a//$here\//}" >> "$log"; (cd "$tmp" && "$NODE" "$@") 2>> "$log"; }
gz_if_big() {   # gz_if_big FILE: gzip FILE when > 200 KB
  if [ "$(stat -c %s "$1")" -gt 204800 ]; then gzip -9 -n -f "$1"; echo "  (gzipped ${1##*/}: > 200 KB)"; fi
}
snap() {        # snap X: decompress heap/X.heapsnapshot.gz into $tmp once
  [ -f "$tmp/$1.heapsnapshot" ] || gzip -dc "$samples/heap/$1.heapsnapshot.gz" > "$tmp/$1.heapsnapshot"
}

for gz in "$samples"/heap/*.heapsnapshot.gz; do
  x=$(basename "$gz" .heapsnapshot.gz)
  echo "== $x"
  snap "$x"
  rm -f "$ref/$x.nodes.tsv.gz" "$ref/$x.summary.tsv" "$ref/$x.summary.tsv.gz"
  run "$oracle/heap_oracle.mjs" "$x.heapsnapshot" --nodes "$x.nodes.tsv" --summary "$x.summary.tsv"
  gzip -9 -n -c "$tmp/$x.nodes.tsv" > "$ref/$x.nodes.tsv.gz"
  cp "$tmp/$x.summary.tsv" "$ref/$x.summary.tsv"; gz_if_big "$ref/$x.summary.tsv"
done

# Filter presets and Containment (devtools_views.mjs) for these samples (tests/core/tst_heapviewsparity.cpp).
for x in leak_s1 leak_s2 leak_s3 control_a control_b shapes chromium_detached_dom_1 chromium_detached_dom_2 alloc_tracking; do
  [ -f "$samples/heap/$x.heapsnapshot.gz" ] || { echo "skip views of $x: missing sample"; continue; }
  echo "== $x: filters, containment"
  snap "$x"
  rm -f "$ref/$x".*.summary.tsv* "$ref/$x.containment.tsv"*
  run "$here/devtools_views.mjs" "$x.heapsnapshot" --filters "$x" --containment "$x.containment.tsv" --depth 3 --top 10
  for f in "$tmp/$x".*.summary.tsv "$tmp/$x.containment.tsv"; do cp "$f" "$ref/"; gz_if_big "$ref/${f##*/}"; done
done

between() {     # between OUT HEAD A B: "Objects allocated between A and B" on HEAD
  echo "== $1"
  snap "$2"; snap "$3"; snap "$4"
  rm -f "$ref/$1.summary.tsv" "$ref/$1.summary.tsv.gz"
  run "$here/devtools_views.mjs" "$2.heapsnapshot" --allocated-between "$3.heapsnapshot,$4.heapsnapshot" "$1.summary.tsv"
  cp "$tmp/$1.summary.tsv" "$ref/"; gz_if_big "$ref/$1.summary.tsv"
}
between leak_s3.between_s1_s2 leak_s3 leak_s1 leak_s2
between leak_s3.between_s2_s3 leak_s3 leak_s2 leak_s3
between control_b.between_a_b control_b control_a control_b
between chromium_detached_dom_2.between_1_2 chromium_detached_dom_2 chromium_detached_dom_1 chromium_detached_dom_2

if [ -f "$samples/heap/alloc_tracking.heapsnapshot.gz" ]; then
  echo "== alloc_tracking: Allocation view"
  rm -f "$ref/alloc_tracking.allocations.tsv"* "$ref/alloc_tracking.stacks.tsv"* "$ref/alloc_tracking.allocated.tsv"*
  run "$here/devtools_views.mjs" alloc_tracking.heapsnapshot --allocations alloc_tracking.allocations.tsv \
    --allocation-stacks alloc_tracking.stacks.tsv --allocation-summaries alloc_tracking.allocated.tsv
  for f in allocations stacks allocated; do cp "$tmp/alloc_tracking.$f.tsv" "$ref/"; gz_if_big "$ref/alloc_tracking.$f.tsv"; done
fi

echo "== retainers_ignore"
V8SCOPE_ORACLE_SRC=$oracle bash "$here/make_retainers_ignore_reference.sh"

diff_pair() {   # diff_pair OUT HEAD BASE
  [ -f "$samples/heap/$2.heapsnapshot.gz" ] && [ -f "$samples/heap/$3.heapsnapshot.gz" ] || { echo "skip $1: missing sample"; return; }
  echo "== $1 ($2 against base $3)"
  snap "$2"; snap "$3"
  rm -f "$ref/$1.diff.tsv" "$ref/$1.diff.tsv.gz"
  run "$oracle/heap_oracle.mjs" "$2.heapsnapshot" --diff "$3.heapsnapshot" --out "$1.diff.tsv"
  cp "$tmp/$1.diff.tsv" "$ref/$1.diff.tsv"; gz_if_big "$ref/$1.diff.tsv"
}
diff_pair leak_s2_vs_s1 leak_s2 leak_s1
diff_pair leak_s3_vs_s2 leak_s3 leak_s2
diff_pair control_b_vs_a control_b control_a
diff_pair chromium_2_vs_1 chromium_detached_dom_2 chromium_detached_dom_1

for p in "$samples"/cpu/*.cpuprofile "$samples"/cpu/*.cpuprofile.gz; do
  [ -f "$p" ] || continue
  x=$(basename "$p"); x=${x%.gz}; x=${x%.cpuprofile}
  echo "== $x"
  case "$p" in *.gz) gzip -dc "$p" > "$tmp/$x.cpuprofile" ;; *) cp "$p" "$tmp/$x.cpuprofile" ;; esac
  for s in nodes bottomup totals; do rm -f "$ref/$x.$s.tsv" "$ref/$x.$s.tsv.gz"; done
  run "$oracle/cpu_oracle.mjs" "$x.cpuprofile" --out "$x" --ignore-list default
  for s in nodes bottomup totals; do cp "$tmp/$x.$s.tsv" "$ref/$x.$s.tsv"; gz_if_big "$ref/$x.$s.tsv"; done
  if [ "$x" = http_blocking ]; then
    run "$oracle/blocking.mjs" "$x.cpuprofile" --json > "$ref/$x.blocking.json"
    V8SCOPE_ORACLE_SRC=$oracle bash "$here/make_blocking_ignore_reference.sh"
  fi
done

for p in "$samples"/cpu/*.json.gz; do
  [ -f "$p" ] || continue
  x=$(basename "$p" .json.gz)
  echo "== $x (trace)"
  gzip -dc "$p" > "$tmp/$x.json"
  rm -f "$ref/$x".*.tsv "$ref/$x".*.tsv.gz
  # Every Profile event (pid, tid, id), in file order; the renderer threads DevTools shows get references.
  "$NODE" -e '
    const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    for (const e of (Array.isArray(d) ? d : d.traceEvents)) if (e.name === "Profile") console.log(e.pid, e.tid, e.id);
  ' "$tmp/$x.json" > "$tmp/$x.profiles"
  printf 'pid\ttid\tprofile\twindow_start_ms\twindow_end_ms\n' > "$ref/$x.traces.tsv"
  while read -r pid tid id; do
    if ! (cd "$tmp" && "$NODE" "$oracle/trace_oracle.mjs" "$x.json" --pid "$pid" --tid "$tid" > "$x.$pid.full.tsv" 2> "$x.$pid.err"); then
      echo "  $pid:$tid ($id): not a thread the Performance panel shows; skipped"; continue
    fi
    whole=$(sed -n 's/^window \([0-9.]*\) ms.*/\1/p' "$tmp/$x.$pid.err")
    a=$(awk -v w="$whole" 'BEGIN { printf "%.3f", w * 0.3 }'); b=$(awk -v w="$whole" 'BEGIN { printf "%.3f", w * 0.6 }')
    run "$oracle/trace_oracle.mjs" "$x.json" --pid "$pid" --tid "$tid" > "$ref/$x.$pid.full.tsv"
    run "$oracle/trace_oracle.mjs" "$x.json" --pid "$pid" --tid "$tid" --window "$a,$b" > "$ref/$x.$pid.window.tsv"
    printf '%s\t%s\t%s\t%s\t%s\n' "$pid" "$tid" "$id" "$a" "$b" >> "$ref/$x.traces.tsv"
    echo "  $pid:$tid ($id): trace $whole ms, window $a,$b"
  done < "$tmp/$x.profiles"
done

if [ -f "$samples/cpu/heap_prof.heapprofile" ]; then
  echo "== heap_prof"
  cp "$samples/cpu/heap_prof.heapprofile" "$tmp/"
  run "$oracle/heapprofile_oracle.mjs" heap_prof.heapprofile > "$ref/heap_prof.heapprofile.tsv"
fi

# The oracle's messages with timings (shown here) vary from run to run; reference/oracle.log keeps
# them without the timings, so that everything in reference/ is reproducible from the samples.
echo "== oracle messages"
grep -v -E '^  (set |\[Symbol)' "$log" || true
sed -E -e 's/ in [0-9]+ ms, rss [0-9]+ MB$//' -e 's/; read [0-9].*$//' "$log" > "$ref/oracle.log"
ls -l "$ref"
