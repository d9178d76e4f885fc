// The remaining device intrinsics, one output slot each, for host-side references: fast float
// math, bit and integer intrinsics, conversions, half / bfloat16 math and pairs, 16-bit and
// floating-point atomics, and the rest of the warp votes and reductions.
#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>

constexpr int FLOAT_SLOTS = 40;

// in[i] in (0, 4]; out[i * FLOAT_SLOTS + s].
__global__ void float_intrinsics_kernel(const float *in, float *out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const float x = in[i];
  const __half h = __float2half(x), g = __float2half(0.75f);
  const __nv_bfloat16 b = __float2bfloat16(x), c = __float2bfloat16(0.75f);
  const __half2 p = __floats2half2_rn(x, -x), q = __floats2half2_rn(0.5f, 2.0f);
  float *o = out + i * FLOAT_SLOTS;
  o[0] = __logf(x);
  o[1] = __log2f(x);
  o[2] = __log10f(x);
  o[3] = __sinf(x);
  o[4] = __cosf(x);
  o[5] = __powf(x, 1.5f);
  o[6] = __exp10f(x * 0.25f);
  o[7] = __fsqrt_rn(x) + __frcp_rn(x) + __frsqrt_rn(x);
  o[8] = __fmaf_rn(x, 3.0f, -1.0f) + __fadd_rn(x, 1.0f) + __fmul_rn(x, 2.0f) + __fsub_rn(x, 0.5f) + __fdiv_rn(x, 4.0f);
  o[9] = __int_as_float(__float_as_int(x)) + __uint_as_float(__float_as_uint(x));
  o[10] = __float2int_rn(x * 2.5f) + 10 * __float2int_rz(x * 2.5f) + 100 * __float2int_rd(-x * 2.5f) +
          1000 * __float2int_ru(x * 2.5f);
  o[11] = __half2float(hexp(h));
  o[12] = __half2float(hlog(h));
  o[13] = __half2float(hsqrt(h));
  o[14] = __half2float(hrsqrt(h));
  o[15] = __half2float(hrcp(h));
  o[16] = __half2float(hsin(h)) + __half2float(hcos(h));
  o[17] = __half2float(hfloor(h)) + 10 * __half2float(hceil(h)) + 100 * __half2float(htrunc(h)) + 1000 * __half2float(hrint(h));
  o[18] = __half2float(__hdiv(h, g));
  o[19] = __half2float(__hsub(h, g));
  o[20] = __half2float(__hfma(h, g, h));
  o[21] = __half2float(__hmax(h, g)) + __half2float(__hmin(h, g));
  o[22] = __hlt(h, g) + 2 * __hle(h, g) + 4 * __hgt(h, g) + 8 * __hge(h, g) + 16 * __heq(h, g) + 32 * __hne(h, g);
  o[23] = __half2float(__habs(__hneg(h)));
  o[24] = __hisnan(__hdiv(__float2half(0.0f), __float2half(0.0f))) + 2 * __hisinf(__hdiv(h, __float2half(0.0f)));
  o[25] = __low2float(__hadd2(p, q)) + 100 * __high2float(__hadd2(p, q));
  o[26] = __low2float(__hsub2(p, q)) + 100 * __high2float(__h2div(p, q));
  o[27] = __low2float(__habs2(__hneg2(p))) + 100 * __high2float(__hmax2(p, q)) + 10000 * __low2float(__hmin2(p, q));
  o[28] = __low2float(h2exp(q)) + 100 * __high2float(h2sqrt(q));
  o[29] = __bfloat162float(__hadd(b, c)) ;
  o[30] = __bfloat162float(__hmul(b, c));
  o[31] = __bfloat162float(__hfma(b, c, b));
  o[32] = __bfloat162float(hexp(b));
  o[33] = __half2float(__float2half_rn(x / 3.0f)) + __half2float(__int2half_rn(static_cast<int>(x * 7)));
  o[34] = static_cast<float>(__half2int_rn(h * __float2half(2.5f)));
  o[35] = __half2float(__low2half(p)) + 100 * __half2float(__high2half(__halves2half2(g, h)));
  o[36] = min(x, 2.0f) + max(static_cast<int>(x), 1) + min(3u, static_cast<unsigned>(x * 10));
  o[37] = rsqrtf(x) + normcdff(x - 2.0f);
  o[38] = __saturatef(x - 1.5f) + __saturatef(-x);
  o[39] = __bfloat162float(__float2bfloat16_rd(x / 3.0f)) + __bfloat162float(__float2bfloat16_ru(x / 3.0f));
}

// Integer intrinsics of v[i]: out[i * 8 + s].
__global__ void integer_intrinsics_kernel(const unsigned *v, unsigned *out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const unsigned x = v[i], y = v[(i + 1) % n];
  unsigned *o = out + i * 8;
  o[0] = __popc(x) + 100u * __popcll(static_cast<unsigned long long>(x) << 20);
  o[1] = __clz(static_cast<int>(x)) + 100u * __clzll(static_cast<long long>(x));
  o[2] = __ffs(static_cast<int>(x)) + 100u * __ffsll(static_cast<long long>(x) << 3);
  o[3] = __brev(x);
  o[4] = static_cast<unsigned>(__mul24(static_cast<int>(x & 0xffffff), 3));
  o[5] = __umulhi(x, y) ^ static_cast<unsigned>(__mulhi(static_cast<int>(x), static_cast<int>(y)));
  o[6] = __byte_perm(x, y, 0x5140) ^ __umul24(x, y);
  o[7] = min(x, y) + max(x, y);
}

