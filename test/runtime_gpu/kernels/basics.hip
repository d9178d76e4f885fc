// HIP kernels on 64-lane wavefronts: hipLaunchKernelGGL, dynamic shared memory, wave shuffles
// and 64-bit ballots, atomics; results known in closed form.
#include <hip/hip_runtime.h>

__global__ void scale_kernel(const float *in, float *out, float factor, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * factor;
}

extern "C" int run_scale(const float *in, float *out, float factor, int n) {
  float *din, *dout;
  hipMalloc(&din, n * sizeof(float));
  hipMalloc(&dout, n * sizeof(float));
  hipMemcpy(din, in, n * sizeof(float), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(scale_kernel, dim3((n + 255) / 256), dim3(256), 0, 0, din, dout, factor, n);
  const hipError_t status = hipMemcpy(out, dout, n * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(din);
  hipFree(dout);
  return status;
}

// Block sum: each wavefront reduces with __shfl_down over 64 lanes, wave leaders meet in
// dynamic shared memory.
__global__ void block_sum_kernel(const float *in, float *out) {
  extern __shared__ float partial[];
  float v = in[blockIdx.x * blockDim.x + threadIdx.x];
  for (int offset = warpSize / 2; offset > 0; offset /= 2) v += __shfl_down(v, offset);
  if (threadIdx.x % warpSize == 0) partial[threadIdx.x / warpSize] = v;
  __syncthreads();
  if (threadIdx.x == 0) {
    float sum = 0.0f;
    for (int w = 0; w < blockDim.x / warpSize; ++w) sum += partial[w];
    out[blockIdx.x] = sum;
  }
}

extern "C" int run_block_sum(const float *in, float *out, int blocks, int threads) {
  float *din, *dout;
  hipMalloc(&din, blocks * threads * sizeof(float));
  hipMalloc(&dout, blocks * sizeof(float));
  hipMemcpy(din, in, blocks * threads * sizeof(float), hipMemcpyHostToDevice);
  block_sum_kernel<<<blocks, threads, (threads / warpSize) * sizeof(float)>>>(din, dout);
  const hipError_t status = hipMemcpy(out, dout, blocks * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(din);
  hipFree(dout);
  return status;
}

// out[t*4 + ...]: __shfl from lane 63 - lane, __shfl_xor 32, the 64-bit ballot split in two, warpSize.
__global__ void wave_kernel(const int *predicates, unsigned *out) {
  const int lane = threadIdx.x % 64;
  const unsigned long long ballot = __ballot(predicates[threadIdx.x]);
  unsigned *row = out + threadIdx.x * 5;
  row[0] = __shfl(lane * 3, 63 - lane);
  row[1] = __shfl_xor(lane * 3, 32);
  row[2] = static_cast<unsigned>(ballot);
  row[3] = static_cast<unsigned>(ballot >> 32);
  row[4] = warpSize;
}

extern "C" int run_wave(const int *predicates, unsigned *out, int threads) {
  int *dp;
  unsigned *dout;
  hipMalloc(&dp, threads * sizeof(int));
  hipMalloc(&dout, threads * 5 * sizeof(unsigned));
  hipMemcpy(dp, predicates, threads * sizeof(int), hipMemcpyHostToDevice);
  wave_kernel<<<1, threads>>>(dp, dout);
  const hipError_t status = hipMemcpy(out, dout, threads * 5 * sizeof(unsigned), hipMemcpyDeviceToHost);
  hipFree(dp);
  hipFree(dout);
  return status;
}

// Float atomicMax / atomicMin (HIP has them for every target).
__global__ void float_extrema_kernel(const float *values, float *extrema, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    atomicMax(&extrema[0], values[i]);
    atomicMin(&extrema[1], values[i]);
  }
}

extern "C" int run_float_extrema(const float *values, float *extrema, int n) {
  float *dv, *de;
  hipMalloc(&dv, n * sizeof(float));
  hipMalloc(&de, 2 * sizeof(float));
  hipMemcpy(dv, values, n * sizeof(float), hipMemcpyHostToDevice);
  const float init[2] = {-1e30f, 1e30f};
  hipMemcpy(de, init, sizeof init, hipMemcpyHostToDevice);
  float_extrema_kernel<<<5, 64>>>(dv, de, n);
  const hipError_t status = hipMemcpy(extrema, de, 2 * sizeof(float), hipMemcpyDeviceToHost);
  hipFree(dv);
  hipFree(de);
  return status;
}

// The other wavefront intrinsics: out[t * 8 + s].
__global__ void wave_rest_kernel(const int *predicates, unsigned *out) {
  const int lane = __lane_id();
  const int p = predicates[threadIdx.x];
  unsigned *row = out + threadIdx.x * 8;
  row[0] = lane;
  row[1] = __shfl_up(lane * 2, 3, 16);
  row[2] = __shfl_down(lane * 2, 5, 32);
  row[3] = __any(p);
  row[4] = __all(p);
  __builtin_amdgcn_wave_barrier();
  row[5] = static_cast<unsigned>(__ballot(p) >> 32);
  __builtin_amdgcn_s_barrier();
  row[6] = __shfl_xor(lane, 1, 64);
  row[7] = __shfl(lane, 17, 16);
}

extern "C" int run_wave_rest(const int *predicates, unsigned *out, int threads) {
  int *dp;
  unsigned *dout;
  hipMalloc(&dp, threads * sizeof(int));
  hipMalloc(&dout, threads * 8 * sizeof(unsigned));
  hipMemcpy(dp, predicates, threads * sizeof(int), hipMemcpyHostToDevice);
  hipLaunchKernelGGL(wave_rest_kernel, dim3(1), dim3(threads), 0, 0, dp, dout);
  const hipError_t status = hipMemcpy(out, dout, threads * 8 * sizeof(unsigned), hipMemcpyDeviceToHost);
  hipFree(dp);
  hipFree(dout);
  return status;
}

// Histogram with atomicAdd from many blocks.
__global__ void histogram_kernel(const int *values, int *bins, int n, int bin_count) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x)
    atomicAdd(&bins[values[i] % bin_count], 1);
}

extern "C" int run_histogram(const int *values, int *bins, int n, int bin_count) {
  int *dv, *db;
  hipMalloc(&dv, n * sizeof(int));
  hipMalloc(&db, bin_count * sizeof(int));
  hipMemcpy(dv, values, n * sizeof(int), hipMemcpyHostToDevice);
  hipMemset(db, 0, bin_count * sizeof(int));
  histogram_kernel<<<7, 128>>>(dv, db, n, bin_count);
  const hipError_t status = hipMemcpy(bins, db, bin_count * sizeof(int), hipMemcpyDeviceToHost);
  hipFree(dv);
  hipFree(db);
  return status;
}

// HIP vector types with element-wise operators: b = (a + (1, 2, 3, 4)) * 2 - a.
__global__ void vector_ops_kernel(const float4 *a, float4 *b) {
  float4 v = a[threadIdx.x];
  v += make_float4(1.0f, 2.0f, 3.0f, 4.0f);
  b[threadIdx.x] = v * 2.0f - a[threadIdx.x];
}

extern "C" int run_vector_ops(const float *a, float *b, int count) {
  float4 *da, *db;
  hipMalloc(&da, count * sizeof(float4));
  hipMalloc(&db, count * sizeof(float4));
  hipMemcpy(da, a, count * sizeof(float4), hipMemcpyHostToDevice);
  vector_ops_kernel<<<1, count>>>(da, db);
  const hipError_t status = hipMemcpy(b, db, count * sizeof(float4), hipMemcpyDeviceToHost);
  hipFree(da);
  hipFree(db);
  return status;
}
