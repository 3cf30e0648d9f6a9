#!/usr/bin/env bash
# Screenshots of every kind of report page, for anyone to look at: a study (M/M/1, three
# replications), the Khasan–Tumangang crossing with its replay (from a stored run and from
# `run --report`), a sweep, a capacity search and a comparison. They are the pages the browser
# test (tests/report/browser_test.mjs) makes and checks in Debian's Chromium; this runs that test
# and copies its screenshots, whole pages and the replay, into OUT.
#
#   scripts/report-screenshots.sh [BUILD_DIR] [OUT]     (defaults: build, report-screenshots)
#
# BUILD_DIR must be configured and built (scripts/build.sh, or the README's test command), with
# Chromium installed (TUMEN_WITH_BROWSER=1 scripts/install-deps.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
out=${2:-report-screenshots}
if [[ ! -f $build/CMakeCache.txt ]]; then
  echo "report-screenshots.sh: $build is not a configured build folder (run scripts/build.sh first)" >&2
  exit 2
fi
cmake --build "$build" --target tumen >/dev/null
rm -rf "$build/test-artifacts"
TUMEN_REQUIRE_BROWSER=1 ctest --test-dir "$build" -R '^report_browser$' --output-on-failure
mkdir -p "$out"
cp "$build"/test-artifacts/report-*.png "$out"/
echo "screenshots in $out:"
ls -1 "$out"
