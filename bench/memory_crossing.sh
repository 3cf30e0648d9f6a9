#!/usr/bin/env bash
# Memory of a long run of the crossing: does peak RSS stay flat as the simulated period grows?
#
# Runs   tumen run khasan-tumangang --days N --set run.warmup="0 d" -q --no-db
# (one replication of the built-in scenario, no warm-up, no results database) for N = 1, 365 and
# 36500 days (DAYS="..." to change) and reports each run's peak RSS and CPU time (user + sys).
# Nothing the model keeps may grow with the run's length: the vehicles inside, the calendar and
# the statistics are bounded, and the opening hours' change times are found as they come rather
# than listed for every day in advance. The target: the longest run within 1.2 × the peak RSS of
# the 365-day run. Peak RSS comes from /usr/bin/time -f %M (Debian package `time`) when
# installed, else from VmHWM in /proc/PID/status polled every 10 ms (the script says which).
#
# Usage: bench/memory_crossing.sh [BUILD_DIR]     (default build/; needs BUILD_DIR/bin/tumen)
#        DAYS="1 365 3650" bench/memory_crossing.sh build-bench
# The 36500-day run takes about 13 s of CPU.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
tumen=$build/bin/tumen
days_list=${DAYS:-"1 365 36500"}
target=1.2

if [[ ! -x $tumen ]]; then
  echo "memory_crossing.sh: $tumen not found: build it first (cmake --build $build --target tumen)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure (bench/measure.sh): peak RSS, CPU and wall time of one run.
source "$(dirname "$0")/measure.sh"

echo "tumen run khasan-tumangang --days N --set run.warmup=\"0 d\" -q --no-db: peak RSS by $rss_method"
printf "%8s %12s %10s\n" days "peak RSS" CPU
year_kb="" last_kb=""
for n in $days_list; do
  measure "$tumen" run khasan-tumangang --days "$n" --set 'run.warmup=0 d' -q --no-db
  printf "%8d %8.1f MiB %8.2f s\n" "$n" "$(awk -v k="$rss_kb" 'BEGIN { print k / 1024 }')" "$cpu_s"
  [[ $n == 365 ]] && year_kb=$rss_kb
  last_kb=$rss_kb
done
if [[ -n $year_kb ]]; then
  awk -v a="$year_kb" -v b="$last_kb" -v t="$target" 'BEGIN {
    r = b / a
    printf "peak RSS, longest run / 365 days = %.2f  (target <= %.1f: %s)\n", r, t,
           (r <= t ? "reached" : "NOT reached") }'
fi
