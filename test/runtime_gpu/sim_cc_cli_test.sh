#!/usr/bin/env bash
# xir-sim-cc on the command line: usage errors exit 2, bad kernels exit 1 with clang-style
# diagnostics located in the user's file (line numbers survive the pre-pass), good ones build.
set -u
tool=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
expect() { # expect <description> <wanted exit> <stderr pattern or ''> -- command...
  local what=$1 want=$2 pattern=$3
  shift 4
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $what: exit $got, wanted $want"; cat "$work/err"; failures=$((failures + 1)); return
  fi
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$work/err"; then
    echo "FAIL: $what: stderr lacks /$pattern/"; cat "$work/err"; failures=$((failures + 1)); return
  fi
  echo "ok: $what"
}

cat >"$work/good.cu" <<'CU'
__global__ void twice(float *x) { x[threadIdx.x] *= 2.0f; }
extern "C" void run(float *x) {
  twice<<<1, 32>>>(x);
  cudaDeviceSynchronize();
}
CU
cat >"$work/type_error.cu" <<'CU'
__global__ void twice(float *x) { x[threadIdx.x] *= 2.0f; }
extern "C" void run(float *x) {
  twice<<<dim3(1,
               1),
          32>>>(x);
  int y = undeclared_name;
}
CU
cat >"$work/bad_launch.cu" <<'CU'
__global__ void k(int *p) {}
extern "C" void run(int *p) {
    k<<<1>>>(p);
}
CU

expect "no arguments" 2 "error: no input file" -- "$tool"
expect "unknown dialect" 2 "unknown dialect 'opencl'" -- "$tool" "$work/good.cu" --dialect opencl -o "$work/x.so"
expect "unknown option" 2 "unknown option '--frobnicate'" -- "$tool" "$work/good.cu" --frobnicate
expect "bad grid" 2 "--grid needs" -- "$tool" "$work/good.cu" -o "$work/x.so" --grid 0,1
expect "missing file" 2 "cannot read" -- "$tool" "$work/none.cu" -o "$work/x.so"
expect "compile error keeps the user's line" 1 "type_error\.cu:6:11: error: .undeclared_name. was not declared" -- \
  "$tool" "$work/type_error.cu" --dialect cuda -o "$work/t.so"
expect "malformed launch" 1 "bad_launch\.cu:3:9: error: a kernel launch configuration takes 2 to 4 arguments" -- \
  "$tool" "$work/bad_launch.cu" --dialect cuda -o "$work/b.so"
expect "good file" 0 "" -- "$tool" "$work/good.cu" -o "$work/good.so"
if [ ! -s "$work/good.so" ]; then echo "FAIL: good.so missing"; failures=$((failures + 1)); fi
exit $((failures > 0))
