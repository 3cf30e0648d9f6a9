#!/usr/bin/env bash
# The results-database side of the command line: bad --vary input changes nothing, `tumen run`
# records itself (or not, with --no-db), sweeps print their table and JSON, `tumen db list` and
# `tumen db export` read the file back, and unusable database paths are clear errors (exit 1).
#
#   sweep_cli_test.sh TUMEN SQLITE3 WORKDIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh"  # fail, expect_exit
tumen=$1 sqlite=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work"

# Bad --vary values: exit 2, every problem named, no database created ...
expect_exit 2 "$tumen" sweep reference/mm1 --vary stages.server.lanes=1:3 --vary demand.scale=2:1:0.5 -r 2
grep -q '"1:3" is not a range' err.txt || fail "the bad range is not named"
grep -q 'the range "2:1:0.5" ends' err.txt || fail "the backward range is not named"
expect_exit 2 "$tumen" sweep reference/mm1 --vary stages.server.lanes=1,0 -r 2
grep -q "at point 1: stages.server.lanes=0" err.txt || fail "the bad point is not named"
[[ ! -e results.db ]] || fail "bad input created results.db"
expect_exit 2 "$tumen" sweep reference/mm1 --vary stages.server.lanes=1,2 --metrics vehicles_per_dya -r 2
[[ ! -e results.db ]] || fail "a bad metric created results.db"

# ... and an existing database is left byte for byte as it was.
expect_exit 0 "$tumen" run reference/mm1 --set run.days=3 --set "run.warmup=0 d" -q
[[ $("$sqlite" results.db "SELECT kind || ' ' || status || ' ' || count(*) FROM runs") == "run complete 1" ]] ||
  fail "tumen run did not record itself"
before=$(cksum < results.db)
expect_exit 2 "$tumen" sweep reference/mm1 --vary stages.nowhere.lanes=1,2 -r 2
[[ $(cksum < results.db) == "$before" ]] || fail "bad input changed results.db"

# --no-db records nothing; --db elsewhere.
expect_exit 0 "$tumen" run reference/mm1 --set run.days=3 --set "run.warmup=0 d" -q --no-db --json run.json
[[ $("$sqlite" results.db "SELECT count(*) FROM runs") == 1 ]] || fail "--no-db recorded a run"
expect_exit 0 "$tumen" run reference/mm1 --set run.days=3 --set "run.warmup=0 d" -q -r 3 -j 2 --db runs.db
[[ $("$sqlite" runs.db "SELECT count(*) FROM replications") == 3 ]] || fail "run -r 3 stored"

# A sweep: the table on standard output, JSON for scripts, everything in the database.
expect_exit 0 "$tumen" sweep reference/mm1 --set run.days=5 --set "run.warmup=0 d" \
  --vary stages.server.lanes=1,2 --vary demand.scale=0.5:1:0.5 -r 3 --json sweep.json
grep -q "4 points × 3 replications" out.txt || fail "sweep header"
[[ $(grep -cE "^ +[0-9]+  .*± " out.txt) == 4 ]] || fail "not one row per point"
/usr/bin/python3 - <<'PY' || fail "sweep.json"
import json
j = json.load(open("sweep.json"))
assert j["variables"] == ["stages.server.lanes", "demand.scale"], j["variables"]
assert [p["values"] for p in j["points"]] == [
    {"stages.server.lanes": "1", "demand.scale": "0.5"}, {"stages.server.lanes": "1", "demand.scale": "1.0"},
    {"stages.server.lanes": "2", "demand.scale": "0.5"}, {"stages.server.lanes": "2", "demand.scale": "1.0"}]
assert all(p["metrics"]["vehicles_per_day"]["n"] == 3 for p in j["points"])
# each point's verdict: the share of its replications saturated (none at these loads), and how many
assert all(p["saturated_share"] == 0 and p["saturated_replications"] == 0 for p in j["points"])
PY
grep -qE "^point .* saturated$" out.txt || fail "the table has no saturated column"
[[ $("$sqlite" results.db "SELECT count(*) FROM summaries WHERE run = 2 AND name = 'saturated' AND n = 3") == 4 ]] ||
  fail "saturated summary per point"
[[ $("$sqlite" results.db "SELECT count(*) FROM points WHERE run = 2") == 4 ]] || fail "points"
[[ $("$sqlite" results.db "SELECT count(*) FROM point_variables WHERE run = 2 AND number IS NOT NULL") == 8 ]] ||
  fail "point variables"
[[ $("$sqlite" results.db "SELECT count(DISTINCT hour) FROM hourly WHERE run = 2") == 24 ]] || fail "hourly view"

# db list and export.
expect_exit 0 "$tumen" db list
grep -q "sweep  complete  reference/mm1.toml" out.txt || { cat out.txt; fail "db list"; }
expect_exit 0 "$tumen" db list results.db --json -
/usr/bin/python3 -c "import json,sys; r=json.load(open('out.txt')); assert [x['kind'] for x in r]==['run','sweep']" ||
  fail "db list --json"
expect_exit 0 "$tumen" db export results.db --csv csv -q
for t in runs run_attributes points point_variables replications scalars summaries; do
  [[ -s csv/$t.csv ]] || fail "csv/$t.csv missing"
done
[[ $(head -1 csv/scalars.csv) == "run,point,replication,name,value" ]] || fail "scalars.csv header"
expect_exit 0 "$tumen" db schema
grep -q "CREATE TABLE IF NOT EXISTS summaries" out.txt || fail "db schema"

# Unusable database paths: bad input (exit 2, found before anything runs), clear errors, nothing
# created.
expect_exit 2 "$tumen" sweep reference/mm1 --vary demand.scale=1,2 -r 2 --db nowhere/r.db
grep -q "the folder nowhere does not exist" err.txt || fail "missing directory message"
echo "just text" > notes.txt
expect_exit 2 "$tumen" run reference/mm1 -q --db notes.txt
grep -q "not a results database (not an SQLite file at all)" err.txt || fail "not-a-database message"
[[ $(cat notes.txt) == "just text" ]] || fail "notes.txt was changed"
expect_exit 2 "$tumen" db list missing.db
[[ ! -e missing.db ]] || fail "db list created missing.db"
echo "sweep CLI: bad input changes nothing, run/sweep/db list/export/schema work, bad paths are clear"
