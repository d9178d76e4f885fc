#!/usr/bin/env bash
# The one command that installs what is needed, builds xir, and runs every test:
#   ./scripts/test.sh
# It also builds the sanitizer preset (ASan + UBSan) and runs its tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
# Kernel libraries and golden outputs that xir-verify caches belong to this build, not to whatever
# an earlier build of the runtimes left in ~/.cache.
export XIR_CACHE_DIR="${XIR_BUILD_DIR:-$root/build}/xir-cache"
ctest --test-dir "${XIR_BUILD_DIR:-$root/build}" --output-on-failure -j "$(nproc)"
XIR_BUILD_DIR="$root/build-asan" XIR_CMAKE_ARGS="-DXIR_SANITIZE=ON -DXIR_SANITIZE_SUBSET=ON" \
  "$root/scripts/build.sh"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$root/build-asan" --output-on-failure -j "$(nproc)"
