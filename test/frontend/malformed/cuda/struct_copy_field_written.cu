// expect: 6:37: a function that assigns fields of its struct parameter
#include <cuda_runtime.h>

struct Range { int begin, end; };

__device__ int clipped_length(Range r, int limit) {
  if (r.end > limit) r.end = limit;
  return r.end - r.begin;
}

__global__ void lengths(const int* limits, int* out, Range r) {
  out[threadIdx.x] = clipped_length(r, limits[threadIdx.x]);
}
