// A device-only HIP file: xir-sim-cc gives it the entry saxpy_launch(x, y, a, n), launched with the
// library's --grid/--block configuration. y[i] = a * x[i] + y[i] over a grid-stride loop.
#include <hip/hip_runtime.h>

__global__ void saxpy(const float* x, float* y, float a, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    y[i] = a * x[i] + y[i];
}
