// sub: C[i] = A[i] - B[i], elementwise over n f32 values (any rank, flattened).
// Idiom: grid-stride loop; float4 vector loads/stores for the bulk (the buffers come from
// cudaMalloc, so they are 256-byte aligned), a scalar loop for the n % 4 tail.
// Launch: 256 threads per block, min(ceil(n / 4 / 256), 4096) blocks.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define CUDA_CHECK(call)                                                                           \
  do {                                                                                             \
    cudaError_t status_ = (call);                                                                  \
    if (status_ != cudaSuccess) {                                                                  \
      std::fprintf(stderr, "%s:%d: error: %s failed: %s\n", __FILE__, __LINE__, #call,             \
                   cudaGetErrorString(status_));                                                   \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

__global__ void sub_kernel(const float* __restrict__ a, const float* __restrict__ b,
                           float* __restrict__ c, int n) {
  const int stride = gridDim.x * blockDim.x;
  const int first = blockIdx.x * blockDim.x + threadIdx.x;
  // cudaMalloc returns 256-byte aligned pointers, so the float4 view of the bulk is aligned.
  const int vector_count = n / 4;
  const float4* a4 = reinterpret_cast<const float4*>(a);
  const float4* b4 = reinterpret_cast<const float4*>(b);
  float4* c4 = reinterpret_cast<float4*>(c);
  for (int i = first; i < vector_count; i += stride) {
    const float4 x = a4[i], y = b4[i];
    c4[i] = make_float4(x.x - y.x, x.y - y.y, x.z - y.z, x.w - y.w);
  }
  for (int i = vector_count * 4 + first; i < n; i += stride)
    c[i] = a[i] - b[i];
}

extern "C" void run_sub(const float* A, const float* B, float* C, int n) {
  if (n <= 0)
    return;
  const size_t bytes = size_t(n) * sizeof(float);
  float *d_a = nullptr, *d_b = nullptr, *d_c = nullptr;
  CUDA_CHECK(cudaMalloc(&d_a, bytes));
  CUDA_CHECK(cudaMalloc(&d_b, bytes));
  CUDA_CHECK(cudaMalloc(&d_c, bytes));
  CUDA_CHECK(cudaMemcpy(d_a, A, bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_b, B, bytes, cudaMemcpyHostToDevice));

  const int threads = 256;
  const int blocks = std::max(1, std::min((n / 4 + threads - 1) / threads, 4096));
  sub_kernel<<<blocks, threads>>>(d_a, d_b, d_c, n);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(C, d_c, bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_a));
  CUDA_CHECK(cudaFree(d_b));
  CUDA_CHECK(cudaFree(d_c));
}
