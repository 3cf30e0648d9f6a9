#!/usr/bin/env bash
# Installs, by name from Debian's archive, every package tumen needs to build, test and
# benchmark, unless it is already installed. Safe to run again: a machine that has everything
# costs one dpkg query. Runs as root (CI and the dev machines are root); otherwise uses sudo.
set -euo pipefail

packages=(
  g++ cmake ninja-build ccache make clang-14 clang-format-14 clang-format libclang-rt-14-dev
  libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3 libssl-dev libpcg-cpp-dev libboost-math-dev
  libopenmpi-dev openmpi-bin libgtest-dev libgmock-dev libbenchmark-dev libnlopt-dev
  python3-simpy3 procps jq emscripten
)
if [[ "${TUMEN_WITH_BROWSER:-0}" == 1 ]]; then packages+=(chromium); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then exit 0; fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) != 0 ]]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
