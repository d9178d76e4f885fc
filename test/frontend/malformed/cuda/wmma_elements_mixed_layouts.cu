// expect: 14:5: matrix_b m16n16k16 row_major with 16 elements, matrix_b m16n16k16 col_major
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
using namespace nvcuda;

// A row-major and a column-major fragment map x[i] to different matrix elements.
__global__ void transpose_in_registers(const __half* b, float* c) {
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> rows;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::col_major> cols;
  wmma::load_matrix_sync(rows, b, 16);
  for (int i = 0; i < rows.num_elements; ++i) {
    const __half v = rows.x[i];
    cols.x[i] = v;
  }
  c[threadIdx.x] = __half2float(cols.x[0]);
}
