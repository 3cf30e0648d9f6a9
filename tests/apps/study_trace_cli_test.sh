#!/usr/bin/env bash
# Issue 13 through the command line: a study of -r N replications traces one of them
# (--trace-replication K), and a comparison records the hourly series.
#   * `run -r 3 --trace FILE --trace-replication 1` writes exactly the trace of replication 1 run
#     alone (`run --replication 1 --trace`), on one thread or two;
#   * tracing changes no figure: the summary and every replication's figures are the same with
#     and without --trace, whatever -j;
#   * its --report replays that replication and says so (trace.replication in the page's data);
#   * --trace-replication outside 0…N-1, or without --trace, is bad input: exit 2, nothing written;
#   * `compare` stores every hour of each stage's hourly series for both points, and the report
#     of a comparison carries them with the hourly difference.
#
#   study_trace_cli_test.sh TUMEN SQLITE3 WORKDIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh"  # fail, expect_exit
tumen=$1 sqlite=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"
study=(run reference/mm1 -r 3 --days 5 --no-db -q)

# The traced replication is replication 1, whole and alone.
expect_exit 0 "$tumen" run reference/mm1 --replication 1 --days 5 --no-db -q --trace alone.csv
for jobs in 1 2; do
  expect_exit 0 "$tumen" "${study[@]}" -j $jobs --trace study$jobs.csv --trace-replication 1 \
    --json traced$jobs.json --report study$jobs.html
  cmp -s alone.csv study$jobs.csv || fail "-j $jobs: the study's trace is not replication 1's"
done
[[ $(wc -l <alone.csv) -gt 100 ]] || fail "the trace of replication 1 is nearly empty"
expect_exit 0 "$tumen" "${study[@]}" -j 2 --trace first.csv --json first.json
cmp -s first.csv alone.csv && fail "without --trace-replication the study traced replication 1"
expect_exit 0 "$tumen" run reference/mm1 --replication 0 --days 5 --no-db -q --trace zero.csv
cmp -s first.csv zero.csv || fail "without --trace-replication the study did not trace replication 0"

# Tracing changes no figure, on one thread or two.
expect_exit 0 "$tumen" "${study[@]}" -j 1 --json untraced.json
for f in traced1.json traced2.json first.json; do
  for part in .summary .runs; do
    cmp -s <(jq -S "$part" untraced.json) <(jq -S "$part" $f) ||
      fail "$f: $part differs from the untraced study's"
  done
done

# The report replays replication 1 and names it.
for jobs in 1 2; do
  grep -q '"replication":1' study$jobs.html || fail "study$jobs.html: its trace is not marked replication 1"
  grep -q 'study'$jobs'.csv (replication 1, one of replications 0–2)' study$jobs.html ||
    fail "study$jobs.html: the replay's source does not name replication 1"
done

# Bad choices are refused before anything runs or is written.
expect_exit 2 "$tumen" run reference/mm1 -r 3 --days 5 --trace bad.csv --trace-replication 3 \
  --report bad.html --json bad.json
grep -qF -- "error: --trace-replication: 3 is not one of the 3 replications run" err.txt ||
  { cat err.txt >&2; fail "no clear message for --trace-replication 3 with -r 3"; }
grep -qF "a number from 0 to 2" err.txt || { cat err.txt >&2; fail "the message does not say what is valid"; }
expect_exit 2 "$tumen" run reference/mm1 -r 3 --days 5 --trace-replication 1 --json bad.json
grep -qF -- "error: --trace-replication: chooses the replication --trace writes, but no --trace FILE is given" err.txt ||
  { cat err.txt >&2; fail "no clear message for --trace-replication without --trace"; }
expect_exit 2 "$tumen" run reference/mm1 --days 5 --trace bad.csv --trace-replication 1 --json bad.json
for f in bad.csv bad.html bad.json results.db; do [[ ! -e $f ]] || fail "$f written although the input was bad"; done

# A comparison stores the hourly series of both points: 24 hours of each of the stage's five
# series in each replication.
expect_exit 0 "$tumen" compare reference/mm3 --a-set stages.server.lanes=3 \
  --b-set stages.server.lanes=4 -r 3 --set run.days=5 --db compare.db -q
for point in 0 1; do
  n=$("$sqlite" compare.db "SELECT count(*) FROM scalars WHERE point = $point AND name LIKE 'stage.server.hourly.%'")
  [[ $n == $((3 * 5 * 24)) ]] || fail "point $point stored $n hourly scalars of the stage, not $((3 * 5 * 24))"
done
expect_exit 0 "$tumen" report compare.db -o compare.html --json compare.json -q
for side in a b; do
  [[ $(jq "[.compare.hourly[0].queue_mean.$side.mean[] | numbers] | length" compare.json) == 24 ]] ||
    fail "the report of the comparison lacks side $side's hourly queue"
done
[[ $(jq '.compare.hourly[0].wait_mean.difference.significant | length' compare.json) == 24 ]] ||
  fail "the report of the comparison lacks the hourly difference of the waits"
echo "study_trace_cli: ok"
