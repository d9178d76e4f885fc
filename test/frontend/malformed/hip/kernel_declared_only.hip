// expect: 11:3: a launch of a kernel defined elsewhere
#include <hip/hip_runtime.h>

__global__ void external_kernel(const float* a, float* c, int n);

extern "C" void run_external(const float* A, float* C, int n) {
  float *d_a, *d_c;
  hipMalloc(&d_a, n * sizeof(float));
  hipMalloc(&d_c, n * sizeof(float));
  hipMemcpy(d_a, A, n * sizeof(float), hipMemcpyHostToDevice);
  external_kernel<<<(n + 255) / 256, 256>>>(d_a, d_c, n);
  hipMemcpy(C, d_c, n * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(d_a);
  hipFree(d_c);
}
