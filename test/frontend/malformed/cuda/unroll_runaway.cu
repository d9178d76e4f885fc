// expect: 6:3: a loop unrolled at lift time to more than 64 iterations
#include <cuda_runtime.h>

__global__ void stride_kernel(float* c) {
  // The stride starts at 0 and never grows: the loop never ends.
  for (int stride = 0; stride < 256; stride *= 2) c[threadIdx.x] += 1.0f;
}
