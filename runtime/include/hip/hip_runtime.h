// HIP runtime header for the xir CPU runtime (CDNA model: 64-lane wavefronts, MFMA builtins).
#pragma once

#include "xir_gpu/device_runtime.h"
#include "xir_gpu/hip_api.h"
#include "xir_gpu/hip_vector_operators.h"
#include "xir_gpu/mfma.h"
#include "xir_gpu/warp_hip.h"

constexpr int warpSize = 64;

#define hipThreadIdx_x threadIdx.x
#define hipThreadIdx_y threadIdx.y
#define hipThreadIdx_z threadIdx.z
#define hipBlockIdx_x blockIdx.x
#define hipBlockIdx_y blockIdx.y
#define hipBlockIdx_z blockIdx.z
#define hipBlockDim_x blockDim.x
#define hipBlockDim_y blockDim.y
#define hipBlockDim_z blockDim.z
#define hipGridDim_x gridDim.x
#define hipGridDim_y gridDim.y
#define hipGridDim_z gridDim.z

inline void __builtin_amdgcn_s_barrier() { __syncthreads(); }
inline void __builtin_amdgcn_wave_barrier() { __syncwarp(); }

// __fp16 is clang's storage-only half; g++ on x86 spells it _Float16.
typedef _Float16 __fp16;
