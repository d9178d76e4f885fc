// Device code only: xir-sim-cc adds saxpy_launch(...) and row_sums_launch(...) entry points.
#include <cuda_runtime.h>

__global__ void saxpy(float a, const float *x, float *y, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) y[i] = a * x[i] + y[i];
}

namespace kernels {
__global__ void __launch_bounds__(128) row_sums(const float *__restrict__ m, float *sums, int cols) {
  __shared__ float partial[128];
  float v = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) v += m[blockIdx.x * cols + c];
  partial[threadIdx.x] = v;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) sums[blockIdx.x] = partial[0];
}
} // namespace kernels

template <class T> __global__ void not_wrapped(T *p) { p[threadIdx.x] = T(); }
