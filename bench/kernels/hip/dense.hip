// dense: Y[M, N] = X[M, K] * W[N, K]^T + bias[N], f16 X and W, f32 bias, accumulation and output.
// Idiom: CDNA Matrix Cores through __builtin_amdgcn_mfma_f32_32x32x8f16. A workgroup of four
// wavefronts computes a 64x64 tile of Y, each wavefront one 32x32 MFMA block; the W tile is
// transposed while it is staged in LDS (reads run along K, W's contiguous axis), with zero fill
// outside the matrices, and the bias is added in the epilogue.
// Launch: grid (ceil(N / 64), ceil(M / 64)), 256 threads per workgroup.
#include <cstdio>
#include <cstdlib>
#include <hip/hip_fp16.h>
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

// Operand and accumulator vectors of the MFMA builtins (clang ext-vector types).
typedef _Float16 halfx4 __attribute__((ext_vector_type(4)));
typedef float floatx16 __attribute__((ext_vector_type(16)));

constexpr int kWaveSize = 64;
constexpr int kTileM = 64, kTileN = 64, kTileK = 32; // workgroup tile; depth staged per step in LDS
constexpr int kMfmaM = 32, kMfmaN = 32, kMfmaK = 8;  // v_mfma_f32_32x32x8f16
constexpr int kThreads = 256;                        // four wavefronts in a 2 x 2 arrangement
constexpr int kPad = 4; // LDS row padding (elements) against bank conflicts

__global__ void __launch_bounds__(kThreads)
    dense_f16_mfma_kernel(const _Float16* __restrict__ a, const _Float16* __restrict__ w,
                          const float* __restrict__ bias, float* __restrict__ c, int m, int n,
                          int k) {
  __shared__ _Float16 a_tile[kTileM][kTileK + kPad];
  __shared__ _Float16 b_tile[kTileK][kTileN + kPad];

  const int tile_row = blockIdx.y * kTileM, tile_col = blockIdx.x * kTileN;
  const int lane = threadIdx.x % kWaveSize, wave = threadIdx.x / kWaveSize;
  const int wave_row = (wave / 2) * kMfmaM, wave_col = (wave % 2) * kMfmaN;
  // Lane l supplies A[l % 32][4 * (l / 32) + e] and B[4 * (l / 32) + e][l % 32] of each 32x32x8
  // step.
  const int lane_mn = lane % 32, lane_k = 4 * (lane / 32);

  floatx16 acc = {};
  for (int k0 = 0; k0 < k; k0 += kTileK) {
    // Stage the A and B tiles, zero outside the matrices so any M, N, K works.
    for (int e = threadIdx.x; e < kTileM * kTileK; e += kThreads) {
      const int r = e / kTileK, kk = e % kTileK;
      const int row = tile_row + r, col = k0 + kk;
      a_tile[r][kk] = (row < m && col < k) ? a[size_t(row) * k + col] : _Float16(0);
    }
    for (int e = threadIdx.x; e < kTileK * kTileN; e += kThreads) {
      const int cc = e / kTileK, kk = e % kTileK;
      const int out_col = tile_col + cc, col = k0 + kk;
      b_tile[kk][cc] = (out_col < n && col < k) ? w[size_t(out_col) * k + col] : _Float16(0);
    }
    __syncthreads();

    for (int kk = 0; kk < kTileK; kk += kMfmaK) {
      halfx4 a_frag, b_frag;
      for (int e = 0; e < 4; ++e) {
        a_frag[e] = a_tile[wave_row + lane_mn][kk + lane_k + e];
        b_frag[e] = b_tile[kk + lane_k + e][wave_col + lane_mn];
      }
      acc = __builtin_amdgcn_mfma_f32_32x32x8f16(a_frag, b_frag, acc, 0, 0, 0);
    }
    __syncthreads();
  }

  // Vector element r of lane l holds D[8 * (r / 4) + 4 * (l / 32) + r % 4][l % 32].
  const int col = tile_col + wave_col + lane_mn;
  for (int r = 0; r < 16; ++r) {
    const int row = tile_row + wave_row + 8 * (r / 4) + lane_k + r % 4;
    if (row < m && col < n)
      c[size_t(row) * n + col] = acc[r] + bias[col];
  }
}

extern "C" void run_dense(const __half* X, const __half* W, const float* bias, float* Y, int M,
                          int N, int K) {
  if (M <= 0 || N <= 0 || K <= 0)
    return;
  const size_t x_bytes = size_t(M) * K * sizeof(_Float16);
  const size_t w_bytes = size_t(N) * K * sizeof(_Float16);
  const size_t bias_bytes = size_t(N) * sizeof(float);
  const size_t y_bytes = size_t(M) * N * sizeof(float);
  _Float16* d_x = nullptr;
  _Float16* d_w = nullptr;
  float* d_bias = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_w, w_bytes));
  HIP_CHECK(hipMalloc(&d_bias, bias_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, X, x_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_w, W, w_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_bias, bias, bias_bytes, hipMemcpyHostToDevice));

  const dim3 grid((N + kTileN - 1) / kTileN, (M + kTileM - 1) / kTileM);
  hipLaunchKernelGGL(dense_f16_mfma_kernel, grid, dim3(kThreads), 0, 0, d_x, d_w, d_bias, d_y, M, N,
                     K);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(Y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_w));
  HIP_CHECK(hipFree(d_bias));
  HIP_CHECK(hipFree(d_y));
}
