#!/usr/bin/env bash
# Engine speed against its two yardsticks, on this machine, in one go:
#   * tumen's mmc example (a coroutine process per customer, a resource, the event calendar),
#   * a hand-written event loop of the same model with the same random generator
#     (bench/hand_loop_mmc.cpp: the physical-limit proxy),
#   * the same model in SimPy 3 (Debian's python3-simpy3 under /usr/bin/python3).
# λ = 0.9, μ = 1, one server. The two C++ programs run REPEAT times each, in turn (tumen, hand
# loop, tumen, hand loop, ...): the ratio is taken pair by pair and its median printed, so that a
# busy machine slows both sides of a pair alike (the best times are printed too). SimPy runs fewer
# customers (it is ~100× slower), SIMPY_REPEAT times (default 3), and its best time is compared
# per customer with tumen's best time.
# Usage: bench/compare_mmc.sh [BUILD_DIR]   (default build/; must contain bin/mmc and bin/hand_loop_mmc)
# Targets: tumen ≥ 0.8 × hand loop, ≥ 100 × SimPy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$root/build"}/bin
customers=${CUSTOMERS:-1000000}
simpy_customers=${SIMPY_CUSTOMERS:-200000}
repeat=${REPEAT:-9}

wall() { "$@" | sed -E 's/.*"wall_s":([0-9.]+).*/\1/'; }

args=(--lambda 0.9 --mu 1 --servers 1 --seed 1)
echo "M/M/1, lambda 0.9, mu 1: $customers customers (SimPy: $simpy_customers), $repeat pairs"
pairs=()
for _ in $(seq "$repeat"); do
  a=$(wall "$bin/mmc" "${args[@]}" --customers "$customers")
  b=$(wall "$bin/hand_loop_mmc" "${args[@]}" --customers "$customers")
  pairs+=("$a $b")
done
# Best times, and the median over the pairs of tumen's speed / the hand loop's (Debian's awk is
# mawk: no asort, so sort(1) orders the ratios).
read -r t_tumen t_hand < <(printf '%s\n' "${pairs[@]}" |
  awk 'NR == 1 || $1 < bt { bt = $1 } NR == 1 || $2 < bh { bh = $2 } END { print bt, bh }')
median_ratio=$(printf '%s\n' "${pairs[@]}" | awk '{ printf "%.6f\n", $2 / $1 }' | sort -g |
  awk '{ r[NR] = $1 } END { print NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2 }')
if /usr/bin/python3 -c "import simpy" 2>/dev/null; then
  # Best of SIMPY_REPEAT runs (default 3), as tumen's time is its best of the pairs: one run on a
  # busy machine moved the ratio between 63 and 97.
  t_simpy=""
  for _ in $(seq "${SIMPY_REPEAT:-3}"); do
    t=$(/usr/bin/python3 "$root/bench/mmc_simpy.py" "${args[@]}" --customers "$simpy_customers" |
        sed -E 's/.*"wall_s": ([0-9.]+).*/\1/')
    if [[ -z $t_simpy ]] || awk -v a="$t" -v b="$t_simpy" 'BEGIN { exit !(a < b) }'; then
      t_simpy=$t
    fi
  done
else
  t_simpy=""
  echo "(SimPy not importable by /usr/bin/python3: install python3-simpy3)"
fi
awk -v c="$customers" -v sc="$simpy_customers" -v tt="$t_tumen" -v th="$t_hand" -v ts="$t_simpy" -v mr="$median_ratio" 'BEGIN {
  rt = c / tt; rh = c / th;
  printf "%-12s %12.3f M customers/s  (best %.4f s)\n", "tumen", rt / 1e6, tt;
  printf "%-12s %12.3f M customers/s  (best %.4f s)\n", "hand loop", rh / 1e6, th;
  if (ts != "") { rs = sc / ts; printf "%-12s %12.3f M customers/s  (%.4f s)\n", "SimPy 3", rs / 1e6, ts; }
  printf "tumen / hand loop = %.2f median of the pairs (%.2f from the best times)   (target >= 0.80)\n", mr, rt / rh;
  if (ts != "") printf "tumen / SimPy     = %.0f   (target >= 100)\n", rt / rs;
}'
