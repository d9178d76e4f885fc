// Error codes shared by the CUDA and HIP faces of the runtime (their numeric values coincide).
#pragma once

namespace xir::runtime::gpu {

enum class Error : int {
  success = 0,
  invalid_value = 1,
  memory_allocation = 2,
  invalid_configuration = 9,
  invalid_symbol = 13,
  invalid_device_pointer = 17,
  invalid_memcpy_direction = 21,
  invalid_device = 101,
  invalid_resource_handle = 400,
  not_ready = 600,
  illegal_address = 700,
  launch_out_of_resources = 701,
  launch_failure = 719,
};

// "cudaErrorInvalidValue"-style name with the given prefix ("cuda" or "hip").
const char *error_name(int code, const char *api_prefix);
const char *error_description(int code);

// Returns the last error and clears it unless it is sticky (a fault inside a kernel).
Error take_last_error();
Error peek_last_error();

} // namespace xir::runtime::gpu
