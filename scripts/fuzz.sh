#!/usr/bin/env bash
# Builds the fuzz targets with clang 14 into build-fuzz/ and fuzzes them: the scenario reader
# (scenario_fuzz, five sixths of the inputs or time), the CSV parser of hourly tables (csv_fuzz,
# a third of the inputs, a sixth of the time: its inputs are far cheaper), then the trace CSV
# reader (trace_fuzz, a third of the inputs or time).
#
#   scripts/fuzz.sh [SECONDS]     explore for SECONDS (default 60), growing build-fuzz/corpus
#   scripts/fuzz.sh --runs N      the test command's check: a fixed seed (1), a fresh corpus from
#                                 the seed files only, and N inputs in all, so the amount of work
#                                 does not depend on the machine's speed and a rerun on the same
#                                 machine tries the same inputs. (libFuzzer orders seed files of
#                                 equal size as the directory lists them, so another file system
#                                 may take another path.) A failing input is printed in the log, in
#                                 base64, and left in build-fuzz/artifacts/.
#
# Seeds: every scenarios/**/*.toml and tests/bad_inputs/*.toml (copied to build-fuzz/seeds), so
# every input that once crashed the reader, kept there as a bad-input case, is tried again first
# (some carry CSV files in [tables]); fuzz/csv_seeds/ and fuzz/trace_seeds/ for the CSV readers.
# Each input may be at most 64 KiB (the largest built-in scenario is about 57 KiB) and may take at
# most 10 s. Any crash, sanitizer report, leak, timeout or out-of-memory fails the script; the
# input is left in build-fuzz/artifacts/. Turn it into a regression test: copy it to
# tests/bad_inputs/NNN-name.toml with its .expected diagnostics, fix the reader, run this again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/build-fuzz"
corpus="$dir/corpus"
if [[ "${1:-}" == --runs ]]; then
  runs=${2:?"--runs needs a count"}
  corpus="$dir/corpus-check"
  rm -rf "$corpus"
else
  seconds=${1:-60}
fi
cxx=${TUMEN_FUZZ_CXX:-clang++-14}

echo "== Fuzz: build ($cxx) =="
cmake -S "$root/fuzz" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DTUMEN_BUILD_FUZZ=ON >/dev/null
cmake --build "$dir" -j "$(nproc)"

rm -rf "$dir/seeds" "$dir/trace-seeds" "$dir/csv-seeds"
mkdir -p "$dir/seeds" "$dir/trace-seeds" "$dir/csv-seeds" "$corpus" "$corpus-trace" "$corpus-csv" \
  "$dir/artifacts"
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "$dir/seeds/$(printf '%03d' "$n")-$(basename "$f")"
done < <(find "$root/scenarios" "$root/tests/bad_inputs" -name '*.toml' -print0 | LC_ALL=C sort -z)  # the seed names: byte order in any locale
cp "$root"/fuzz/trace_seeds/*.csv "$dir/trace-seeds/"
cp "$root"/fuzz/csv_seeds/*.csv "$dir/csv-seeds/"

# fuzz TARGET CORPUS SEEDS WHAT [libFuzzer options…]: one target; fails the script on a finding.
fuzz() {
  local target=$1 target_corpus=$2 seeds=$3 label=$4
  shift 4
  echo "== Fuzz: $target, $label =="
  # Leaks are checked by libFuzzer itself (-detect_leaks=1); UBSan stops at the first report.
  set +e
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$dir/$target" "$target_corpus" "$seeds" \
      -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 "$@" -print_final_stats=1 \
      -artifact_prefix="$dir/artifacts/$target-" >"$dir/last-run-$target.log" 2>&1
  local status=$?
  set -e
  # The log without the line per new coverage point: start, pulses, any report, final figures.
  grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE)|^[[:space:]]+NEW_FUNC' "$dir/last-run-$target.log" | tail -n 80
  if [[ $status != 0 ]]; then
    echo "fuzz: $target failed (status $status); the input is in $dir/artifacts/" >&2
    exit 1
  fi
}

# The scenario reader takes five sixths of the inputs (or of the time); the CSV parser, whose
# inputs are far cheaper, a third of the inputs (a sixth of the time); the trace reader a third.
# With --runs: a fixed seed and a fixed number of inputs; the time caps only guard against a slow
# machine.
if [[ -n ${runs:-} ]]; then
  scenario_limits=(-seed=1 -runs=$((runs - runs / 6)) -max_total_time=600)
  what="$((runs - runs / 6)) inputs, seed 1"
  csv_limits=(-seed=1 -runs=$((runs / 3)) -max_total_time=300)
  csv_what="$((runs / 3)) inputs, seed 1"
  rm -rf "$corpus-csv" && mkdir -p "$corpus-csv"
else
  scenario_limits=(-max_total_time=$((seconds - seconds / 6)))
  what="$((seconds - seconds / 6)) s"
  csv_limits=(-max_total_time=$(((seconds + 5) / 6)))
  csv_what="$(((seconds + 5) / 6)) s"
fi
fuzz scenario_fuzz "$corpus" "$dir/seeds" "$what ($n seed files)" \
  -dict="$root/fuzz/scenario.dict" -max_len=65536 "${scenario_limits[@]}"
fuzz csv_fuzz "$corpus-csv" "$dir/csv-seeds" "$csv_what" -max_len=16384 "${csv_limits[@]}"
# The trace reader is small: a third of the scenario reader's inputs (or of its time).
if [[ -n ${runs:-} ]]; then
  trace_limits=(-seed=1 -runs=$((runs / 3)) -max_total_time=300)
  trace_what="$((runs / 3)) inputs, seed 1"
  rm -rf "$corpus-trace" && mkdir -p "$corpus-trace"
else
  trace_limits=(-max_total_time=$(((seconds + 2) / 3)))
  trace_what="$(((seconds + 2) / 3)) s"
fi
fuzz trace_fuzz "$corpus-trace" "$dir/trace-seeds" "$trace_what" -max_len=16384 "${trace_limits[@]}"
echo "fuzz: no crash (scenario reader: $what; CSV parser: $csv_what; trace reader: $trace_what)"
