// The host API both faces (cuda*, hip*) forward to. Device memory is host memory with guard zones;
// launches run synchronously, so streams are ordered queues that are always drained.
#pragma once

#include "xir_gpu/errors.h"

#include <cstddef>

namespace xir::runtime::gpu {

enum class CopyKind : int { host_to_host = 0, host_to_device = 1, device_to_host = 2, device_to_device = 3, by_pointer = 4 };

Error device_allocate(void **pointer, std::size_t bytes, bool managed = false);
Error device_free(void *pointer, const char *api_call);
Error host_allocate(void **pointer, std::size_t bytes);
Error host_free(void *pointer);
Error copy(void *destination, const void *source, std::size_t bytes, int kind, const char *api_call);
Error fill(void *destination, int byte_value, std::size_t bytes, const char *api_call);
Error synchronize(const char *api_call);
Error device_reset();
Error memory_info(std::size_t *free_bytes, std::size_t *total_bytes);

// Streams and events: handles are checked; work on a stream is complete when the call returns.
Error stream_create(void **stream);
Error stream_destroy(void *stream);
Error stream_check(const void *stream);
Error event_create(void **event);
Error event_destroy(void *event);
Error event_record(void *event);
Error event_elapsed_ms(float *milliseconds, void *start, void *end);

// Per-kernel limit on dynamic shared memory (cudaFuncAttributeMaxDynamicSharedMemorySize).
Error set_max_dynamic_shared(const void *kernel, int bytes);
// A kernel's __launch_bounds__ maximum of threads per block (registered by xir-sim-cc's pre-pass);
// a larger block fails to launch. Returns true so it can initialise a static.
bool set_max_threads_per_block(const void *kernel, unsigned threads);
int max_threads_per_block_for(const void *kernel); // -1 when none is registered

// Worker host threads for blocks: XIR_RUNTIME_THREADS, else the hardware concurrency.
void set_worker_threads(unsigned count);
unsigned worker_threads();

// Reports a runtime error on stderr (once per distinct fault) and records it as the last error.
Error report(Error code, const char *api_call, const char *message);
Error record(Error code);
// All diagnostics reported so far in this process (for tests and tools).
const char *diagnostics_text();

} // namespace xir::runtime::gpu

// C entry points for harnesses that dlopen a kernel library.
extern "C" const char *xir_gpu_runtime_diagnostics();
extern "C" void xir_gpu_runtime_set_threads(unsigned count);
