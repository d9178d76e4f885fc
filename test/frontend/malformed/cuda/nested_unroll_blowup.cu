// expect: 8:9: more than 10000 inlined calls and unrolled loop iterations
#include <cuda_runtime.h>

__global__ void blowup_kernel(float* c) {
  for (int a = 1; a < 1 << 20; a *= 2)
    for (int b = 1; b < 1 << 20; b *= 2)
      for (int d = 1; d < 1 << 20; d *= 2)
        for (int e = 1; e < 1 << 20; e *= 2) c[threadIdx.x] += 1.0f;
}
