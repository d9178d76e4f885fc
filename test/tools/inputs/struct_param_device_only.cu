// A device kernel taking a struct by value: the interp engine cannot give affine_launch that
// signature (the lifted kernel has one parameter per field), so xir-sim-cc refuses to build it.
#include <cuda_runtime.h>

struct Scale {
  float a;
  float b;
};

__global__ void affine(const float* x, float* y, Scale s, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = s.a * x[i] + s.b;
}
