// One wavefront runs each MFMA builtin of DIALECTS.md 3.2 with the operands placed by the
// documented lane layouts: A (M x K), B (K x N) and C (M x N) are row-major in memory; D is
// stored row-major. `blgp` selects the B lane-group pattern.
#include <hip/hip_runtime.h>

typedef float float4_t __attribute__((ext_vector_type(4)));
typedef float float16_t __attribute__((ext_vector_type(16)));
typedef _Float16 half4_t __attribute__((ext_vector_type(4)));

template <int BLGP>
__global__ void mfma_16x16x4_f32(const float *A, const float *B, const float *C, float *D) {
  const int lane = threadIdx.x;
  const float a = A[(lane % 16) * 4 + lane / 16];
  const float b = B[(lane / 16) * 16 + lane % 16];
  float4_t c;
  for (int r = 0; r < 4; ++r) c[r] = C[(4 * (lane / 16) + r) * 16 + lane % 16];
  const float4_t d = __builtin_amdgcn_mfma_f32_16x16x4f32(a, b, c, 0, 0, BLGP);
  for (int r = 0; r < 4; ++r) D[(4 * (lane / 16) + r) * 16 + lane % 16] = d[r];
}

__global__ void mfma_16x16x16_f16(const _Float16 *A, const _Float16 *B, const float *C, float *D) {
  const int lane = threadIdx.x;
  half4_t a, b;
  for (int e = 0; e < 4; ++e) {
    a[e] = A[(lane % 16) * 16 + 4 * (lane / 16) + e];
    b[e] = B[(4 * (lane / 16) + e) * 16 + lane % 16];
  }
  float4_t c;
  for (int r = 0; r < 4; ++r) c[r] = C[(4 * (lane / 16) + r) * 16 + lane % 16];
  const float4_t d = __builtin_amdgcn_mfma_f32_16x16x16f16(a, b, c, 0, 0, 0);
  for (int r = 0; r < 4; ++r) D[(4 * (lane / 16) + r) * 16 + lane % 16] = d[r];
}

__device__ int row_32x32(int lane, int r) { return 8 * (r / 4) + 4 * (lane / 32) + r % 4; }

__global__ void mfma_32x32x8_f16(const _Float16 *A, const _Float16 *B, const float *C, float *D) {
  const int lane = threadIdx.x;
  half4_t a, b;
  for (int e = 0; e < 4; ++e) {
    a[e] = A[(lane % 32) * 8 + 4 * (lane / 32) + e];
    b[e] = B[(4 * (lane / 32) + e) * 32 + lane % 32];
  }
  float16_t c;
  for (int r = 0; r < 16; ++r) c[r] = C[row_32x32(lane, r) * 32 + lane % 32];
  const float16_t d = __builtin_amdgcn_mfma_f32_32x32x8f16(a, b, c, 0, 0, 0);
  for (int r = 0; r < 16; ++r) D[row_32x32(lane, r) * 32 + lane % 32] = d[r];
}

__global__ void mfma_32x32x2_f32(const float *A, const float *B, const float *C, float *D) {
  const int lane = threadIdx.x;
  const float a = A[(lane % 32) * 2 + lane / 32];
  const float b = B[(lane / 32) * 32 + lane % 32];
  float16_t c;
  for (int r = 0; r < 16; ++r) c[r] = C[row_32x32(lane, r) * 32 + lane % 32];
  const float16_t d = __builtin_amdgcn_mfma_f32_32x32x2f32(a, b, c, 0, 0, 0);
  for (int r = 0; r < 16; ++r) D[row_32x32(lane, r) * 32 + lane % 32] = d[r];
}

template <class T> T *to_device(const T *host, size_t count) {
  T *device;
  hipMalloc(&device, count * sizeof(T));
  hipMemcpy(device, host, count * sizeof(T), hipMemcpyHostToDevice);
  return device;
}

// variant: 0 = 16x16x4 f32, 1 = 16x16x16 f16, 2 = 32x32x8 f16, 3 = 32x32x2 f32, 4 = 16x16x4 f32 with BLGP 1,
// 5 = 16x16x4 f32 with BLGP 3. A and B are float for the f32 forms and _Float16 for the f16 forms.
extern "C" int run_mfma(int variant, const void *A, const void *B, const float *C, float *D) {
  const int m = (variant == 2 || variant == 3) ? 32 : 16;
  const int k = variant == 1 ? 16 : variant == 2 ? 8 : variant == 3 ? 2 : 4;
  const bool f16 = variant == 1 || variant == 2;
  float *dC = to_device(C, m * m), *dD;
  hipMalloc(&dD, m * m * sizeof(float));
  if (f16) {
    _Float16 *dA = to_device(static_cast<const _Float16 *>(A), m * k), *dB = to_device(static_cast<const _Float16 *>(B), k * m);
    if (variant == 1) hipLaunchKernelGGL(mfma_16x16x16_f16, dim3(1), dim3(64), 0, 0, dA, dB, dC, dD);
    else mfma_32x32x8_f16<<<1, 64>>>(dA, dB, dC, dD);
    hipFree(dA);
    hipFree(dB);
  } else {
    float *dA = to_device(static_cast<const float *>(A), m * k), *dB = to_device(static_cast<const float *>(B), k * m);
    if (variant == 0) mfma_16x16x4_f32<0><<<1, 64>>>(dA, dB, dC, dD);
    else if (variant == 3) mfma_32x32x2_f32<<<1, 64>>>(dA, dB, dC, dD);
    else if (variant == 4) hipLaunchKernelGGL(HIP_KERNEL_NAME(mfma_16x16x4_f32<1>), dim3(1), dim3(64), 0, 0, dA, dB, dC, dD);
    else mfma_16x16x4_f32<3><<<dim3(1), dim3(64)>>>(dA, dB, dC, dD);
    hipFree(dA);
    hipFree(dB);
  }
  const hipError_t status = hipMemcpy(D, dD, m * m * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(dC);
  hipFree(dD);
  return status;
}
