// Built-in variables of a kernel thread. Each host thread runs one block at a time; the fiber
// scheduler re-establishes the running fiber's values after every switch.
#pragma once

#include "xir_gpu/vector_types.h"

extern thread_local uint3 threadIdx;
extern thread_local uint3 blockIdx;
extern thread_local dim3 blockDim;
extern thread_local dim3 gridDim;

namespace xir::runtime::gpu {

extern thread_local unsigned current_lane;      // lane within the warp / wavefront
extern thread_local unsigned current_warp_size; // of the running launch

// Block barrier (__syncthreads family): returns the number of threads that passed a true predicate.
int block_barrier(int predicate);

} // namespace xir::runtime::gpu
