#!/usr/bin/env bash
# Engine speed against its two yardsticks, on this machine, in one go:
#   * tumen's mmc example (a coroutine process per customer, a resource, the event calendar),
#   * a hand-written event loop of the same model with the same random generator
#     (bench/hand_loop_mmc.cpp: the physical-limit proxy),
#   * the same model in SimPy 3 (Debian's python3-simpy3 under /usr/bin/python3).
# λ = 0.9, μ = 1, one server. Each C++ program runs REPEAT times (best wall time counts); SimPy
# runs fewer customers (it is ~100× slower) and is compared per customer.
# Usage: bench/compare_mmc.sh [BUILD_DIR]   (default build/; must contain bin/mmc and bin/hand_loop_mmc)
# Targets: tumen ≥ 0.8 × hand loop, ≥ 100 × SimPy.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$root/build"}/bin
customers=${CUSTOMERS:-1000000}
simpy_customers=${SIMPY_CUSTOMERS:-200000}
repeat=${REPEAT:-5}

best() {  # best wall_s over $repeat runs of "$@"
  local b=""
  for _ in $(seq "$repeat"); do
    local w
    w=$("$@" | sed -E 's/.*"wall_s":([0-9.]+).*/\1/')
    if [[ -z "$b" ]] || awk "BEGIN{exit !($w < $b)}"; then b=$w; fi
  done
  echo "$b"
}

args=(--lambda 0.9 --mu 1 --servers 1 --seed 1)
echo "M/M/1, lambda 0.9, mu 1: $customers customers (SimPy: $simpy_customers), best of $repeat"
t_tumen=$(best "$bin/mmc" "${args[@]}" --customers "$customers")
t_hand=$(best "$bin/hand_loop_mmc" "${args[@]}" --customers "$customers")
if /usr/bin/python3 -c "import simpy" 2>/dev/null; then
  t_simpy=$(/usr/bin/python3 "$root/bench/mmc_simpy.py" "${args[@]}" --customers "$simpy_customers" |
            sed -E 's/.*"wall_s": ([0-9.]+).*/\1/')
else
  t_simpy=""
  echo "(SimPy not importable by /usr/bin/python3: install python3-simpy3)"
fi
awk -v c="$customers" -v sc="$simpy_customers" -v tt="$t_tumen" -v th="$t_hand" -v ts="$t_simpy" 'BEGIN {
  rt = c / tt; rh = c / th;
  printf "%-12s %12.3f M customers/s  (%.4f s)\n", "tumen", rt / 1e6, tt;
  printf "%-12s %12.3f M customers/s  (%.4f s)\n", "hand loop", rh / 1e6, th;
  if (ts != "") { rs = sc / ts; printf "%-12s %12.3f M customers/s  (%.4f s)\n", "SimPy 3", rs / 1e6, ts; }
  printf "tumen / hand loop = %.2f   (target >= 0.80)\n", rt / rh;
  if (ts != "") printf "tumen / SimPy     = %.0f   (target >= 100)\n", rt / rs;
}'
