// The masked wavefront intrinsics of ROCm 6.2+ (__shfl_*_sync with 64-bit masks, __ballot_sync,
// __activemask, __syncwarp). The Debian hipcc here predates them, so this file is only built for
// the CPU runtime. out[t * 6 + s].
#include <hip/hip_runtime.h>

__global__ void masked_wave_kernel(const int *predicates, unsigned *out) {
  const int lane = __lane_id();
  unsigned *row = out + threadIdx.x * 6;
  row[0] = static_cast<unsigned>(__activemask() >> 32);
  __syncwarp();
  row[1] = static_cast<unsigned>(__ballot_sync(~0ull, predicates[threadIdx.x]));
  row[2] = __shfl_sync(~0ull, lane, 17, 16);
  row[3] = __shfl_up_sync(~0ull, lane, 2, 64);
  row[4] = __shfl_down_sync(~0ull, lane, 2, 8);
  row[5] = __shfl_xor_sync(~0ull, lane, 33, 64);
}

extern "C" int run_masked_wave(const int *predicates, unsigned *out) {
  int *dp;
  unsigned *dout;
  hipMalloc(&dp, 64 * sizeof(int));
  hipMalloc(&dout, 64 * 6 * sizeof(unsigned));
  hipMemcpy(dp, predicates, 64 * sizeof(int), hipMemcpyHostToDevice);
  masked_wave_kernel<<<1, 64>>>(dp, dout);
  const hipError_t status = hipMemcpy(out, dout, 64 * 6 * sizeof(unsigned), hipMemcpyDeviceToHost);
  hipFree(dp);
  hipFree(dout);
  return status;
}
