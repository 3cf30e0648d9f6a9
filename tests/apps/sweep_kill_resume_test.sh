#!/usr/bin/env bash
# kill -9 in the middle of a sweep leaves a valid results database, and `tumen sweep --resume`
# completes it with results identical to an uninterrupted run's.
#
#   sweep_kill_resume_test.sh TUMEN SQLITE3 WORKDIR
#
# 1. the sweep runs uninterrupted into full.db;
# 2. the same sweep starts into killed.db and is killed with SIGKILL once some (not all)
#    replications are stored (the test polls the database);
# 3. killed.db must pass PRAGMA integrity_check, hold only whole replications and no summaries;
# 4. the same command with --resume completes it: one run, status complete, and every scalar
#    and summary bit-identical to full.db's (compared inside SQLite, REAL = REAL).
set -euo pipefail
tumen=$1 sqlite=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"

sweep=(sweep khasan-tumangang --vary stages.ru_xray.lanes=1,2 --vary demand.scale=0.8:1.2:0.2
       -r 8 -j 2 -q)
total=48
sql() { "$sqlite" -batch -cmd ".timeout 10000" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

"$tumen" "${sweep[@]}" --db full.db
[[ $(sql full.db "SELECT count(*) FROM replications") == "$total" ]] || fail "full.db is incomplete"

"$tumen" "${sweep[@]}" --db killed.db &
pid=$!
stored=0
for _ in $(seq 1 3000); do
  if [[ -f killed.db ]]; then
    stored=$(sql killed.db "SELECT count(*) FROM replications" 2>/dev/null || echo 0)
  fi
  ((stored >= 6)) && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.01
done
kill -9 "$pid" 2>/dev/null || fail "the sweep ended before it could be killed ($stored stored)"
wait "$pid" 2>/dev/null || true
echo "killed the sweep with $stored or more of $total replications stored"

[[ $(sql killed.db "PRAGMA integrity_check") == ok ]] || fail "integrity_check after kill -9"
after_kill=$(sql killed.db "SELECT count(*) FROM replications")
((after_kill > 0 && after_kill < total)) || fail "$after_kill replications stored after the kill"
[[ $(sql killed.db "SELECT status FROM runs") == running ]] || fail "status after kill"
[[ $(sql killed.db "SELECT count(*) FROM summaries") == 0 ]] || fail "summaries after kill"
# Whole replications only: every stored replication has all its scalars.
per_rep=$(sql full.db "SELECT count(*) FROM scalars WHERE point = 0 AND replication = 0")
partial=$(sql killed.db "SELECT count(*) FROM (SELECT point, replication, count(*) AS n FROM scalars
                          GROUP BY point, replication HAVING n <> $per_rep)")
[[ $partial == 0 ]] || fail "$partial replications stored in part"
echo "after kill -9: integrity ok, $after_kill whole replications, status running"

"$tumen" "${sweep[@]}" --db killed.db --resume
[[ $(sql killed.db "SELECT count(*) || ' ' || group_concat(status) FROM runs") == "1 complete" ]] ||
  fail "resume did not complete the one run"
[[ $(sql killed.db "SELECT count(*) FROM replications") == "$total" ]] || fail "replications after resume"

differences() {
  sql killed.db "ATTACH 'full.db' AS full;
    SELECT (SELECT count(*) FROM (SELECT point, name, n, mean, half_width, low, high, min, max FROM main.summaries
                                  EXCEPT SELECT point, name, n, mean, half_width, low, high, min, max FROM full.summaries))
         + (SELECT count(*) FROM (SELECT point, name, n, mean, half_width, low, high, min, max FROM full.summaries
                                  EXCEPT SELECT point, name, n, mean, half_width, low, high, min, max FROM main.summaries))
         + (SELECT count(*) FROM (SELECT point, replication, name, value FROM main.scalars
                                  EXCEPT SELECT point, replication, name, value FROM full.scalars))
         + (SELECT count(*) FROM (SELECT point, replication, name, value FROM full.scalars
                                  EXCEPT SELECT point, replication, name, value FROM main.scalars))
         + (SELECT count(*) FROM (SELECT point, position, name, value FROM main.point_variables
                                  EXCEPT SELECT point, position, name, value FROM full.point_variables));"
}
[[ $(differences) == 0 ]] || fail "$(differences) rows differ between the resumed and the uninterrupted run"
summaries=$(sql full.db "SELECT count(*) FROM summaries")
((summaries > 0)) || fail "no summaries"
echo "resumed run == uninterrupted run: $summaries summaries and every scalar identical"
