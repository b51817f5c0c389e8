#!/usr/bin/env bash
# Regenerates every sample in sample_profiles/ from real Node.js and headless Chromium runs, then
# the DevTools reference outputs (make_references.sh). See docs/samples.md.
#
# usage: bash sample_profiles/scripts/generate_all.sh [--no-references] [TARGET...]
#   TARGET: leak control emitter express shapes alloc_tracking chromium chromium_trace cpu_mix http_blocking batch_sync node_trace heap_prof edge_cases (default: all)
# env:    NODE=node (Node 20 was used), CHROMIUM=/usr/bin/chromium, V8SCOPE_ORACLE_SRC=<oracle dir>
#
# Needs: node + npm (npm registry for puppeteer-core), and Debian's chromium package, which this
# script installs with apt-get when it is missing (as root, or through sudo). Nothing else is
# downloaded; the Chromium run serves its page from a file:// URL and talks CDP over a pipe. The
# HTTP sample listens on 127.0.0.1 only, sends 15 requests and stops by itself.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
samples=$(cd "$here/.." && pwd)
NODE=${NODE:-node}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

refs=1
targets=()
for a in "$@"; do
  case "$a" in
    --no-references) refs=0 ;;
    leak|control|emitter|express|shapes|alloc_tracking|chromium|chromium_trace|cpu_mix|http_blocking|batch_sync|node_trace|heap_prof|edge_cases) targets+=("$a") ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(leak control emitter express shapes alloc_tracking chromium chromium_trace cpu_mix http_blocking batch_sync node_trace heap_prof edge_cases)
want() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

echo "node $("$NODE" --version)"
mkdir -p "$samples/heap" "$samples/cpu" "$samples/reference"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# gzip -9 -n: no name/timestamp in the header, so the same input gives the same bytes.
put_snapshot() {   # put_snapshot NAME : $tmp/NAME.heapsnapshot -> heap/NAME.heapsnapshot.gz
  gzip -9 -n -c "$tmp/$1.heapsnapshot" > "$samples/heap/$1.heapsnapshot.gz"
  echo "  heap/$1.heapsnapshot.gz: $(stat -c %s "$tmp/$1.heapsnapshot") bytes -> $(stat -c %s "$samples/heap/$1.heapsnapshot.gz") gz"
}
put_profile() {    # put_profile FILE : $tmp/FILE -> cpu/FILE (gzip only above 1 MB)
  if [ "$(stat -c %s "$tmp/$1")" -gt 1048576 ]; then
    gzip -9 -n -c "$tmp/$1" > "$samples/cpu/$1.gz"; rm -f "$samples/cpu/$1"; echo "  cpu/$1.gz"
  else
    install -m 644 "$tmp/$1" "$samples/cpu/$1"; rm -f "$samples/cpu/$1.gz"; echo "  cpu/$1: $(stat -c %s "$samples/cpu/$1") bytes"
  fi
}

cd "$here"

if want leak; then
  echo "== leak_s1/s2/s3 (one process, node --expose-gc)"
  "$NODE" --expose-gc leak_app.js leak "$tmp"
  for n in leak_s1 leak_s2 leak_s3; do put_snapshot $n; done
fi

if want control; then
  echo "== control_a/b (one process, no leak)"
  "$NODE" --expose-gc leak_app.js control "$tmp"
  for n in control_a control_b; do put_snapshot $n; done
fi

if want emitter; then
  echo "== emitter_s1/s2/s3 (listeners on an EventEmitter keep sessions; one process)"
  "$NODE" --expose-gc emitter_leak.js "$tmp"
  for n in emitter_s1 emitter_s2 emitter_s3; do put_snapshot $n; done
fi

if want express; then
  echo "== express_s1/s2/s3 (express + express-session, a store that never prunes; 127.0.0.1 only)"
  if [ ! -f express_leak/node_modules/express/package.json ]; then
    (cd express_leak && npm ci --ignore-scripts --no-audit --no-fund)
  fi
  # --jitless: no optimized code in the files, which keeps the three under 5 MB gzipped.
  "$NODE" --expose-gc --jitless express_leak/express_leak.js "$tmp" 2> >(grep -v 'disabling flag --expose_wasm' >&2)
  for n in express_s1 express_s2 express_s3; do put_snapshot $n; done
fi

if want shapes; then
  echo "== shapes"
  "$NODE" --expose-gc shapes.js "$tmp/shapes.heapsnapshot"
  put_snapshot shapes
fi

if want alloc_tracking; then
  echo "== alloc_tracking (allocation tracking through the inspector: a .heaptimeline-style snapshot)"
  "$NODE" --expose-gc alloc_tracking.js "$tmp/alloc_tracking.heapsnapshot"
  put_snapshot alloc_tracking
fi

