// HIP 16-bit float types for the xir CPU runtime.
#pragma once

#include "hip/hip_runtime.h"
#include "xir_gpu/float16_types.h"
