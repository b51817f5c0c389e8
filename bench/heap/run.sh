#!/usr/bin/env bash
# Heap benchmark: v8scope vs Chrome DevTools' own model (shared/oracle/heap_oracle.mjs) on generated Node
# snapshots. Wall time and peak RSS of whole processes, plus parity of the two Summary outputs (and, on the
# ~50 MB file, of every node).
#
# usage: bench/heap/run.sh [--sizes "5 50 300 1000"] [--runs N] [--out FILE] [--no-build] [--no-oracle]
#   --sizes    snapshot sizes in MB (bench/data/heap-<MB>mb.heapsnapshot; made by make_snapshot.js if missing)
#   --runs     timed runs per tool and size (default 3; files of 1000 MB and more get 1)
#   --out      results file (default bench/results/heap-<date>.md)
#   --nodes-size  sizes whose per-node output is compared line by line (default "50 300"; "none" to skip)
# Env: V8SCOPE (binary, default build/release/cli/v8scope), V8SCOPE_COMMIT (what to call that binary in the results;
#      default: this checkout's HEAD, flagged when core/ or cli/ have uncommitted changes), ORACLE (default ../shared/oracle/heap_oracle.mjs),
#      NODE_OPTS (flags for the oracle's node, default --max-old-space-size=20000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
sizes="5 50 300 1000"
runs=3
nodes_size="50 300"
out="$repo/bench/results/heap-$(date +%Y-%m-%d).md"
build=1
oracle_on=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --nodes-size) nodes_size=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-oracle) oracle_on=0; shift ;;
    *) echo "usage: $0 [--sizes \"5 50 300 1000\"] [--runs N] [--out FILE] [--nodes-size MB|none] [--no-build] [--no-oracle]" >&2; exit 2 ;;
  esac
done

V8SCOPE=${V8SCOPE:-$repo/build/release/cli/v8scope}
ORACLE=${ORACLE:-$(cd "$repo/.." && pwd)/shared/oracle/heap_oracle.mjs}
NODE_OPTS=${NODE_OPTS:---max-old-space-size=20000}
data="$repo/bench/data"
work=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

if [ "$build" = 1 ]; then
  (cd "$repo" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null)
fi
[ -x "$V8SCOPE" ] || { echo "no binary at $V8SCOPE (build with: cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
# Run a private copy: a rebuild in the working tree during the run must not swap the binary between runs.
cp "$V8SCOPE" "$work/v8scope"
V8SCOPE_SRC=$V8SCOPE
V8SCOPE=$work/v8scope
[ "$oracle_on" = 0 ] || [ -f "$ORACLE" ] || { echo "no oracle at $ORACLE" >&2; exit 2; }

# time_cmd LABEL CMD...: runs CMD under /usr/bin/time, appends "LABEL wall_s rss_kb user_s sys_s load1" to
# $work/times (load1: the 1-minute load average just before the run, to spot a busy machine).
time_cmd() {
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%e %M %U %S' -o "$work/t" "$@" >"$work/stdout" 2>"$work/stderr" || {
    echo "FAILED: $*" >&2; cat "$work/stderr" >&2; echo "$label FAIL FAIL FAIL FAIL $load" >>"$work/times"; return 0; }
  echo "$label $(tail -1 "$work/t") $load" >>"$work/times"
}
# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
minmax() { sort -g | awk 'NR==1{lo=$1} {hi=$1} END {print lo "–" hi}'; }
maxof() { sort -g | tail -1; }
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
json_field() { sed -n "s/^ *\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$2"; }

