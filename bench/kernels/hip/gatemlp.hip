// gatemlp: Y[M, N] = silu(X Wg) * (X Wu) for X[M, K], Wg[K, N], Wu[K, N] (f32 throughout),
// silu(x) = x / (1 + exp(-x)).
// Idiom: CDNA Matrix Cores in f32 through __builtin_amdgcn_mfma_f32_16x16x4f32. A workgroup of four
// wavefronts computes a 32x32 tile of Y, each wavefront one 16x16 block with two accumulators (gate
// and up) that share the A operand; X, Wg and Wu tiles of depth 16 are staged in LDS with zero fill
// outside the matrices, and the gating is fused into the epilogue.
// Launch: grid (ceil(N / 32), ceil(M / 32)), 256 threads per workgroup.
#include <cmath>
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

// Accumulator vector of the 16x16 MFMA builtins (clang ext-vector type).
typedef float floatx4 __attribute__((ext_vector_type(4)));

constexpr int kWaveSize = 64;
constexpr int kTileM = 32, kTileN = 32, kTileK = 16; // workgroup tile; depth staged per step in LDS
constexpr int kMfmaM = 16, kMfmaN = 16, kMfmaK = 4;  // v_mfma_f32_16x16x4f32
constexpr int kThreads = 256;                        // four wavefronts in a 2 x 2 arrangement
constexpr int kPad = 1;                              // LDS row padding against bank conflicts

__device__ inline float silu(float x) {
  return x / (1.0f + expf(-x));
}

__global__ void __launch_bounds__(kThreads)
    gatemlp_mfma_kernel(const float* __restrict__ x, const float* __restrict__ w_gate,
                        const float* __restrict__ w_up, float* __restrict__ y, int m, int n,
                        int k) {
  __shared__ float x_tile[kTileM][kTileK + kPad];
  __shared__ float gate_tile[kTileK][kTileN + kPad];
  __shared__ float up_tile[kTileK][kTileN + kPad];

  const int tile_row = blockIdx.y * kTileM, tile_col = blockIdx.x * kTileN;
  const int lane = threadIdx.x % kWaveSize, wave = threadIdx.x / kWaveSize;
  const int wave_row = (wave / 2) * kMfmaM, wave_col = (wave % 2) * kMfmaN;
  // Lane l supplies A[l % 16][l / 16] and B[l / 16][l % 16] of each 16x16x4 step.
  const int lane_mn = lane % 16, lane_k = lane / 16;

  floatx4 gate = {}, up = {};
  for (int k0 = 0; k0 < k; k0 += kTileK) {
    for (int e = threadIdx.x; e < kTileM * kTileK; e += kThreads) {
      const int r = e / kTileK, kk = e % kTileK;
      const int row = tile_row + r, col = k0 + kk;
      x_tile[r][kk] = (row < m && col < k) ? x[size_t(row) * k + col] : 0.0f;
    }
    for (int e = threadIdx.x; e < kTileK * kTileN; e += kThreads) {
      const int kk = e / kTileN, cc = e % kTileN;
      const int row = k0 + kk, col = tile_col + cc;
      const bool inside = row < k && col < n;
      gate_tile[kk][cc] = inside ? w_gate[size_t(row) * n + col] : 0.0f;
      up_tile[kk][cc] = inside ? w_up[size_t(row) * n + col] : 0.0f;
    }
    __syncthreads();

    for (int kk = 0; kk < kTileK; kk += kMfmaK) {
      const float a = x_tile[wave_row + lane_mn][kk + lane_k];
      gate = __builtin_amdgcn_mfma_f32_16x16x4f32(a, gate_tile[kk + lane_k][wave_col + lane_mn],
                                                  gate, 0, 0, 0);
      up = __builtin_amdgcn_mfma_f32_16x16x4f32(a, up_tile[kk + lane_k][wave_col + lane_mn], up, 0,
                                                0, 0);
    }
    __syncthreads();
  }

  // Vector element r of lane l holds D[4 * (l / 16) + r][l % 16].
  const int col = tile_col + wave_col + lane_mn;
  for (int r = 0; r < 4; ++r) {
    const int row = tile_row + wave_row + 4 * lane_k + r;
    if (row < m && col < n)
      y[size_t(row) * n + col] = silu(gate[r]) * up[r];
  }
}

extern "C" void run_gatemlp(const float* X, const float* Wg, const float* Wu, float* Y, int M,
                            int N, int K) {
  if (M <= 0 || N <= 0 || K <= 0)
    return;
  const size_t x_bytes = size_t(M) * K * sizeof(float);
  const size_t wg_bytes = size_t(K) * N * sizeof(float);
  const size_t wu_bytes = size_t(K) * N * sizeof(float);
  const size_t y_bytes = size_t(M) * N * sizeof(float);
  float* d_x = nullptr;
  float* d_wg = nullptr;
  float* d_wu = nullptr;
  float* d_y = nullptr;
  HIP_CHECK(hipMalloc(&d_x, x_bytes));
  HIP_CHECK(hipMalloc(&d_wg, wg_bytes));
  HIP_CHECK(hipMalloc(&d_wu, wu_bytes));
  HIP_CHECK(hipMalloc(&d_y, y_bytes));
  HIP_CHECK(hipMemcpy(d_x, X, x_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_wg, Wg, wg_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_wu, Wu, wu_bytes, hipMemcpyHostToDevice));

  const dim3 grid((N + kTileN - 1) / kTileN, (M + kTileM - 1) / kTileM);
  hipLaunchKernelGGL(gatemlp_mfma_kernel, grid, dim3(kThreads), 0, 0, d_x, d_wg, d_wu, d_y, M, N,
                     K);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(Y, d_y, y_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_x));
  HIP_CHECK(hipFree(d_wg));
  HIP_CHECK(hipFree(d_wu));
  HIP_CHECK(hipFree(d_y));
}
