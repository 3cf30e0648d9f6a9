# Sourced by the bench scripts that measure memory (memory_mm1.sh, memory_crossing.sh,
# overload_10x.sh): `measure CMD...` runs CMD once, its standard output to $measure_out
# (default /dev/null) and its standard error to $tmp/err, and sets rss_kb (peak resident set
# size, KiB), cpu_s (user + system seconds: on a busy machine a better guide than wall time to an
# idle machine's) and wall_s; its status is CMD's. rss_method says how the peak was read: by
# /usr/bin/time (Debian package `time`) when installed, else VmHWM from /proc/PID/status polled
# every 10 ms. The script sourcing this sets $tmp, a scratch folder.
measure_out=/dev/null

if /usr/bin/time -f %M true >/dev/null 2>&1; then
  rss_method="/usr/bin/time -f %M (maximum resident set size)"
  measure() {
    local start status=0 user sys
    start=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$tmp/usage" "$@" >"$measure_out" 2>"$tmp/err" || status=$?
    wall_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    read -r rss_kb user sys < <(tail -n 1 "$tmp/usage")
    cpu_s=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    return "$status"
  }
else
  rss_method="VmHWM from /proc/PID/status, polled every 10 ms (/usr/bin/time not installed)"
  measure() {
    local pid v ticks=0 hz start status=0
    hz=$(getconf CLK_TCK)
    start=$(date +%s.%N)
    "$@" >"$measure_out" 2>"$tmp/err" &
    pid=$!
    rss_kb=0
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n $v ]] && rss_kb=$v
      v=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true)  # utime + stime
      [[ -n $v ]] && ticks=$v
      sleep 0.01
    done
    wait "$pid" || status=$?
    wall_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    cpu_s=$(awk -v t="$ticks" -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')
    return "$status"
  }
fi
