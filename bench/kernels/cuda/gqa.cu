// gqa: grouped-query attention, Q, O [b, hq, s, d], K, V [b, hkv, s, d], f32, no mask:
//   O[b, h, i, :] = sum_j softmax_j(Q[b, h, i, :] . K[b, g, j, :] / sqrt(d)) V[b, g, j, :],
//   g = h / (hq / hkv)
// Idiom: flash-attention style single pass with an online softmax. A block serves 8 queries of one
// (batch, query head), one warp per query; the shared key/value head streams through shared memory
// 32 keys at a time (cooperative coalesced loads, K rows padded against bank conflicts). Lane j
// scores key j of the tile, warp-shuffle reductions give the tile max and sum, and each lane
// rescales and accumulates its own output channels (c = lane, lane + 32, ...) in shared memory.
// Query tails are guarded.
// Launch: grid (ceil(s / 8), hq, b), 256 threads, 16d + 32(2d + 1) floats of dynamic shared memory.
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

// Q, O: [batch, query_heads, seq, head_dim]; K, V: [batch, kv_heads, seq, head_dim].
__global__ void __launch_bounds__(kThreads)
    gqa_flash_kernel(const float* __restrict__ q, const float* __restrict__ k,
                     const float* __restrict__ v, float* __restrict__ o, int query_heads,
                     int kv_heads, int seq, int head_dim, float scale) {
  const int query_head = blockIdx.y, kv_head = query_head / (query_heads / kv_heads);
  const size_t query_origin = (size_t(blockIdx.z) * query_heads + query_head) * seq * head_dim;
  const size_t kv_origin = (size_t(blockIdx.z) * kv_heads + kv_head) * seq * head_dim;
  attend_one_head(q + query_origin, k + kv_origin, v + kv_origin, o + query_origin, seq, head_dim,
                  head_dim, scale);
}

extern "C" void run_gqa(const float* Q, const float* K, const float* V, float* O, int batch,
                        int query_heads, int kv_heads, int seq, int head_dim) {
  if (batch <= 0 || query_heads <= 0 || kv_heads <= 0 || seq <= 0 || head_dim <= 0)
    return;
  if (query_heads % kv_heads != 0) {
    std::fprintf(stderr, "error: gqa needs query heads (%d) to be a multiple of kv heads (%d)\n",
                 query_heads, kv_heads);
    return;
  }
  const size_t shared_bytes = attention_shared_bytes(head_dim);
  if (shared_bytes > kSharedLimitBytes) {
    std::fprintf(stderr, "error: gqa head_dim %d does not fit in shared memory\n", head_dim);
    return;
  }
  const size_t q_bytes = size_t(batch) * query_heads * seq * head_dim * sizeof(float);
  const size_t kv_bytes = size_t(batch) * kv_heads * seq * head_dim * sizeof(float);
  float *d_q = nullptr, *d_k = nullptr, *d_v = nullptr, *d_o = nullptr;
  CUDA_CHECK(cudaMalloc(&d_q, q_bytes));
  CUDA_CHECK(cudaMalloc(&d_k, kv_bytes));
  CUDA_CHECK(cudaMalloc(&d_v, kv_bytes));
  CUDA_CHECK(cudaMalloc(&d_o, q_bytes));
  CUDA_CHECK(cudaMemcpy(d_q, Q, q_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_k, K, kv_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_v, V, kv_bytes, cudaMemcpyHostToDevice));

  const dim3 grid((seq + kQueriesPerBlock - 1) / kQueriesPerBlock, query_heads, batch);
  gqa_flash_kernel<<<grid, kThreads, shared_bytes>>>(d_q, d_k, d_v, d_o, query_heads, kv_heads, seq,
                                                     head_dim, 1.0f / sqrtf(float(head_dim)));
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(O, d_o, q_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_q));
  CUDA_CHECK(cudaFree(d_k));
  CUDA_CHECK(cudaFree(d_v));
  CUDA_CHECK(cudaFree(d_o));
}
