// HIP header name resolving to the xir CPU runtime.
#pragma once

#include "hip/hip_runtime.h"
