// gelu: C[i] = 0.5 A (1 + tanh(sqrt(2/pi) (A + 0.044715 A^3))) (the tanh form), elementwise
// over n f32 values (any rank, flattened).
// Idiom: grid-stride loop over the flattened tensor, one element per lane per step.
// Launch: 256 threads (four 64-lane wavefronts) per workgroup, min(ceil(n / 256), 2048) workgroups.
#include <algorithm>
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

__device__ inline float gelu_of(float x) {
  const float kSqrt2OverPi = 0.7978845608028654f;
  return 0.5f * x * (1.0f + tanhf(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
}

__global__ void gelu_kernel(const float* __restrict__ a, float* __restrict__ c, int n) {
  const int stride = gridDim.x * blockDim.x;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
    c[i] = gelu_of(a[i]);
}

extern "C" void run_gelu(const float* A, float* C, int n) {
  if (n <= 0)
    return;
  const size_t a_bytes = size_t(n) * sizeof(float);
  const size_t c_bytes = size_t(n) * sizeof(float);
  float* d_a = nullptr;
  float* d_c = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_c, c_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));

  const int threads = 256;
  const int blocks = std::max(1, std::min((n + threads - 1) / threads, 2048));
  hipLaunchKernelGGL(gelu_kernel, dim3(blocks), dim3(threads), 0, 0, d_a, d_c, n);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(C, d_c, c_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_c));
}
