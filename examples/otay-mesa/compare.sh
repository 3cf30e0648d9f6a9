#!/usr/bin/env bash
# Compares the simulated hourly waits of a `tumen run --json` with observed.csv, hour by hour.
#
#   examples/otay-mesa/compare.sh RESULTS.json [OBSERVED.csv]
#
# RESULTS.json: from `tumen run examples/otay-mesa/otay-mesa.toml --no-db -q -r 4 -j 2 --json FILE`
# (its "summary": the mean over replications of each figure, waits in seconds).
# OBSERVED.csv (default: observed.csv beside this script): `series,hour,value,unit` rows, unit min;
# lines starting with '#' are comments. Each series is a metric name without its hour
# (stage.general.hourly.wait_mean); only the hours it lists are compared.
#
# Prints, per series, a Markdown table hour | observed min | simulated min (± the 95% half-width
# over replications), then MAE (mean |simulated − observed|, minutes), bias (mean simulated −
# observed, minutes) and Pearson's correlation over the listed hours. Needs jq.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
json=${1:?usage: compare.sh RESULTS.json [OBSERVED.csv]}
observed=${2:-$here/observed.csv}
command -v jq >/dev/null || { echo "compare.sh: needs jq" >&2; exit 2; }

grep -v '^#' "$observed" | jq -R -s -r --slurpfile results "$json" '
  def r2: . * 10 | round / 10;
  def r3: . * 1000 | round / 1000;
  ($results[0].summary | map({key: .name, value: .}) | from_entries) as $sim
  | split("\n") | map(select(length > 0) | split(","))
  | if .[0] != ["series", "hour", "value", "unit"] then
      error("observed: header must be series,hour,value,unit, got \(.[0] | join(","))")
    else .[1:] end
  | map(if .[3] != "min" then error("observed: unit must be min, got \(.[3])") else . end
        | {series: .[0], hour: (.[1] | tonumber), obs: (.[2] | tonumber)})
  | group_by(.series)
  | map(
      (.[0].series) as $series
      | map(. as $o
            | ($series + "." + (if $o.hour < 10 then "0" else "" end) + ($o.hour | tostring)) as $name
            | ($sim[$name] // error("results: no figure \($name)")) as $s
            | $o + {sim: ($s.mean / 60), hw: ($s.half_width / 60)})
      | . as $rows
      | (length) as $n
      | (map(.obs) | add / $n) as $mo
      | (map(.sim) | add / $n) as $ms
      | (map((.sim - $ms) * (.obs - $mo)) | add) as $sxy
      | (map((.sim - $ms) * (.sim - $ms)) | add) as $sxx
      | (map((.obs - $mo) * (.obs - $mo)) | add) as $syy
      | "### \($series)\n\n| hour | observed min | simulated min |\n|---:|---:|---:|\n"
        + ($rows | map("| \(.hour) | \(.obs) | \(.sim | r2) ± \(.hw | r2) |") | join("\n"))
        + "\n\nhours \($n) · MAE \(map(.sim - .obs | fabs) | add / $n | r2) min"
        + " · bias \(($ms - $mo) | r2) min"
        + " · correlation \(if $sxx > 0 and $syy > 0 then ($sxy / ($sxx * $syy | sqrt) | r3)
                            else "n/a" end)"
        + " · observed mean \($mo | r2) min · simulated mean \($ms | r2) min\n")
  | join("\n")'
