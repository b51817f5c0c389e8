#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Command 1 of the README: installs what the CLI needs, builds only the v8scope binary (Release, in build/demo: no
# test suite, no viewer), then runs the main job on the bundled samples: a heap summary, the retaining path of the
# leak, a diff with a CI gate, leak suspects, the CPU profile's top functions and event-loop blocking. Idempotent:
# a second run rebuilds nothing. Prints its time.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
bash scripts/setup.sh --cli
build=build/demo
if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  # -O2 (as the dev preset): GCC 12's -O3 prints false -Wrestrict/-Warray-bounds warnings from libstdc++ headers.
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
    -DV8SCOPE_BUILD_TESTS=OFF -DV8SCOPE_BUILD_GUI=OFF "${launcher[@]}" >/dev/null
fi
cmake --build "$build" --target v8scope -j2
built=$SECONDS
v8scope=$build/cli/v8scope
heap=sample_profiles/heap
cpu=sample_profiles/cpu
run() { # prints the command as a user would type it, then runs it
  echo
  echo "\$ v8scope $*"
  "$v8scope" "$@"
}

# A Node.js app that leaks Session objects into a Map, snapshotted three times (docs/samples.md).
run summary --top 8 $heap/leak_s3.heapsnapshot.gz
# The retaining path of one leaked Session: id 75559 is the Map that keeps them (docs/ci.md).
run retainers $heap/leak_s3.heapsnapshot.gz --id 75559 --paths 1
# The CI gate: exit code 1 and the offending rows when retained size grew by more than 100 kB.
run diff --top 5 $heap/leak_s1.heapsnapshot.gz $heap/leak_s3.heapsnapshot.gz --fail-if 'retained>+100kB' \
  || echo "(exit code $?: the gate tripped, as it would fail a CI job)"
run leaks --top 3 $heap/leak_s1.heapsnapshot.gz $heap/leak_s2.heapsnapshot.gz $heap/leak_s3.heapsnapshot.gz
# A CPU profile of a JSON/hash workload, and an HTTP server that blocks its event loop.
run cpu top --top 8 $cpu/cpu_mix.cpuprofile
run cpu blocking --threshold 100ms --top 1 $cpu/http_blocking.cpuprofile
echo
echo "demo.sh: set-up and build $((built - start)) s, analyses $((SECONDS - built)) s; the binary is $v8scope"
