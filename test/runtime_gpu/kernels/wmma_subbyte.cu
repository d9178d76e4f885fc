// Sub-byte warp matrix functions (sm_75+/sm_80): 8x8x32 with signed / unsigned 4-bit operands and
// 8x8x128 single-bit operands with XOR or AND popcount. A is row-major, B column-major, packed
// lowest element in the lowest bits; C and D are 8x8 int, row-major.
#include <cuda_runtime.h>
#include <mma.h>

using namespace nvcuda;
namespace precision = nvcuda::wmma::experimental::precision;

template <class T>
__global__ void wmma_4bit_kernel(const void *a, const void *b, const int *c, int *d, bool saturate) {
  wmma::fragment<wmma::matrix_a, 8, 8, 32, T, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 8, 8, 32, T, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 8, 8, 32, int> fc;
  wmma::load_matrix_sync(fa, a, 32);
  wmma::load_matrix_sync(fb, b, 32);
  wmma::load_matrix_sync(fc, c, 8, wmma::mem_row_major);
  wmma::mma_sync(fc, fa, fb, fc, saturate);
  wmma::store_matrix_sync(d, fc, 8, wmma::mem_row_major);
}

__global__ void bmma_kernel(const void *a, const void *b, const int *c, int *d, bool use_and) {
  wmma::fragment<wmma::matrix_a, 8, 8, 128, precision::b1, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 8, 8, 128, precision::b1, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, 8, 8, 128, int> fc;
  wmma::load_matrix_sync(fa, a, 128);
  wmma::load_matrix_sync(fb, b, 128);
  wmma::load_matrix_sync(fc, c, 8, wmma::mem_row_major);
  if (use_and)
    wmma::bmma_sync(fc, fa, fb, fc, wmma::experimental::bmmaBitOpAND, wmma::experimental::bmmaAccumulateOpPOPC);
  else
    wmma::bmma_sync(fc, fa, fb, fc);
  wmma::store_matrix_sync(d, fc, 8, wmma::mem_row_major);
}

// kind: 0 = s4, 1 = u4, 2 = b1 XOR, 3 = b1 AND. a and b hold 128 bytes each; c and d 64 ints.
extern "C" int run_wmma_subbyte(int kind, const void *a, const void *b, const int *c, int *d) {
  void *da, *db;
  int *dc, *dd;
  cudaMalloc(&da, 128);
  cudaMalloc(&db, 128);
  cudaMalloc(&dc, 64 * sizeof(int));
  cudaMalloc(&dd, 64 * sizeof(int));
  cudaMemcpy(da, a, 128, cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, 128, cudaMemcpyHostToDevice);
  cudaMemcpy(dc, c, 64 * sizeof(int), cudaMemcpyHostToDevice);
  if (kind == 0) wmma_4bit_kernel<precision::s4><<<1, 32>>>(da, db, dc, dd, false);
  else if (kind == 1) wmma_4bit_kernel<precision::u4><<<1, 32>>>(da, db, dc, dd, false);
  else bmma_kernel<<<1, 32>>>(da, db, dc, dd, kind == 3);
  const cudaError_t status = cudaMemcpy(d, dd, 64 * sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dd);
  return status;
}
