#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Builds bench/heap/retainersview.cpp against a built core library and times RetainersView::compute ("Ignore this
# retainer") on a snapshot.
#
# usage: bench/heap/retainersview.sh FILE [RUNS]
#   BUILD=build/release (default; build/dev works too: RelWithDebInfo, -O2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/${BUILD:-build/release}
lib=$build/core/libv8scope_core.a
bin=${TMPDIR:-/tmp}/v8scope-retainersview-$(echo "$build" | md5sum | cut -c1-8)
[ -f "$lib" ] || { echo "no $lib (build that preset first, or set BUILD=build/dev)" >&2; exit 2; }
if [ ! -x "$bin" ] || [ "$here/retainersview.cpp" -nt "$bin" ] || [ "$lib" -nt "$bin" ]; then
  c++ -std=c++20 -O2 -DNDEBUG -DRAPIDJSON_HAS_STDSTRING=1 -I "$repo/core" "$here/retainersview.cpp" "$lib" -lz -pthread -o "$bin"
fi
exec "$bin" "$@"
