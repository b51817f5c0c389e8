#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
#
# Performance at scale (issue 13), one command: on the same snapshots in the same run, times
#   floor      the integer-scan floor (bench/floor/scan_numbers.cpp) on 1 and on 2 threads
#   cold       v8scope summary FILE --no-cache          (parse + full analysis + Summary)
#   first      v8scope summary FILE  (cache empty: parse, analyse, write the cache)
#   cached     v8scope summary FILE  (from the cache)
#   retainers  v8scope retainers FILE --id ID           (from the cache)
#   devtools   DevTools' model: ../shared/oracle/heap_oracle.mjs FILE --summary OUT   (--oracle)
#   memlab     memlab 2.0.5's full load + retained size by class (peer_memlab.js)     (--peers)
#   vscode     @vscode/v8-heap-parser 0.1.0: decode + class groups (peer_vscode.js)  (--peers)
# each as whole-process wall seconds and peak RSS (/usr/bin/time), median of --runs runs, and prints the ratios
# (x floor, x DevTools, RSS / file size) as a Markdown table. With --pair MB it also times
#   diff       v8scope diff BASE HEAD --no-cache on a pair of MB-sized snapshots of one process (bench/diff/make_pair.js)
# With --profiles "1 5" it also times, on M-million-sample CPU profiles (bench/cpu/make_big_profile.py repeats the
# samples of sample_profiles/cpu/http_blocking.cpuprofile; made once into --data as cpu-Mm.cpuprofile),
#   cpu info, cpu tree --bottom-up, cpu blocking   as whole processes (wall, peak RSS; median of --runs)
#   in process  read + timing + top-down + bottom-up + blocking (bench/cpu/cpubench.cpp against the core library
#               beside $V8SCOPE, best of 5: the issue's "analysed in under 1 s")
#
# usage: bench/scale/run.sh [--sizes "300 1000"] [--runs N] [--data DIR] [--oracle] [--peers] [--pair MB]
#                           [--profiles "1 5"] [--out FILE]
#   --data   where the snapshots are (and are made, once, by bench/heap/make_snapshot.js): default
#            $V8SCOPE_BENCH_DATA or ~/.cache/v8scope-bench; keep it outside the repository
#   --peers  installs the two npm peers once into DIR/peers (npm; memlab without its browser download)
# Env: V8SCOPE (default build/release/cli/v8scope). Run it with `nice` on a shared machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
sizes="300"
runs=3
data=${V8SCOPE_BENCH_DATA:-$HOME/.cache/v8scope-bench}
oracle=0
peers=0
pair=""
profiles=""
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --oracle) oracle=1; shift ;;
    --peers) peers=1; shift ;;
    --pair) pair=$2; shift 2 ;;
    --profiles) profiles=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--sizes \"300 1000\"] [--runs N] [--data DIR] [--oracle] [--peers] [--pair MB] [--profiles \"1 5\"] [--out FILE]" >&2; exit 2 ;;
  esac
done
V8SCOPE=${V8SCOPE:-$repo/build/release/cli/v8scope}
# ../shared beside the clone; from a git worktree, beside the main checkout
shared=$(cd "$repo/.." && pwd)/shared
[ -d "$shared" ] || shared=$(cd "$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir)/../.." && pwd)/shared
ORACLE=${ORACLE:-$shared/oracle/heap_oracle.mjs}
[ -x "$V8SCOPE" ] || { echo "no binary at $V8SCOPE (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$V8SCOPE" "$work/v8scope"
floor=$work/scan_numbers
c++ -std=c++20 -O2 -pthread "$repo/bench/floor/scan_numbers.cpp" -o "$floor"
mkdir -p "$data"
export LC_ALL=C
if [ "$peers" = 1 ]; then
  if [ ! -d "$data/peers/node_modules/@memlab/heap-analysis" ] || [ ! -d "$data/peers/node_modules/@vscode/v8-heap-parser" ]; then
    echo "== installing the peers into $data/peers" >&2
    mkdir -p "$data/peers"
    (cd "$data/peers" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --ignore-scripts --no-audit --no-fund \
      @memlab/heap-analysis@2.0.5 @vscode/v8-heap-parser@0.1.0 >&2)
  fi
  export NODE_PATH="$data/peers/node_modules"
fi

# timed LABEL CMD...: appends "LABEL wall_s rss_kb" to $work/times
timed() {
  local label=$1; shift
  if /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$work/stdout" 2>"$work/stderr"; then
    echo "$label $(tail -1 "$work/t")" >>"$work/times"
  else
    echo "FAILED: $*" >&2; tail -3 "$work/stderr" >&2
    echo "${label}_failed $(tail -1 "$work/t" | awk '{print $(NF-1), $NF}')" >>"$work/times"
  fi
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v l="$1" -v c="$2" '$1==l {print $c}' "$work/times" | median; }
# wall · RSS MB of LABEL, or "failed after S s · R MB" when every run of it failed
cell() {
  local w r
  w=$(col "$1" 2)
  if [ "$w" = n/a ] && grep -q "^$1_failed " "$work/times"; then
    w=$(col "$1_failed" 2); r=$(awk -v k="$(col "$1_failed" 3)" 'BEGIN {printf "%.0f", k*1024/1e6}')
    echo "failed after $w s · $r MB"
  elif [ "$w" = n/a ]; then
    echo "–"
  else
    r=$(awk -v k="$(col "$1" 3)" 'BEGIN {printf "%.0f", k*1024/1e6}')
    echo "$w s · $r MB"
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a=="n/a" || b=="n/a" || b==0) print "n/a"; else printf "%.2f", a/b }'; }

