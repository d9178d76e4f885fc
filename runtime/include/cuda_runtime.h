// CUDA runtime header for the xir CPU runtime.
#pragma once

#include "xir_gpu/cuda_api.h"
#include "xir_gpu/device_runtime.h"
#include "xir_gpu/warp_cuda.h"

constexpr int warpSize = 32;
