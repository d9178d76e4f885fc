// expect: 11:53: the fragment element x[8] outside its 8 elements
#include <cuda_runtime.h>
#include <mma.h>
using namespace nvcuda;

// An accumulator of 16x16x16 holds 8 elements per lane.
__global__ void past_the_end(const float* c, float* d) {
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::load_matrix_sync(acc, c, 16, wmma::mem_row_major);
  float sum = 0.0f;
  for (int i = 0; i < 4; ++i) sum += acc.x[2 * i] + acc.x[8];
  d[threadIdx.x] = sum;
}
