// Everything device code can use in both dialects, except the warp-width specific intrinsics.
#pragma once

#include "xir_gpu/atomics.h"
#include "xir_gpu/device_math.h"
#include "xir_gpu/float16_types.h"
#include "xir_gpu/kernel_state.h"
#include "xir_gpu/launch.h"
#include "xir_gpu/qualifiers.h"
#include "xir_gpu/vector_types.h"
#include "xir_gpu/warp.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
