#!/usr/bin/env bash
# Shows that two builds of tumen produce the same outputs, byte for byte: for a restructuring
# that must not change behaviour. Runs one fixed study of each kind (run, run -r, sweep,
# capacity, staff, compare, reports, trace, CSV, db export) with each program in a scratch
# folder of its own, then compares every file written and everything printed.
#
#   scripts/same-outputs.sh OLD_TUMEN NEW_TUMEN [DAYS]      (DAYS: simulated days, more than
#                                                            the 7-day warm-up; default 14)
#
# Results databases are compared as `sqlite3 .dump` text with the wall-clock columns
# (runs.started_at, runs.finished_at, replications.finished_at) masked: they say when the
# command ran, not what it computed. The HTML reports are compared after masking their
# generation time likewise. The searches (capacity, staff, compare) run with -j 1: before commit
# 0c458f3 a search's point summary was summed in the order the threads finished, so with -j 2
# its last bits varied from run to run. Prints "same outputs: N files" and exits 0, or lists the
# files that differ (with the first lines of each diff) and exits 1.
set -euo pipefail
if (($# < 2)); then
  sed -n '2,16p' "$0" >&2
  exit 2
fi
old=$(readlink -f "$1")
new=$(readlink -f "$2")
days=${3:-14}
for p in "$old" "$new"; do [[ -x $p ]] || { echo "same-outputs: $p is not a program" >&2; exit 2; }; done
command -v sqlite3 >/dev/null || { echo "same-outputs: needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }

scratch=$(mktemp -d)
trap '[[ -n ${SAME_OUTPUTS_KEEP:-} ]] || rm -rf "$scratch"' EXIT

# The studies, one per line: a name, then the arguments. Each runs in the program's folder as
# ./tumen (so the command line recorded in the database is the same for both programs).
studies() {
  cat <<EOF
run_one run --days $days --json run.json --csv csv --trace trace.csv --report run.html
run_many run -r 3 -j 2 --days $days --json many.json --report many.html
run_mm1 run reference/mm1 --days $days --json mm1.json
check check khasan-tumangang
sweep sweep --vary stages.ru_exit_customs.lanes=2,3 -r 2 -j 2 --set run.days=$days --json sweep.json
capacity capacity --target "max_wait_p95 <= 12 h" -r 2 -j 1 --set run.days=$days --max-evaluations 4 --json capacity.json
staff staff --stage ru_exit_customs --target "stage.ru_exit_customs.wait.p95 <= 2 h" -r 2 -j 1 --set run.days=$days --json staff.json
compare compare khasan-tumangang --a-variant rail_only --b-variant road_and_rail -r 2 -j 1 --set run.days=$days --json compare.json
report_last report -o last.html --json last.json
report_first report --run 1 -o first.html --json first.json --trace trace.csv
db_list db list --json list.json
db_export db export --csv export --json export.json
EOF
}

for side in old new; do
  dir=$scratch/$side
  mkdir -p "$dir"
  if [[ $side == old ]]; then cp "$old" "$dir/tumen"; else cp "$new" "$dir/tumen"; fi
  while read -r name args; do
    [[ -z $name ]] && continue
    eval "set -- $args"
    (cd "$dir" && ./tumen "$@" >"$name.out" 2>"$name.err"; echo "exit $?" >>"$name.out") || true
  done < <(studies)
  sqlite3 "$dir/results.db" .dump |
    sed -E "s/'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z'/'<time>'/g" >"$dir/results.db.dump"
  rm -f "$dir/results.db" "$dir/tumen"
  # Generation times written into reports and JSON.
  find "$dir" -type f \( -name '*.html' -o -name '*.json' -o -name '*.out' -o -name '*.csv' \) \
    -exec sed -i -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z/<time>/g' {} +
done

# A study that fails proves nothing: every one must succeed with the old program.
failed=$(cd "$scratch/old" && grep -L '^exit 0$' ./*.out || true)
if [[ -n $failed ]]; then
  echo "same-outputs: these studies failed with $old (see their .err):" $failed >&2
  exit 2
fi
files=$(cd "$scratch/old" && find . -type f | sort)
newfiles=$(cd "$scratch/new" && find . -type f | sort)
if [[ $files != "$newfiles" ]]; then
  echo "same-outputs: the programs wrote different files:" >&2
  diff <(echo "$files") <(echo "$newfiles") >&2 || true
  exit 1
fi
differ=0
n=0
for f in $files; do
  n=$((n + 1))
  if ! cmp -s "$scratch/old/$f" "$scratch/new/$f"; then
    differ=1
    echo "differs: $f" >&2
    diff "$scratch/old/$f" "$scratch/new/$f" | head -8 >&2 || true
  fi
done
if ((differ)); then exit 1; fi
echo "same outputs: $n files"
