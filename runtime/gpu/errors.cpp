#include "xir_gpu/errors.h"
#include "xir_gpu/host_api.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

namespace xir::runtime::gpu {
namespace {

struct ErrorState {
  std::atomic<int> last{0};
  std::atomic<int> sticky{0}; // a fault inside a kernel poisons the context until reset
  std::mutex mutex;
  std::string diagnostics;
};

ErrorState &state() {
  static ErrorState instance;
  return instance;
}

bool is_sticky(Error code) { return code == Error::illegal_address || code == Error::launch_failure; }

} // namespace

const char *error_name(int code, const char *api_prefix) {
  const bool hip = api_prefix && api_prefix[0] == 'h';
  switch (static_cast<Error>(code)) {
  case Error::success: return hip ? "hipSuccess" : "cudaSuccess";
  case Error::invalid_value: return hip ? "hipErrorInvalidValue" : "cudaErrorInvalidValue";
  case Error::memory_allocation: return hip ? "hipErrorOutOfMemory" : "cudaErrorMemoryAllocation";
  case Error::invalid_configuration: return hip ? "hipErrorInvalidConfiguration" : "cudaErrorInvalidConfiguration";
  case Error::invalid_symbol: return hip ? "hipErrorInvalidSymbol" : "cudaErrorInvalidSymbol";
  case Error::invalid_device_pointer: return hip ? "hipErrorInvalidDevicePointer" : "cudaErrorInvalidDevicePointer";
  case Error::invalid_memcpy_direction: return hip ? "hipErrorInvalidMemcpyDirection" : "cudaErrorInvalidMemcpyDirection";
  case Error::invalid_device: return hip ? "hipErrorInvalidDevice" : "cudaErrorInvalidDevice";
  case Error::invalid_resource_handle: return hip ? "hipErrorInvalidHandle" : "cudaErrorInvalidResourceHandle";
  case Error::not_ready: return hip ? "hipErrorNotReady" : "cudaErrorNotReady";
  case Error::illegal_address: return hip ? "hipErrorIllegalAddress" : "cudaErrorIllegalAddress";
  case Error::launch_failure: return hip ? "hipErrorLaunchFailure" : "cudaErrorLaunchFailure";
  case Error::launch_out_of_resources:
    return hip ? "hipErrorLaunchOutOfResources" : "cudaErrorLaunchOutOfResources";
  }
  return hip ? "hipErrorUnknown" : "cudaErrorUnknown";
}

const char *error_description(int code) {
  switch (static_cast<Error>(code)) {
  case Error::success: return "no error";
  case Error::invalid_value: return "invalid argument";
  case Error::memory_allocation: return "out of memory";
  case Error::invalid_configuration: return "invalid configuration argument";
  case Error::invalid_symbol: return "invalid device symbol";
  case Error::invalid_device_pointer: return "invalid device pointer";
  case Error::invalid_memcpy_direction: return "invalid copy direction for memcpy";
  case Error::invalid_device: return "invalid device ordinal";
  case Error::invalid_resource_handle: return "invalid resource handle";
  case Error::not_ready: return "device not ready";
  case Error::illegal_address: return "an illegal memory access was encountered";
  case Error::launch_failure: return "unspecified launch failure";
  case Error::launch_out_of_resources: return "too many resources requested for launch";
  }
  return "unknown error";
}

Error record(Error code) {
  ErrorState &s = state();
  if (code != Error::success) {
    s.last = static_cast<int>(code);
    if (is_sticky(code)) {
      int expected = 0;
      s.sticky.compare_exchange_strong(expected, static_cast<int>(code));
    }
  }
  const int sticky = s.sticky.load();
  return sticky ? static_cast<Error>(sticky) : code;
}

Error report(Error code, const char *api_call, const char *message) {
  ErrorState &s = state();
  {
    std::lock_guard lock(s.mutex);
    std::string line = std::string("xir-runtime: error: ") + (api_call ? api_call : "kernel") + ": " + message + "\n";
    s.diagnostics += line;
    std::fputs(line.c_str(), stderr);
  }
  return record(code);
}

Error take_last_error() {
  ErrorState &s = state();
  const int sticky = s.sticky.load();
  const int last = s.last.exchange(sticky);
  return static_cast<Error>(last ? last : sticky);
}

Error peek_last_error() {
  ErrorState &s = state();
  const int last = s.last.load();
  return static_cast<Error>(last ? last : s.sticky.load());
}

const char *diagnostics_text() {
  ErrorState &s = state();
  std::lock_guard lock(s.mutex);
  thread_local std::string copy;
  copy = s.diagnostics;
  return copy.c_str();
}

Error device_reset_errors() {
  ErrorState &s = state();
  s.last = 0;
  s.sticky = 0;
  return Error::success;
}

} // namespace xir::runtime::gpu

extern "C" __attribute__((visibility("default"))) const char *xir_gpu_runtime_diagnostics() { return xir::runtime::gpu::diagnostics_text(); }
extern "C" __attribute__((visibility("default"))) void xir_gpu_runtime_set_threads(unsigned count) { xir::runtime::gpu::set_worker_threads(count); }
