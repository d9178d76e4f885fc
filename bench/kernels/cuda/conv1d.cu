// conv1d: y[i] = sum_j x[i + j] * w[j], i in [0, L - k + 1) (valid 1-D correlation, f32).
// Idiom: each block stages its input window (256 + k - 1 elements) and the whole filter in dynamic
// shared memory with coalesced loads, then each thread computes one output from shared memory.
// Launch: ceil((L - k + 1) / 256) blocks of 256 threads, (256 + 2k - 1) floats of dynamic shared
// memory.
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

constexpr int kThreads = 256;

__global__ void conv1d_tiled_kernel(const float* __restrict__ x, const float* __restrict__ w,
                                    float* __restrict__ y, int length, int taps) {
  extern __shared__ float shared[];
  float* window = shared;                       // kThreads + taps - 1 inputs
  float* filter = shared + kThreads + taps - 1; // taps weights
  const int out_length = length - taps + 1;
  const int first = blockIdx.x * kThreads;

  for (int i = threadIdx.x; i < kThreads + taps - 1; i += kThreads)
    window[i] = first + i < length ? x[first + i] : 0.0f;
  for (int j = threadIdx.x; j < taps; j += kThreads)
    filter[j] = w[j];
  __syncthreads();

  const int out = first + threadIdx.x;
  if (out < out_length) {
    float acc = 0.0f;
    for (int j = 0; j < taps; ++j)
      acc += window[threadIdx.x + j] * filter[j];
    y[out] = acc;
  }
}

extern "C" void run_conv1d(const float* x, const float* w, float* y, int L, int k) {
  const int out_length = L - k + 1;
  if (k <= 0 || out_length <= 0)
    return;
  const size_t shared_bytes = size_t(kThreads + 2 * k - 1) * sizeof(float);
  if (shared_bytes > 48 * 1024) {
    std::fprintf(stderr, "error: conv1d filter of %d taps does not fit in shared memory\n", k);
    return;
  }
  float *d_x = nullptr, *d_w = nullptr, *d_y = nullptr;
  CUDA_CHECK(cudaMalloc(&d_x, size_t(L) * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&d_w, size_t(k) * sizeof(float)));
  CUDA_CHECK(cudaMalloc(&d_y, size_t(out_length) * sizeof(float)));
  CUDA_CHECK(cudaMemcpy(d_x, x, size_t(L) * sizeof(float), cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_w, w, size_t(k) * sizeof(float), cudaMemcpyHostToDevice));

  const int blocks = (out_length + kThreads - 1) / kThreads;
  conv1d_tiled_kernel<<<blocks, kThreads, shared_bytes>>>(d_x, d_w, d_y, L, k);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(y, d_y, size_t(out_length) * sizeof(float), cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_x));
  CUDA_CHECK(cudaFree(d_w));
  CUDA_CHECK(cudaFree(d_y));
}
