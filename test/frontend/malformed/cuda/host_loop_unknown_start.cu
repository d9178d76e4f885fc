// expect: 12:3: whose variable's value before the loop is not known at lift time
#include <cuda_runtime.h>

__global__ void fill(float* y, int tile) {
  y[blockIdx.x * tile + threadIdx.x] = 1.0f;
}

extern "C" void run_fill(float* Y, int n, int start) {
  float* d_y = nullptr;
  cudaMalloc(&d_y, n * sizeof(float));
  int tile = start;
  for (;; tile /= 2) {
    if (tile <= 32) break;
  }
  fill<<<n / tile, tile>>>(d_y, tile);
  cudaMemcpy(Y, d_y, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(d_y);
}
