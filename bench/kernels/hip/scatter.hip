// scatter: A[idx[i], :] = U[i, :] in place on A[n, inner] for idx[m] (i32, distinct), U[m, inner]
// (f32); rows of A not named by idx keep their values. An index outside [0, n) is skipped.
// Idiom: one workgroup per update row, coalesced row copies into the device copy of A.
// Launch: grid (m), 64 threads (one wavefront) per workgroup.
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

__global__ void scatter_rows_kernel(float* __restrict__ a, const int* __restrict__ idx,
                                    const float* __restrict__ u, int n, int inner) {
  const int target = idx[blockIdx.x];
  if (target < 0 || target >= n)
    return;
  const float* update = u + size_t(blockIdx.x) * inner;
  for (int j = threadIdx.x; j < inner; j += blockDim.x)
    a[size_t(target) * inner + j] = update[j];
}

extern "C" void run_scatter(float* A, const int* idx, const float* U, int n, int m, int inner) {
  if (n <= 0 || m <= 0 || inner <= 0)
    return;
  const size_t a_bytes = size_t(n) * inner * sizeof(float);
  const size_t idx_bytes = size_t(m) * sizeof(int);
  const size_t u_bytes = size_t(m) * inner * sizeof(float);
  float* d_a = nullptr;
  int* d_idx = nullptr;
  float* d_u = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_idx, idx_bytes));
  HIP_CHECK(hipMalloc(&d_u, u_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_idx, idx, idx_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_u, U, u_bytes, hipMemcpyHostToDevice));

  hipLaunchKernelGGL(scatter_rows_kernel, dim3(m), dim3(64), 0, 0, d_a, d_idx, d_u, n, inner);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(A, d_a, a_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_idx));
  HIP_CHECK(hipFree(d_u));
}
