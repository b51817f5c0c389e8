#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
# reference/http_blocking.blocking_ignore.tsv: for each busy stretch >= 50 ms of http_blocking.cpuprofile (the
# stretches of reference/http_blocking.blocking.json, made by blocking.mjs), the Performance panel's Bottom-up rows
# with self time over the stretch's window, with "Enable ignore listing" on and DevTools' default rule:
# cpu_oracle.mjs --window START,END --ignore-list default, column perf_ign_self_ms. `cpu blocking --ignore-list
# default` must give each stretch's top functions these self times (tests/cli/tst_cpucli.cpp).
# usage: bash sample_profiles/scripts/make_blocking_ignore_reference.sh   (make_references.sh runs it too)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
samples=$(cd "$here/.." && pwd)
NODE=${NODE:-node}
oracle=${V8SCOPE_ORACLE_SRC:-$(cd "$samples/../.." && pwd)/shared/oracle}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/v8scope-blocking.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
out=$samples/reference/http_blocking.blocking_ignore.tsv
printf 'start_ms\tduration_ms\tfunction\turl\tline\tself_ms\n' > "$out"
"$NODE" -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const x of s) console.log(x.startMs, x.durationMs, (x.startMs + x.durationMs).toFixed(3));
' "$samples/reference/http_blocking.blocking.json" | while read -r start dur end; do
  (cd "$tmp" && "$NODE" "$oracle/cpu_oracle.mjs" "$samples/cpu/http_blocking.cpuprofile" --window "$start,$end" \
    --ignore-list default --out w < /dev/null > /dev/null 2>&1)
  awk -F'\t' -v s="$start" -v d="$dur" 'NR == 1 { for (i = 1; i <= NF; ++i) c[$i] = i; next }
    $c["perf_ign_self_ms"] > 0 { printf "%s\t%s\t%s\t%s\t%s\t%s\n", s, d, $c["functionName"], $c["url"], $c["line"], $c["perf_ign_self_ms"] }' \
    "$tmp/w.bottomup.tsv" | sort -t$'\t' -k6,6gr -k3,3 >> "$out"
done
echo "wrote $out ($(($(wc -l < "$out") - 1)) rows)"
