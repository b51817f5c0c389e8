#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is needed, build, and run the whole test suite; then
# build the dev-asan preset (AddressSanitizer + UndefinedBehaviorSanitizer, -Werror) and run the suite again under
# the sanitizers, without the tests labelled "heavy" (10-million-node graphs: minutes and gigabytes under ASan) and
# "package" (the packages are built and checked once, from the dev build). The dev-asan preset builds without the
# viewer (V8SCOPE_BUILD_GUI=OFF): its tests run in the dev pass; running Qt under ASan needs LeakSanitizer
# suppressions for Qt's and fontconfig's process-lifetime allocations, not written yet. Idempotent; prints its times.
# V8SCOPE_SKIP_ASAN=1 skips the sanitizer pass (quick local runs).
set -euo pipefail
cd "$(dirname "$0")/.."
total=$SECONDS
bash scripts/setup.sh
start=$SECONDS
bash scripts/build.sh dev
ctest --preset dev --output-on-failure
echo "test.sh: dev build and tests took $((SECONDS - start)) s"
if [ "${V8SCOPE_SKIP_ASAN:-0}" != 1 ]; then
  start=$SECONDS
  bash scripts/build.sh dev-asan
  # detect_leaks stays on (the default): a leak fails the run like any other sanitizer report.
  ASAN_OPTIONS=${ASAN_OPTIONS:-strict_string_checks=1:detect_stack_use_after_return=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    ctest --preset dev-asan --output-on-failure --label-exclude 'heavy|package'
  echo "test.sh: dev-asan build and tests took $((SECONDS - start)) s"
fi
echo "test.sh: took $((SECONDS - total)) s in all"
