// Forced include (-include) for HIP files built by xir-sim-cc.
#pragma once

#define __HIP_PLATFORM_AMD__ 1
#define __HIPCC__ 1
#define XIR_DIALECT_HIP 1
#include "hip/hip_runtime.h"
