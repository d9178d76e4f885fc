// CUDA/HIP declaration qualifiers. On the CPU every function is host code; __shared__ is per-block
// thread_local storage (shared_memory.h).
#pragma once

#define __global__
#define __device__
#define __host__
#define __constant__
#define __managed__
#define __grid_constant__
#define __forceinline__ inline __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))

#include "xir_gpu/shared_memory.h"
