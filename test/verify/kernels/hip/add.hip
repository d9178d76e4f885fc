// add over n f32 values: one thread per element, device buffers from hipMalloc.
#include <hip/hip_runtime.h>

__global__ void add_kernel(const float* a, const float* b, float* c, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] + b[i];
}

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  const size_t bytes = size_t(n) * sizeof(float);
  float *a = nullptr, *b = nullptr, *c = nullptr;
  hipMalloc(&a, bytes);
  hipMalloc(&b, bytes);
  hipMalloc(&c, bytes);
  hipMemcpy(a, A, bytes, hipMemcpyHostToDevice);
  hipMemcpy(b, B, bytes, hipMemcpyHostToDevice);
  add_kernel<<<(n + 127) / 128, 128>>>(a, b, c, n);
  hipDeviceSynchronize();
  hipMemcpy(C, c, bytes, hipMemcpyDeviceToHost);
  hipFree(a);
  hipFree(b);
  hipFree(c);
}
