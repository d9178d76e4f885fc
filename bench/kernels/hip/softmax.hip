// softmax: C[r, :] = exp(A[r, :] - max) / sum(exp(A[r, :] - max)) over the last axis of
// A[rows, n] (f32).
// Idiom: one workgroup per row; three coalesced passes (max, sum of exponentials, normalize),
// each combined with a wave64 __shfl_xor butterfly and per-wavefront partials in LDS.
// Launch: rows workgroups of 256 threads.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <hip/hip_runtime.h>

#define HIP_CHECK(call)                                                                            \
  do {                                                                                             \
    hipError_t status_ = (call);                                                                   \
    if (status_ != hipSuccess) {                                                                   \
      std::fprintf(stderr, "%s:%d: error: %s failed: %s\n", __FILE__, __LINE__, #call,             \
                   hipGetErrorString(status_));                                                    \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

constexpr int kThreads = 256;
constexpr int kWaveSize = 64;
constexpr int kWaves = kThreads / kWaveSize;

__device__ inline float wave_all_reduce_sum(float v) {
  for (int offset = kWaveSize / 2; offset > 0; offset /= 2)
    v = v + __shfl_xor(v, offset);
  return v;
}

// Workgroup-wide sum returned to every lane; every thread of the workgroup must call it.
__device__ inline float block_all_reduce_sum(float v) {
  __shared__ float wave_partials[kWaves];
  const int lane = threadIdx.x % kWaveSize, wave = threadIdx.x / kWaveSize;
  v = wave_all_reduce_sum(v);
  __syncthreads(); // a previous call may still be reading wave_partials
  if (lane == 0)
    wave_partials[wave] = v;
  __syncthreads();
  return wave_all_reduce_sum(lane < kWaves ? wave_partials[lane] : 0.0f);
}

__device__ inline float wave_all_reduce_max(float v) {
  for (int offset = kWaveSize / 2; offset > 0; offset /= 2)
    v = fmaxf(v, __shfl_xor(v, offset));
  return v;
}

// Workgroup-wide max returned to every lane; every thread of the workgroup must call it.
__device__ inline float block_all_reduce_max(float v) {
  __shared__ float wave_partials[kWaves];
  const int lane = threadIdx.x % kWaveSize, wave = threadIdx.x / kWaveSize;
  v = wave_all_reduce_max(v);
  __syncthreads(); // a previous call may still be reading wave_partials
  if (lane == 0)
    wave_partials[wave] = v;
  __syncthreads();
  return wave_all_reduce_max(lane < kWaves ? wave_partials[lane] : -INFINITY);
}

__global__ void softmax_rows_kernel(const float* __restrict__ a, float* __restrict__ c, int n) {
  const float* row = a + size_t(blockIdx.x) * n;
  float* out = c + size_t(blockIdx.x) * n;

  float local_max = -INFINITY;
  for (int i = threadIdx.x; i < n; i += kThreads)
    local_max = fmaxf(local_max, row[i]);
  const float row_max = block_all_reduce_max(local_max);

  float local_sum = 0.0f;
  for (int i = threadIdx.x; i < n; i += kThreads)
    local_sum += expf(row[i] - row_max);
  const float inverse_sum = 1.0f / block_all_reduce_sum(local_sum);

  for (int i = threadIdx.x; i < n; i += kThreads)
    out[i] = expf(row[i] - row_max) * inverse_sum;
}

extern "C" void run_softmax(const float* A, float* C, int rows, int n) {
  if (rows <= 0 || n <= 0)
    return;
  const size_t a_bytes = size_t(rows) * n * sizeof(float);
  const size_t c_bytes = size_t(rows) * n * sizeof(float);
  float* d_a = nullptr;
  float* d_c = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_c, c_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));

  hipLaunchKernelGGL(softmax_rows_kernel, dim3(rows), dim3(kThreads), 0, 0, d_a, d_c, n);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(C, d_c, c_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_c));
}
