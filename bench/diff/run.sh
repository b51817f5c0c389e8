#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Diff benchmark: `v8scope diff BASE HEAD` against Chrome DevTools' own model loading both snapshots and
# computing its Comparison (shared/oracle/heap_oracle.mjs --diff: aggregatesForDiff + calculateSnapshotDiff),
# same machine, same run. Wall time and peak RSS of whole processes (GNU time), and whether the seven
# Comparison columns agree.
#
# usage: bench/diff/run.sh [--size MB] [--runs N] [--out FILE] [--no-oracle]
# Env: V8SCOPE (binary, default build/release/cli/v8scope), ORACLE (default ../shared/oracle/heap_oracle.mjs),
#      NODE_OPTS (flags for the oracle's node, default --max-old-space-size=20000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
size=300
runs=1
out="$repo/bench/results/diff-$(date +%Y-%m-%d).md"
oracle_on=1
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --no-oracle) oracle_on=0; shift ;;
    *) echo "usage: $0 [--size MB] [--runs N] [--out FILE] [--no-oracle]" >&2; exit 2 ;;
  esac
done

V8SCOPE=${V8SCOPE:-$repo/build/release/cli/v8scope}
ORACLE=${ORACLE:-$(cd "$repo/.." && pwd)/shared/oracle/heap_oracle.mjs}
NODE_OPTS=${NODE_OPTS:---max-old-space-size=20000}
data="$repo/bench/data"
base="$data/diff-${size}mb-base.heapsnapshot"
head="$data/diff-${size}mb-head.heapsnapshot"
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-diffbench.XXXXXX")
trap 'rm -rf "$work"' EXIT

[ -x "$V8SCOPE" ] || { echo "no v8scope binary at $V8SCOPE (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
mkdir -p "$data" "$(dirname "$out")"
if [ ! -f "$base" ] || [ ! -f "$head" ]; then
  node --max-old-space-size=16384 --expose-gc "$here/make_pair.js" "$size" "$base" "$head"
fi

# Runs a command under GNU time; prints "seconds peak_rss_mb".
measure() {
  local log="$work/time.log"
  /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$log"
}

best() { sort -n | head -1; }

v8t=(); v8m=()
for _ in $(seq "$runs"); do
  read -r t m < <(measure "$V8SCOPE" diff "$base" "$head" --format tsv --no-cache)
  v8t+=("$t"); v8m+=("$m")
done
"$V8SCOPE" diff "$base" "$head" --format tsv | cut -f1-7 >"$work/ours.tsv"
v8_time=$(printf '%s\n' "${v8t[@]}" | best)
v8_rss=$(printf '%s\n' "${v8m[@]}" | best)

{
  echo "# Diff benchmark $(date +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; node $(node --version)."
  echo "Files: $(basename "$base") ($(du -mL "$base" | cut -f1) MB), $(basename "$head") ($(du -mL "$head" | cut -f1) MB)."
  echo "Best of $runs run(s); wall time and peak RSS of the whole process."
  echo
  echo "| tool | wall s | peak RSS MB |"
  echo "| --- | ---: | ---: |"
  echo "| v8scope diff (parse + analyze both, Comparison, retained, new objects, paths) | $v8_time | $v8_rss |"
} >"$out"

if [ "$oracle_on" = 1 ]; then
  ots=(); oms=()
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086
    read -r t m < <(measure node $NODE_OPTS "$ORACLE" "$head" --diff "$base" --out "$work/oracle.tsv")
    ots+=("$t"); oms+=("$m")
  done
  ot=$(printf '%s\n' "${ots[@]}" | best)
  om=$(printf '%s\n' "${oms[@]}" | best)
  same=$(cmp -s "$work/ours.tsv" "$work/oracle.tsv" && echo "identical" || echo "DIFFERENT")
  {
    echo "| DevTools model (load both, aggregatesForDiff + calculateSnapshotDiff) | $ot | $om |"
    echo
    echo "Speed-up: $(awk -v a="$ot" -v b="$v8_time" 'BEGIN { printf "%.1fx", a / b }'); RSS ratio:" \
      "$(awk -v a="$v8_rss" -v b="$om" 'BEGIN { printf "%.2f", a / b }') (v8scope / DevTools)."
    echo "Comparison rows (first seven TSV columns vs the oracle): $same."
  } >>"$out"
fi
cat "$out"
