#!/usr/bin/env bash
# Hourly tables from CSV files through the command line (docs/scenario-format.md, "Tables from
# CSV files"): a scenario whose hourly tables name CSV columns runs exactly like the same
# scenario with inline arrays; the files are found beside the scenario, not in the working
# folder; --set may name one; bad files are located errors (file:line:col and the column) with
# nothing written; the stored scenario carries the files (check/show/report need no files, a
# changed file is a new scenario that --resume does not continue).
#
#   csv_tables_cli_test.sh TUMEN SQLITE3 WORKDIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cli_helpers.sh"  # fail, expect_exit
tumen=$1 sqlite=$2 work=$3
rm -rf "$work"
mkdir -p "$work/scen" "$work/elsewhere"
cd "$work"
expect_err() {  # expect_err TEXT: a line of err.txt is exactly TEXT
  grep -qxF -- "$1" err.txt || { cat err.txt >&2; fail "no line: $1"; }
}

/usr/bin/python3 - <<'PY'
import random
rates = [40 + 3 * (h % 5) for h in range(24)]
demand = [20 + h for h in range(24)]
lanes = [1 if h < 6 else 2 for h in range(24)]
other = [30 + h for h in range(24)]
order = list(range(24))
random.Random(7).shuffle(order)
with open("scen/rates.csv", "w", newline="") as f:
    f.write("# hourly rates; source: a test\r\nhour, general, demand,lanes,note\r\n")
    for h in order:
        f.write(f"{h},{rates[h]},{demand[h]},{lanes[h]},\"free, text\"\r\n")
with open("scen/other.csv", "w") as f:
    f.write("hour,b\n" + "".join(f"{h},{other[h]}\n" for h in range(24)))
shape = """[scenario]
name = "csv test"
[run]
days = 4
warmup = "1 d"
[classes.customer]
[stages.server]
lanes = 2
rate_per_lane = RATE
open_lanes = OPEN
[routes.through]
path = ["server"]
[[demand]]
per_hour = DEMAND
"""
def scenario(name, rate, open_, demand_):
    open(f"scen/{name}.toml", "w").write(
        shape.replace("RATE", rate).replace("OPEN", open_).replace("DEMAND", demand_))
ref = lambda f, c: f'{{ csv = "{f}", column = "{c}" }}'
scenario("csv", ref("rates.csv", "general"), ref("rates.csv", "lanes"), ref("rates.csv", "demand"))
scenario("inline", str(rates), str(lanes), str(demand))
scenario("missing", ref("nowhere.csv", "general"), str(lanes), str(demand))
scenario("bad", ref("bad.csv", "general"), ref("bad.csv", "lanes"), str(demand))
bad = open("scen/rates.csv", newline="").read().replace("\r\n7,", "\r\n7,-3,1,9,x\r\nX,")
open("scen/bad.csv", "w", newline="").write(bad)
open("other_values.txt", "w").write(str(other))
PY

same_results() {  # same_results A.json B.json: equal but for where the scenario came from
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for j in (a, b):
    j.pop("scenario_source", None)
assert a == b, [k for k in a if a.get(k) != b.get(k)]
PY
}

# The same results both ways, run from another folder than the scenario's.
expect_exit 0 "$tumen" run scen/csv.toml --no-db -q --json csv.json
expect_exit 0 "$tumen" run scen/inline.toml --no-db -q --json inline.json
same_results csv.json inline.json || fail "CSV tables and inline arrays differ"
# (and a different table gives different results: the comparison can fail)
expect_exit 0 "$tumen" run scen/inline.toml --no-db -q --json other.json \
  --set "stages.server.rate_per_lane=$(cat other_values.txt)"
! same_results csv.json other.json 2>/dev/null || fail "a different rate gave the same results"

# --set names a CSV file beside the scenario (not in the working folder).
cp scen/other.csv elsewhere/ && rm scen/other.csv
expect_exit 2 "$tumen" run scen/inline.toml --no-db -q --json set.json \
  --set 'stages.server.rate_per_lane={ csv = "other.csv", column = "b" }'
