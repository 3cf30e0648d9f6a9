# Helpers the command-line test scripts share (sourced, not run):
#   fail MESSAGE…            print FAIL: MESSAGE to stderr and stop the script (status 1)
#   expect_exit CODE CMD…    run CMD with its output in out.txt and err.txt; fail (showing both)
#                            unless it exits with CODE
#   stop_when SIGNAL PID SQLITE3 DB QUERY N
#                            send SIGNAL to the background job PID once QUERY (a count) on the
#                            results database DB reaches N, polling every 10 ms for at most 30 s;
#                            fail if the job ended first. Sets `reached` to the last count seen.
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {
  local want=$1 got=0
  shift
  "$@" >out.txt 2>err.txt || got=$?
  [[ $got == "$want" ]] || { cat out.txt err.txt >&2; fail "exit $got, not $want: $*"; }
}
stop_when() {
  local signal=$1 pid=$2 sqlite=$3 db=$4 query=$5 want=$6
  reached=0
  for _ in $(seq 1 3000); do
    [[ -f $db ]] && reached=$("$sqlite" -batch -cmd ".timeout 10000" "$db" "$query" 2>/dev/null || echo 0)
    ((reached >= want)) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill "-$signal" "$pid" 2>/dev/null || fail "the job ended before it could be stopped ($reached of $want)"
}