{
  echo "# v8scope at scale, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB RAM;" \
    "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg). v8scope $(git -C "$repo" rev-parse --short HEAD)."
  echo "Wall seconds and peak RSS are medians of $runs runs (1 run at 1000 MB and above); MB = 10^6 bytes for files and RSS alike (/usr/bin/time reports KiB: x 1024 / 10^6)."
} >"$work/report"
[ -z "$sizes" ] || {
  echo
  echo "| file | floor 1 thread · 2 threads | cold summary (x floor) · RSS (x file) | first (writes cache) | cached summary · RSS | retainers --id, cached | DevTools · RSS | x DevTools | memlab · RSS | v8-heap-parser · RSS |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} >>"$work/report"

for mb in $sizes; do
  file="$data/heap-${mb}mb.heapsnapshot"
  if [ ! -s "$file" ]; then
    echo "== generating $file" >&2
    node --max-old-space-size=16384 --expose-gc "$repo/bench/heap/make_snapshot.js" "$mb" "$file" >&2
  fi
  n=$runs
  [ "$mb" -ge 1000 ] && n=1
  bytes=$(stat -c %s "$file")
  cache="$work/cache-$mb"
  : >"$work/times"
  cat "$file" >/dev/null # warm page cache
  id=""
  for ((i = 0; i < n; i++)); do
    echo "== $mb MB run $((i + 1))/$n" >&2
    timed floor1 "$floor" "$file" 1
    timed floor2 "$floor" "$file" 2
    timed cold "$work/v8scope" summary "$file" --format tsv --no-cache
    rm -rf "$cache"
    timed first "$work/v8scope" summary "$file" --format tsv --cache-dir "$cache"
    timed cached "$work/v8scope" summary "$file" --format tsv --cache-dir "$cache"
    # the object that `retainers --id` asks about: the root's biggest child in the dominator tree
    [ -n "$id" ] || id=$("$work/v8scope" dominators "$file" --depth 1 --top 1 --format tsv --cache-dir "$cache" \
      | awk -F'\t' 'NR==3 {print $2}' || true)
    [ -z "$id" ] || timed retainers "$work/v8scope" retainers "$file" --id "$id" --format tsv --cache-dir "$cache"
    if [ "$oracle" = 1 ]; then
      timed devtools node --max-old-space-size=20000 "$ORACLE" "$file" --summary "$work/oracle.tsv"
    fi
    if [ "$peers" = 1 ]; then
      timed memlab node --max-old-space-size=20000 "$here/peer_memlab.js" "$file"
      timed vscode node --max-old-space-size=20000 "$here/peer_vscode.js" "$file"
    fi
  done
  rm -rf "$cache"
  f1=$(col floor1 2); f2=$(col floor2 2)
  cw=$(col cold 2); cr=$(awk -v k="$(col cold 3)" 'BEGIN {printf "%.0f", k*1024/1e6}')
  fw=$(col first 2); hw=$(col cached 2); hr=$(awk -v k="$(col cached 3)" 'BEGIN {printf "%.0f", k*1024/1e6}')
  rw=$(col retainers 2)
  dw=$(col devtools 2)
  file_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.0f", b/1e6}')
  echo "| ${file_mb} MB | $f1 s · $f2 s | $cw s ($(ratio "$cw" "$f1")×) · $cr MB ($(ratio "$cr" "$file_mb")×) | $fw s | $hw s · $hr MB | $rw s | $(cell devtools) | $(ratio "$dw" "$cw")× | $(cell memlab) | $(cell vscode) |" >>"$work/report"
  sed "s/^/    $mb MB: /" "$work/times" >>"$work/raw"
done
if [ -n "$pair" ]; then
  base="$data/diff-${pair}mb-base.heapsnapshot"; head="$data/diff-${pair}mb-head.heapsnapshot"
  if [ ! -s "$base" ] || [ ! -s "$head" ]; then
    echo "== generating the ${pair} MB pair" >&2
    node --max-old-space-size=20000 --expose-gc "$repo/bench/diff/make_pair.js" "$pair" "$base" "$head" >&2
  fi
  : >"$work/times"
  cat "$base" "$head" >/dev/null
  for ((i = 0; i < runs; i++)); do
    echo "== ${pair} MB pair run $((i + 1))/$runs" >&2
    timed diff "$work/v8scope" diff "$base" "$head" --format tsv --no-cache
  done
  pair_mb=$(awk -v a="$(stat -c %s "$base")" -v b="$(stat -c %s "$head")" 'BEGIN {printf "%.0f + %.0f", a/1e6, b/1e6}')
  {
    echo
    echo "| pair | v8scope diff --no-cache · peak RSS |"
    echo "|---|---|"
    echo "| $pair_mb MB | $(cell diff) |"
  } >>"$work/report"
  sed "s/^/    pair ${pair} MB: /" "$work/times" >>"$work/raw"
fi
if [ -n "$profiles" ]; then
  lib=$(dirname "$(dirname "$V8SCOPE")")/core/libv8scope_core.a
  inproc=""
  if [ -f "$lib" ]; then
    c++ -std=c++20 -O2 -DNDEBUG -I"$repo/core" "$repo/bench/cpu/cpubench.cpp" "$lib" -lz -pthread -o "$work/cpubench"
    inproc=$work/cpubench
  fi
  {
    echo
    echo "| profile | samples · file | cpu info · RSS | cpu tree --bottom-up · RSS | cpu blocking · RSS | in process: read + timing + top-down + bottom-up + blocking |"
    echo "|---|---|---|---|---|---|"
  } >>"$work/report"
  for m in $profiles; do
    prof="$data/cpu-${m}m.cpuprofile"
    if [ ! -s "$prof" ]; then
      echo "== generating $prof" >&2
      python3 "$repo/bench/cpu/make_big_profile.py" "$repo/sample_profiles/cpu/http_blocking.cpuprofile" \
        "$((m * 1000000))" "$prof" >&2
    fi
    : >"$work/times"
    cat "$prof" >/dev/null
    for ((i = 0; i < runs; i++)); do
      echo "== ${m} M-sample profile run $((i + 1))/$runs" >&2
      timed info "$work/v8scope" cpu info "$prof" --format tsv
      timed bottomup "$work/v8scope" cpu tree "$prof" --bottom-up --format tsv
      timed blocking "$work/v8scope" cpu blocking "$prof" --threshold 50ms --format tsv
    done
    ms="–"
    if [ -n "$inproc" ]; then
      "$inproc" "$prof" >"$work/cpubench.out"
      ms="$(awk -F'\t' '$1=="all_in_process_ms" {print $2}' "$work/cpubench.out") ms"
      sed "s/^/    ${m} M profile in process: /" "$work/cpubench.out" >>"$work/raw"
    fi
    samples=$(awk -F'\t' '$1=="samples" {print $2}' "$work/cpubench.out" 2>/dev/null || true)
    prof_mb=$(awk -v b="$(stat -c %s "$prof")" 'BEGIN {printf "%.0f", b/1e6}')
    echo "| ${m} M samples | ${samples:-?} · $prof_mb MB | $(cell info) | $(cell bottomup) | $(cell blocking) | $ms |" >>"$work/report"
    sed "s/^/    ${m} M profile: /" "$work/times" >>"$work/raw"
  done
fi
{
  echo
  echo "Raw (label wall_s rss_kb):"
  echo
  cat "$work/raw"
} >>"$work/report"
cat "$work/report"
[ -z "$out" ] || cp "$work/report" "$out"
