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
# each as whole-process wall seconds and peak RSS (/usr/bin/time), median of --runs runs, and prints the ratios
# (x floor, x DevTools, RSS / file size) as a Markdown table.
#
# usage: bench/scale/run.sh [--sizes "300 1000"] [--runs N] [--data DIR] [--oracle] [--out FILE]
#   --data   where the snapshots are (and are made, once, by bench/heap/make_snapshot.js): default
#            $V8SCOPE_BENCH_DATA or ~/.cache/v8scope-bench; keep it outside the repository
# Env: V8SCOPE (default build/release/cli/v8scope). Run it with `nice` on a shared machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
sizes="300"
runs=3
data=${V8SCOPE_BENCH_DATA:-$HOME/.cache/v8scope-bench}
oracle=0
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --oracle) oracle=1; shift ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: $0 [--sizes \"300 1000\"] [--runs N] [--data DIR] [--oracle] [--out FILE]" >&2; exit 2 ;;
  esac
done
V8SCOPE=${V8SCOPE:-$repo/build/release/cli/v8scope}
ORACLE=${ORACLE:-$(cd "$repo/.." && pwd)/shared/oracle/heap_oracle.mjs}
[ -x "$V8SCOPE" ] || { echo "no binary at $V8SCOPE (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$V8SCOPE" "$work/v8scope"
floor=$work/scan_numbers
c++ -std=c++20 -O2 -pthread "$repo/bench/floor/scan_numbers.cpp" -o "$floor"
mkdir -p "$data"
export LC_ALL=C

# timed LABEL CMD...: appends "LABEL wall_s rss_kb" to $work/times
timed() {
  local label=$1; shift
  if /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$work/stdout" 2>"$work/stderr"; then
    echo "$label $(tail -1 "$work/t")" >>"$work/times"
  else
    echo "FAILED: $*" >&2; tail -3 "$work/stderr" >&2
  fi
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
col() { awk -v l="$1" -v c="$2" '$1==l {print $c}' "$work/times" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a=="n/a" || b=="n/a" || b==0) print "n/a"; else printf "%.2f", a/b }'; }

{
  echo "# v8scope at scale, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB RAM;" \
    "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg). v8scope $(git -C "$repo" rev-parse --short HEAD)."
  echo "Wall seconds and peak RSS in MB are medians of $runs runs (1 run at 1000 MB and above)."
  echo
  echo "| file | floor 1 thread · 2 threads | cold summary (x floor) · RSS (x file) | first (writes cache) | cached summary · RSS | retainers --id, cached | DevTools · RSS | x DevTools |"
  echo "|---|---|---|---|---|---|---|---|"
} >"$work/report"

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
  done
  rm -rf "$cache"
  f1=$(col floor1 2); f2=$(col floor2 2)
  cw=$(col cold 2); cr=$(awk -v k="$(col cold 3)" 'BEGIN {printf "%.0f", k/1024}')
  fw=$(col first 2); hw=$(col cached 2); hr=$(awk -v k="$(col cached 3)" 'BEGIN {printf "%.0f", k/1024}')
  rw=$(col retainers 2)
  dw=$(col devtools 2); dr=$(col devtools 3)
  [ "$dr" = "n/a" ] || dr=$(awk -v k="$dr" 'BEGIN {printf "%.0f", k/1024}')
  file_mb=$(awk -v b="$bytes" 'BEGIN {printf "%.0f", b/1e6}')
  echo "| ${file_mb} MB | $f1 s · $f2 s | $cw s ($(ratio "$cw" "$f1")×) · $cr MB ($(ratio "$cr" "$file_mb")×) | $fw s | $hw s · $hr MB | $rw s | $dw s · $dr MB | $(ratio "$dw" "$cw")× |" >>"$work/report"
  sed "s/^/    $mb MB: /" "$work/times" >>"$work/raw"
done
{
  echo
  echo "Raw (label wall_s rss_kb):"
  echo
  cat "$work/raw"
} >>"$work/report"
cat "$work/report"
[ -z "$out" ] || cp "$work/report" "$out"
