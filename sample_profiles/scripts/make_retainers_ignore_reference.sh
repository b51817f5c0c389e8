#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# reference/retainers_ignore/: DevTools' Retainers view after "Ignore this retainer" (and "Stop ignoring"), made by
# devtools_retainers_ignore.mjs, which calls the DevTools worker's ignoreNodeInRetainersView /
# unignoreNodeInRetainersView / unignoreAllNodesInRetainersView in the order of each case below and writes
#   CASE.nodes.tsv.gz  getDistanceForRetainersView of every node (id, distance), in snapshot order
#   CASE.edges.tsv     the edges isEdgeIgnoredInRetainersView marks (WeakMap halves): edge ordinal, from, to, name
# cases.tsv lists the cases (case, sample, ignore, unignore): tests/core/tst_retainersview.cpp computes each with
# RetainersView::compute on the nodes left ignored and compares every node and every ignored edge.
# usage: bash sample_profiles/scripts/make_retainers_ignore_reference.sh   (make_references.sh runs it too)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
samples=$(cd "$here/.." && pwd)
NODE=${NODE:-node}
oracle=${V8SCOPE_ORACLE_SRC:-$(cd "$samples/../.." && pwd)/shared/oracle}
[ -f "$oracle/bundle.mjs" ] || { echo "oracle not found at $oracle (set V8SCOPE_ORACLE_SRC)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-retignore.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out=$samples/reference/retainers_ignore
rm -rf "$out"
mkdir -p "$out"
printf 'case\tsample\tignore\tunignore\n' > "$out/cases.tsv"

# one CASE SAMPLE IGNORE [UNIGNORE|all]: ignore the ids IGNORE in order, then unignore UNIGNORE (or all).
one() {
  local name=$1 sample=$2 ignore=$3 unignore=${4:--}
  [ -f "$tmp/$sample.heapsnapshot" ] || gzip -dc "$samples/heap/$sample.heapsnapshot.gz" > "$tmp/$sample.heapsnapshot"
  local extra=()
  case "$unignore" in -) ;; all) extra=(--unignore-all) ;; *) extra=(--unignore "$unignore") ;; esac
  local said
  said=$(cd "$tmp" && V8SCOPE_ORACLE_SRC=$oracle "$NODE" "$here/devtools_retainers_ignore.mjs" "$sample.heapsnapshot" \
    --ignore "$ignore" "${extra[@]}" --out "$name" 2> "$name.err" || { cat "$name.err" >&2; exit 1; })
  gzip -9 -n -c "$tmp/$name.nodes.tsv" > "$out/$name.nodes.tsv.gz"
  cp "$tmp/$name.edges.tsv" "$out/"
  printf '%s\t%s\t%s\t%s\n' "$name" "$sample" "$ignore" "$unignore" >> "$out/cases.tsv"
  echo "$name ($sample): $said; $(($(wc -l < "$tmp/$name.edges.tsv") - 1)) ignored edges"
}

# leak_s3: the Sessions' Map (sessionCache), on the path of every Session; then its Context as well, undone.
one leak_s3.map leak_s3 75559
one leak_s3.context_map_undo_context leak_s3 6163,75559 6163
one leak_s3.undo_all leak_s3 75559 all
# shapes (WeakMap): root.keys (the keys' array: keys then live only through the values, which live only through
# the pairs) and the WeakMap's table; each makes the other half of the pairs ignored.
one shapes.keys shapes 46195
one shapes.table shapes 46267
one shapes.keys_table_undo_keys shapes 46195,46267 46195
# chromium: the detachedPanels array that holds the detached <div>s, and the Window that holds it.
one chromium_1.panels chromium_detached_dom_1 35593
one chromium_2.window_panels chromium_detached_dom_2 33667,35593
