// Small CUDA kernels with known results: indexing, every memcpy kind, memset, static and dynamic
// shared memory, barriers, a tiled GEMM, and two failure modes (a missing __syncthreads, an
// out-of-bounds write). Entry points take host pointers.
#include <cuda_runtime.h>

__global__ void add_kernel(const float *a, const float *b, float *c, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) c[i] = a[i] + b[i];
}

// Every memcpy kind on the way: H2H staging, H2D, D2D, Default, D2H.
extern "C" int run_add(const float *a, const float *b, float *c, int n) {
  const size_t bytes = n * sizeof(float);
  float *staging = static_cast<float *>(malloc(bytes));
  float *da, *db, *dc, *dtmp;
  cudaMalloc(&da, bytes);
  cudaMalloc(&db, bytes);
  cudaMalloc(&dc, bytes);
  cudaMalloc(&dtmp, bytes);
  cudaMemcpy(staging, a, bytes, cudaMemcpyHostToHost);
  cudaMemcpy(dtmp, staging, bytes, cudaMemcpyHostToDevice);
  cudaMemcpy(da, dtmp, bytes, cudaMemcpyDeviceToDevice);
  cudaMemcpy(db, b, bytes, cudaMemcpyDefault);
  add_kernel<<<(n + 127) / 128, 128>>>(da, db, dc, n);
  cudaError_t status = cudaMemcpy(c, dc, bytes, cudaMemcpyDeviceToHost);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaFree(dtmp);
  free(staging);
  return status;
}

// The copy kind must match the pointers: a host destination named as device memory is an error.
extern "C" int run_wrong_copy_kind(float *host, int n) {
  float *device;
  cudaMalloc(&device, n * sizeof(float));
  const cudaError_t status = cudaMemcpy(host, device, n * sizeof(float), cudaMemcpyHostToDevice);
  cudaFree(device);
  cudaGetLastError();
  return status;
}

__global__ void linear_ids_kernel(int *out) {
  const int block = blockIdx.x + gridDim.x * (blockIdx.y + gridDim.y * blockIdx.z);
  const int thread = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);
  const int threads = blockDim.x * blockDim.y * blockDim.z;
  out[block * threads + thread] = block * 1000 + thread;
}

