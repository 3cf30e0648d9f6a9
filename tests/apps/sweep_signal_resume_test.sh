#!/usr/bin/env bash
# SIGTERM in the middle of a sweep stops it cleanly, and --resume then gives exactly the database
# of an uninterrupted sweep; --resume of a complete sweep does nothing and says so.
#
#   sweep_signal_resume_test.sh TUMEN SQLITE3 WORKDIR
#
# 1. the sweep runs uninterrupted in full/;
# 2. the same sweep starts in stopped/ and gets SIGTERM once some (not all) replications are
#    stored: exit status 143, a message naming --resume, the run marked "interrupted", and no
#    file left beside the database (no temporary file, no journal);
# 3. the same command with --resume completes it: every table, exported with `tumen db export`,
#    equals the uninterrupted sweep's once timestamps and the resumed.N attribute are masked;
# 4. --resume once more: exit status 0, "nothing to resume", the database unchanged;
# 5. a run (one long replication with --trace) stopped by SIGINT exits with 130, leaves no
#    temporary trace file and its run marked "interrupted".
set -euo pipefail
# Job control: a background job of a script otherwise starts with SIGINT ignored (and tumen,
# like every program, leaves a signal ignored at its start alone).
set -m
source "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh"  # fail, stop_when
tumen=$1 sqlite=$2 work=$3
rm -rf "$work"
mkdir -p "$work/full" "$work/stopped"
cd "$work"

sweep=(sweep khasan-tumangang --vary stages.ru_xray.lanes=1,2 --vary demand.scale=0.8:1.2:0.2
       -r 6 -j 2 -q --db results.db)
total=36
sql() { "$sqlite" -batch -cmd ".timeout 10000" "$@"; }
# Every table as CSV, timestamps and the resume's own attribute masked.
tables() {
  rm -rf "$1/export"
  "$tumen" db export "$1/results.db" --csv "$1/export" -q
  sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+Z?/TIME/g' "$1"/export/*.csv
  sed -i -E '/^[0-9]+,resumed\.[0-9]+,/d' "$1/export/run_attributes.csv"
}

(cd full && "$tumen" "${sweep[@]}")
[[ $(sql full/results.db "SELECT count(*) FROM replications") == "$total" ]] || fail "full sweep incomplete"

cd stopped
"$tumen" "${sweep[@]}" 2>stderr.txt &
pid=$!
stop_when TERM "$pid" "$sqlite" results.db "SELECT count(*) FROM replications" 4
status=0
wait "$pid" || status=$?
cat stderr.txt
[[ $status == 143 ]] || fail "exit status $status after SIGTERM, not 143"
grep -q -- "stopped by SIGTERM" stderr.txt || fail "no word of SIGTERM"
grep -q -- "--resume" stderr.txt || fail "the message does not say how to resume"
[[ $(sql results.db "SELECT status FROM runs") == interrupted ]] || fail "run not marked interrupted"
after=$(sql results.db "SELECT count(*) FROM replications")
((after > 0 && after < total)) || fail "$after replications stored after SIGTERM"
[[ $(ls -A | sort | tr '\n' ' ') == "results.db stderr.txt " ]] || fail "stray files: $(ls -A)"
echo "SIGTERM: exit 143, run interrupted with $after of $total replications, no stray files"

"$tumen" "${sweep[@]}" --resume
[[ $(sql results.db "SELECT count(*) || ' ' || group_concat(status) FROM runs") == "1 complete" ]] ||
  fail "resume did not complete the one run"
cd ..
tables full
tables stopped
diff -r full/export stopped/export || fail "the resumed database differs from the uninterrupted one"
echo "resumed database == uninterrupted database (timestamps masked)"

cd stopped
cp results.db before.db
"$tumen" "${sweep[@]}" --resume 2>again.txt || fail "--resume of a complete sweep failed"
grep -q "nothing to resume" again.txt || fail "--resume of a complete sweep did not say so: $(cat again.txt)"
cmp -s results.db before.db || fail "--resume of a complete sweep changed the database"
rm before.db again.txt
echo "--resume of a complete sweep: exit 0, nothing done"
cd ..

mkdir run && cd run
"$tumen" run khasan-tumangang --days 3000 --trace trace.csv -q --db results.db 2>stderr.txt &
pid=$!
for _ in $(seq 1 500); do
  [[ $(sql results.db "SELECT count(*) FROM runs" 2>/dev/null || echo 0) == 1 ]] && break
  sleep 0.01
done
sleep 0.3
kill -INT "$pid" 2>/dev/null || fail "the run ended before it could be stopped"
status=0
wait "$pid" || status=$?
cat stderr.txt
[[ $status == 130 ]] || fail "exit status $status after SIGINT, not 130"
[[ $(sql results.db "SELECT status FROM runs") == interrupted ]] || fail "run not marked interrupted"
[[ $(ls -A | sort | tr '\n' ' ') == "results.db stderr.txt " ]] || fail "stray files: $(ls -A)"
echo "SIGINT: exit 130, run interrupted, no temporary trace left"
