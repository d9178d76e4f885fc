// CUDA header name resolving to the xir CPU runtime.
#pragma once

#include "cuda_runtime.h"
