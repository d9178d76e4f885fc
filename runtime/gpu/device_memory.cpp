#include "device_memory.h"

#include "xir_gpu/host_api.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace xir::runtime::gpu {
namespace {

struct Handles {
  std::mutex mutex;
  std::set<const void *> streams;
  std::map<const void *, double> events; // recorded time in ms, negative if never recorded
  std::map<const void *, int> max_dynamic_shared;
  std::map<const void *, int> max_threads;
  std::set<const void *> host_allocations;
};

Handles &handles() {
  static Handles instance;
  return instance;
}

const char *kind_name(int kind) {
  switch (kind) {
  case 0: return "HostToHost";
  case 1: return "HostToDevice";
  case 2: return "DeviceToHost";
  case 3: return "DeviceToDevice";
  default: return "Default";
  }
}

// Validates one side of a copy. `device_side` says whether the kind names device memory there.
Error check_side(const void *pointer, std::size_t bytes, bool device_side, const char *role, int kind,
                 const char *api_call) {
  GuardedHeap::Block block;
  const bool inside = device_heap().find(pointer, bytes, block);
  if (device_side && !inside) {
    const std::string message = std::string(role) + " of a " + std::to_string(bytes) + "-byte " + kind_name(kind) +
                                " copy is not inside a live device allocation" +
                                (device_heap().contains(pointer) ? " (the copy runs past its end)" : "");
    return report(Error::invalid_value, api_call, message.c_str());
  }
  if (!device_side && device_heap().contains(pointer)) {
    const std::string message = std::string(role) + " of a " + kind_name(kind) +
                                " copy is device memory but the copy kind says host memory";
    return report(Error::invalid_memcpy_direction, api_call, message.c_str());
  }
  return Error::success;
}

} // namespace

GuardedHeap &device_heap() {
  static GuardedHeap heap;
  return heap;
}

Error check_device_guards(const char *where) {
  const auto reports = device_heap().check_guards(where);
  Error result = Error::success;
  for (const auto &message : reports) result = report(Error::illegal_address, "device memory", message.c_str());
  return result;
}

int max_dynamic_shared_for(const void *kernel) {
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  auto it = h.max_dynamic_shared.find(kernel);
  return it == h.max_dynamic_shared.end() ? -1 : it->second;
}

Error device_allocate(void **pointer, std::size_t bytes, bool managed) {
  if (!pointer) return record(Error::invalid_value);
  *pointer = device_heap().allocate(bytes);
  (void)managed;
  if (!*pointer) return record(Error::memory_allocation);
  return record(Error::success);
}

Error device_free(void *pointer, const char *api_call) {
  if (!pointer) return record(Error::success);
  std::vector<std::string> reports;
  if (!device_heap().release(pointer, reports))
    return report(Error::invalid_value, api_call, "pointer is not the start of a live device allocation");
  Error result = Error::success;
  for (const auto &message : reports) result = report(Error::illegal_address, api_call, message.c_str());
  return record(result);
}

Error host_allocate(void **pointer, std::size_t bytes) {
  if (!pointer) return record(Error::invalid_value);
  *pointer = std::malloc(bytes ? bytes : 1);
  if (!*pointer) return record(Error::memory_allocation);
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  h.host_allocations.insert(*pointer);
  return record(Error::success);
}

Error host_free(void *pointer) {
  if (!pointer) return record(Error::success);
  Handles &h = handles();
  {
    std::lock_guard lock(h.mutex);
    if (!h.host_allocations.erase(pointer)) return record(Error::invalid_value);
  }
  std::free(pointer);
  return record(Error::success);
}

Error copy(void *destination, const void *source, std::size_t bytes, int kind, const char *api_call) {
  const Error guards = check_device_guards(api_call);
  if (guards != Error::success) return record(guards);
  if (bytes == 0) return record(Error::success);
  if (!destination || !source) return report(Error::invalid_value, api_call, "null pointer");
  if (kind < 0 || kind > 4) return report(Error::invalid_memcpy_direction, api_call, "unknown memcpy kind");
  if (kind == 4) {
    std::memmove(destination, source, bytes);
    return record(Error::success);
  }
  const bool device_destination = kind == 1 || kind == 3;
  const bool device_source = kind == 2 || kind == 3;
  Error status = check_side(destination, bytes, device_destination, "destination", kind, api_call);
  if (status == Error::success) status = check_side(source, bytes, device_source, "source", kind, api_call);
  if (status != Error::success) return status;
  std::memmove(destination, source, bytes);
  return record(Error::success);
}

Error fill(void *destination, int byte_value, std::size_t bytes, const char *api_call) {
  if (bytes == 0) return record(Error::success);
  GuardedHeap::Block block;
  if (!device_heap().find(destination, bytes, block))
    return report(Error::invalid_value, api_call, "memset range is not inside a live device allocation");
  std::memset(destination, byte_value, bytes);
  return record(Error::success);
}

Error synchronize(const char *api_call) { return record(check_device_guards(api_call)); }

Error device_reset() {
  device_heap().clear();
  return device_reset_errors();
}

Error memory_info(std::size_t *free_bytes, std::size_t *total_bytes) {
  const std::size_t total = std::size_t{16} << 30;
  if (free_bytes) *free_bytes = total;
  if (total_bytes) *total_bytes = total;
  return record(Error::success);
}

Error stream_create(void **stream) {
  if (!stream) return record(Error::invalid_value);
  *stream = new char(0);
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  h.streams.insert(*stream);
  return record(Error::success);
}

Error stream_destroy(void *stream) {
  Handles &h = handles();
  {
    std::lock_guard lock(h.mutex);
    if (!h.streams.erase(stream)) return record(Error::invalid_resource_handle);
  }
  delete static_cast<char *>(stream);
  return record(Error::success);
}

Error stream_check(const void *stream) {
  if (!stream) return Error::success; // the default stream
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  return h.streams.count(stream) ? Error::success : Error::invalid_resource_handle;
}

Error event_create(void **event) {
  if (!event) return record(Error::invalid_value);
  *event = new char(0);
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  h.events[*event] = -1.0;
  return record(Error::success);
}

Error event_destroy(void *event) {
  Handles &h = handles();
  {
    std::lock_guard lock(h.mutex);
    if (!h.events.erase(event)) return record(Error::invalid_resource_handle);
  }
  delete static_cast<char *>(event);
  return record(Error::success);
}

Error event_record(void *event) {
  const double now =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  auto it = h.events.find(event);
  if (it == h.events.end()) return record(Error::invalid_resource_handle);
  it->second = now;
  return record(Error::success);
}

Error event_elapsed_ms(float *milliseconds, void *start, void *end) {
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  auto a = h.events.find(start), b = h.events.find(end);
  if (!milliseconds || a == h.events.end() || b == h.events.end()) return record(Error::invalid_resource_handle);
  if (a->second < 0 || b->second < 0) return record(Error::invalid_resource_handle);
  *milliseconds = static_cast<float>(b->second - a->second);
  return record(Error::success);
}

bool set_max_threads_per_block(const void *kernel, unsigned threads) {
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  h.max_threads[kernel] = static_cast<int>(threads);
  return true;
}

int max_threads_per_block_for(const void *kernel) {
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  auto it = h.max_threads.find(kernel);
  return it == h.max_threads.end() ? -1 : it->second;
}

Error set_max_dynamic_shared(const void *kernel, int bytes) {
  if (bytes < 0) return record(Error::invalid_value);
  Handles &h = handles();
  std::lock_guard lock(h.mutex);
  h.max_dynamic_shared[kernel] = bytes;
  return record(Error::success);
}

} // namespace xir::runtime::gpu
