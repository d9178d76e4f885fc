// Force-included before a CUDA/HIP file (and before any system header, whose CUDA wrappers in
// Clang's resource directory use these attributes).
#pragma once

#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __host__ __attribute__((host))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __managed__ __attribute__((managed))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#define __forceinline__ inline __attribute__((always_inline))
#define __noinline__ __attribute__((noinline))
#define __restrict__ __restrict
#define __align__(n) __attribute__((aligned(n)))

// The C library, usable from device code as with nvcc/hipcc (expf, fabsf, ...): declared
// host+device once here, the way Clang's own CUDA wrapper headers do it; the user's own #include
// lines then find these headers already included.
// _GLIBCXX_INCLUDE_NEXT_C_HEADERS makes libstdc++'s math.h/stdlib.h wrappers include only the C
// headers, so no C++ declaration becomes host+device by accident.
#define _GLIBCXX_INCLUDE_NEXT_C_HEADERS
#pragma clang force_cuda_host_device begin
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <float.h>
#pragma clang force_cuda_host_device end
#undef _GLIBCXX_INCLUDE_NEXT_C_HEADERS
