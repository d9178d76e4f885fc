#!/usr/bin/env bash
# The main job on an example, from a fresh Debian 12 machine:
#   ./scripts/demo.sh [KERNEL.cu] [CASE]
# installs what is needed, builds the tools, lifts a CUDA kernel into xir's IR (printed), and
# verifies the kernel: compiled with nvcc for sm_80/sm_90 where nvcc is installed, run on the
# CPU runtime, compared with the Halide golden result.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kernel=${1:-$root/bench/kernels/cuda/softmax.cu}
case_name=${2:-softmax/7x1000}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" --target xir-opt xir-verify xir-sim-cc
bin=${XIR_BUILD_DIR:-$root/build}/bin

echo "== xir-opt: $kernel lifted to the IR, simplified"
"$bin/xir-opt" "$kernel" --from cuda --to xir --passes simplify
echo
echo "== xir-verify: $kernel on case $case_name"
"$bin/xir-verify" "$kernel" --dialect cuda --spec "$root/bench/specs/$case_name.json"
