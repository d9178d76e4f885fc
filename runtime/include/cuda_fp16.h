// CUDA half precision for the xir CPU runtime.
#pragma once

#include "cuda_runtime.h"
#include "xir_gpu/float16_types.h"
