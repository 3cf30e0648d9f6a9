#!/usr/bin/env bash
# Configures and builds tumen into a build folder.
#   scripts/build.sh [BUILD_DIR] [extra cmake -D options...]
# Default folder: build/ (Release). Programs land in BUILD_DIR/bin, test programs in BUILD_DIR/tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-"$root/build"}
shift || true
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$dir" -j "$(nproc)"
