// Half / bfloat16 conversions and arithmetic, and the float math functions kernels use,
// evaluated on the device for a host-provided input array.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>

// out[i*8 + 0..7]: bit patterns of conversions of in[i].
__global__ void convert_kernel(const float *in, unsigned short *out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const float x = in[i];
  unsigned short *row = out + i * 8;
  row[0] = __half_as_ushort(__float2half(x));
  row[1] = __half_as_ushort(__float2half_rz(x));
  row[2] = __half_as_ushort(__float2half_rd(x));
  row[3] = __half_as_ushort(__float2half_ru(x));
  row[4] = __bfloat16_as_ushort(__float2bfloat16(x));
  row[5] = __bfloat16_as_ushort(__float2bfloat16_rz(x));
  row[6] = __half_as_ushort(__hadd(__float2half(x), __float2half(1.0f)));
  row[7] = __half_as_ushort(__hmul(__float2half(x), __float2half(x)));
}

// out[i*4 + 0..3]: __half2float, __bfloat162float of the raw bits, and packed-pair arithmetic.
__global__ void widen_kernel(const unsigned short *bits, float *out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const __half h = __ushort_as_half(bits[i]);
  const __nv_bfloat16 b = __ushort_as_bfloat16(bits[i]);
  const __half2 pair = __halves2half2(h, __float2half(2.0f));
  const __half2 product = __hmul2(pair, pair);
  out[i * 4 + 0] = __half2float(h);
  out[i * 4 + 1] = __bfloat162float(b);
  out[i * 4 + 2] = __low2float(product);
  out[i * 4 + 3] = __high2float(__hfma2(pair, pair, pair));
}

// out[i*10 + k]: float math functions of in[i].
__global__ void math_kernel(const float *in, float *out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const float x = in[i];
  float *row = out + i * 10;
  row[0] = expf(x);
  row[1] = __expf(x);
  row[2] = tanhf(x);
  row[3] = rsqrtf(fabsf(x) + 1.0f);
  row[4] = fmaxf(x, 0.25f);
  row[5] = fminf(x, 0.25f);
  row[6] = sqrtf(fabsf(x));
  row[7] = __fdividef(x, 3.0f);
  row[8] = __saturatef(x);
  row[9] = max(x, 0.5f) + min(x, -0.5f);
}

extern "C" int run_convert(const float *in, unsigned short *out, int n) {
  float *din;
  unsigned short *dout;
  cudaMalloc(&din, n * sizeof(float));
  cudaMalloc(&dout, n * 8 * sizeof(unsigned short));
  cudaMemcpy(din, in, n * sizeof(float), cudaMemcpyHostToDevice);
  convert_kernel<<<(n + 63) / 64, 64>>>(din, dout, n);
  const cudaError_t status = cudaMemcpy(out, dout, n * 8 * sizeof(unsigned short), cudaMemcpyDeviceToHost);
  cudaFree(din);
  cudaFree(dout);
  return status;
}

extern "C" int run_widen(const unsigned short *bits, float *out, int n) {
  unsigned short *dbits;
  float *dout;
  cudaMalloc(&dbits, n * sizeof(unsigned short));
  cudaMalloc(&dout, n * 4 * sizeof(float));
  cudaMemcpy(dbits, bits, n * sizeof(unsigned short), cudaMemcpyHostToDevice);
  widen_kernel<<<(n + 63) / 64, 64>>>(dbits, dout, n);
  const cudaError_t status = cudaMemcpy(out, dout, n * 4 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(dbits);
  cudaFree(dout);
  return status;
}

extern "C" int run_math(const float *in, float *out, int n) {
  float *din, *dout;
  cudaMalloc(&din, n * sizeof(float));
  cudaMalloc(&dout, n * 10 * sizeof(float));
  cudaMemcpy(din, in, n * sizeof(float), cudaMemcpyHostToDevice);
  math_kernel<<<(n + 63) / 64, 64>>>(din, dout, n);
  const cudaError_t status = cudaMemcpy(out, dout, n * 10 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(din);
  cudaFree(dout);
  return status;
}
