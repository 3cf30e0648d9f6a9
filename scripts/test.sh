#!/usr/bin/env bash
# Builds tumen and passes every test: the README's test command, and exactly what CI runs.
#
#   1. installs what is missing (scripts/install-deps.sh: Debian packages by name);
#   2. Release build with warnings as errors in build/ (with the workbench's WebAssembly engine,
#      built by emscripten into build/engine/), then every test registered with ctest: unit
#      tests of each layer, the queueing-theory proofs, the example programs, the CLI tests, the
#      approved outputs of the built-in scenarios, the HTML report and the workbench's page opened
#      in Chromium (label browser; screenshots in build/test-artifacts/), and the engine against
#      the native program under node (label workbench);
#   3. the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/;
#      the sanitizer builds and the fuzz build never build the WebAssembly engine);
#      the long statistical tests (labels slow, queueing) and the pages opened in Chromium (label
#      browser: what they check is the page's script; the C++ that writes it runs under the
#      sanitizers in the CLI and output tests) run in step 2 only;
#   4. ThreadSanitizer over the threaded replication runner (build-tsan/, only tumen and the
#      experiment tests): `tumen run reference/mm1 -r 8 -j 4 --days 20` (ctest label tsan) and
#      tumen_experiment_tests;
#   5. fuzzing from a fixed seed, about a minute (scripts/fuzz.sh --runs 150000, clang 14,
#      build-fuzz/): the scenario reader 125,000 inputs, the CSV parser and the trace reader
#      50,000 each.
# Set TUMEN_SKIP_SANITIZERS=1 to skip steps 3 and 4, TUMEN_SKIP_FUZZ=1 to skip step 5, while
# iterating locally.
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
    ctest --test-dir "$root/build-asan" -j "$jobs" --output-on-failure --timeout 1200 -LE "slow|queueing|mpi|browser"

  echo "== TSan build and the threaded replication runner =="
  cmake -S "$root" -B "$root/build-tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTUMEN_SANITIZE=thread -DTUMEN_BUILD_BENCHMARKS=OFF -DTUMEN_BUILD_EXAMPLES=OFF >/dev/null
  cmake --build "$root/build-tsan" -j "$jobs" --target tumen tumen_experiment_tests
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  ctest --test-dir "$root/build-tsan" -L tsan --output-on-failure --timeout 600
  "$root/build-tsan/tests/tumen_experiment_tests" --gtest_brief=1
  unset TSAN_OPTIONS
fi

if [[ "${TUMEN_SKIP_FUZZ:-0}" != 1 ]]; then
  "$root/scripts/fuzz.sh" --runs 150000
fi