rows=()
details=()
: >"$work/times"
for mb in $sizes; do
  file="$data/heap-${mb}mb.heapsnapshot"
  if [ ! -s "$file" ]; then
    echo "== generating $file" >&2
    node --max-old-space-size=16384 --expose-gc "$here/make_snapshot.js" "$mb" "$file" >&2
  fi
  n=$runs
  [ "$mb" -ge 1000 ] && n=1
  bytes=$(stat -L -c %s "$file")
  cat "$file" >/dev/null   # warm the page cache

  echo "== $file ($bytes bytes), $n runs" >&2
  parse=(); analyze=()
  for i in $(seq "$n"); do
    "$V8SCOPE" info "$file" --format json --no-cache >"$work/info.json"
    parse+=("$(json_field parse_ms "$work/info.json")"); analyze+=("$(json_field analyze_ms "$work/info.json")")
  done
  nodes=$(json_field nodes "$work/info.json"); edges=$(json_field edges "$work/info.json")
  parse_med=$(printf '%s\n' "${parse[@]}" | median); analyze_med=$(printf '%s\n' "${analyze[@]}" | median)

  # Alternate the two tools so that a change in machine load hits both alike.
  for i in $(seq "$n"); do
    time_cmd "v8scope-$mb" "$V8SCOPE" summary "$file" --format tsv --no-cache
    cp "$work/stdout" "$work/v8scope-$mb.tsv"
    if [ "$oracle_on" = 1 ]; then
      time_cmd "oracle-$mb" node $NODE_OPTS "$ORACLE" "$file" --summary "$work/oracle-$mb.tsv"
    fi
  done
  cpu_of() { awk -v l="$1" '$1==l{print $4+$5}' "$work/times" | median; }

  v_wall=$(awk -v l="v8scope-$mb" '$1==l{print $2}' "$work/times")
  v_rss=$(awk -v l="v8scope-$mb" '$1==l{print $3}' "$work/times")
  vw=$(echo "$v_wall" | median); vr=$(( $(echo "$v_rss" | maxof) / 1024 ))
  vrange=$(echo "$v_wall" | minmax); vcpu=$(cpu_of "v8scope-$mb")
  if [ "$oracle_on" = 1 ]; then
    o_wall=$(awk -v l="oracle-$mb" '$1==l{print $2}' "$work/times")
    o_rss=$(awk -v l="oracle-$mb" '$1==l{print $3}' "$work/times")
    ow=$(echo "$o_wall" | median); orr=$(( $(echo "$o_rss" | maxof) / 1024 ))
    orange=$(echo "$o_wall" | minmax); ocpu=$(cpu_of "oracle-$mb")
    cpuspeedup=$(awk -v a="$ocpu" -v b="$vcpu" 'BEGIN{printf "%.1f×", a/b}')
    speedup=$(awk -v a="$ow" -v b="$vw" 'BEGIN{printf "%.1f×", a/b}')
    rssratio=$(awk -v a="$vr" -v b="$orr" 'BEGIN{printf "%.2f", a/b}')
    # Summary parity: the same multiset of rows (class, count, shallow, retained, distance).
    tail -n +2 "$work/v8scope-$mb.tsv" | sort >"$work/v.sorted"
    tail -n +2 "$work/oracle-$mb.tsv" | sort >"$work/o.sorted"
    total_rows=$(wc -l <"$work/o.sorted")
    only_v=$(comm -23 "$work/v.sorted" "$work/o.sorted" | wc -l)
    only_o=$(comm -13 "$work/v.sorted" "$work/o.sorted" | wc -l)
    if [ "$only_v" = 0 ] && [ "$only_o" = 0 ]; then
      parity="summary identical ($total_rows rows)"
    else
      parity="summary DIFFERS: $only_o of $total_rows DevTools rows missing/different, $only_v extra rows in v8scope"
      details+=("### ${mb} MB: Summary rows that differ (< DevTools, > v8scope)" '```'
        "$(diff "$work/o.sorted" "$work/v.sorted" | grep '^[<>]' | head -20)" '```')
    fi
  else
    ow=n/a; orr=n/a; orange=""; ocpu=n/a; speedup=n/a; cpuspeedup=n/a; rssratio=n/a; parity="not compared"
  fi

  if [ "$oracle_on" = 1 ] && [[ " $nodes_size " == *" $mb "* ]]; then
    echo "== per-node comparison on $file" >&2
    "$V8SCOPE" nodes "$file" --format tsv >"$work/v-nodes.tsv"
    node $NODE_OPTS "$ORACLE" "$file" --nodes "$work/o-nodes.tsv" 2>/dev/null
    python3 - "$work/o-nodes.tsv" "$work/v-nodes.tsv" >"$work/nodecmp" <<'EOF'
