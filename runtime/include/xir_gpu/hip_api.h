// The HIP runtime API (hip*), forwarding to the CPU runtime.
#pragma once

#include "xir_gpu/host_api.h"
#include "xir_gpu/launch.h"

#include <cstddef>
#include <cstring>

#define XIR_FACE(x) hip##x
#define XIR_FACE_NAME "hip"
#define XIR_FACE_WARP_SIZE 64
#include "xir_gpu/host_api_face.inc"
#undef XIR_FACE
#undef XIR_FACE_NAME
#undef XIR_FACE_WARP_SIZE

#define hipErrorOutOfMemory hipErrorMemoryAllocation
#define hipErrorInvalidHandle hipErrorInvalidResourceHandle
#define hipStreamDefault 0x00
#define hipStreamNonBlocking 0x01
#define hipHostMallocDefault 0x00

// hipLaunchKernelGGL(kernel, grid, block, shared_bytes, stream, args...) == kernel<<<...>>>(args...).
#define hipLaunchKernelGGL(kernel, grid, block, shared_bytes, stream, ...)                                     \
  xir_launch(kernel, grid, block, shared_bytes, stream)(__VA_ARGS__)
#define HIP_KERNEL_NAME(...) __VA_ARGS__
#define HIP_DYNAMIC_SHARED(type, name) type *name = static_cast<type *>(::xir::runtime::gpu::dynamic_shared_memory());

inline hipError_t hipMemcpyHtoD(void *dst, const void *src, size_t bytes) { return hipMemcpy(dst, src, bytes, hipMemcpyHostToDevice); }
inline hipError_t hipMemcpyDtoH(void *dst, const void *src, size_t bytes) { return hipMemcpy(dst, src, bytes, hipMemcpyDeviceToHost); }
inline hipError_t hipMemcpyDtoD(void *dst, const void *src, size_t bytes) { return hipMemcpy(dst, src, bytes, hipMemcpyDeviceToDevice); }
template <class T> inline hipError_t hipHostMalloc(T **pointer, size_t bytes, unsigned flags = 0) {
  return hipMallocHost(pointer, bytes, flags);
}
inline hipError_t hipHostFree(void *pointer) { return hipFreeHost(pointer); }

struct hipDeviceProp_t {
  char name[256];
  char gcnArchName[256];
  size_t totalGlobalMem;
  size_t sharedMemPerBlock;
  int regsPerBlock;
  int warpSize;
  int maxThreadsPerBlock;
  int maxThreadsDim[3];
  int maxGridSize[3];
  int clockRate;
  int major;
  int minor;
  int multiProcessorCount;
  int maxThreadsPerMultiProcessor;
  size_t totalConstMem;
  int l2CacheSize;
};

inline hipError_t hipGetDeviceProperties(hipDeviceProp_t *prop, int device) {
  if (!prop || device != 0) return hipErrorInvalidValue;
  *prop = hipDeviceProp_t{};
  std::strcpy(prop->name, "xir CPU runtime (gfx90a model)");
  std::strcpy(prop->gcnArchName, "gfx90a:sramecc+:xnack-");
  prop->totalGlobalMem = std::size_t{16} << 30;
  prop->sharedMemPerBlock = 65536;
  prop->regsPerBlock = 65536;
  prop->warpSize = 64;
  prop->maxThreadsPerBlock = 1024;
  prop->maxThreadsDim[0] = 1024; prop->maxThreadsDim[1] = 1024; prop->maxThreadsDim[2] = 1024;
  prop->maxGridSize[0] = 2147483647; prop->maxGridSize[1] = 2147483647; prop->maxGridSize[2] = 2147483647;
  prop->clockRate = 1700000;
  prop->major = 9;
  prop->minor = 0;
  prop->multiProcessorCount = static_cast<int>(xir::runtime::gpu::worker_threads());
  prop->maxThreadsPerMultiProcessor = 2048;
  prop->totalConstMem = 65536;
  prop->l2CacheSize = 8 << 20;
  return hipSuccess;
}
