// expect: 14:39: dynamic shared memory
#include <hip/hip_runtime.h>

__global__ void copy_kernel(const float* a, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i];
}

extern "C" void run_copy(const float* A, float* C, int n) {
  float *d_a, *d_c;
  hipMalloc(&d_a, n * sizeof(float));
  hipMalloc(&d_c, n * sizeof(float));
  hipMemcpy(d_a, A, n * sizeof(float), hipMemcpyHostToDevice);
  copy_kernel<<<(n + 255) / 256, 256, 256 * sizeof(float)>>>(d_a, d_c, n);
  hipMemcpy(C, d_c, n * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(d_a);
  hipFree(d_c);
}
