// Warp collectives with results known in closed form: shuffles of every kind and width, votes,
// match and reduce. One block of `threads` threads; out[t] per thread.
#include <cuda_runtime.h>

__global__ void shuffle_kernel(int *out, int kind, int arg, int width) {
  const int v = threadIdx.x * 10 + 1;
  int r = 0;
  switch (kind) {
  case 0: r = __shfl_sync(0xffffffffu, v, arg, width); break;
  case 1: r = __shfl_up_sync(0xffffffffu, v, arg, width); break;
  case 2: r = __shfl_down_sync(0xffffffffu, v, arg, width); break;
  case 3: r = __shfl_xor_sync(0xffffffffu, v, arg, width); break;
  }
  out[threadIdx.x] = r;
}

__global__ void shuffle_float_reduce_kernel(const float *in, float *out) {
  float v = in[threadIdx.x];
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset);
  if (threadIdx.x % 32 == 0) out[threadIdx.x / 32] = v;
}

__global__ void vote_kernel(const int *predicates, unsigned *out) {
  const int p = predicates[threadIdx.x];
  const unsigned ballot = __ballot_sync(0xffffffffu, p);
  const int any = __any_sync(0xffffffffu, p);
  const int all = __all_sync(0xffffffffu, p);
  __syncwarp();
  const unsigned match = __match_any_sync(0xffffffffu, p);
  const unsigned sum = __reduce_add_sync(0xffffffffu, static_cast<unsigned>(p));
  const unsigned maximum = __reduce_max_sync(0xffffffffu, static_cast<unsigned>(p));
  unsigned *row = out + threadIdx.x * 6;
  row[0] = ballot;
  row[1] = any;
  row[2] = all;
  row[3] = match;
  row[4] = sum;
  row[5] = maximum;
}

extern "C" int run_shuffle(int *out, int threads, int kind, int arg, int width) {
  int *d;
  cudaMalloc(&d, threads * sizeof(int));
  shuffle_kernel<<<1, threads>>>(d, kind, arg, width);
  const cudaError_t status = cudaMemcpy(out, d, threads * sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(d);
  return status;
}

extern "C" int run_warp_reduce(const float *in, float *out, int threads) {
  float *din, *dout;
  cudaMalloc(&din, threads * sizeof(float));
  cudaMalloc(&dout, threads / 32 * sizeof(float));
  cudaMemcpy(din, in, threads * sizeof(float), cudaMemcpyHostToDevice);
  shuffle_float_reduce_kernel<<<1, threads>>>(din, dout);
  const cudaError_t status = cudaMemcpy(out, dout, threads / 32 * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(din);
  cudaFree(dout);
  return status;
}

extern "C" int run_vote(const int *predicates, unsigned *out, int threads) {
  int *dp;
  unsigned *dout;
  cudaMalloc(&dp, threads * sizeof(int));
  cudaMalloc(&dout, threads * 6 * sizeof(unsigned));
  cudaMemcpy(dp, predicates, threads * sizeof(int), cudaMemcpyHostToDevice);
  vote_kernel<<<1, threads>>>(dp, dout);
  const cudaError_t status = cudaMemcpy(out, dout, threads * 6 * sizeof(unsigned), cudaMemcpyDeviceToHost);
  cudaFree(dp);
  cudaFree(dout);
  return status;
}
