// Force-included before a BANG C file: the BANG qualifiers as Clang CUDA-mode attributes, and the
// C library usable from device code. On-chip memory qualifiers are CUDA `shared` variables (static
// storage in kernels) annotated with the BANG memory space, which the frontend maps to IR scopes.
#pragma once

#define __mlu_global__ __attribute__((global))
#define __mlu_entry__ __attribute__((global))
#define __mlu_func__ __attribute__((device)) inline
#define __mlu_device__ __attribute__((device))
#define __mlu_host__ __attribute__((host))
#define __nram__ __attribute__((shared, annotate("xir.nram")))
#define __wram__ __attribute__((shared, annotate("xir.wram")))
#define __mlu_shared__ __attribute__((shared, annotate("xir.sram")))
#define __ldram__ __attribute__((shared, annotate("xir.ldram")))

#define _GLIBCXX_INCLUDE_NEXT_C_HEADERS
#pragma clang force_cuda_host_device begin
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <float.h>
#pragma clang force_cuda_host_device end
#undef _GLIBCXX_INCLUDE_NEXT_C_HEADERS