extern "C" int run_linear_ids(int *out, int gx, int gy, int gz, int bx, int by, int bz) {
  const size_t count = size_t(gx) * gy * gz * bx * by * bz;
  int *d;
  cudaMalloc(&d, count * sizeof(int));
  cudaMemset(d, 0xff, count * sizeof(int));
  linear_ids_kernel<<<dim3(gx, gy, gz), dim3(bx, by, bz)>>>(d);
  const cudaError_t status = cudaMemcpy(out, d, count * sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(d);
  return status;
}

extern "C" int run_memset(unsigned char *out, int n, int value) {
  unsigned char *d;
  cudaMalloc(&d, n);
  cudaMemset(d, value, n);
  const cudaError_t status = cudaMemcpy(out, d, n, cudaMemcpyDeviceToHost);
  cudaFree(d);
  return status;
}

// Each block reverses its 256 elements through shared memory.
__global__ void reverse_static_kernel(const float *in, float *out) {
  __shared__ float tile[256];
  const int base = blockIdx.x * blockDim.x;
  tile[threadIdx.x] = in[base + threadIdx.x];
  __syncthreads();
  out[base + threadIdx.x] = tile[blockDim.x - 1 - threadIdx.x];
}

// The same without the barrier: threads read slots other threads have not written yet.
__global__ void reverse_missing_sync_kernel(const float *in, float *out) {
  __shared__ float tile[256];
  const int base = blockIdx.x * blockDim.x;
  tile[threadIdx.x] = in[base + threadIdx.x];
  out[base + threadIdx.x] = tile[blockDim.x - 1 - threadIdx.x];
}

// Dynamic shared memory sized at launch, staged through two halves.
__global__ void reverse_dynamic_kernel(const float *in, float *out) {
  extern __shared__ float staged[];
  const int base = blockIdx.x * blockDim.x;
  staged[threadIdx.x] = in[base + threadIdx.x];
  __syncthreads();
  staged[blockDim.x + threadIdx.x] = staged[blockDim.x - 1 - threadIdx.x] * 2.0f;
  __syncthreads();
  out[base + threadIdx.x] = staged[blockDim.x + threadIdx.x];
}

extern "C" int run_reverse(const float *in, float *out, int blocks, int variant) {
  const size_t bytes = size_t(blocks) * 256 * sizeof(float);
  float *din, *dout;
  cudaMalloc(&din, bytes);
  cudaMalloc(&dout, bytes);
  cudaMemcpy(din, in, bytes, cudaMemcpyHostToDevice);
  if (variant == 0) reverse_static_kernel<<<blocks, 256>>>(din, dout);
  else if (variant == 1) reverse_missing_sync_kernel<<<blocks, 256>>>(din, dout);
  else reverse_dynamic_kernel<<<blocks, 256, 2 * 256 * sizeof(float)>>>(din, dout);
  const cudaError_t status = cudaMemcpy(out, dout, bytes, cudaMemcpyDeviceToHost);
  cudaFree(din);
  cudaFree(dout);
  return status;
}

// C = A B, 16x16 tiles staged through shared memory; any M, N, K.
constexpr int TILE = 16;
__global__ void gemm_tiled_kernel(const float *A, const float *B, float *C, int M, int N, int K) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  const int row = blockIdx.y * TILE + threadIdx.y, col = blockIdx.x * TILE + threadIdx.x;
  float sum = 0.0f;
  for (int k0 = 0; k0 < K; k0 += TILE) {
    As[threadIdx.y][threadIdx.x] = (row < M && k0 + threadIdx.x < K) ? A[row * K + k0 + threadIdx.x] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (col < N && k0 + threadIdx.y < K) ? B[(k0 + threadIdx.y) * N + col] : 0.0f;
    __syncthreads();
    for (int k = 0; k < TILE; ++k) sum += As[threadIdx.y][k] * Bs[k][threadIdx.x];
    __syncthreads();
  }
  if (row < M && col < N) C[row * N + col] = sum;
}

