// expect: 13:29: mixing wmma fragments whose x[i] name different matrix elements
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
using namespace nvcuda;

// matrix_a holds 16 elements per lane, the accumulator 8: x[i] of the two are unrelated elements.
__global__ void copy_operand(const __half* a, float* c) {
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::load_matrix_sync(fa, a, 16);
  for (int i = 0; i < acc.num_elements; ++i)
    acc.x[i] = __half2float(fa.x[i]) * 2.0f + __half2float(fa.x[i + 8]);
  wmma::store_matrix_sync(c, acc, 16, wmma::mem_row_major);
}
