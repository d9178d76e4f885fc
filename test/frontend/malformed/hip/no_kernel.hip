// expect: 1:1: defines no kernel
#include <hip/hip_runtime.h>

__device__ float square(float x) { return x * x; }
