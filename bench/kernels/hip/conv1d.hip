// conv1d: y[i] = sum_j x[i + j] * w[j] for x[L], w[k], y[L - k + 1] (valid correlation, f32).
// Idiom: each workgroup stages its 256 + k - 1 input window and the k taps in LDS once, then every
// lane computes one output from LDS.
// Launch: ceil((L - k + 1) / 256) workgroups of 256 threads; dynamic LDS (256 + 2k - 1) floats.
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

__global__ void conv1d_kernel(const float* __restrict__ x, const float* __restrict__ w,
                              float* __restrict__ y, int length, int taps) {
  extern __shared__ float staged[]; // window[kThreads + taps - 1] then weights[taps]
  float* window = staged;
  float* weights = staged + kThreads + taps - 1;
  const int out_length = length - taps + 1;
  const int first = blockIdx.x * kThreads;

  for (int i = threadIdx.x; i < kThreads + taps - 1; i += kThreads)
    window[i] = first + i < length ? x[first + i] : 0.0f;
  for (int j = threadIdx.x; j < taps; j += kThreads)
    weights[j] = w[j];
  __syncthreads();

  const int out = first + threadIdx.x;
  if (out < out_length) {
    float acc = 0.0f;
    for (int j = 0; j < taps; ++j)
      acc = fmaf(window[threadIdx.x + j], weights[j], acc);
    y[out] = acc;
  }
}

extern "C" void run_conv1d(const float* x, const float* w, float* y, int L, int k) {
  if (L <= 0 || k <= 0 || k > L)
    return;
  const size_t x_bytes = size_t(L) * sizeof(float);
  const size_t w_bytes = size_t(k) * sizeof(float);
  const size_t y_bytes = size_t(L - k + 1) * sizeof(float);
  float* d_x = nullptr;
  float* d_w = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_w, w_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, x, x_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_w, w, w_bytes, hipMemcpyHostToDevice));

  const int out_length = L - k + 1;
  const size_t shared_bytes = size_t(kThreads + 2 * k - 1) * sizeof(float);
  hipLaunchKernelGGL(conv1d_kernel, dim3((out_length + kThreads - 1) / kThreads), dim3(kThreads),
                     shared_bytes, 0, d_x, d_w, d_y, L, k);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_w));
  HIP_CHECK(hipFree(d_y));
}
