# Helpers the command-line test scripts share (sourced, not run):
#   fail MESSAGE…            print FAIL: MESSAGE to stderr and stop the script (status 1)
#   expect_exit CODE CMD…    run CMD with its output in out.txt and err.txt; fail (showing both)
#                            unless it exits with CODE
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {
  local want=$1 got=0
  shift
  "$@" >out.txt 2>err.txt || got=$?
  [[ $got == "$want" ]] || { cat out.txt err.txt >&2; fail "exit $got, not $want: $*"; }
}
