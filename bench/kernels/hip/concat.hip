// concat: C[r, :] = [A[r, :], B[r, :]] along axis 1 of A[rows, a_cols] and B[rows, b_cols] (f32).
// Idiom: one workgroup row per output row; lanes walk the output row so the stores are coalesced,
// each element read from A or B by its column.
// Launch: grid (rows), 256 threads per workgroup.
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

__global__ void concat_columns_kernel(const float* __restrict__ a, const float* __restrict__ b,
                                      float* __restrict__ c, int a_cols, int b_cols) {
  const int row = blockIdx.x, out_cols = a_cols + b_cols;
  const float* a_row = a + size_t(row) * a_cols;
  const float* b_row = b + size_t(row) * b_cols;
  float* c_row = c + size_t(row) * out_cols;
  for (int col = threadIdx.x; col < out_cols; col += blockDim.x)
    c_row[col] = col < a_cols ? a_row[col] : b_row[col - a_cols];
}

extern "C" void run_concat(const float* A, const float* B, float* C, int rows, int a_cols,
                           int b_cols) {
  if (rows <= 0 || a_cols < 0 || b_cols < 0 || a_cols + b_cols == 0)
    return;
  const size_t a_bytes = size_t(rows) * a_cols * sizeof(float);
  const size_t b_bytes = size_t(rows) * b_cols * sizeof(float);
  const size_t c_bytes = size_t(rows) * (a_cols + b_cols) * sizeof(float);
  float* d_a = nullptr;
  float* d_b = nullptr;
  float* d_c = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_b, b_bytes));
  HIP_CHECK(hipMalloc(&d_c, c_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_b, B, b_bytes, hipMemcpyHostToDevice));

  hipLaunchKernelGGL(concat_columns_kernel, dim3(rows), dim3(256), 0, 0, d_a, d_b, d_c, a_cols,
                     b_cols);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(C, d_c, c_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_b));
  HIP_CHECK(hipFree(d_c));
}
