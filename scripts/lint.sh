#!/usr/bin/env bash
# Checks the source tree for patterns that compile but are known to break, so they never come
# back. Run by scripts/test.sh.
#   * `if (co_await …)` / `while (co_await …)`: g++ 12.2 miscompiles a co_await in a condition
#     (the coroutine crashes with SIGILL when it resumes). Bind the result first:
#     `auto got = co_await x; if (got) …`.
#   * C++ files not formatted by the repository's .clang-format (clang-format 14, Debian's):
#     run `clang-format -i FILE` (or the whole tree: see below) and commit the result.
#   * a layer that includes a header of a layer it does not link (scripts/check-layers.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bad=$(grep -rnE '(if|while) \(!?\s*co_await' --include='*.cpp' --include='*.hpp' src include apps examples tests bench fuzz 2>/dev/null | grep -v '^\S*:[0-9]*:\s*//' || true)
if [[ -n "$bad" ]]; then
  echo "lint: co_await inside an if/while condition (g++ 12 miscompiles it; bind the result first):" >&2
  echo "$bad" >&2
  exit 1
fi

# Every C++ file of the project, formatted as .clang-format says.
mapfile -t cxx < <(git ls-files '*.cpp' '*.hpp' '*.h' 2>/dev/null || find src include apps examples tests bench fuzz -name '*.[ch]pp')
if ! clang-format --dry-run --Werror "${cxx[@]}" 2>/tmp/tumen-format.$$; then
  echo "lint: not formatted with .clang-format (fix: clang-format -i FILE …):" >&2
  grep -oE '^[^:]+\.(cpp|hpp|h):' /tmp/tumen-format.$$ | sort -u | sed 's/:$//' >&2
  rm -f /tmp/tumen-format.$$
  exit 1
fi
rm -f /tmp/tumen-format.$$
"$root/scripts/check-layers.sh"
echo "lint: ok"
