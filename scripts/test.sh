#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is needed, build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh dev
ctest --preset dev --output-on-failure
