#!/usr/bin/env bash
# Builds bench/heap/phases.cpp against the release core library and runs it on a snapshot: per-phase wall/CPU
# time, RSS after each phase, analysis step timings and the bytes held by each array.
#
# usage: bench/heap/phases.sh FILE [--parser-baselines]
#   (needs the release build: cmake --preset release && cmake --build --preset release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# V8SCOPE_SRC_DIR: a source tree with its release build (default this checkout), e.g. a clean `git archive` export.
src=${V8SCOPE_SRC_DIR:-$repo}
lib=$src/build/release/core/libv8scope_core.a
bin=${TMPDIR:-/tmp}/v8scope-phases-$(echo "$src" | md5sum | cut -c1-8)
[ -f "$lib" ] || { echo "no $lib (build the release preset first)" >&2; exit 2; }
if [ ! -x "$bin" ] || [ "$here/phases.cpp" -nt "$bin" ] || [ "$lib" -nt "$bin" ]; then
  c++ -std=c++20 -O3 -DNDEBUG -DRAPIDJSON_HAS_STDSTRING=1 -I "$src/core" "$here/phases.cpp" "$lib" -lz -pthread -o "$bin"
fi
exec "$bin" "$@"
