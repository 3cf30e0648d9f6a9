#!/usr/bin/env bash
# Regenerates every approved output in tests/approved/ (the cases listed in
# tests/approved/cases.txt) from the current tumen, and prints what changed.
#
#   scripts/approve.sh [BUILD_DIR]      (default: build)
#
# The build directory must be configured (cmake -S . -B build); the script first brings
# build/bin/tumen and the comparison tool up to date, so approved outputs never come from a
# stale binary. Review the result with `git diff tests/approved` before committing it: an
# approved file says "this is what the model is supposed to do".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
[[ $build = /* ]] || build=$PWD/$build
cases=$root/tests/approved/cases.txt

if [[ -f $build/CMakeCache.txt ]]; then
  if ! log=$(cmake --build "$build" --target tumen tumen_approved 2>&1); then
    echo "$log" | tail -20 >&2
    echo "approve.sh: building tumen in $build failed; nothing was approved" >&2
    exit 2
  fi
fi
tumen=$build/bin/tumen
compare=$build/tests/tumen_approved
for program in "$tumen" "$compare"; do
  if [[ ! -x $program ]]; then
    echo "approve.sh: $program not found; configure and build first:" >&2
    echo "  cmake -S $root -B $build && cmake --build $build --target tumen tumen_approved" >&2
    exit 2
  fi
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

while read -r name args; do
  [[ -z $name || $name = \#* ]] && continue
  # shellcheck disable=SC2086  # the arguments are words on purpose
  if ! "$tumen" run $args -q --json "$scratch/$name.json"; then
    echo "approve.sh: tumen run $args failed; $name.json left as it was" >&2
    exit 1
  fi
  "$compare" write "$scratch/$name.json" "$root/tests/approved/$name.json"
done < "$cases"
