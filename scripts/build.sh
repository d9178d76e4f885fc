#!/usr/bin/env bash
# Configures and builds xir into build/ (or $XIR_BUILD_DIR). Extra arguments go to cmake --build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${XIR_BUILD_DIR:-$root/build}
jobs=${XIR_JOBS:-$(nproc)}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${XIR_CMAKE_ARGS:-}
cmake --build "$build" -j "$jobs" "$@"
