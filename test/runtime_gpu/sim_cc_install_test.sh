#!/usr/bin/env bash
# After `cmake --install` (component xir_runtime) into a fresh prefix, the installed xir-sim-cc
# finds the installed headers and libraries without the build tree and builds a working library.
set -eu
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --component xir_runtime --prefix "$work/prefix" >/dev/null
cat >"$work/k.cu" <<'CU'
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
__global__ void fill(int *p) { p[threadIdx.x] = threadIdx.x * 3; }
extern "C" int run(int *out) {
  int *d;
  cudaMalloc(&d, 64 * sizeof(int));
  fill<<<1, 64>>>(d);
  return cudaMemcpy(out, d, 64 * sizeof(int), cudaMemcpyDeviceToHost);
}
CU
XIR_SIM_CC_IGNORE_BUILD_TREE=1 "$work/prefix/bin/xir-sim-cc" "$work/k.cu" --dialect cuda -o "$work/k.so"
python3 - "$work/k.so" <<'PY'
import ctypes, sys
library = ctypes.CDLL(sys.argv[1])
out = (ctypes.c_int * 64)()
assert library.run(out) == 0, "run failed"
assert list(out) == [3 * i for i in range(64)], list(out)
print("ok: installed xir-sim-cc built and ran a kernel")
PY
