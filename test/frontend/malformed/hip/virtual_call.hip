// expect: 15:21: a virtual call
#include <hip/hip_runtime.h>

struct Activation {
  __device__ virtual float apply(float x) const { return x; }
};
struct Relu : Activation {
  __device__ float apply(float x) const override { return x > 0.0f ? x : 0.0f; }
};

__device__ Relu relu_op;

__global__ void act_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = relu_op.apply(a[i]);
}
