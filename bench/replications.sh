#!/usr/bin/env bash
# Many replications of one simulated year of the built-in scenario, and what a second core buys.
#
#   bench/replications.sh [BUILD]            default build/; REPS=1000 SPEEDUP_REPS=100 JOBS=2
#
# 1. REPS replications on JOBS threads (`tumen run --days 365 -r REPS -j JOBS`, no warm-up, no
#    results database): wall time against the target of 60 s for 1,000 replications on 2 cores.
# 2. The speed-up of -j JOBS over -j 1, on SPEEDUP_REPS replications each, in this same script:
#    wall(-j 1) / wall(-j JOBS) against the target of 1.8 for 2 jobs.
# Wall times by bash's own clock (date +%s.%N), so nothing beyond coreutils is needed. On a
# machine shared with other work the speed-up says more than the times: compare it with `nproc`
# and the load average printed first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
tumen="$build/bin/tumen"
reps=${REPS:-1000}
speedup_reps=${SPEEDUP_REPS:-100}
jobs=${JOBS:-2}
[[ -x "$tumen" ]] || { echo "replications.sh: $tumen not found; build first" >&2; exit 2; }

wall() {  # runs "$@" quietly, prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

run=("$tumen" run khasan-tumangang --days 365 --set 'run.warmup="0 d"' --no-db -q)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "${run[*]} -r N -j J"

many=$(wall "${run[@]}" -r "$reps" -j "$jobs")
awk -v t="$many" -v n="$reps" -v j="$jobs" 'BEGIN {
  printf "  %d replications, -j %d      %8.2f s  (%.3f s per replication per core", n, j, t, t * j / n
  if (n == 1000 && j == 2) printf "; target <= 60 s: %s", (t <= 60 ? "reached" : "NOT reached")
  printf ")\n" }'

one=$(wall "${run[@]}" -r "$speedup_reps" -j 1)
par=$(wall "${run[@]}" -r "$speedup_reps" -j "$jobs")
awk -v a="$one" -v b="$par" -v n="$speedup_reps" -v j="$jobs" 'BEGIN {
  s = a / b
  printf "  %d replications, -j 1      %8.2f s\n", n, a
  printf "  %d replications, -j %d      %8.2f s\n", n, j, b
  printf "  speed-up -j %d over -j 1    %8.2f", j, s
  if (j == 2) printf "   (target >= 1.8: %s)", (s >= 1.8 ? "reached" : "NOT reached")
  printf "\n" }'
