#!/usr/bin/env bash
# Memory of a long stable M/M/1 run: does the engine's memory stay flat as customers grow?
#
# build/bin/mmc (examples/mmc.cpp: one coroutine process per customer, one resource) runs
# λ = 0.9, μ = 1, one server, with 10^6, 10^7 and 10^8 customers. In a stable queue the number of
# customers present at once stays small (its maximum grows only like log n), so if finished
# processes' frames are reused (the simulation's frame pool) and the calendar does not leak
# entries, the peak RSS must be the same at 10^8 as at 10^6. Reported per run: peak RSS, wall
# time (mmc's own timer), CPU time (user + sys, the whole process), events, and the mean wait
# against Erlang C's.
# Peak RSS comes from /usr/bin/time -f %M (Debian package `time`) when installed, else from
# VmHWM in /proc/PID/status polled every 10 ms (the script says which).
#
# Usage: bench/memory_mm1.sh [BUILD_DIR]          (default build/; needs BUILD_DIR/bin/mmc)
#        CUSTOMERS="1000000 10000000" bench/memory_mm1.sh build-bench
# The 10^8 run takes about 10-15 s.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
mmc=$build/bin/mmc
customers=${CUSTOMERS:-"1000000 10000000 100000000"}

if [[ ! -x $mmc ]]; then
  echo "memory_mm1.sh: $mmc not found: build it first (cmake --build $build --target mmc)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure (bench/measure.sh): peak RSS, CPU and wall time of one run; mmc's JSON to $tmp/out.
source "$(dirname "$0")/measure.sh"
measure_out=$tmp/out

echo "M/M/1, lambda 0.9, mu 1, seed 1: peak RSS by $rss_method"
printf "%12s %12s %10s %10s %12s %11s %10s\n" customers "peak RSS" "mmc wall" "CPU" \
  events "mean wait" "Erlang C"
first_kb=""
for n in $customers; do
  measure "$mmc" --lambda 0.9 --mu 1 --servers 1 --seed 1 --customers "$n"
  # {"model":...,"served":N,"mean_wait":W,"analytic_mean_wait":A,...,"events":E,"wall_s":S}
  read -r served wait analytic events wall < <(sed -E \
    's/.*"served":([0-9]+).*"mean_wait":([^,]+),"analytic_mean_wait":([^,]+),.*"events":([0-9]+),"wall_s":([0-9.]+).*/\1 \2 \3 \4 \5/' \
    "$tmp/out")
  if [[ $served != "$n" ]]; then
    echo "memory_mm1.sh: mmc served $served of $n customers" >&2
    exit 1
  fi
  printf "%12d %8.1f MiB %8.2f s %8.2f s %12d %11.4f %10s\n" "$n" "$(awk -v k="$rss_kb" \
    'BEGIN { print k / 1024 }')" "$wall" "$cpu_s" "$events" "$wait" "$analytic"
  [[ -z $first_kb ]] && first_kb=$rss_kb
  last_kb=$rss_kb
done
awk -v a="$first_kb" -v b="$last_kb" 'BEGIN {
  printf "peak RSS, largest run / smallest run = %.3f  (flat memory: about 1)\n", b / a }'
