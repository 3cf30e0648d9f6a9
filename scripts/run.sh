#!/usr/bin/env bash
# The main job: installs what is missing, builds tumen, and runs the built-in scenario.
# Any arguments go to `tumen run` (e.g. scripts/run.sh --days 30 --seed 7).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build" -DTUMEN_BUILD_TESTS=OFF -DTUMEN_BUILD_BENCHMARKS=OFF
exec "$root/build/bin/tumen" run "$@"
