// gqa: O[b, h, i, :] = softmax(Q[b, h, i, :] K[b, g, :, :]^T / sqrt(d)) V[b, g, :, :] with
// g = h / (hq / hkv), for Q, O [batch, hq, seq, d] and K, V [batch, hkv, seq, d] (f32, no mask).
// Idiom: one 64-lane wavefront per (batch, query head, query): lanes split the keys of the shared
// key/value head for the scores, the softmax max and sum are __shfl_xor butterflies, and lanes
// split the d output channels for P V. The query and the score row live in LDS.
// Launch: grid (seq, hq, batch), 64 threads; dynamic LDS (d + seq) floats.
#include <cmath>
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

constexpr int kWaveSize = 64;

__device__ inline float wave_all_reduce_sum(float v) {
  for (int offset = kWaveSize / 2; offset > 0; offset /= 2)
    v += __shfl_xor(v, offset);
  return v;
}

__device__ inline float wave_all_reduce_max(float v) {
  for (int offset = kWaveSize / 2; offset > 0; offset /= 2)
    v = fmaxf(v, __shfl_xor(v, offset));
  return v;
}

// One query row of softmax(q K^T * scale) V, computed by one wavefront. Rows of K and V are
// key_stride floats apart; LDS holds the query (d floats) and the scores (seq floats).
__device__ void attend_one_query(const float* __restrict__ q, const float* __restrict__ k,
                                 const float* __restrict__ v, float* __restrict__ o, int seq, int d,
                                 size_t key_stride, float* query, float* scores) {
  const int lane = threadIdx.x;
  for (int c = lane; c < d; c += kWaveSize)
    query[c] = q[c];
  __syncthreads();

  const float scale = rsqrtf(float(d));
  float local_max = -INFINITY;
  for (int j = lane; j < seq; j += kWaveSize) {
    const float* key = k + j * key_stride;
    float dot = 0.0f;
    for (int c = 0; c < d; ++c)
      dot = fmaf(query[c], key[c], dot);
    scores[j] = dot * scale;
    local_max = fmaxf(local_max, scores[j]);
  }
  const float row_max = wave_all_reduce_max(local_max);

  float local_sum = 0.0f;
  for (int j = lane; j < seq; j += kWaveSize) {
    scores[j] = expf(scores[j] - row_max);
    local_sum += scores[j];
  }
  const float inverse_sum = 1.0f / wave_all_reduce_sum(local_sum);
  __syncthreads(); // every lane reads every score below

  for (int c = lane; c < d; c += kWaveSize) {
    float acc = 0.0f;
    for (int j = 0; j < seq; ++j)
      acc = fmaf(scores[j], v[j * key_stride + c], acc);
    o[c] = acc * inverse_sum;
  }
}

__global__ void gqa_kernel(const float* __restrict__ q, const float* __restrict__ k,
                           const float* __restrict__ v, float* __restrict__ o, int query_heads,
                           int kv_heads, int seq, int d) {
  extern __shared__ float staged[]; // query[d] then scores[seq]
  const int query = blockIdx.x, head = blockIdx.y, batch = blockIdx.z;
  const int kv_head = head / (query_heads / kv_heads);
  const size_t query_offset = ((size_t(batch) * query_heads + head) * seq + query) * d;
  const size_t kv_base = (size_t(batch) * kv_heads + kv_head) * seq * d;
  attend_one_query(q + query_offset, k + kv_base, v + kv_base, o + query_offset, seq, d, size_t(d),
                   staged, staged + d);
}

extern "C" void run_gqa(const float* Q, const float* K, const float* V, float* O, int b, int hq,
                        int hkv, int s, int d) {
  if (b <= 0 || hq <= 0 || hkv <= 0 || s <= 0 || d <= 0 || hq % hkv != 0)
    return;
  const size_t q_bytes = size_t(b) * hq * s * d * sizeof(float);
  const size_t k_bytes = size_t(b) * hkv * s * d * sizeof(float);
  const size_t v_bytes = size_t(b) * hkv * s * d * sizeof(float);
  const size_t o_bytes = size_t(b) * hq * s * d * sizeof(float);
  float* d_q = nullptr;
  float* d_k = nullptr;
  float* d_v = nullptr;
  float* d_o = nullptr;
  HIP_CHECK(hipMalloc(&d_q, q_bytes));
  HIP_CHECK(hipMalloc(&d_k, k_bytes));
  HIP_CHECK(hipMalloc(&d_v, v_bytes));
  HIP_CHECK(hipMalloc(&d_o, o_bytes));
  HIP_CHECK(hipMemcpy(d_q, Q, q_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_k, K, k_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_v, V, v_bytes, hipMemcpyHostToDevice));

  const size_t shared_bytes = size_t(d + s) * sizeof(float);
  hipLaunchKernelGGL(gqa_kernel, dim3(s, hq, b), dim3(kWaveSize), shared_bytes, 0, d_q, d_k, d_v,
                     d_o, hq, hkv, s, d);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(O, d_o, o_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_q));
  HIP_CHECK(hipFree(d_k));
  HIP_CHECK(hipFree(d_v));
  HIP_CHECK(hipFree(d_o));
}
