// mha: multi-head attention, Q, K, V, O in [b, s, h, d] layout, f32, no mask:
//   O[b, i, h, :] = sum_j softmax_j(Q[b, i, h, :] . K[b, j, h, :] / sqrt(d)) V[b, j, h, :]
// Idiom: flash-attention style single pass with an online softmax. A block serves 8 queries of one
// (batch, head), one warp per query; keys and values stream through shared memory 32 at a time
// (cooperative coalesced loads, K rows padded against bank conflicts). Lane j scores key j of the
// tile, warp-shuffle reductions give the tile max and sum, and each lane rescales and accumulates
// its own output channels (c = lane, lane + 32, ...) in shared memory. Query tails are guarded.
// Launch: grid (ceil(s / 8), h, b), 256 threads, 16d + 32(2d + 1) floats of dynamic shared memory.
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

constexpr int kQueriesPerBlock = 8;
constexpr int kThreads = kQueriesPerBlock * 32;
constexpr int kKeysPerTile = 32;
constexpr unsigned kFullMask = 0xffffffffu;
// 48 KB per block, less the static probabilities array, is what the dynamic part may use.
constexpr size_t kSharedLimitBytes = 48 * 1024 - kQueriesPerBlock * kKeysPerTile * sizeof(float);

__device__ float warp_all_reduce_sum(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v += __shfl_xor_sync(kFullMask, v, offset);
  return v;
}

__device__ float warp_all_reduce_max(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v = fmaxf(v, __shfl_xor_sync(kFullMask, v, offset));
  return v;
}

// Attention of the block's queries against all `seq` keys of one head. Rows of one head are
// `row_stride` elements apart in q/o and in k/v; q, k, v, o already point at row 0 of the head.
__device__ void attend_one_head(const float* __restrict__ q, const float* __restrict__ k,
                                const float* __restrict__ v, float* __restrict__ o, int seq,
                                int head_dim, int row_stride, float scale) {
  extern __shared__ float shared[];
  float* query_rows = shared;                                    // [kQueriesPerBlock][head_dim]
  float* output_rows = query_rows + kQueriesPerBlock * head_dim; // [kQueriesPerBlock][head_dim]
  float* key_tile = output_rows + kQueriesPerBlock * head_dim;   // [kKeysPerTile][head_dim + 1]
  float* value_tile = key_tile + kKeysPerTile * (head_dim + 1);  // [kKeysPerTile][head_dim]
  __shared__ float probabilities[kQueriesPerBlock][kKeysPerTile];

  const int warp = threadIdx.x / 32, lane = threadIdx.x % 32;
  const int query = blockIdx.x * kQueriesPerBlock + warp;
  const bool active = query < seq; // uniform across the warp
  float* query_row = query_rows + warp * head_dim;
  float* output_row = output_rows + warp * head_dim;
  for (int c = lane; c < head_dim; c += 32) {
    query_row[c] = active ? q[size_t(query) * row_stride + c] * scale : 0.0f;
    output_row[c] = 0.0f;
  }

  float running_max = -INFINITY, running_sum = 0.0f;
  for (int key0 = 0; key0 < seq; key0 += kKeysPerTile) {
    const int keys = min(kKeysPerTile, seq - key0);
    for (int e = threadIdx.x; e < keys * head_dim; e += kThreads) {
      const int j = e / head_dim, c = e % head_dim;
      const size_t offset = size_t(key0 + j) * row_stride + c;
      key_tile[j * (head_dim + 1) + c] = k[offset];
      value_tile[j * head_dim + c] = v[offset];
    }
    __syncthreads();

    if (active) {
      float score = -INFINITY;
      if (lane < keys) {
        score = 0.0f;
        for (int c = 0; c < head_dim; ++c)
          score += query_row[c] * key_tile[lane * (head_dim + 1) + c];
      }
      const float new_max = fmaxf(running_max, warp_all_reduce_max(score));
      const float p = lane < keys ? expf(score - new_max) : 0.0f;
      const float correction = expf(running_max - new_max); // 0 on the first tile
      running_sum = running_sum * correction + warp_all_reduce_sum(p);
      running_max = new_max;
      probabilities[warp][lane] = p;
      __syncwarp();
      for (int c = lane; c < head_dim; c += 32) {
        float acc = output_row[c] * correction;
        for (int j = 0; j < keys; ++j)
          acc += probabilities[warp][j] * value_tile[j * head_dim + c];
        output_row[c] = acc;
      }
    }
    __syncthreads(); // the next tile overwrites key_tile, value_tile and probabilities
  }

  if (active)
    for (int c = lane; c < head_dim; c += 32)
      o[size_t(query) * row_stride + c] = output_row[c] / running_sum;
}

static size_t attention_shared_bytes(int head_dim) {
  return size_t(2 * kQueriesPerBlock * head_dim + kKeysPerTile * (2 * head_dim + 1)) *
         sizeof(float);
}

// Q, K, V, O: [batch, seq, heads, head_dim].
__global__ void __launch_bounds__(kThreads)
    mha_flash_kernel(const float* __restrict__ q, const float* __restrict__ k,
                     const float* __restrict__ v, float* __restrict__ o, int seq, int heads,
                     int head_dim, float scale) {
  const size_t head_origin = (size_t(blockIdx.z) * seq * heads + blockIdx.y) * head_dim;
  attend_one_head(q + head_origin, k + head_origin, v + head_origin, o + head_origin, seq, head_dim,
                  heads * head_dim, scale);
}

extern "C" void run_mha(const float* Q, const float* K, const float* V, float* O, int batch,
                        int seq, int heads, int head_dim) {
  if (batch <= 0 || seq <= 0 || heads <= 0 || head_dim <= 0)
    return;
  const size_t shared_bytes = attention_shared_bytes(head_dim);
  if (shared_bytes > kSharedLimitBytes) {
    std::fprintf(stderr, "error: mha head_dim %d does not fit in shared memory\n", head_dim);
    return;
  }
  const size_t bytes = size_t(batch) * seq * heads * head_dim * sizeof(float);
  float *d_q = nullptr, *d_k = nullptr, *d_v = nullptr, *d_o = nullptr;
  CUDA_CHECK(cudaMalloc(&d_q, bytes));
  CUDA_CHECK(cudaMalloc(&d_k, bytes));
  CUDA_CHECK(cudaMalloc(&d_v, bytes));
  CUDA_CHECK(cudaMalloc(&d_o, bytes));
  CUDA_CHECK(cudaMemcpy(d_q, Q, bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_k, K, bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_v, V, bytes, cudaMemcpyHostToDevice));

  const dim3 grid((seq + kQueriesPerBlock - 1) / kQueriesPerBlock, heads, batch);
  mha_flash_kernel<<<grid, kThreads, shared_bytes>>>(d_q, d_k, d_v, d_o, seq, heads, head_dim,
                                                     1.0f / sqrtf(float(head_dim)));
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(O, d_o, bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_q));
  CUDA_CHECK(cudaFree(d_k));
  CUDA_CHECK(cudaFree(d_v));
  CUDA_CHECK(cudaFree(d_o));
}
