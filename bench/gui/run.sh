#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# The viewer's numbers beside the CLI's, same machine, same run (issues 9, 10, 11): v8scope-gui-bench on a heap
# snapshot, a snapshot pair and a CPU profile, each RUNS times (medians), and the CLI's `summary` / `diff` as
# whole processes (GNU time: wall and peak RSS). Writes a Markdown table.
#
# usage: bench/gui/run.sh [--runs N] [--out FILE] HEAP BASE HEAD PROFILE
# Env: BUILD (default build/release, else build/dev): where v8scope and v8scope-gui-bench are.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=3
out="$repo/bench/results/gui-$(date +%Y-%m-%d).md"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -*) echo "usage: $0 [--runs N] [--out FILE] HEAP BASE HEAD PROFILE" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 4 ] || { echo "usage: $0 [--runs N] [--out FILE] HEAP BASE HEAD PROFILE" >&2; exit 2; }
heap=$1 base=$2 head=$3 profile=$4
build=${BUILD:-}
if [ -z "$build" ]; then
  build="$repo/build/release"
  [ -x "$build/bench/gui/v8scope-gui-bench" ] || build="$repo/build/dev"
fi
bench="$build/bench/gui/v8scope-gui-bench"
cli="$build/cli/v8scope"
[ -x "$bench" ] && [ -x "$cli" ] || { echo "no $bench or $cli: build the v8scope and v8scope-gui-bench targets" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-guibench.XXXXXX")
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END{if (NR) print a[int((NR+1)/2)]}'; }

# bench_mode NAME ARGS...: runs the benchmark RUNS times; $work/NAME.METRIC holds one value per run.
bench_mode() {
  local name=$1; shift
  for _ in $(seq "$runs"); do
    "$bench" "$@" 2>>"$work/$name.log" | while IFS=$'\t' read -r metric value; do
      echo "$value" >> "$work/$name.$metric"
    done
  done
}
m() { median < "$work/$1.$2"; }

# cli_run NAME ARGS...: RUNS whole-process runs of v8scope; $work/NAME.wall (s) and NAME.rss (MiB).
cli_run() {
  local name=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$cli" "$@" > /dev/null
    read -r wall kb < "$work/time"
    echo "$wall" >> "$work/$name.wall"
    awk -v k="$kb" 'BEGIN{printf "%.1f\n", k/1024}' >> "$work/$name.rss"
  done
}
cache_off=()
"$cli" summary --help | grep -q -- '--no-cache' && cache_off=(--no-cache)
diff_cache_off=()
"$cli" diff --help | grep -q -- '--no-cache' && diff_cache_off=(--no-cache)

echo "heap: $heap" >&2
bench_mode heap "$heap"
cli_run summary summary "${cache_off[@]}" "$heap"
echo "pair: $base $head" >&2
bench_mode diff "$base" "$head"
bench_mode tabs --tabs "$base" "$head"
cli_run diff diff "${diff_cache_off[@]}" "$base" "$head"
echo "profile: $profile" >&2
bench_mode profile "$profile"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
sum_wall_ms=$(awk '{print $1*1000}' "$work/summary.wall" | median)
diff_wall_ms=$(awk '{print $1*1000}' "$work/diff.wall" | median)
mkdir -p "$(dirname "$out")"
{
  echo "# Viewer benchmark, $(date +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo), load average at start"
  echo "$(cut -d' ' -f1-3 /proc/loadavg); build: $build; medians of $runs runs; the analysis cache off."
  echo
  echo "## Heap snapshot: $(basename "$heap") ($(du -m "$heap" | cut -f1) MB)"
  echo
  echo "| metric | value | target |"
  echo "| --- | --- | --- |"
  echo "| core_ms (loadHeap) | $(m heap core_ms) | |"
  echo "| gui_ms | $(m heap gui_ms) ($(ratio "$(m heap gui_ms)" "$(m heap core_ms)") x core_ms) | <= 1.2 x core_ms |"
  echo "| summary_ms (Summary rows, part of gui_ms) | $(m heap summary_ms) | |"
  echo "| max_stall_ms | $(m heap max_stall_ms) | < 50 |"
  echo "| expand_ms | $(m heap expand_ms) | < 100 |"
  echo "| filter_ms | $(m heap filter_ms) | < 100 |"
  echo "| treemap_ms | $(m heap treemap_ms) | < 200 |"
  echo "| rss_mb (window) | $(m heap rss_mb) ($(ratio "$(m heap rss_mb)" "$(median < "$work/summary.rss")") x the CLI's summary) | <= 1.2 x |"
  echo "| CLI \`summary\`: wall ms, peak RSS MiB | $sum_wall_ms, $(median < "$work/summary.rss") | |"
  echo
  echo "## Snapshot pair: $(basename "$base") -> $(basename "$head")"
  echo
  echo "| metric | Compare Files | both in tabs (--tabs) | target |"
  echo "| --- | --- | --- | --- |"
  echo "| core_diff_ms (diffSnapshots, in process) | $(m diff core_diff_ms) | $(m tabs core_diff_ms) | |"
  echo "| diff_ms | $(m diff diff_ms) ($(ratio "$(m diff diff_ms)" "$diff_wall_ms") x CLI) | $(m tabs diff_ms) ($(ratio "$(m tabs diff_ms)" "$diff_wall_ms") x CLI) | <= 1.2 x the CLI's diff |"
  echo "| max_stall_ms | $(m diff max_stall_ms) | $(m tabs max_stall_ms) | < 50 |"
  echo "| rss_mb | $(m diff rss_mb) ($(ratio "$(m diff rss_mb)" "$(median < "$work/diff.rss")") x CLI) | $(m tabs rss_mb) ($(ratio "$(m tabs rss_mb)" "$(median < "$work/diff.rss")") x CLI) | <= 1.2 x |"
  echo "| CLI \`diff\`: wall ms, peak RSS MiB | $diff_wall_ms, $(median < "$work/diff.rss") | | |"
  echo
  echo "## CPU profile: $(basename "$profile")"
  echo
  echo "| metric | value | target |"
  echo "| --- | --- | --- |"
  for k in core_ms gui_ms max_stall_ms paint_full_ms paint_zoomed_ms paint_chart_ms paint_ms rss_mb; do
    case $k in gui_ms) t="< 1000" ;; max_stall_ms) t="< 50" ;; paint_ms) t="< 16" ;; *) t="" ;; esac
    echo "| $k | $(m profile $k) | $t |"
  done
  echo
  echo "Notes from the runs (stderr):"
  echo
  echo '```'
  cat "$work"/*.log | grep -e '^expanded' -e '^treemap:' -e '^profile:' -e '^flame graph:' -e '^flame chart:' \
    -e '^core diff:' -e '^window comparison:' | sort -u || true
  echo '```'
} > "$out"
cat "$out"
