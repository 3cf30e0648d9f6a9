#!/usr/bin/env bash
# Checks the source tree for patterns that compile but are known to break, so they never come
# back. Run by scripts/test.sh.
#   * `if (co_await …)` / `while (co_await …)`: g++ 12.2 miscompiles a co_await in a condition
#     (the coroutine crashes with SIGILL when it resumes). Bind the result first:
#     `auto got = co_await x; if (got) …`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bad=$(grep -rnE '(if|while) \(!?\s*co_await' --include='*.cpp' --include='*.hpp' src include apps examples tests bench fuzz 2>/dev/null | grep -v '^\S*:[0-9]*:\s*//' || true)
if [[ -n "$bad" ]]; then
  echo "lint: co_await inside an if/while condition (g++ 12 miscompiles it; bind the result first):" >&2
  echo "$bad" >&2
  exit 1
fi
echo "lint: ok"
