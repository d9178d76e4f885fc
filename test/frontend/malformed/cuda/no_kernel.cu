// expect: 1:1: defines no kernel
#include <cuda_runtime.h>

__device__ float square(float x) { return x * x; }
