#!/usr/bin/env bash
# Checks that no layer includes a header of a layer it does not link: the build file is the
# architecture diagram, and this keeps the code to it. Run by scripts/lint.sh.
#
# A layer's allowed layers are read from its own src/tumen/<layer>/CMakeLists.txt (every
# `tumen::<name>` it names, i.e. its DEPENDS), closed transitively. Every
# `#include "tumen/<other>/…"` in include/tumen/<layer>/ and src/tumen/<layer>/ must name the
# layer itself or one it may use. apps/, tests/, bench/ and examples/ sit above every layer.
#
#   scripts/check-layers.sh          prints "layers: ok" or every offending include, exits 1
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

layers=()
for f in src/tumen/*/CMakeLists.txt; do
  layers+=("$(basename "$(dirname "$f")")")
done

declare -A direct
for l in "${layers[@]}"; do
  direct[$l]=$(grep -oE 'tumen::[a-z_]+' "src/tumen/$l/CMakeLists.txt" | sed 's/tumen:://' | sort -u | tr "\n" " " || true)
done

# The transitive closure of a layer's direct dependencies.
closure() {
  local todo=("$1") seen=" " l d
  while ((${#todo[@]})); do
    l=${todo[0]}
    todo=("${todo[@]:1}")
    for d in ${direct[$l]:-}; do
      [[ $seen == *" $d "* ]] && continue
      seen+="$d "
      todo+=("$d")
    done
  done
  echo "$seen"
}

bad=0
for l in "${layers[@]}"; do
  allowed=" $l $(closure "$l")"
  while IFS= read -r hit; do
    [[ -z $hit ]] && continue
    used=$(sed -E 's/.*#include "tumen\/([a-z_]+)\/.*/\1/' <<<"$hit")
    if [[ $allowed != *" $used "* ]]; then
      echo "layers: ${hit%%:#*}: layer '$l' includes a header of '$used', which it does not link (it may use:${allowed})" >&2
      bad=1
    fi
  done < <(grep -rnE '^\s*#include "tumen/[a-z_]+/' "include/tumen/$l" "src/tumen/$l" 2>/dev/null || true)
done
if ((bad)); then exit 1; fi
echo "layers: ok"
