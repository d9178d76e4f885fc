// Element access on wmma fragments (`f.x[i]`, `f.num_elements`), built twice by xir-sim-cc: on the
// CUDA CPU runtime and lifted to the IR on the reference interpreter. Both use the mapping lane l,
// x[i] = tile element (l * num_elements + i) mod tile size (row-major).
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>

using namespace nvcuda;

// Lane l writes l * num_elements + i into acc.x[i] (stored row-major); dumps its registers of a
// loaded __half matrix_b (two copies of the 256-element tile over 32 lanes x 16); writes a matrix_a
// whose two copies differ (lanes 16-31 add 1000) and multiplies it by the identity: the lower lanes'
// copy wins.
__global__ void mapping(const __half *identity, float *acc_out, float *a_out, __half *b_registers) {
  const int lane = threadIdx.x % 32;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  for (int i = 0; i < acc.num_elements; ++i) acc.x[i] = lane * acc.num_elements + i;
  wmma::store_matrix_sync(acc_out, acc, 16, wmma::mem_row_major);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::load_matrix_sync(fb, identity, 16);
  for (int i = 0; i < fb.num_elements; ++i) b_registers[lane * fb.num_elements + i] = fb.x[i];
  for (int i = 0; i < fa.num_elements; ++i)
    fa.x[i] = __float2half(float((lane * fa.num_elements + i) % 256 + 1000 * (lane / 16)));
  wmma::fill_fragment(acc, 0.0f);
  wmma::mma_sync(acc, fa, fb, acc);
  wmma::store_matrix_sync(a_out, acc, 16, wmma::mem_row_major);
}

extern "C" void run_mapping(const __half *identity, float *acc_out, float *a_out, __half *b_registers) {
  __half *di, *dregs;
  float *dacc, *da;
  cudaMalloc(&di, 256 * sizeof(__half));
  cudaMalloc(&dacc, 256 * sizeof(float));
  cudaMalloc(&da, 256 * sizeof(float));
  cudaMalloc(&dregs, 512 * sizeof(__half));
  cudaMemcpy(di, identity, 256 * sizeof(__half), cudaMemcpyHostToDevice);
  mapping<<<1, 32>>>(di, dacc, da, dregs);
  cudaMemcpy(acc_out, dacc, 256 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(a_out, da, 256 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(b_registers, dregs, 512 * sizeof(__half), cudaMemcpyDeviceToHost);
  cudaFree(di);
  cudaFree(dacc);
  cudaFree(da);
  cudaFree(dregs);
}

// One warp per 16x16 tile: D = relu(alpha * A.B + beta * C), A (M x K) and B (K x N) row-major
// __half, f32 accumulation, the epilogue over x[i]; D in f32 and, converted through a __half
// accumulator fragment, in f16.
__global__ void gemm_epilogue(const __half *a, const __half *b, const float *c, float *d, __half *d_half, int n,
                              int k, float alpha, float beta) {
  const int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  const int tile_row = warp / (n / 16), tile_col = warp % (n / 16);
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc, cf;
  wmma::fragment<wmma::accumulator, 16, 16, 16, __half> out;
  wmma::fill_fragment(acc, 0.0f);
  for (int kk = 0; kk < k; kk += 16) {
    wmma::load_matrix_sync(fa, a + tile_row * 16 * k + kk, k);
    wmma::load_matrix_sync(fb, b + kk * n + tile_col * 16, n);
    wmma::mma_sync(acc, fa, fb, acc);
  }
  wmma::load_matrix_sync(cf, c + tile_row * 16 * n + tile_col * 16, n, wmma::mem_row_major);
  for (int i = 0; i < cf.num_elements; ++i) cf.x[i] = alpha * acc.x[i] + beta * cf.x[i];
  for (int i = 0; i < cf.num_elements; ++i) {
    cf.x[i] = fmaxf(cf.x[i], 0.0f);
    out.x[i] = __float2half(cf.x[i]);
  }
  wmma::store_matrix_sync(d + tile_row * 16 * n + tile_col * 16, cf, n, wmma::mem_row_major);
  wmma::store_matrix_sync(d_half + tile_row * 16 * n + tile_col * 16, out, n, wmma::mem_row_major);
}

// m and n multiples of 16 with an even number of 16x16 tiles, k a multiple of 16.
extern "C" void run_gemm_epilogue(const __half *a, const __half *b, const float *c, float *d, __half *d_half, int m,
                                  int n, int k, float alpha, float beta) {
  __half *da, *db, *dd_half;
  float *dc, *dd;
  cudaMalloc(&da, m * k * sizeof(__half));
  cudaMalloc(&db, k * n * sizeof(__half));
  cudaMalloc(&dc, m * n * sizeof(float));
  cudaMalloc(&dd, m * n * sizeof(float));
  cudaMalloc(&dd_half, m * n * sizeof(__half));
  cudaMemcpy(da, a, m * k * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, k * n * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(dc, c, m * n * sizeof(float), cudaMemcpyHostToDevice);
  gemm_epilogue<<<(m / 16) * (n / 16) / 2, 64>>>(da, db, dc, dd, dd_half, n, k, alpha, beta);
  cudaMemcpy(d, dd, m * n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(d_half, dd_half, m * n * sizeof(__half), cudaMemcpyDeviceToHost);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dd);
  cudaFree(dd_half);
}