expect_err '--set: error: stages.server.rate_per_lane.csv: the CSV file "other.csv" cannot be read: there is no file scen/other.csv'
mv elsewhere/other.csv scen/
expect_exit 0 "$tumen" run scen/inline.toml --no-db -q --json set.json \
  --set 'stages.server.rate_per_lane={ csv = "other.csv", column = "b" }'
same_results set.json other.json || fail "--set of a CSV column differs from the array"

# check and show; the shown text carries the files and needs none of them.
expect_exit 0 "$tumen" check scen/csv.toml
grep -q '^scen/csv.toml: ok' out.txt || fail "check"
expect_exit 0 "$tumen" show scen/csv.toml
grep -q '^"rates.csv" = '"'''"'$' out.txt || fail "show does not carry rates.csv"
cp out.txt elsewhere/carried.toml
expect_exit 0 "$tumen" check elsewhere/carried.toml
expect_exit 0 "$tumen" run elsewhere/carried.toml --no-db -q --json carried.json
same_results carried.json csv.json || fail "the shown scenario runs differently"

# Bad values: located at the cell, with the column; nothing written.
expect_exit 2 "$tumen" run scen/bad.toml --db bad.db --json bad.json --csv bad_tables
expect_err 'scen/bad.csv:7:3: error: stages.server.rate_per_lane.7 (column "general"): must be a number > 0 and ≤ 1000000, got -3'
expect_err 'scen/bad.csv:7:8: error: stages.server.open_lanes.7 (column "lanes"): must be a whole number from 0 to 2, got 9'
expect_err 'scen/bad.csv:8:1: error: stages.server.open_lanes (column "hour"): an hour must be a whole number from 0 to 23, got "X"'
[[ ! -e bad.db && ! -e bad.json && ! -e bad_tables ]] || fail "bad input wrote something"
# A missing file: located at its csv = "…" in the scenario.
expect_exit 2 "$tumen" run scen/missing.toml --db bad.db --json bad.json
expect_err 'scen/missing.toml:9:19: error: stages.server.rate_per_lane.csv: the CSV file "nowhere.csv" cannot be read: there is no file scen/nowhere.csv'
[[ ! -e bad.db && ! -e bad.json ]] || fail "a missing CSV file wrote something"
# A built-in scenario has no folder: only its own [tables].
expect_exit 2 "$tumen" check reference/mm1 --set 'stages.server.rate_per_lane={ csv = "other.csv", column = "b" }'
expect_err "--set: error: stages.server.rate_per_lane.csv: the CSV file \"other.csv\" is not in this scenario's [tables]"

# The stored scenario carries the files: the report needs none.
expect_exit 0 "$tumen" run scen/csv.toml --db runs.db -q
[[ $("$sqlite" runs.db "SELECT instr(scenario_text, 'hour, general, demand') > 0 FROM runs") == 1 ]] ||
  fail "the stored scenario does not carry rates.csv"
mv scen/rates.csv rates.csv.away
expect_exit 0 "$tumen" report runs.db -o report.html -q
[[ -s report.html ]] || fail "no report"
mv rates.csv.away scen/rates.csv

# A sweep resumes an unfinished run of the same scenario, but not once a CSV file changed.
sweep=(sweep scen/csv.toml --vary stages.server.lanes=2,3 -r 2 --db sweep.db)
expect_exit 0 "$tumen" "${sweep[@]}" -q
unfinish() { "$sqlite" sweep.db "UPDATE runs SET status = 'running', finished_at = NULL; DELETE FROM summaries"; }
unfinish
expect_exit 0 "$tumen" "${sweep[@]}" --resume
grep -q "tumen: resuming run 1 of sweep.db" err.txt || { cat err.txt; fail "the same sweep did not resume"; }
unfinish
sed -i 's/^7,\([0-9]*\),/7,99,/' scen/rates.csv
expect_exit 0 "$tumen" "${sweep[@]}" --resume
grep -q "no unfinished sweep of this design in sweep.db; starting a new run" err.txt ||
  { cat err.txt; fail "a changed CSV file resumed the old sweep"; }
[[ $("$sqlite" sweep.db "SELECT count(DISTINCT scenario_hash) || ' ' || count(*) FROM runs") == "2 2" ]] ||
  fail "the changed CSV file did not make a new run"
echo "csv tables: ok"
