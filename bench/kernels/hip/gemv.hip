// gemv: y[i] = sum_j A[i, j] * x[j] for A[M, K], x[K], y[M] (f32).
// Idiom: one 64-lane wavefront per row: lanes stride the row with coalesced loads and the partial
// dot products are combined with a __shfl_xor butterfly over all 64 lanes.
// Launch: ceil(M / 4) workgroups of 256 threads (four wavefronts, four rows).
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

constexpr int kWaveSize = 64;
constexpr int kWavesPerGroup = 4;

__device__ inline float wave_all_reduce_sum(float v) {
  for (int offset = kWaveSize / 2; offset > 0; offset /= 2)
    v += __shfl_xor(v, offset);
  return v;
}

__global__ void gemv_kernel(const float* __restrict__ a, const float* __restrict__ x,
                            float* __restrict__ y, int m, int k) {
  const int lane = threadIdx.x % kWaveSize;
  const int row = blockIdx.x * kWavesPerGroup + threadIdx.x / kWaveSize;
  if (row >= m) // uniform per wavefront, so no shuffle runs with inactive lanes
    return;
  const float* a_row = a + size_t(row) * k;
  float acc = 0.0f;
  for (int j = lane; j < k; j += kWaveSize)
    acc = fmaf(a_row[j], x[j], acc);
  acc = wave_all_reduce_sum(acc);
  if (lane == 0)
    y[row] = acc;
}

extern "C" void run_gemv(const float* A, const float* x, float* y, int M, int K) {
  if (M <= 0 || K <= 0)
    return;
  const size_t a_bytes = size_t(M) * K * sizeof(float);
  const size_t x_bytes = size_t(K) * sizeof(float);
  const size_t y_bytes = size_t(M) * sizeof(float);
  float* d_a = nullptr;
  float* d_x = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_x, x, x_bytes, hipMemcpyHostToDevice));

  hipLaunchKernelGGL(gemv_kernel, dim3((M + kWavesPerGroup - 1) / kWavesPerGroup),
                     dim3(kWavesPerGroup * kWaveSize), 0, 0, d_a, d_x, d_y, M, K);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_y));
}
