// gather: C[i, :] = A[idx[i], :] for A[n, inner], idx[m] (i32), C[m, inner] (f32). An index outside
// [0, n) is never dereferenced: that row of C is filled with zeros.
// Idiom: one workgroup per gathered row; the index is read once per lane (a scalar load the
// compiler keeps in SGPRs) and the row is copied with coalesced loads and stores.
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

__global__ void gather_rows_kernel(const float* __restrict__ a, const int* __restrict__ idx,
                                   float* __restrict__ c, int n, int inner) {
  const int source = idx[blockIdx.x];
  const bool valid = source >= 0 && source < n;
  float* out = c + size_t(blockIdx.x) * inner;
  for (int j = threadIdx.x; j < inner; j += blockDim.x)
    out[j] = valid ? a[size_t(source) * inner + j] : 0.0f;
}

extern "C" void run_gather(const float* A, const int* idx, float* C, int n, int m, int inner) {
  if (n <= 0 || m <= 0 || inner <= 0)
    return;
  const size_t a_bytes = size_t(n) * inner * sizeof(float);
  const size_t idx_bytes = size_t(m) * sizeof(int);
  const size_t c_bytes = size_t(m) * inner * sizeof(float);
  float* d_a = nullptr;
  int* d_idx = nullptr;
  float* d_c = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_idx, idx_bytes));
  HIP_CHECK(hipMalloc(&d_c, c_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_idx, idx, idx_bytes, hipMemcpyHostToDevice));

  hipLaunchKernelGGL(gather_rows_kernel, dim3(m), dim3(64), 0, 0, d_a, d_idx, d_c, n, inner);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(C, d_c, c_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_idx));
  HIP_CHECK(hipFree(d_c));
}
