#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Saves one PNG per view of the viewer into docs/screenshots/ (light palette; with --dark also *-dark.png), by
# running the real window under Xvfb (xvfb-run) on the bundled leaking app's last snapshot, the claims panel on
# budget.claims, the Allocations tab of alloc_tracking, a Detached <div> of chromium_detached_dom_1 with its
# nearest retainer ignored (heap-retainers-ignored); then the Comparison, Leaks and CPU views through their
# tests (tst_comparison, tst_leaks, tst_cpuview, tst_traceflamechart with V8SCOPE_SCREENSHOTS / V8SCOPE_SCREENSHOT_DIR).
#
# usage: scripts/screenshots.sh [--dark] [--build DIR]     (default build dir: build/dev)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$repo/build/dev
dark=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dark) dark=1 ;;
    --build) build=$2; shift ;;
    *) echo "usage: $0 [--dark] [--build DIR]" >&2; exit 2 ;;
  esac
  shift
done
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: apt-get install xvfb" >&2; exit 2; }
cmake --build "$build" --target v8scope-gui-screenshots -j2 >/dev/null
tool=$build/gui/v8scope-gui-screenshots
out=$repo/docs/screenshots
snapshot=$repo/sample_profiles/heap/leak_s3.heapsnapshot.gz
broken=$repo/tests/bad_inputs/partial_edge.heapsnapshot
# The claims panel: a budget (sample_profiles/cpu/budget.claims) on two CPU profiles and the first snapshot.
claims=(--open "$repo/sample_profiles/cpu/cpu_mix.cpuprofile" --open "$repo/sample_profiles/cpu/http_blocking.cpuprofile"
  --open "$repo/sample_profiles/heap/leak_s1.heapsnapshot.gz" --claims "$repo/sample_profiles/cpu/budget.claims"
  --allocations "$repo/sample_profiles/heap/alloc_tracking.heapsnapshot.gz"
  --ignore-retainer "$repo/sample_profiles/heap/chromium_detached_dom_1.heapsnapshot.gz#53027")
run() { QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" "$tool" "$out" "$snapshot" "$broken" "${claims[@]}" "$@"; }
run
[ "$dark" = 1 ] && run --dark
# The Comparison, Leaks and CPU pages are saved by their tests (light palette, offscreen).
cmake --build "$build" --target tst_comparison tst_leaks tst_cpuview tst_traceflamechart -j2 >/dev/null
for t in tst_comparison tst_leaks; do
  V8SCOPE_SCREENSHOTS=$out QT_QPA_PLATFORM=offscreen "$build/tests/$t" >/dev/null
done
for t in tst_cpuview tst_traceflamechart; do
  V8SCOPE_SCREENSHOT_DIR=$out QT_QPA_PLATFORM=offscreen "$build/tests/$t" >/dev/null
done
ls -l "$out"
