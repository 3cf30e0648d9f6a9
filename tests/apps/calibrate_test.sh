#!/usr/bin/env bash
# tumen calibrate end to end, on tests/data/calibration (two booths; observations tumen gave at
# service_scale 1.1 and demand_scale 0.9 with another seed):
#
#   calibrate_test.sh TUMEN SQLITE3 DATA WORKDIR
#
# 1. bad input (an unknown key to fit, bounds the key refuses, a bad observations file) exits 2
#    naming file:line:col and writes nothing: no database, no --write, no --json file;
# 2. an uninterrupted calibration recovers the truth within its 95 % intervals, writes the fitted
#    scenario (which runs with --variant calibrated) and its JSON, and records one complete run;
# 3. the same calibration stopped by SIGTERM after some evaluations exits 143 and names --resume;
#    --resume replays the stored evaluations (one of them only partly stored, as after kill -9) and
#    ends with the same JSON and fitted scenario as the uninterrupted one;
# 4. --resume once more does nothing and says so;
# 5. a fit under --variant and --set writes a scenario whose calibrated variant is the best
#    evaluation exactly.
set -euo pipefail
set -m
source "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh"  # fail, stop_when
tumen=$1 sqlite=$2 data=$3 work=$4
rm -rf "$work"
mkdir -p "$work/bad" "$work/full" "$work/stopped"
cd "$work"
sql() { "$sqlite" -batch -cmd ".timeout 10000" "$@"; }
cal=(calibrate "$data/two_booths.toml" --observed "$data/two_booths_observed.csv"
     --fit stages.booth.service_scale=0.5..2 --fit run.demand_scale=0.5..1.5 -r 4 -j 2
     --db results.db)

# 1. Bad input: nothing written.
cd bad
printf 'series,hour,value,unit\nstage.booth.hourly.wait_mean,25,3,min\n' > bad_obs.csv
status=0
"$tumen" calibrate "$data/two_booths.toml" --observed bad_obs.csv \
  --fit stages.nowhere.service_scale=0.5..2 --fit stages.booth.lanes=0..3 \
  --db results.db --write fitted.toml --json out.json 2>stderr.txt || status=$?
cat stderr.txt
[[ $status == 2 ]] || fail "bad input: exit status $status, not 2"
grep -q 'bad_obs.csv:2:30: error: (column "hour"): must be a whole hour' stderr.txt ||
  fail "the bad hour is not located"
grep -q 'stages.nowhere.service_scale' stderr.txt || fail "the unknown key is not named"
[[ $(ls -A | sort | tr '\n' ' ') == "bad_obs.csv stderr.txt " ]] || fail "written: $(ls -A)"
echo "bad input: exit 2, located, nothing written"
cd ..

# 2. Uninterrupted.
cd full
"$tumen" "${cal[@]}" --write fitted.toml --json out.json > stdout.txt
cat stdout.txt
grep -q "Fitted scenario written to fitted.toml" stdout.txt || fail "no word of the fitted file"
[[ $(sql results.db "SELECT kind || ' ' || status FROM runs") == "calibrate complete" ]] ||
  fail "the run is not recorded complete"
"$tumen" run fitted.toml --variant calibrated --days 5 --no-db -q || fail "the fitted scenario does not run"
grep -q '^\[variants.calibrated\]' fitted.toml || fail "no [variants.calibrated] in the fitted file"
cd ..

# 3. SIGTERM after a few evaluations, then --resume.
cd stopped
"$tumen" "${cal[@]}" --write fitted.toml --json out.json 2>stderr.txt >/dev/null &
pid=$!
stop_when TERM "$pid" "$sqlite" results.db "SELECT count(*) FROM points" 5
status=0
wait "$pid" || status=$?
cat stderr.txt
[[ $status == 143 ]] || fail "exit status $status after SIGTERM, not 143"
grep -q -- "--resume" stderr.txt || fail "the message does not say how to resume"
[[ $(sql results.db "SELECT status FROM runs") == interrupted ]] || fail "run not marked interrupted"
[[ ! -e out.json && ! -e fitted.toml ]] || fail "an interrupted calibration wrote its JSON or scenario"
stored=$(sql results.db "SELECT count(*) FROM points")
# As if killed while its last evaluation was being stored: one of its replications is missing.
# That evaluation is simulated again (same seeds, same figures) and not stored twice.
sql results.db "DELETE FROM scalars WHERE point = (SELECT max(point) FROM points) AND replication = 3;
                DELETE FROM replications WHERE point = (SELECT max(point) FROM points) AND replication = 3;"
"$tumen" "${cal[@]}" --write fitted.toml --json out.json --resume 2>stderr.txt >/dev/null
cat stderr.txt
grep -q "resuming run 1" stderr.txt || fail "the resume did not say so"
[[ $(sql results.db "SELECT count(*) || ' ' || group_concat(status) FROM runs") == "1 complete" ]] ||
  fail "resume did not complete the one run"
# The same result, to the last digit, and the same fitted scenario.
cmp -s ../full/out.json out.json || fail "the resumed calibration differs from the uninterrupted one"
cmp -s ../full/fitted.toml fitted.toml || fail "the resumed fitted scenario differs"
echo "SIGTERM after $stored evaluations: exit 143; --resume gives the uninterrupted result"

# 4. Nothing more to do.
cp results.db before.db
"$tumen" "${cal[@]}" --resume 2>again.txt >/dev/null
grep -q "nothing to resume" again.txt || fail "--resume of a complete calibration did not say so"
cmp -s results.db before.db || fail "--resume of a complete calibration changed the database"
echo "--resume of a complete calibration: nothing done"

# 5. The fitted scenario carries what the fit ran under: its --variant and its --set values (a
#    value that is not TOML, "3 d", written as a string), then the fitted values, so that running
#    it with --variant calibrated is the best evaluation exactly.
cd ../..
mkdir variant && cd variant
cp "$data/two_booths.toml" tv.toml
printf '\n[variants.three]\n"stages.booth.lanes" = 3\nstages.booth.service = { dist = "exponential", mean = "70 s" }\n' >> tv.toml
"$tumen" calibrate tv.toml --variant three --set 'run.warmup=3 d' --observed "$data/two_booths_observed.csv" \
  --fit stages.booth.service_scale=0.5..3 -r 2 -j 2 --no-db --max-evaluations 8 --write fitted.toml \
  --json fit.json -q
value=$(jq -r '.parameters[0].value' fit.json)
"$tumen" run fitted.toml --variant calibrated --no-db -q --json a.json
"$tumen" run tv.toml --variant three --set 'run.warmup=3 d' --set "stages.booth.service_scale=$value" \
  --no-db -q --json b.json
cmp -s <(jq -S 'del(.scenario_source)' a.json) <(jq -S 'del(.scenario_source)' b.json) ||
  fail "the fitted scenario's calibrated variant is not the fit's best evaluation"
echo "fitted scenario with --variant and --set: runs as the best evaluation"
