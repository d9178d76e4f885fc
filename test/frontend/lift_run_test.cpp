// Lifted CUDA host entries run on the reference interpreter and agree with plain C++ loops.

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;

const Kernel& entry(const LiftResult& r, const std::string& name) {
  for (const Kernel& k : r.module->kernels)
    if (k.name == name) return k;
  throw std::runtime_error("no kernel " + name);
}

HostBuffer random_buffer(std::vector<std::int64_t> shape, std::mt19937& rng) {
  HostBuffer b(Type::f32(), std::move(shape));
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (std::int64_t i = 0; i < b.element_count(); ++i) b.set(i, dist(rng));
  return b;
}

void expect_close(const HostBuffer& got, const std::vector<double>& want) {
  ASSERT_EQ(got.element_count(), static_cast<std::int64_t>(want.size()));
  for (std::size_t i = 0; i < want.size(); ++i)
    ASSERT_NEAR(got.get(static_cast<std::int64_t>(i)), want[i], 1e-4 + 1e-4 * std::abs(want[i])) << "at " << i;
}

TEST(LiftAndRun, ElementwiseWithEarlyReturnGuard) {
  constexpr const char* source = R"(#include <cuda_runtime.h>
__global__ void sub_kernel(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  c[i] = a[i] - b[i];
}
extern "C" void run_sub(const float* a, const float* b, float* c, int n) {
  float *da, *db, *dc;
  cudaMalloc(&da, n * sizeof(float)); cudaMalloc(&db, n * sizeof(float)); cudaMalloc(&dc, n * sizeof(float));
  cudaMemcpy(da, a, n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, n * sizeof(float), cudaMemcpyHostToDevice);
  dim3 block(128);
  dim3 grid((n + block.x - 1) / block.x);
  sub_kernel<<<grid, block>>>(da, db, dc, n);
  cudaMemcpy(c, dc, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(da); cudaFree(db); cudaFree(dc);
}
)";
  LiftResult r = lift_source(source, "sub.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int n = 1000;  // not a multiple of the block
  std::mt19937 rng(7);
  std::map<std::string, HostBuffer> buffers{{"a", random_buffer({n}, rng)}, {"b", random_buffer({n}, rng)},
                                            {"c", HostBuffer(Type::f32(), {n})}};
  std::vector<double> want(n);
  for (int i = 0; i < n; ++i)
    want[i] = static_cast<float>(static_cast<float>(buffers["a"].get(i)) - static_cast<float>(buffers["b"].get(i)));
  auto result = interp::run(entry(r, "run_sub"), target_by_name("cuda"), buffers, {{"n", ScalarValue::i32(n)}});
  ASSERT_TRUE(result) << result.error().message;
  expect_close(buffers["c"], want);
}

TEST(LiftAndRun, WarpShuffleReductionAcrossTwoWarps) {
  constexpr const char* source = R"(#include <cuda_runtime.h>
__device__ float warp_sum(float v) {
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_xor_sync(0xffffffffu, v, offset);
  return v;
}
__global__ void row_sum(const float* x, float* y, int rows, int n) {
  __shared__ float partial[2];
  int row = blockIdx.x, t = threadIdx.x;
  float acc = 0.0f;
  for (int i = t; i < n; i += blockDim.x) acc += x[row * n + i];
  acc = warp_sum(acc);
  if (t % 32 == 0) partial[t / 32] = acc;
  __syncthreads();
  if (t == 0) y[row] = partial[0] + partial[1];
}
extern "C" void run_sum(const float* x, float* y, int rows, int n) {
  float *dx, *dy;
  cudaMalloc(&dx, rows * n * sizeof(float)); cudaMalloc(&dy, rows * sizeof(float));
  cudaMemcpy(dx, x, rows * n * sizeof(float), cudaMemcpyHostToDevice);
  row_sum<<<rows, 64>>>(dx, dy, rows, n);
  cudaMemcpy(y, dy, rows * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(dx); cudaFree(dy);
}
)";
  LiftResult r = lift_source(source, "sum.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int rows = 5, n = 333;
  std::mt19937 rng(11);
  std::map<std::string, HostBuffer> buffers{{"x", random_buffer({rows * n}, rng)},
                                            {"y", HostBuffer(Type::f32(), {rows})}};
  std::vector<double> want(rows, 0.0);
  for (int row = 0; row < rows; ++row)
    for (int i = 0; i < n; ++i) want[row] += buffers["x"].get(row * n + i);
  auto result = interp::run(entry(r, "run_sum"), target_by_name("cuda"), buffers,
                            {{"rows", ScalarValue::i32(rows)}, {"n", ScalarValue::i32(n)}});
  ASSERT_TRUE(result) << result.error().message;
  expect_close(buffers["y"], want);
}

TEST(LiftAndRun, SharedMemoryTiledGemm) {
  constexpr const char* source = R"(#include <cuda_runtime.h>
#define TILE 16
__global__ void gemm(const float* A, const float* B, float* C, int M, int N, int K) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int row = blockIdx.y * TILE + threadIdx.y, col = blockIdx.x * TILE + threadIdx.x;
  float acc = 0.0f;
  for (int k0 = 0; k0 < K; k0 += TILE) {
    As[threadIdx.y][threadIdx.x] = (row < M && k0 + threadIdx.x < K) ? A[row * K + k0 + threadIdx.x] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (col < N && k0 + threadIdx.y < K) ? B[(k0 + threadIdx.y) * N + col] : 0.0f;
    __syncthreads();
    for (int k = 0; k < TILE; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
    __syncthreads();
  }
  if (row < M && col < N) C[row * N + col] = acc;
}
extern "C" void run_gemm(const float* A, const float* B, float* C, int M, int N, int K) {
  float *dA, *dB, *dC;
  cudaMalloc(&dA, M * K * sizeof(float)); cudaMalloc(&dB, K * N * sizeof(float)); cudaMalloc(&dC, M * N * sizeof(float));
  cudaMemcpy(dA, A, M * K * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(dB, B, K * N * sizeof(float), cudaMemcpyHostToDevice);
  dim3 block(TILE, TILE);
  dim3 grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);
  gemm<<<grid, block>>>(dA, dB, dC, M, N, K);
  cudaMemcpy(C, dC, M * N * sizeof(float), cudaMemcpyDeviceToHost);
}
)";
  LiftResult r = lift_source(source, "gemm.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int M = 37, N = 29, K = 45;
  std::mt19937 rng(3);
  std::map<std::string, HostBuffer> buffers{{"A", random_buffer({M * K}, rng)}, {"B", random_buffer({K * N}, rng)},
                                            {"C", HostBuffer(Type::f32(), {M * N})}};
  std::vector<double> want(M * N, 0.0);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j)
      for (int k = 0; k < K; ++k) want[i * N + j] += buffers["A"].get(i * K + k) * buffers["B"].get(k * N + j);
  auto result = interp::run(entry(r, "run_gemm"), target_by_name("cuda"), buffers,
                            {{"M", ScalarValue::i32(M)}, {"N", ScalarValue::i32(N)}, {"K", ScalarValue::i32(K)}});
  ASSERT_TRUE(result) << result.error().message;
  expect_close(buffers["C"], want);
}

// Host code that picks a tile at run time: a loop over known values (64, 32, ...) left by break,
// by its condition or by return, over a struct field and over a scalar.
TEST(LiftAndRun, HostLoopPicksTileAtRunTime) {
  constexpr const char* source = R"(#include <cstdio>
#include <cuda_runtime.h>
struct Plan { int n, tile, blocks; };
__global__ void scale_tiles(const float* x, float* y, Plan p) {
  int i = blockIdx.x * p.tile + threadIdx.x;
  if (threadIdx.x < p.tile && i < p.n) y[i] = x[i] * p.tile;
}
extern "C" void run_struct_tile(const float* x, float* y, int n, int limit) {
  Plan p{n, 64, 0};
  for (;; p.tile /= 2) {
    if (p.tile <= limit) break;
    if (p.tile == 1) { std::fprintf(stderr, "no tile fits\n"); return; }
  }
  p.blocks = (n + p.tile - 1) / p.tile;
  float *dx, *dy;
  cudaMalloc(&dx, n * sizeof(float)); cudaMalloc(&dy, n * sizeof(float));
  cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
  scale_tiles<<<p.blocks, 64>>>(dx, dy, p);
  p.tile = 0;  // after the launch: the kernel saw the value at the launch
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(dx); cudaFree(dy);
}
extern "C" void run_scalar_tile(const float* x, float* y, int n, int limit) {
  int tile = 64;
  for (; tile > limit; tile /= 2)
    if (tile == 1) return;
  Plan p{n, tile, (n + tile - 1) / tile};
  float *dx, *dy;
  cudaMalloc(&dx, n * sizeof(float)); cudaMalloc(&dy, n * sizeof(float));
  cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
  scale_tiles<<<p.blocks, 64>>>(dx, dy, p);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(dx); cudaFree(dy);
}
)";
  LiftResult r = lift_source(source, "tile.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const int n = 200;
  for (const char* name : {"run_struct_tile", "run_scalar_tile"}) {
    for (int limit : {100, 20, 1, 0}) {
      std::mt19937 rng(11);
      std::map<std::string, HostBuffer> buffers{{"x", random_buffer({n}, rng)}, {"y", HostBuffer(Type::f32(), {n})}};
      for (int i = 0; i < n; ++i) buffers["y"].set(i, -7.0);
      int tile = 64;
      while (tile > limit && tile > 1) tile /= 2;
      std::vector<double> want(n, -7.0);  // untouched where no tile fits
      if (tile <= limit)
        for (int i = 0; i < n; ++i) want[i] = static_cast<float>(static_cast<float>(buffers["x"].get(i)) * tile);
      auto result = interp::run(entry(r, name), target_by_name("cuda"), buffers,
                                {{"n", ScalarValue::i32(n)}, {"limit", ScalarValue::i32(limit)}});
      ASSERT_TRUE(result) << name << " limit " << limit << ": " << result.error().message;
      SCOPED_TRACE(std::string(name) + " limit " + std::to_string(limit));
      expect_close(buffers["y"], want);
    }
  }
}

} // namespace
} // namespace xir::frontend
