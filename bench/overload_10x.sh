#!/usr/bin/env bash
# Time and peak memory of a 10x overload (issue 10): the built-in Khasan–Tumangang crossing at
# ten times its demand for 365 days, with the default safety cap (run.max_vehicles_inside =
# 1,000,000) instead of the scenario's 20,000, so that only the verdict's early stop and the
# memory budget can end it early. Two replications, on one thread (-j 1) and on two (-j 2).
# Expected: each finishes in seconds, under 200 MB peak RSS, and every replication reads
# SATURATED with the reason it stopped. Then every built-in scenario (`tumen scenarios`) the same
# way with -j 2: "any scenario" of the issue. The reference systems with impatience or a finite
# room (mm1_patience, mmck) read stable_by_losing: their queues cannot grow, they lose vehicles.
#
# Peak RSS and time come from bench/measure.sh (the script says how the peak was read).
#
# Usage: bench/overload_10x.sh [BUILD_DIR]     (default build/; needs BUILD_DIR/bin/tumen)
#        SCALE=5 DAYS=120 bench/overload_10x.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
tumen=$build/bin/tumen
scale=${SCALE:-10}
days=${DAYS:-365}

if [[ ! -x $tumen ]]; then
  echo "overload_10x.sh: $tumen not found: build it first (cmake --build $build --target tumen)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure (bench/measure.sh): peak RSS and wall time of one run; a saturated run still counts.
source "$(dirname "$0")/measure.sh"
# Runs "$@", prints "<seconds> <peak RSS in MB>".
seconds_and_mb() {
  measure "$@" || true
  echo "$wall_s $((rss_kb / 1024))"
}

echo "peak RSS: $rss_method"
printf "%-6s %10s %12s  %s\n" jobs seconds "peak MB" "verdict (per replication: why it stopped)"
for jobs in 1 2; do
  read -r secs mb < <(seconds_and_mb "$tumen" run --no-db -q -r 2 -j "$jobs" \
    --set "run.demand_scale=$scale" --set "run.days=$days" \
    --set run.max_vehicles_inside=1000000 --json "$tmp/out.json")
  verdicts=$(python3 -c "
import json, sys
j = json.load(open('$tmp/out.json'))
print(', '.join(r['verdict']['verdict'] + ': ' + r['verdict']['stopped_because'] +
                ' on day ' + str(int(-(-r['ended_at'] // 86400))) for r in j['runs']))")
  printf "%-6s %10.2f %12s  %s\n" "$jobs" "$secs" "$mb" "$verdicts"
done

echo
echo "every built-in scenario at ${scale}x for $days days, -r 2 -j 2:"
printf "%-24s %10s %12s  %s\n" scenario seconds "peak MB" "verdicts"
for name in $("$tumen" scenarios | awk '/^[a-z]/ {print $1}'); do
  read -r secs mb < <(seconds_and_mb "$tumen" run "$name" --no-db -q -r 2 -j 2 \
    --set "run.demand_scale=$scale" --set "run.days=$days" \
    --set run.max_vehicles_inside=1000000 --json "$tmp/out.json")
  verdicts=$(python3 -c "
import json
j = json.load(open('$tmp/out.json'))
print(', '.join(r['verdict']['verdict'] + ' (' + r['verdict']['stopped_because'] + ')'
                for r in j['runs']))")
  printf "%-24s %10.2f %12s  %s\n" "$name" "$secs" "$mb" "$verdicts"
done
