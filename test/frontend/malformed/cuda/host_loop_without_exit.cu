// expect: 12:3: a loop that does not surely end within 64 iterations
#include <cuda_runtime.h>

__global__ void fill(float* y, int tile) {
  y[blockIdx.x * tile + threadIdx.x] = 1.0f;
}

extern "C" void run_fill(float* Y, int n) {
  float* d_y = nullptr;
  cudaMalloc(&d_y, n * sizeof(float));
  int tile = 8;
  for (;; tile /= 2) {
    if (n > tile) break;  // never true for n <= 0: the tile reaches 0 and stays there
  }
  fill<<<n / tile, tile>>>(d_y, tile);
  cudaMemcpy(Y, d_y, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(d_y);
}
