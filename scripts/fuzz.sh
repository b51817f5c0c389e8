#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Builds one libFuzzer target (clang, ASan + UBSan, in build/fuzz) and runs it for SECONDS.
#   scripts/fuzz.sh heapsnapshot|heapgraph|cpuprofile SECONDS [more libFuzzer options]
# The corpus grows in build/fuzz/corpus/TARGET (seeded from sample_profiles/ and tests/bad_inputs/); crashes are
# written to build/fuzz/artifacts/TARGET/ (add each one to tests/bad_inputs/ once fixed). The last lines of the
# log are libFuzzer's final stats (exec/s, cov:, ft:).
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh heapsnapshot|heapgraph|cpuprofile SECONDS [libFuzzer options]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS}
shift 2
cd "$(dirname "$0")/.."
# clang and its compiler-rt (libFuzzer, sanitizers) are needed here only, not by the build or CI.
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed"; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
fi
build=build/fuzz
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DV8SCOPE_FUZZ=ON \
    -DV8SCOPE_BUILD_TESTS=OFF
fi
cmake --build "$build" --target "fuzz_$target"

corpus=$build/corpus/$target
seeds=$build/seeds/$target
artifacts=$build/artifacts/$target
mkdir -p "$corpus" "$seeds" "$artifacts"
options=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1
  -artifact_prefix="$artifacts/")
case "$target" in
  heapsnapshot)
    cp tests/bad_inputs/*.heapsnapshot tests/bad_inputs/*.heapsnapshot.gz "$seeds/"
    cp sample_profiles/heap/*.heapsnapshot.gz "$seeds/"
    options+=(-dict=tests/fuzz/json.dict -max_len=65536) ;;
  cpuprofile)
    cp sample_profiles/cpu/* "$seeds/"
    if [ -d tests/bad_inputs/cpu ]; then cp tests/bad_inputs/cpu/* "$seeds/"; fi
    options+=(-dict=tests/fuzz/json.dict -max_len=65536) ;;
  heapgraph)
    options+=(-max_len=4096) ;;
  *)
    echo "fuzz.sh: unknown target $target (heapsnapshot, heapgraph, cpuprofile)" >&2
    exit 2 ;;
esac
exec "$build/tests/fuzz/fuzz_$target" "${options[@]}" "$@" "$corpus" "$seeds"
