#!/usr/bin/env bash
# Builds tumen and passes every test: the README's test command, and exactly what CI runs.
#
#   1. installs what is missing (scripts/install-deps.sh: Debian packages by name);
#   2. Release build with warnings as errors in build/, then every test registered with ctest:
#      unit tests of each layer, the queueing-theory proofs, the example programs, the CLI
#      tests, the approved outputs of the built-in scenarios, and the HTML report opened in
#      Chromium (label browser; screenshots in build/test-artifacts/);
#   3. the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/);
#      the long statistical tests (labels slow, queueing) run in step 2 only.
# Set TUMEN_SKIP_SANITIZERS=1 to skip step 3 while iterating locally.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)

# Chromium too: the report's end-to-end test (tests/report/browser_test.mjs) opens the HTML
# report in it, and must run here rather than skip.
TUMEN_WITH_BROWSER=1 "$root/scripts/install-deps.sh"
export TUMEN_REQUIRE_BROWSER=1
"$root/scripts/lint.sh"

echo "== Release build (warnings are errors) =="
"$root/scripts/build.sh" "$root/build" -DTUMEN_WERROR=ON
echo "== Tests =="
ctest --test-dir "$root/build" -j "$jobs" --output-on-failure --timeout 600

if [[ "${TUMEN_SKIP_SANITIZERS:-0}" != 1 ]]; then
  echo "== ASan + UBSan build and unit tests =="
  "$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTUMEN_SANITIZE=address,undefined -DTUMEN_BUILD_BENCHMARKS=OFF -DTUMEN_BUILD_EXAMPLES=OFF
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/build-asan" -j "$jobs" --output-on-failure --timeout 1200 -LE "slow|queueing|mpi"
fi
