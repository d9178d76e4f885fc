#!/usr/bin/env bash
# Builds (if needed) and runs the libFuzzer target of one frontend for SECONDS (default 600).
# Usage: scripts/fuzz-frontend.sh cuda|hip|bang|vnni [SECONDS]
# The corpus grows in build-fuzz/frontend-corpus/<dialect>; crashes land in build-fuzz/crashes/<dialect>.
set -euo pipefail
dialect=${1:?usage: scripts/fuzz-frontend.sh cuda|hip|bang|vnni [SECONDS]}
seconds=${2:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${XIR_FUZZ_BUILD_DIR:-$root/build-fuzz}
case $dialect in
  cuda) ext=cu ;;
  hip) ext=hip ;;
  bang) ext=mlu ;;
  vnni) ext=cpp ;;
  *) echo "unknown dialect '$dialect'" >&2; exit 2 ;;
esac

if [[ ! -f $build/build.ninja ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXIR_BUILD_FUZZERS=ON -DXIR_BUILD_BENCH=OFF \
        -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address" ${XIR_CMAKE_ARGS:-}
fi
cmake --build "$build" -j "${XIR_JOBS:-2}" --target "xir_frontend_fuzzer_$dialect"

corpus=$build/frontend-corpus/$dialect
crashes=$build/crashes/$dialect
mkdir -p "$corpus" "$crashes"
seeds=("$root/test/frontend/malformed/$dialect")
[[ -d $root/bench/kernels/$dialect ]] && seeds+=("$root/bench/kernels/$dialect")
# Clang keeps some allocations on purpose (its -disable-free mode): leak reports are not findings.
# -rss_limit_mb bounds a lifted input's memory; -timeout turns a slow input into a finding.
exec "$build/bin/xir_frontend_fuzzer_$dialect" "$corpus" "${seeds[@]}" \
  -dict="$root/test/frontend/fuzz/$dialect.dict" -max_total_time="$seconds" -timeout=30 \
  -rss_limit_mb=4096 -max_len=16384 -detect_leaks=0 \
  -artifact_prefix="$crashes/" -print_final_stats=1