import sys
cols = ['id', 'class', 'self', 'retained', 'distance', 'dominator_id']
o = open(sys.argv[1], encoding='utf-8', errors='replace').read().splitlines()
v = open(sys.argv[2], encoding='utf-8', errors='replace').read().splitlines()
bad, percol, ex = 0, [0] * 6, []
for i in range(1, max(len(o), len(v))):
    a = o[i] if i < len(o) else ''
    b = v[i] if i < len(v) else ''
    if a != b:
        bad += 1
        fa, fb = a.split('\t'), b.split('\t')
        for c in range(6):
            if c >= len(fa) or c >= len(fb) or fa[c] != fb[c]:
                percol[c] += 1
        if len(ex) < 5:
            ex.append(f'DevTools: {a}\nv8scope:  {b}')
print(bad, max(len(o), len(v)) - 1, len(o) == len(v) and o[:1] == v[:1])
print(', '.join(f'{cols[c]} {percol[c]}' for c in range(6) if percol[c]))
print('\n\n'.join(ex))
EOF
    read -r bad total header_ok <"$work/nodecmp"
    rm -f "$work/v-nodes.tsv" "$work/o-nodes.tsv"
    parity="$parity; nodes: $bad of $total differ"
    if [ "$bad" != 0 ]; then
      details+=("### ${mb} MB: nodes that differ (first 5; per column: $(sed -n 2p "$work/nodecmp"))" '```'
        "$(tail -n +3 "$work/nodecmp")" '```')
    fi
  fi

  rows+=("| $mb MB ($(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB) | $(commas "$nodes") | $(commas "$edges") | $vw s (${vrange}) · $vr MB | ${parse_med} / ${analyze_med} | $ow s (${orange}) · $orr MB | $speedup | $rssratio | $vcpu s / $ocpu s ($cpuspeedup) | $parity |")
done

mkdir -p "$(dirname "$out")"
{
  echo "# Heap benchmark $(date +%Y-%m-%d)"
  echo
  echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB RAM,"
  echo "$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), node $(node --version), $(c++ --version | head -1)."
  if [ -n "${V8SCOPE_COMMIT:-}" ]; then commit=$V8SCOPE_COMMIT
  else commit="$(cd "$repo" && git rev-parse --short HEAD)$(cd "$repo" && git diff --quiet HEAD -- core cli || echo ' + uncommitted changes in core/ or cli/')"; fi
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$(dirname "$(dirname "$V8SCOPE")")/CMakeCache.txt" 2>/dev/null || true)
  echo "v8scope $commit ($V8SCOPE_SRC), ${build_type:-unknown} build; analysis cache off (\`--no-cache\`: every run parses and analyses)."
  echo "Warm page cache, one process at a time (the two tools alternate), $runs runs per cell (1 at 1000 MB); wall = median (min–max),"
  echo "RSS = max of the runs' peak RSS in MiB (KiB / 1024), CPU = median user+sys seconds. 1-minute load average before the runs: $(awk '{print $6}' "$work/times" | minmax)."
  echo "DevTools = \`node $NODE_OPTS heap_oracle.mjs FILE --summary OUT\`; v8scope = \`v8scope summary FILE --format tsv --no-cache\`."
  echo "parse/analyze = median \`parse_ms\` / \`analyze_ms\` of \`v8scope info FILE --format json\` (in-process, ms)."
  echo
  echo "| size | nodes | edges | v8scope wall · RSS | v8scope parse / analyze ms | DevTools wall · RSS | speedup (wall) | RSS ratio (v8scope/DevTools) | CPU v8scope / DevTools (ratio) | parity |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  if [ ${#details[@]} -gt 0 ]; then printf '%s\n' "${details[@]}"; echo; fi
  echo "Raw times (label wall_s max_rss_kb user_s sys_s load1):"
  echo '```'
  cat "$work/times"
  echo '```'
} >"$out"
echo "wrote $out" >&2
cat "$out"
