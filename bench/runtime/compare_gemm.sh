#!/usr/bin/env bash
# Side-by-side speed of two builds of the GEMM kernel library (for example one built on main and
# one on a branch), alternating runs on one host thread so both see the same machine load:
#   bench/runtime/compare_gemm.sh OLD.so NEW.so [RUNS (default 7)] [BENCH binary]
# Prints every run's wall and CPU milliseconds, the medians, and the load average before and after.
set -euo pipefail
old=$1 new=$2 runs=${3:-7}
bench=${4:-$(dirname "$0")/../../build/bin/xir_bench_runtime_gemm}
results=$(mktemp)
trap 'rm -f "$results"' EXIT
echo "before: $(uptime)"
for ((i = 1; i <= runs; ++i)); do
  for side in old new; do
    library=$old
    [[ $side == new ]] && library=$new
    XIR_BENCH_GEMM_LIBRARY=$library "$bench" --benchmark_filter='gemm_512/1/' 2>&1 |
      awk -v side=$side '/gemm_512\/1/ { print side, $2, $4 }' >>"$results"
  done
done
echo "after:  $(uptime)"
for side in old new; do
  for column in 2 3; do
    name=$([[ $column == 2 ]] && echo wall || echo cpu)
    awk -v side=$side -v c=$column '$1 == side { print $c }' "$results" | sort -n |
      awk -v label="$side $name ms" '{ v[NR] = $1 } END {
        printf "%-14s median %5d   runs:", label, v[int((NR + 1) / 2)]
        for (i = 1; i <= NR; ++i) printf " %d", v[i]
        print "" }'
  done
done
