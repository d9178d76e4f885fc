// Built-in variables of a kernel thread. Each host thread runs one block at a time; the fiber
// scheduler re-establishes the running fiber's values after every switch.
#pragma once

#include "xir_gpu/vector_types.h"
#include "xir_runtime/fiber_team.h"

// Hidden: the runtime is linked statically into each kernel library, so these resolve inside it
// and the compiler uses the cheap local-dynamic TLS model instead of a lookup per access.
#define XIR_RUNTIME_LOCAL __attribute__((visibility("hidden")))

XIR_RUNTIME_LOCAL extern thread_local uint3 blockIdx;
XIR_RUNTIME_LOCAL extern thread_local dim3 blockDim;
XIR_RUNTIME_LOCAL extern thread_local dim3 gridDim;

namespace xir::runtime::gpu {

// The running thread's index and lane, in one slot the scheduler fills at every switch.
struct FiberView {
  uint3 thread_index;
  unsigned lane; // within the warp / wavefront
};
XIR_RUNTIME_LOCAL extern thread_local FiberView fiber_view;
XIR_RUNTIME_LOCAL extern thread_local unsigned current_warp_size; // of the running launch

inline unsigned current_lane_id() { return fiber_view.lane; }

// Block barrier (__syncthreads family): returns the number of threads that passed a true predicate.
// The scheduler loads each thread's built-ins when it switches to it.
inline int block_barrier(int predicate) { return team_barrier(predicate); }

} // namespace xir::runtime::gpu

#define threadIdx (::xir::runtime::gpu::fiber_view.thread_index)
