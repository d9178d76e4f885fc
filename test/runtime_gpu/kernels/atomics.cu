// Atomics from many blocks on few addresses; the results are order-independent (integers) or
// exact (float sums of small integers).
#include <cuda_runtime.h>
#include <cuda_fp16.h>

struct AtomicResults {
  int add, sub, max, min, exch_seen, and_bits, or_bits, xor_bits, cas_count;
  unsigned inc, dec;
  unsigned long long add64;
  float fadd;
  double dadd;
  float hadd;
};

__global__ void atomics_kernel(int *ints, unsigned *uints, unsigned long long *u64, float *f, double *d, __half *h,
                               int *exch_seen) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  atomicAdd(&ints[0], i);
  atomicSub(&ints[1], i);
  atomicMax(&ints[2], (i * 37) % 1001);
  atomicMin(&ints[3], 5000 - (i * 37) % 1001);
  const int old = atomicExch(&ints[4], i);
  atomicAdd(&exch_seen[old + 1], 1);
  atomicAnd(&ints[5], ~(1 << (i % 31)));
  atomicOr(&ints[6], 1 << (i % 31));
  atomicXor(&ints[7], i);
  // Count threads through a CAS-based increment.
  int expected = ints[8], seen;
  while ((seen = atomicCAS(&ints[8], expected, expected + 1)) != expected) expected = seen;
  atomicInc(&uints[0], 99u);
  atomicDec(&uints[1], 1000u);
  atomicAdd(&u64[0], 1ull << 33);
  atomicAdd(&f[0], 1.0f);
  atomicAdd(&d[0], 0.5);
  atomicAdd(&h[0], __float2half(1.0f));
}

extern "C" int run_atomics(int threads_per_block, int blocks, AtomicResults *out) {
  const int total = threads_per_block * blocks;
  int *ints, *exch_seen;
  unsigned *uints;
  unsigned long long *u64;
  float *f;
  double *d;
  __half *h;
  cudaMalloc(&ints, 9 * sizeof(int));
  cudaMalloc(&exch_seen, (total + 1) * sizeof(int));
  cudaMalloc(&uints, 2 * sizeof(unsigned));
  cudaMalloc(&u64, sizeof(unsigned long long));
  cudaMalloc(&f, sizeof(float));
  cudaMalloc(&d, sizeof(double));
  cudaMalloc(&h, sizeof(__half));
  const int init[9] = {0, 0, -1, 1 << 30, -1, -1, 0, 0, 0};
  cudaMemcpy(ints, init, sizeof init, cudaMemcpyHostToDevice);
  cudaMemset(exch_seen, 0, (total + 1) * sizeof(int));
  const unsigned uinit[2] = {0u, 0u};
  cudaMemcpy(uints, uinit, sizeof uinit, cudaMemcpyHostToDevice);
  cudaMemset(u64, 0, sizeof(unsigned long long));
  cudaMemset(f, 0, sizeof(float));
  cudaMemset(d, 0, sizeof(double));
  cudaMemset(h, 0, sizeof(__half));
  atomics_kernel<<<blocks, threads_per_block>>>(ints, uints, u64, f, d, h, exch_seen);
  int host_ints[9];
  cudaMemcpy(host_ints, ints, sizeof host_ints, cudaMemcpyDeviceToHost);
  int *seen = new int[total + 1];
  cudaMemcpy(seen, exch_seen, (total + 1) * sizeof(int), cudaMemcpyDeviceToHost);
  unsigned host_uints[2];
  cudaMemcpy(host_uints, uints, sizeof host_uints, cudaMemcpyDeviceToHost);
  cudaMemcpy(&out->add64, u64, sizeof(unsigned long long), cudaMemcpyDeviceToHost);
  cudaMemcpy(&out->fadd, f, sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(&out->dadd, d, sizeof(double), cudaMemcpyDeviceToHost);
  __half host_h;
  const cudaError_t status = cudaMemcpy(&host_h, h, sizeof(__half), cudaMemcpyDeviceToHost);
  out->hadd = __half2float(host_h);
  out->add = host_ints[0];
  out->sub = host_ints[1];
  out->max = host_ints[2];
  out->min = host_ints[3];
  // Every value but the final one was returned exactly once by atomicExch.
  int returned_once = 0;
  for (int v = 0; v <= total; ++v) returned_once += seen[v] == 1;
  out->exch_seen = returned_once;
  out->and_bits = host_ints[5];
  out->or_bits = host_ints[6];
  out->xor_bits = host_ints[7];
  out->cas_count = host_ints[8];
  out->inc = host_uints[0];
  out->dec = host_uints[1];
  delete[] seen;
  cudaFree(ints);
  cudaFree(exch_seen);
  cudaFree(uints);
  cudaFree(u64);
  cudaFree(f);
  cudaFree(d);
  cudaFree(h);
  return status;
}
