#!/usr/bin/env bash
# Builds the scenario fuzz target with clang 14 into build-fuzz/ and fuzzes it.
#
#   scripts/fuzz.sh [SECONDS]        default 60
#
# Seeds: every scenarios/**/*.toml and tests/bad_inputs/*.toml (copied to build-fuzz/seeds);
# the corpus the fuzzer grows stays in build-fuzz/corpus between runs. Each input may be at most
# 64 KiB (the largest built-in scenario is about 57 KiB) and may take at most 10 s. Any crash,
# sanitizer report, leak, timeout or out-of-memory fails the script; the input is left in
# build-fuzz/artifacts/. Turn it into a regression test: copy it to tests/bad_inputs/NNN-name.toml
# with its .expected diagnostics, fix the reader, and run this again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
dir="$root/build-fuzz"
cxx=${TUMEN_FUZZ_CXX:-clang++-14}

echo "== Fuzz: build ($cxx) =="
cmake -S "$root/fuzz" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DTUMEN_BUILD_FUZZ=ON >/dev/null
cmake --build "$dir" -j "$(nproc)"

rm -rf "$dir/seeds"
mkdir -p "$dir/seeds" "$dir/corpus" "$dir/artifacts"
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "$dir/seeds/$(printf '%03d' "$n")-$(basename "$f")"
done < <(find "$root/scenarios" "$root/tests/bad_inputs" -name '*.toml' -print0 | sort -z)

echo "== Fuzz: scenario_fuzz for $seconds s ($n seed files) =="
# Leaks are checked by libFuzzer itself (-detect_leaks=1); UBSan stops at the first report.
set +e
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  "$dir/scenario_fuzz" "$dir/corpus" "$dir/seeds" \
    -dict="$root/fuzz/scenario.dict" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
    -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" >"$dir/last-run.log" 2>&1
status=$?
set -e
# The log without the line per new coverage point: start, pulses, any report, final figures.
grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE)' "$dir/last-run.log" | tail -n 80
if [[ $status != 0 ]]; then
  echo "fuzz: scenario_fuzz failed (status $status); the input is in $dir/artifacts/" >&2
  exit 1
fi
echo "fuzz: no crash in $seconds s"
