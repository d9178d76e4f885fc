// HIP runtime API declarations for the xir HIP frontend.
#pragma once
// Clang's CUDA builtin-variable header defines NVIDIA's `warpSize = 32`; HIP's CDNA wavefront has
// 64 lanes, a compile-time constant as in ROCm's headers.
#define warpSize __xir_cuda_warp_size
#include "../../common/xir_gpu_declarations.h"
#undef warpSize

#define hipThreadIdx_x threadIdx.x
#define hipBlockIdx_x blockIdx.x
#define hipBlockDim_x blockDim.x
#define HIP_KERNEL_NAME(...) __VA_ARGS__
#define HIP_DYNAMIC_SHARED(type, var) extern __shared__ type var[];

static constexpr int warpSize = 64;

typedef enum hipError_t { hipSuccess = 0, hipErrorInvalidValue = 1, hipErrorOutOfMemory = 2 } hipError_t;
typedef enum hipMemcpyKind {
  hipMemcpyHostToHost = 0, hipMemcpyHostToDevice = 1, hipMemcpyDeviceToHost = 2,
  hipMemcpyDeviceToDevice = 3, hipMemcpyDefault = 4
} hipMemcpyKind;
typedef struct ihipStream_t* hipStream_t;
typedef __half hip_half;
typedef __nv_bfloat16 hip_bfloat16;

extern "C" {
hipError_t hipMalloc(void** ptr, size_t bytes);
hipError_t hipFree(void* ptr);
hipError_t hipMemcpy(void* dst, const void* src, size_t bytes, hipMemcpyKind kind);
hipError_t hipMemcpyAsync(void* dst, const void* src, size_t bytes, hipMemcpyKind kind, hipStream_t s = 0);
hipError_t hipMemset(void* ptr, int value, size_t bytes);
hipError_t hipDeviceSynchronize(void);
hipError_t hipStreamCreate(hipStream_t* s);
hipError_t hipStreamDestroy(hipStream_t s);
hipError_t hipStreamSynchronize(hipStream_t s);
hipError_t hipGetLastError(void);
const char* hipGetErrorString(hipError_t error);
int __cudaPushCallConfiguration(dim3 grid, dim3 block, size_t shmem = 0, hipStream_t stream = 0);
}
template <class T> hipError_t hipMalloc(T** ptr, size_t bytes) { return hipMalloc((void**)ptr, bytes); }

// Launch through the macro form: hipLaunchKernelGGL(kernel, grid, block, shmem, stream, args...).
#define hipLaunchKernelGGL(kernel, grid, block, shmem, stream, ...) kernel<<<grid, block, shmem, stream>>>(__VA_ARGS__)

// Wavefront shuffles without a mask (width = warpSize).
__device__ float __shfl(float, int, int = 64);
__device__ int __shfl(int, int, int = 64);
__device__ float __shfl_up(float, unsigned, int = 64);
__device__ int __shfl_up(int, unsigned, int = 64);
__device__ float __shfl_down(float, unsigned, int = 64);
__device__ int __shfl_down(int, unsigned, int = 64);
__device__ float __shfl_xor(float, int, int = 64);
__device__ int __shfl_xor(int, int, int = 64);

// MFMA operand vectors (clang ext-vector types, as hipcc's builtin signatures use them) and the
// Matrix Core builtins of DIALECTS.md 3.2: d = a * b + c over a wavefront.
typedef float floatx4 __attribute__((ext_vector_type(4)));
typedef float floatx16 __attribute__((ext_vector_type(16)));
typedef _Float16 half4 __attribute__((ext_vector_type(4)));
__device__ floatx4 __builtin_amdgcn_mfma_f32_16x16x4f32(float a, float b, floatx4 c, int cbsz, int abid, int blgp);
__device__ floatx4 __builtin_amdgcn_mfma_f32_16x16x16f16(half4 a, half4 b, floatx4 c, int cbsz, int abid, int blgp);
__device__ floatx16 __builtin_amdgcn_mfma_f32_32x32x8f16(half4 a, half4 b, floatx16 c, int cbsz, int abid, int blgp);
__device__ floatx16 __builtin_amdgcn_mfma_f32_32x32x2f32(float a, float b, floatx16 c, int cbsz, int abid, int blgp);
