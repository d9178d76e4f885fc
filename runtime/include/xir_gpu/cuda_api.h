// The CUDA runtime API (cuda*), forwarding to the CPU runtime.
#pragma once

#include "xir_gpu/host_api.h"
#include "xir_gpu/launch.h"

#include <cstddef>
#include <cstring>

#define XIR_FACE(x) cuda##x
#define XIR_FACE_NAME "cuda"
#define XIR_FACE_WARP_SIZE 32
#include "xir_gpu/host_api_face.inc"
#undef XIR_FACE
#undef XIR_FACE_NAME
#undef XIR_FACE_WARP_SIZE

typedef cudaError_t cudaError;
#define cudaStreamDefault 0x00
#define cudaStreamNonBlocking 0x01
#define cudaEventDefault 0x00
#define cudaHostAllocDefault 0x00
#define cudaMemAttachGlobal 0x01

struct cudaDeviceProp {
  char name[256];
  size_t totalGlobalMem;
  size_t sharedMemPerBlock;
  size_t sharedMemPerBlockOptin;
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
  int memoryBusWidth;
};

inline cudaError_t cudaGetDeviceProperties(cudaDeviceProp *prop, int device) {
  if (!prop || device != 0) return cudaErrorInvalidValue;
  *prop = cudaDeviceProp{};
  std::strcpy(prop->name, "xir CPU runtime (sm_80 model)");
  prop->totalGlobalMem = std::size_t{16} << 30;
  prop->sharedMemPerBlock = 49152;
  prop->sharedMemPerBlockOptin = 166912;
  prop->regsPerBlock = 65536;
  prop->warpSize = 32;
  prop->maxThreadsPerBlock = 1024;
  prop->maxThreadsDim[0] = 1024; prop->maxThreadsDim[1] = 1024; prop->maxThreadsDim[2] = 64;
  prop->maxGridSize[0] = 2147483647; prop->maxGridSize[1] = 65535; prop->maxGridSize[2] = 65535;
  prop->clockRate = 1410000;
  prop->major = 8;
  prop->minor = 0;
  prop->multiProcessorCount = static_cast<int>(xir::runtime::gpu::worker_threads());
  prop->maxThreadsPerMultiProcessor = 2048;
  prop->totalConstMem = 65536;
  prop->l2CacheSize = 40 << 20;
  prop->memoryBusWidth = 5120;
  return cudaSuccess;
}
