// Warp matrix functions (nvcuda::wmma) for the xir CPU runtime.
#pragma once

#include "cuda_runtime.h"
#include "xir_gpu/wmma.h"
