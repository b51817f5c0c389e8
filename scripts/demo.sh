#!/usr/bin/env bash
# Command 1 of the README: install what is needed, build, and run the main job on the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh dev
v8scope=build/dev/cli/v8scope
s=sample_profiles/heap
echo; echo "== v8scope info $s/leak_s3.heapsnapshot.gz"
$v8scope info "$s/leak_s3.heapsnapshot.gz"
echo; echo "== v8scope summary --top 15 $s/leak_s3.heapsnapshot.gz"
$v8scope summary --top 15 "$s/leak_s3.heapsnapshot.gz"
if $v8scope diff --help >/dev/null 2>&1; then
  echo; echo "== v8scope diff --top 10 $s/leak_s1.heapsnapshot.gz $s/leak_s3.heapsnapshot.gz"
  $v8scope diff --top 10 "$s/leak_s1.heapsnapshot.gz" "$s/leak_s3.heapsnapshot.gz"
fi
