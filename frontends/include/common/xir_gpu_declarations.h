// Declarations of the CUDA/HIP device and host APIs, for parsing kernel files with Clang in CUDA
// mode (no vendor SDK). Only types and signatures: the frontend lifts calls by name.
#pragma once

#include "xir_gpu_attributes.h"
#include "__clang_cuda_builtin_vars.h"

typedef __SIZE_TYPE__ size_t;

struct dim3 {
  unsigned x, y, z;
  __host__ __device__ constexpr dim3(unsigned x = 1, unsigned y = 1, unsigned z = 1) : x(x), y(y), z(z) {}
};

// Half and bfloat16: 16-bit storage types with the usual conversions.
struct __half {
  unsigned short __x;
  __host__ __device__ __half() = default;
  __host__ __device__ __half(float);
  __host__ __device__ operator float() const;
};
struct __nv_bfloat16 {
  unsigned short __x;
  __host__ __device__ __nv_bfloat16() = default;
  __host__ __device__ __nv_bfloat16(float);
  __host__ __device__ operator float() const;
};
typedef __half half;

__device__ __half __float2half(float);
__device__ __half __float2half_rn(float);
__device__ float __half2float(__half);
__device__ __nv_bfloat16 __float2bfloat16(float);
__device__ float __bfloat162float(__nv_bfloat16);
__device__ __half __hadd(__half, __half);
__device__ __half __hmul(__half, __half);

// Barriers, warp collectives, atomics.
__device__ void __syncthreads();
__device__ int __syncthreads_count(int);
__device__ void __syncwarp(unsigned mask = 0xffffffffu);
__device__ void __threadfence();
__device__ float __shfl_sync(unsigned, float, int, int = 32);
__device__ int __shfl_sync(unsigned, int, int, int = 32);
__device__ float __shfl_down_sync(unsigned, float, unsigned, int = 32);
__device__ int __shfl_down_sync(unsigned, int, unsigned, int = 32);
__device__ float __shfl_up_sync(unsigned, float, unsigned, int = 32);
__device__ int __shfl_up_sync(unsigned, int, unsigned, int = 32);
__device__ float __shfl_xor_sync(unsigned, float, int, int = 32);
__device__ int __shfl_xor_sync(unsigned, int, int, int = 32);
__device__ unsigned __ballot_sync(unsigned, int);
__device__ float atomicAdd(float*, float);
__device__ int atomicAdd(int*, int);
__device__ unsigned atomicAdd(unsigned*, unsigned);
__device__ int atomicMax(int*, int);
__device__ int atomicMin(int*, int);
__device__ int atomicExch(int*, int);
__device__ float atomicExch(float*, float);
__device__ int atomicCAS(int*, int, int);

// Math: the C library's functions come from the system headers (as with nvcc); the CUDA-only
// intrinsic spellings are declared here.
// (__expf, __logf, __sinf, __cosf are already glibc's aliases of expf, ...)
__host__ __device__ float __fdividef(float, float);
__host__ __device__ float __frcp_rn(float);
__host__ __device__ float rsqrtf(float);
__host__ __device__ int min(int, int);
__host__ __device__ int max(int, int);
__host__ __device__ unsigned min(unsigned, unsigned);
__host__ __device__ unsigned max(unsigned, unsigned);
__host__ __device__ float min(float, float);
__host__ __device__ float max(float, float);

#include <float.h>

// Vector types and their make_ functions.
#define XIR_VECTOR_TYPES(T, A)                                                                     \
  struct __attribute__((aligned(2 * sizeof(T)))) T##2 { T x, y; };                                 \
  struct T##3 { T x, y, z; };                                                                      \
  struct __attribute__((aligned(A))) T##4 { T x, y, z, w; };                                       \
  __host__ __device__ T##2 make_##T##2(T, T);                                                      \
  __host__ __device__ T##3 make_##T##3(T, T, T);                                                   \
  __host__ __device__ T##4 make_##T##4(T, T, T, T);
XIR_VECTOR_TYPES(float, 16)
XIR_VECTOR_TYPES(int, 16)
typedef unsigned int uint;
XIR_VECTOR_TYPES(uint, 16)
XIR_VECTOR_TYPES(double, 32)
#undef XIR_VECTOR_TYPES
struct __half2 { __half x, y; };
typedef __half2 half2;