// Atomics on floating-point and 16-bit words, all blocks hammering one slot each.
__global__ void float_atomics_kernel(float *f, __half2 *h2, __nv_bfloat16 *bf, unsigned short *u16) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  atomicMax(reinterpret_cast<int *>(&f[0]), __float_as_int(static_cast<float>((i * 37) % 1000) * 0.5f)); // f >= 0
  atomicAdd(&f[1], -0.5f);
  atomicExch(&f[2], 7.0f);
  atomicAdd(h2, __floats2half2_rn(1.0f, 0.5f));
  atomicAdd(bf, __float2bfloat16(1.0f));
  unsigned short seen = *u16, old;
  while ((old = atomicCAS(u16, seen, static_cast<unsigned short>(seen + 3))) != seen) seen = old;
}

// The remaining votes and reductions of a 64-thread block (two warps): out[t * 6 + s].
__global__ void warp_rest_kernel(const unsigned *values, unsigned *out) {
  const unsigned v = values[threadIdx.x];
  unsigned *o = out + threadIdx.x * 6;
  o[0] = __activemask();
  __syncwarp();
  o[1] = __reduce_min_sync(0xffffffffu, v);
  o[2] = __reduce_and_sync(0xffffffffu, v);
  o[3] = __reduce_or_sync(0xffffffffu, v);
  o[4] = __reduce_xor_sync(0xffffffffu, v);
  o[5] = __shfl_sync(0xffffffffu, v, 31);
}

extern "C" int run_float_intrinsics(const float *in, float *out, int n) {
  float *din, *dout;
  cudaMalloc(&din, n * sizeof(float));
  cudaMalloc(&dout, n * FLOAT_SLOTS * sizeof(float));
  cudaMemcpy(din, in, n * sizeof(float), cudaMemcpyHostToDevice);
  float_intrinsics_kernel<<<(n + 63) / 64, 64>>>(din, dout, n);
  const cudaError_t status = cudaMemcpy(out, dout, n * FLOAT_SLOTS * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(din);
  cudaFree(dout);
  return status;
}

extern "C" int run_integer_intrinsics(const unsigned *v, unsigned *out, int n) {
  unsigned *dv, *dout;
  cudaMalloc(&dv, n * sizeof(unsigned));
  cudaMalloc(&dout, n * 8 * sizeof(unsigned));
  cudaMemcpy(dv, v, n * sizeof(unsigned), cudaMemcpyHostToDevice);
  integer_intrinsics_kernel<<<(n + 63) / 64, 64>>>(dv, dout, n);
  const cudaError_t status = cudaMemcpy(out, dout, n * 8 * sizeof(unsigned), cudaMemcpyDeviceToHost);
  cudaFree(dv);
  cudaFree(dout);
  return status;
}

// results: f[0..2], h2 (two halves as floats), bf16 as float, u16.
extern "C" int run_float_atomics(int blocks, int threads, float *results) {
  float *f;
  __half2 *h2;
  __nv_bfloat16 *bf;
  unsigned short *u16;
  cudaMalloc(&f, 3 * sizeof(float));
  cudaMalloc(&h2, sizeof(__half2));
  cudaMalloc(&bf, sizeof(__nv_bfloat16));
  cudaMalloc(&u16, sizeof(unsigned short));
  const float init[3] = {0.0f, 1000.0f, 0.0f};
  cudaMemcpy(f, init, sizeof init, cudaMemcpyHostToDevice);
  cudaMemset(h2, 0, sizeof(__half2));
  cudaMemset(bf, 0, sizeof(__nv_bfloat16));
  cudaMemset(u16, 0, sizeof(unsigned short));
  float_atomics_kernel<<<blocks, threads>>>(f, h2, bf, u16);
  __half2 host_h2;
  __nv_bfloat16 host_bf;
  unsigned short host_u16;
  cudaMemcpy(results, f, 3 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(&host_h2, h2, sizeof host_h2, cudaMemcpyDeviceToHost);
  cudaMemcpy(&host_bf, bf, sizeof host_bf, cudaMemcpyDeviceToHost);
  const cudaError_t status = cudaMemcpy(&host_u16, u16, sizeof host_u16, cudaMemcpyDeviceToHost);
  results[3] = __low2float(host_h2);
  results[4] = __high2float(host_h2);
  results[5] = __bfloat162float(host_bf);
  results[6] = host_u16;
  cudaFree(f);
  cudaFree(h2);
  cudaFree(bf);
  cudaFree(u16);
  return status;
}

extern "C" int run_warp_rest(const unsigned *values, unsigned *out) {
  unsigned *dv, *dout;
  cudaMalloc(&dv, 64 * sizeof(unsigned));
  cudaMalloc(&dout, 64 * 6 * sizeof(unsigned));
  cudaMemcpy(dv, values, 64 * sizeof(unsigned), cudaMemcpyHostToDevice);
  warp_rest_kernel<<<1, 64>>>(dv, dout);
  const cudaError_t status = cudaMemcpy(out, dout, 64 * 6 * sizeof(unsigned), cudaMemcpyDeviceToHost);
  cudaFree(dv);
  cudaFree(dout);
  return status;
}
