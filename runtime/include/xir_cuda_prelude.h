// Forced include (-include) for CUDA files built by xir-sim-cc: nvcc makes the runtime API and the
// built-in variables visible without an #include, so does this.
#pragma once

#define __CUDACC__ 1
#define XIR_DIALECT_CUDA 1
#include "cuda_runtime.h"
