// transpose: B[b, j, i] = A[b, i, j] for A[batch, rows, cols] (perm [0, 2, 1], f32).
// Idiom: 64x64 tiles staged through LDS (one padding column against bank conflicts) so both the
// global read of A and the global write of B are coalesced along a wavefront; edges are guarded.
// Launch: grid (ceil(cols / 64), ceil(rows / 64), batch), block (64, 4): each lane moves 16
// elements.
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

constexpr int kTile = 64;
constexpr int kRowsPerPass = 4;

__global__ void transpose_kernel(const float* __restrict__ a, float* __restrict__ b, int rows,
                                 int cols) {
  __shared__ float tile[kTile][kTile + 1];
  const size_t batch_offset = size_t(blockIdx.z) * rows * cols;
  const int row0 = blockIdx.y * kTile, col0 = blockIdx.x * kTile;

  for (int r = threadIdx.y; r < kTile; r += kRowsPerPass) {
    const int row = row0 + r, col = col0 + threadIdx.x;
    if (row < rows && col < cols)
      tile[r][threadIdx.x] = a[batch_offset + size_t(row) * cols + col];
  }
  __syncthreads();

  // B is [cols, rows]: lane x now walks B's contiguous axis (A's rows).
  for (int c = threadIdx.y; c < kTile; c += kRowsPerPass) {
    const int out_row = col0 + c, out_col = row0 + threadIdx.x;
    if (out_row < cols && out_col < rows)
      b[batch_offset + size_t(out_row) * rows + out_col] = tile[threadIdx.x][c];
  }
}

extern "C" void run_transpose(const float* A, float* B, int batch, int rows, int cols) {
  if (batch <= 0 || rows <= 0 || cols <= 0)
    return;
  const size_t a_bytes = size_t(batch) * rows * cols * sizeof(float);
  const size_t b_bytes = size_t(batch) * rows * cols * sizeof(float);
  float* d_a = nullptr;
  float* d_b = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_b, b_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));

  const dim3 grid((cols + kTile - 1) / kTile, (rows + kTile - 1) / kTile, batch);
  hipLaunchKernelGGL(transpose_kernel, grid, dim3(kTile, kRowsPerPass), 0, 0, d_a, d_b, rows, cols);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(B, d_b, b_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_b));
}
