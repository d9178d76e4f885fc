// The process-wide device heap and the guard check run after launches and by synchronizing calls.
#pragma once

#include "xir_gpu/errors.h"
#include "xir_runtime/guarded_heap.h"

namespace xir::runtime::gpu {

GuardedHeap &device_heap();
// Reports every corrupted guard zone; illegal_address if any, else success.
Error check_device_guards(const char *where);
Error device_reset_errors();
int max_dynamic_shared_for(const void *kernel);

} // namespace xir::runtime::gpu