if want chromium; then
  echo "== chromium_detached_dom_1/2 (headless Chromium + puppeteer-core)"
  if [ ! -x "$CHROMIUM" ]; then
    echo "  $CHROMIUM missing: installing Debian's chromium package"
    if [ "$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
    else sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; fi
  fi
  echo "  $("$CHROMIUM" --version 2>/dev/null)"
  if [ ! -f node_modules/puppeteer-core/package.json ]; then
    npm ci --ignore-scripts --no-audit --no-fund
  fi
  "$NODE" chromium_detached_dom.mjs "$tmp" "$CHROMIUM"
  for n in chromium_detached_dom_1 chromium_detached_dom_2; do put_snapshot $n; done
fi

if want chromium_trace; then
  echo "== chromium_trace, chromium_two_renderers, chromium_page(_port2) (headless Chromium + puppeteer-core)"
  [ -x "$CHROMIUM" ] || { echo "  $CHROMIUM missing: run the chromium target first (it installs the package)" >&2; exit 1; }
  [ -f node_modules/puppeteer-core/package.json ] || npm ci --ignore-scripts --no-audit --no-fund
  "$NODE" chromium_trace.mjs "$tmp" "$CHROMIUM"
  # Traces are always gzipped (-9 -n); the two page profiles are small.
  for n in chromium_trace chromium_two_renderers; do
    gzip -9 -n -c "$tmp/$n.json" > "$samples/cpu/$n.json.gz"
    echo "  cpu/$n.json.gz: $(stat -c %s "$tmp/$n.json") bytes -> $(stat -c %s "$samples/cpu/$n.json.gz") gz"
  done
  for n in chromium_page chromium_page_port2; do put_profile $n.cpuprofile; done
fi

if want cpu_mix; then
  echo "== cpu_mix (node --cpu-prof --cpu-prof-interval 1000)"
  "$NODE" --cpu-prof --cpu-prof-interval 1000 --cpu-prof-dir "$tmp" --cpu-prof-name cpu_mix.cpuprofile \
    cpu_mix.js "$tmp/cpu_mix.truth.json"
  put_profile cpu_mix.cpuprofile
  cp "$tmp/cpu_mix.truth.json" "$samples/cpu/cpu_mix.truth.json"
fi

if want http_blocking; then
  echo "== http_blocking (node --cpu-prof, HTTP server on 127.0.0.1)"
  "$NODE" --cpu-prof --cpu-prof-interval 1000 --cpu-prof-dir "$tmp" --cpu-prof-name http_blocking.cpuprofile \
    http_blocking.js "$tmp/http_blocking.blocks.json"
  # Check that every logged block is found in the profile (same clock); keep the report.
  oracle=${V8SCOPE_ORACLE_SRC:-$(cd "$samples/../.." && pwd)/shared/oracle}   # <repo>/../shared/oracle
  "$NODE" "$oracle/blocking.mjs" "$tmp/http_blocking.cpuprofile" --expect "$tmp/http_blocking.blocks.json" | tee "$tmp/expect.txt"
  if ! grep -qE '^# matched ([0-9]+)/\1 logged blocks' "$tmp/expect.txt"; then
    echo "http_blocking: not every logged block was found in the profile; not keeping this run" >&2
    exit 1
  fi
  put_profile http_blocking.cpuprofile
  cp "$tmp/http_blocking.blocks.json" "$samples/cpu/http_blocking.blocks.json"
fi

if want batch_sync; then
  echo "== batch_sync (node --cpu-prof; a synchronous job: no (idle) sample)"
  "$NODE" --cpu-prof --cpu-prof-interval 1000 --cpu-prof-dir "$tmp" --cpu-prof-name batch_sync.cpuprofile batch_sync.js
  put_profile batch_sync.cpuprofile
fi
if want node_trace; then
  echo "== node_trace (node --trace-event-categories ...cpu_profiler: Node writes no CPU samples into traces)"
  (cd "$tmp" && "$NODE" --trace-event-categories 'v8,disabled-by-default-v8.cpu_profiler' \
      --trace-event-file-pattern node20_trace_events.json "$here/node_trace_events.js")
  install -m 644 "$tmp/node20_trace_events.json" "$samples/cpu/node20_trace_events.json"
  echo "  cpu/node20_trace_events.json: $(stat -c %s "$samples/cpu/node20_trace_events.json") bytes"
fi

if want heap_prof; then
  echo "== heap_prof (node --heap-prof --heap-prof-interval 16384)"
  "$NODE" --heap-prof --heap-prof-interval 16384 --heap-prof-dir "$tmp" --heap-prof-name heap_prof.heapprofile heap_prof.js
  install -m 644 "$tmp/heap_prof.heapprofile" "$samples/cpu/heap_prof.heapprofile"
  echo "  cpu/heap_prof.heapprofile: $(stat -c %s "$samples/cpu/heap_prof.heapprofile") bytes"
fi

if want edge_cases; then
  echo "== edge_cases / parent_only (hand-made, deterministic)"
  "$NODE" make_edge_cases.mjs "$samples/cpu"
fi

if [ "$refs" = 1 ]; then
  bash "$here/make_references.sh"
fi
