// add: C[i] = A[i] + B[i], elementwise over n f32 values (any rank, flattened).
// Idiom: grid-stride loop; float4 loads/stores for the bulk (hipMalloc returns 256-byte aligned
// pointers), a scalar loop for the n % 4 tail.
// Launch: 256 threads (four 64-lane wavefronts) per workgroup, min(ceil(n / 1024), 2048)
// workgroups.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <hip/hip_runtime.h>

#define HIP_CHECK(call)                                                                            \
  do {                                                                                             \
    hipError_t status_ = (call);                                                                   \
    if (status_ != hipSuccess) {                                                                   \
      std::fprintf(stderr, "%s:%d: error: %s failed: %s\n", __FILE__, __LINE__, #call,             \
                   hipGetErrorString(status_));                                                    \
      std::exit(EXIT_FAILURE);                                                                     \
    }                                                                                              \
  } while (0)

__global__ void add_kernel(const float* __restrict__ a, const float* __restrict__ b,
                           float* __restrict__ c, int n) {
  const int stride = gridDim.x * blockDim.x;
  const int first = blockIdx.x * blockDim.x + threadIdx.x;
  const int vector_count = n / 4;
  const float4* a4 = reinterpret_cast<const float4*>(a);
  const float4* b4 = reinterpret_cast<const float4*>(b);
  float4* c4 = reinterpret_cast<float4*>(c);
  for (int i = first; i < vector_count; i += stride) {
    const float4 x = a4[i], y = b4[i];
    c4[i] = make_float4(x.x + y.x, x.y + y.y, x.z + y.z, x.w + y.w);
  }
  for (int i = vector_count * 4 + first; i < n; i += stride)
    c[i] = a[i] + b[i];
}

extern "C" void run_add(const float* A, const float* B, float* C, int n) {
  if (n <= 0)
    return;
  const size_t a_bytes = size_t(n) * sizeof(float);
  const size_t b_bytes = size_t(n) * sizeof(float);
  const size_t c_bytes = size_t(n) * sizeof(float);
  float* d_a = nullptr;
  float* d_b = nullptr;
  float* d_c = nullptr;
  HIP_CHECK(hipMalloc(&d_a, a_bytes));
  HIP_CHECK(hipMalloc(&d_b, b_bytes));
  HIP_CHECK(hipMalloc(&d_c, c_bytes));
  HIP_CHECK(hipMemcpy(d_a, A, a_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_b, B, b_bytes, hipMemcpyHostToDevice));

  const int threads = 256;
  const int blocks = std::max(1, std::min((n / 4 + threads - 1) / threads, 2048));
  hipLaunchKernelGGL(add_kernel, dim3(blocks), dim3(threads), 0, 0, d_a, d_b, d_c, n);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(C, d_c, c_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_a));
  HIP_CHECK(hipFree(d_b));
  HIP_CHECK(hipFree(d_c));
}
