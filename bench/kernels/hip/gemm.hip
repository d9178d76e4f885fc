// gemm: C[M, N] = A[M, K] * B[K, N], f16 inputs, f32 accumulation and output (row-major).
// Idiom: CDNA Matrix Cores through __builtin_amdgcn_mfma_f32_32x32x8f16. A workgroup of four
// wavefronts computes a 64x64 tile of C, each wavefront one 32x32 MFMA block; A and B tiles of
// depth 32 are staged in LDS with zero fill outside the matrices, so any M, N, K works, and the
// accumulator registers are stored straight to C with a bounds guard.
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
    gemm_f16_mfma_kernel(const _Float16* __restrict__ a, const _Float16* __restrict__ b,
                         float* __restrict__ c, int m, int n, int k) {
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
      const int kk = e / kTileN, cc = e % kTileN;
      const int row = k0 + kk, col = tile_col + cc;
      b_tile[kk][cc] = (row < k && col < n) ? b[size_t(row) * n + col] : _Float16(0);
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
      c[size_t(row) * n + col] = acc[r];
  }
}

extern "C" void run_gemm(const __half* A, const __half* B, float* C, int M, int N, int K) {
  if (M <= 0 || N <= 0 || K <= 0)
    return;
  const size_t a_bytes = size_t(M) * K * sizeof(_Float16);
  const size_t b_bytes = size_t(K) * N * sizeof(_Float16);
  const size_t c_bytes = size_t(M) * N * sizeof(float);
  _Float16* d_a = nullptr;
  _Float16* d_b = nullptr;
  float* d_c = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_b, b_bytes));
  HIP_CHECK(hipMalloc(&d_c, c_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_b, B, b_bytes, hipMemcpyHostToDevice));

  const dim3 grid((N + kTileN - 1) / kTileN, (M + kTileM - 1) / kTileM);
  hipLaunchKernelGGL(gemm_f16_mfma_kernel, grid, dim3(kThreads), 0, 0, d_a, d_b, d_c, M, N, K);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(C, d_c, c_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_b));
  HIP_CHECK(hipFree(d_c));
}
