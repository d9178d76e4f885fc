#!/usr/bin/env bash
# Installs every Debian package xir needs to build, test and check kernels. Idempotent.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3
  clang-14 lld-14 libclang-rt-14-dev
  libboost-dev librange-v3-dev libz3-dev z3
  libcurl4-openssl-dev nlohmann-json3-dev
  libhalide14-0-dev
  libclang-cpp14-dev llvm-14-dev libclang-14-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  hipcc libamdhip64-dev rocm-device-libs
  libomp-14-dev libffi-dev libboost-context-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi
