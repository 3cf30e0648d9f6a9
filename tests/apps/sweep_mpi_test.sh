#!/usr/bin/env bash
# A sweep across 2 MPI ranks gives exactly the serial sweep's results, and only rank 0 prints.
#
#   sweep_mpi_test.sh TUMEN SQLITE3 MPIEXEC WORKDIR
#
# The same sweep runs serially into serial.db and under `mpirun -n 2` into mpi.db; every
# scalar and summary must be bit-identical (compared inside SQLite), the MPI run must really
# have used 2 ranks (its executor attribute), and its standard output must be the serial one's
# table, once.
set -euo pipefail
tumen=$1 sqlite=$2 mpiexec=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work"

sweep=(sweep khasan-tumangang --vary stages.ru_xray.lanes=1,2 --vary demand.scale=0.8,1.2 -r 4)
sql() { "$sqlite" -batch "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

"$tumen" "${sweep[@]}" --db serial.db > serial.txt
"$mpiexec" --allow-run-as-root --oversubscribe -n 2 "$tumen" "${sweep[@]}" --db mpi.db > mpi.txt

[[ $(sql mpi.db "SELECT value FROM run_attributes WHERE name = 'executor'") == "2 MPI ranks" ]] ||
  fail "the MPI run did not run on 2 ranks"
[[ $(sql mpi.db "SELECT count(*) || ' ' || status FROM runs") == "1 complete" ]] || fail "mpi.db run"
[[ $(sql mpi.db "SELECT count(*) FROM replications") == 16 ]] || fail "mpi.db replications"

differences=$(sql mpi.db "ATTACH 'serial.db' AS serial;
  SELECT (SELECT count(*) FROM (SELECT point, name, n, mean, half_width, low, high, min, max FROM main.summaries
                                EXCEPT SELECT point, name, n, mean, half_width, low, high, min, max FROM serial.summaries))
       + (SELECT count(*) FROM (SELECT point, name, n, mean, half_width, low, high, min, max FROM serial.summaries
                                EXCEPT SELECT point, name, n, mean, half_width, low, high, min, max FROM main.summaries))
       + (SELECT count(*) FROM (SELECT point, replication, name, value FROM main.scalars
                                EXCEPT SELECT point, replication, name, value FROM serial.scalars))
       + (SELECT count(*) FROM (SELECT point, replication, name, value FROM serial.scalars
                                EXCEPT SELECT point, replication, name, value FROM main.scalars));")
[[ $differences == 0 ]] || fail "$differences rows differ between the MPI and the serial sweep"

# Rank 0 prints the serial table (but for the executor and the file name); rank 1 prints nothing.
sed -e 's/2 MPI ranks/EXECUTOR/' -e 's/mpi\.db/DB/' mpi.txt > mpi.norm
sed -e 's/serial)/EXECUTOR)/' -e 's/serial\.db/DB/' serial.txt > serial.norm
diff serial.norm mpi.norm || fail "the MPI sweep printed something else than the serial one"
echo "2-rank MPI sweep == serial sweep: $(sql serial.db "SELECT count(*) FROM summaries") summaries and every scalar identical"
