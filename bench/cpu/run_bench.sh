#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Records a ~150k-sample, ~7k-node CPU profile with real node (`node --cpu-prof`, 125 us interval) and times
# `v8scope cpu` commands on it (best of 3 wall times), and optionally the DevTools oracle for comparison.
# usage: bench/cpu/run_bench.sh [--oracle] [SECONDS=90]  (the profile is recorded once into bench/data/cpu/)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${V8SCOPE:-$root/build/release/cli/v8scope}"
[ -x "$bin" ] || bin="$root/build/dev/cli/v8scope"
oracle=0
if [ "${1:-}" = "--oracle" ]; then oracle=1; shift; fi
seconds="${1:-90}"
data="$root/bench/data/cpu"
prof="$data/bench.cpuprofile"
mkdir -p "$data"
if [ ! -f "$prof" ]; then
    node "$here/gen_program.mjs" "$data/prog" 10 150
    (cd "$data/prog" && node --cpu-prof --cpu-prof-interval 125 --cpu-prof-dir "$data/prog/out" main.js "$seconds")
    mv "$(ls -t "$data"/prog/out/*.cpuprofile | head -1)" "$prof"
fi
"$bin" cpu info "$prof" --format tsv | grep -E '^(nodes|samples|functions|duration_ms)'
best() { # best wall time in ms of 3 runs of "$@"
    local best=999999
    for _ in 1 2 3; do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null
        t1=$(date +%s%N)
        local ms=$(((t1 - t0) / 1000000))
        [ "$ms" -lt "$best" ] && best=$ms
    done
    echo "$best"
}
printf '%-34s %8s\n' command wall_ms
for cmd in "info" "functions" "top" "tree" "tree --bottom-up" "blocking --threshold 10ms" "flame --format folded"; do
    # shellcheck disable=SC2086
    printf '%-34s %8s\n' "cpu $cmd" "$(best "$bin" cpu $cmd "$prof" 2>/dev/null)"
done
# In-process: read + timing + top-down + bottom-up + blocking (the <150 ms target), built against the core.
lib="$(dirname "$(dirname "$bin")")/core/libv8scope_core.a"
if [ -f "$lib" ]; then
    g++ -std=c++20 -O2 -I"$root/core" "$here/cpubench.cpp" "$lib" -lz -lpthread -o "$data/cpubench"
    "$data/cpubench" "$prof"
fi
# The target: bottom-up + top-down + blocking in one process (check runs timing, both trees are built by the
# claims and blocking with threshold 0 over the whole profile).
printf '%-34s %8s\n' "check (timing+blocking+claims)" \
    "$(best "$bin" check "$prof" --claim "function 'work1' total < 50%" --claim "blocking max < 1s")"
if [ "$oracle" = 1 ]; then
    oracle_dir="$root/../shared/oracle"
    [ -d "$oracle_dir" ] || oracle_dir=/work/shared/oracle
    t0=$(date +%s%N)
    node "$oracle_dir/cpu_oracle.mjs" "$prof" --sections bottomup --quiet >/dev/null
    t1=$(date +%s%N)
    printf '%-34s %8s\n' "oracle cpu_oracle.mjs (DevTools)" "$(((t1 - t0) / 1000000))"
    t0=$(date +%s%N)
    node "$oracle_dir/blocking.mjs" "$prof" --json >/dev/null
    t1=$(date +%s%N)
    printf '%-34s %8s\n' "oracle blocking.mjs" "$(((t1 - t0) / 1000000))"
fi