extern "C" int run_gemm(const float *A, const float *B, float *C, int M, int N, int K) {
  float *dA, *dB, *dC;
  cudaMalloc(&dA, size_t(M) * K * sizeof(float));
  cudaMalloc(&dB, size_t(K) * N * sizeof(float));
  cudaMalloc(&dC, size_t(M) * N * sizeof(float));
  cudaMemcpy(dA, A, size_t(M) * K * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(dB, B, size_t(K) * N * sizeof(float), cudaMemcpyHostToDevice);
  gemm_tiled_kernel<<<dim3((N + TILE - 1) / TILE, (M + TILE - 1) / TILE), dim3(TILE, TILE)>>>(dA, dB, dC, M, N, K);
  const cudaError_t status = cudaMemcpy(C, dC, size_t(M) * N * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(dA);
  cudaFree(dB);
  cudaFree(dC);
  return status;
}

// Writes one element past the end of `out` (n elements, n + 1 threads).
__global__ void off_by_one_kernel(int *out, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) out[i] = i;
}

// Returns the status of the first call that reports the fault, and of a later call (sticky).
extern "C" int run_out_of_bounds(int n, int *later_status) {
  int *d;
  cudaMalloc(&d, n * sizeof(int));
  off_by_one_kernel<<<1, n + 1>>>(d, n);
  const cudaError_t status = cudaDeviceSynchronize();
  *later_status = cudaFree(d);
  cudaDeviceReset(); // clears the sticky error for whatever runs next in this process
  return status;
}

__global__ void barrier_predicates_kernel(const int *flags, int *out) {
  const int f = flags[threadIdx.x];
  const int count = __syncthreads_count(f);
  const int all = __syncthreads_and(f);
  const int any = __syncthreads_or(f);
  if (threadIdx.x == 0) {
    out[0] = count;
    out[1] = all;
    out[2] = any;
  }
}

extern "C" int run_barrier_predicates(const int *flags, int *out, int threads) {
  int *dflags, *dout;
  cudaMalloc(&dflags, threads * sizeof(int));
  cudaMalloc(&dout, 3 * sizeof(int));
  cudaMemcpy(dflags, flags, threads * sizeof(int), cudaMemcpyHostToDevice);
  barrier_predicates_kernel<<<1, threads>>>(dflags, dout);
  const cudaError_t status = cudaMemcpy(out, dout, 3 * sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(dflags);
  cudaFree(dout);
  return status;
}

// A launch with too many threads per block fails at once with cudaErrorInvalidConfiguration.
extern "C" int run_invalid_launch() {
  int *d;
  cudaMalloc(&d, sizeof(int));
  off_by_one_kernel<<<1, 2048>>>(d, 0);
  const cudaError_t status = cudaGetLastError();
  cudaFree(d);
  return status;
}

extern "C" const char *error_string(int code) { return cudaGetErrorString(static_cast<cudaError_t>(code)); }

// Streams and events are accepted and ordered.
extern "C" int run_stream_add(const float *a, const float *b, float *c, int n, float *elapsed_ms) {
  cudaStream_t stream;
  cudaEvent_t start, stop;
  cudaStreamCreate(&stream);
  cudaEventCreate(&start);
  cudaEventCreate(&stop);
  float *da, *db, *dc;
  cudaMalloc(&da, n * sizeof(float));
  cudaMalloc(&db, n * sizeof(float));
  cudaMalloc(&dc, n * sizeof(float));
  cudaMemcpyAsync(da, a, n * sizeof(float), cudaMemcpyHostToDevice, stream);
  cudaMemcpyAsync(db, b, n * sizeof(float), cudaMemcpyHostToDevice, stream);
  cudaEventRecord(start, stream);
  add_kernel<<<4, 64, 0, stream>>>(da, db, dc, n);
  cudaEventRecord(stop, stream);
  cudaMemcpyAsync(c, dc, n * sizeof(float), cudaMemcpyDeviceToHost, stream);
  cudaStreamSynchronize(stream);
  cudaEventElapsedTime(elapsed_ms, start, stop);
  cudaFree(da);
  cudaFree(db);
  cudaFree(dc);
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  return cudaStreamDestroy(stream);
}

// A block larger than the kernel's __launch_bounds__ fails to launch.
__global__ void __launch_bounds__(64) bounded_kernel(int *out) { out[threadIdx.x] = threadIdx.x; }

extern "C" int run_launch_bounds(int threads, int *out) {
  int *d;
  cudaMalloc(&d, 128 * sizeof(int));
  cudaMemset(d, 0, 128 * sizeof(int));
  bounded_kernel<<<1, threads>>>(d);
  const cudaError_t launch = cudaGetLastError();
  cudaMemcpy(out, d, 128 * sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(d);
  return launch;
}

// Failures inside a kernel: __trap(), and a deadlock (half a warp in a full-mask shuffle while the
// other half waits at __syncthreads; undefined on a GPU, reported here instead of hanging).
__global__ void trap_kernel(int *p) {
  if (threadIdx.x == 5) __trap();
  p[threadIdx.x] = 1;
}

__global__ void divergent_kernel(int *p) {
  if (threadIdx.x < 16) p[threadIdx.x] = __shfl_sync(0xffffffffu, static_cast<int>(threadIdx.x), 0);
  else __syncthreads();
}

extern "C" int run_faulting_kernel(int which) {
  int *d;
  cudaMalloc(&d, 32 * sizeof(int));
  if (which == 0) trap_kernel<<<1, 32>>>(d);
  else divergent_kernel<<<1, 32>>>(d);
  const cudaError_t status = cudaDeviceSynchronize();
  cudaDeviceReset();
  return status;
}
