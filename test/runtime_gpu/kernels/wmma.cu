// One warp computes D = A B + C with nvcuda::wmma for every fragment shape and type of
// DIALECTS.md 2.4, with A and B in row- or column-major memory and C/D in either layout.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <mma.h>

using namespace nvcuda;

// A is M x K, B is K x N, C and D are M x N; a_col/b_col pick the memory layout of A/B (the
// leading dimension is the stored row length), c_col that of C and D.
template <int M, int N, int K, class TAB, class TLoad, class TC, class TD, class LA, class LB>
__global__ void wmma_kernel(const TLoad *a, const TLoad *b, const TC *c, TD *d, bool c_col) {
  wmma::fragment<wmma::matrix_a, M, N, K, TAB, LA> fa;
  wmma::fragment<wmma::matrix_b, M, N, K, TAB, LB> fb;
  wmma::fragment<wmma::accumulator, M, N, K, TC> fc;
  wmma::fragment<wmma::accumulator, M, N, K, TD> fd;
  constexpr bool a_col = std::is_same<LA, wmma::col_major>::value;
  constexpr bool b_col = std::is_same<LB, wmma::col_major>::value;
  wmma::load_matrix_sync(fa, a, a_col ? M : K);
  wmma::load_matrix_sync(fb, b, b_col ? K : N);
  wmma::load_matrix_sync(fc, c, c_col ? M : N, c_col ? wmma::mem_col_major : wmma::mem_row_major);
  wmma::mma_sync(fd, fa, fb, fc);
  wmma::store_matrix_sync(d, fd, c_col ? M : N, c_col ? wmma::mem_col_major : wmma::mem_row_major);
}

// Element-wise use of fragment storage: scale the accumulator by 2 after fill_fragment.
__global__ void wmma_fill_scale_kernel(const __half *a, const __half *b, float *d) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::fill_fragment(acc, 1.5f);
  wmma::load_matrix_sync(fa, a, 16);
  wmma::load_matrix_sync(fb, b, 16);
  wmma::mma_sync(acc, fa, fb, acc);
  for (int i = 0; i < acc.num_elements; ++i) acc.x[i] = acc.x[i] * 2.0f;
  wmma::store_matrix_sync(d, acc, 16, wmma::mem_row_major);
}

template <int M, int N, int K, class TAB, class TLoad, class TC, class TD, class LA, class LB>
int launch_wmma(const void *a, const void *b, const void *c, void *d, int c_col) {
  TLoad *da, *db;
  TC *dc;
  TD *dd;
  cudaMalloc(&da, M * K * sizeof(TLoad));
  cudaMalloc(&db, K * N * sizeof(TLoad));
  cudaMalloc(&dc, M * N * sizeof(TC));
  cudaMalloc(&dd, M * N * sizeof(TD));
  cudaMemcpy(da, a, M * K * sizeof(TLoad), cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, K * N * sizeof(TLoad), cudaMemcpyHostToDevice);
  cudaMemcpy(dc, c, M * N * sizeof(TC), cudaMemcpyHostToDevice);
  wmma_kernel<M, N, K, TAB, TLoad, TC, TD, LA, LB><<<1, 32>>>(da, db, dc, dd, c_col != 0);
  const cudaError_t status = cudaMemcpy(d, dd, M * N * sizeof(TD), cudaMemcpyDeviceToHost);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dd);
  return status;
}

template <int M, int N, int K, class TAB, class TLoad, class TC, class TD>
int launch_layouts(const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  using R = wmma::row_major;
  using C = wmma::col_major;
  if (!a_col && !b_col) return launch_wmma<M, N, K, TAB, TLoad, TC, TD, R, R>(a, b, c, d, c_col);
  if (!a_col && b_col) return launch_wmma<M, N, K, TAB, TLoad, TC, TD, R, C>(a, b, c, d, c_col);
  if (a_col && !b_col) return launch_wmma<M, N, K, TAB, TLoad, TC, TD, C, R>(a, b, c, d, c_col);
  return launch_wmma<M, N, K, TAB, TLoad, TC, TD, C, C>(a, b, c, d, c_col);
}

// shape: 0 = 16x16x16, 1 = 32x8x16, 2 = 8x32x16.
template <class TAB, class TLoad, class TC, class TD>
int launch_shapes(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  if (shape == 0) return launch_layouts<16, 16, 16, TAB, TLoad, TC, TD>(a, b, c, d, a_col, b_col, c_col);
  if (shape == 1) return launch_layouts<32, 8, 16, TAB, TLoad, TC, TD>(a, b, c, d, a_col, b_col, c_col);
  return launch_layouts<8, 32, 16, TAB, TLoad, TC, TD>(a, b, c, d, a_col, b_col, c_col);
}

extern "C" int run_wmma_f16_f32(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_shapes<__half, __half, float, float>(shape, a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_f16_f16(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_shapes<__half, __half, __half, __half>(shape, a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_f16_f32_to_f16(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col,
                                       int c_col) {
  return launch_shapes<__half, __half, float, __half>(shape, a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_s8(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_shapes<signed char, signed char, int, int>(shape, a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_u8(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_shapes<unsigned char, unsigned char, int, int>(shape, a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_bf16(int shape, const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_shapes<__nv_bfloat16, __nv_bfloat16, float, float>(shape, a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_tf32(const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_layouts<16, 16, 8, wmma::precision::tf32, float, float, float>(a, b, c, d, a_col, b_col, c_col);
}
extern "C" int run_wmma_f64(const void *a, const void *b, const void *c, void *d, int a_col, int b_col, int c_col) {
  return launch_layouts<8, 8, 4, double, double, double, double>(a, b, c, d, a_col, b_col, c_col);
}

extern "C" int run_wmma_fill_scale(const __half *a, const __half *b, float *d) {
  __half *da, *db;
  float *dd;
  cudaMalloc(&da, 256 * sizeof(__half));
  cudaMalloc(&db, 256 * sizeof(__half));
  cudaMalloc(&dd, 256 * sizeof(float));
  cudaMemcpy(da, a, 256 * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, 256 * sizeof(__half), cudaMemcpyHostToDevice);
  wmma_fill_scale_kernel<<<1, 32>>>(da, db, dd);
  const cudaError_t status = cudaMemcpy(d, dd, 256 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dd);
  return status;
}
