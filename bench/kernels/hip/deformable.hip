// deformable: multi-scale deformable attention (f32). Inputs value[b, S, h, d], level shapes[L, 2]
// = (H_l, W_l), level starts[L], sampling locations loc[b, q, h, L, P, 2] (x, y in [0, 1]) and
// weights attn[b, q, h, L, P]; out[b, q, h*d + c] = sum_{l,p} attn * bilinear sample of
// value[b, starts[l] + y*W_l + x, h, c] at x = loc_x * W_l - 0.5, y = loc_y * H_l - 0.5, with
// neighbours outside the level read as zero.
// Idiom: one workgroup per (batch, query); lanes own the h*d output channels, so the four corner
// reads of a sample are coalesced across the channels of a head. The level table is staged in LDS.
// Launch: grid (queries, batch), h * d threads rounded up to whole wavefronts (at most 1024; lanes
// then stride the channels); dynamic LDS 3 * L ints.
#include <algorithm>
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
constexpr int kMaxThreads = 1024;

__device__ inline float corner(const float* __restrict__ level_value, int x, int y, int level_w,
                               int level_h, size_t position_stride) {
  if (x < 0 || y < 0 || x >= level_w || y >= level_h)
    return 0.0f;
  return level_value[(size_t(y) * level_w + x) * position_stride];
}

__global__ void deformable_kernel(const float* __restrict__ value, const int* __restrict__ shapes,
                                  const int* __restrict__ starts, const float* __restrict__ loc,
                                  const float* __restrict__ attn, float* __restrict__ out,
                                  int positions, int heads, int d, int levels, int queries,
                                  int points) {
  extern __shared__ int level_table[]; // level_h[levels], level_w[levels], level_start[levels]
  int* level_h = level_table;
  int* level_w = level_table + levels;
  int* level_start = level_table + 2 * levels;
  for (int l = threadIdx.x; l < levels; l += blockDim.x) {
    level_h[l] = shapes[2 * l];
    level_w[l] = shapes[2 * l + 1];
    level_start[l] = starts[l];
  }
  __syncthreads();

  const int query = blockIdx.x, batch = blockIdx.y;
  const size_t position_stride = size_t(heads) * d;
  for (int channel = threadIdx.x; channel < heads * d; channel += blockDim.x) {
    const int head = channel / d, c = channel % d;
    const float* batch_value = value + size_t(batch) * positions * position_stride + head * d + c;
    const size_t sample_base = ((size_t(batch) * queries + query) * heads + head) * levels * points;

    float acc = 0.0f;
    for (int l = 0; l < levels; ++l) {
      const int h_l = level_h[l], w_l = level_w[l];
      const float* level_value = batch_value + size_t(level_start[l]) * position_stride;
      for (int p = 0; p < points; ++p) {
        const size_t sample = sample_base + size_t(l) * points + p;
        const float x = loc[2 * sample] * w_l - 0.5f, y = loc[2 * sample + 1] * h_l - 0.5f;
        const float x_floor = floorf(x), y_floor = floorf(y);
        const int x0 = int(x_floor), y0 = int(y_floor);
        const float fx = x - x_floor, fy = y - y_floor;
        const float sampled =
            (1.0f - fy) * ((1.0f - fx) * corner(level_value, x0, y0, w_l, h_l, position_stride) +
                           fx * corner(level_value, x0 + 1, y0, w_l, h_l, position_stride)) +
            fy * ((1.0f - fx) * corner(level_value, x0, y0 + 1, w_l, h_l, position_stride) +
                  fx * corner(level_value, x0 + 1, y0 + 1, w_l, h_l, position_stride));
        acc = fmaf(attn[sample], sampled, acc);
      }
    }
    out[(size_t(batch) * queries + query) * position_stride + channel] = acc;
  }
}

extern "C" void run_deformable(const float* value, const int* shapes, const int* starts,
                               const float* loc, const float* attn, float* out, int b, int S, int h,
                               int d, int L, int q, int P) {
  if (b <= 0 || S <= 0 || h <= 0 || d <= 0 || L <= 0 || q <= 0 || P <= 0)
    return;
  const size_t value_bytes = size_t(b) * S * h * d * sizeof(float);
  const size_t shapes_bytes = size_t(2 * L) * sizeof(int);
  const size_t starts_bytes = size_t(L) * sizeof(int);
  const size_t loc_bytes = size_t(b) * q * h * L * P * 2 * sizeof(float);
  const size_t attn_bytes = size_t(b) * q * h * L * P * sizeof(float);
  const size_t out_bytes = size_t(b) * q * h * d * sizeof(float);
  float* d_value = nullptr;
  int* d_shapes = nullptr;
  int* d_starts = nullptr;
  float* d_loc = nullptr;
  float* d_attn = nullptr;
  float* d_out = nullptr;
  HIP_CHECK(hipMalloc(&d_value, value_bytes));
  HIP_CHECK(hipMalloc(&d_shapes, shapes_bytes));
  HIP_CHECK(hipMalloc(&d_starts, starts_bytes));
  HIP_CHECK(hipMalloc(&d_loc, loc_bytes));
  HIP_CHECK(hipMalloc(&d_attn, attn_bytes));
  HIP_CHECK(hipMalloc(&d_out, out_bytes));
  HIP_CHECK(hipMemcpy(d_value, value, value_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_shapes, shapes, shapes_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_starts, starts, starts_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_loc, loc, loc_bytes, hipMemcpyHostToDevice));
  HIP_CHECK(hipMemcpy(d_attn, attn, attn_bytes, hipMemcpyHostToDevice));

  const int threads = std::min((h * d + kWaveSize - 1) / kWaveSize * kWaveSize, kMaxThreads);
  hipLaunchKernelGGL(deformable_kernel, dim3(q, b), dim3(threads), 3 * L * sizeof(int), 0, d_value,
                     d_shapes, d_starts, d_loc, d_attn, d_out, S, h, d, L, q, P);
  HIP_CHECK(hipGetLastError());
  HIP_CHECK(hipDeviceSynchronize());

  HIP_CHECK(hipMemcpy(out, d_out, out_bytes, hipMemcpyDeviceToHost));
  HIP_CHECK(hipFree(d_value));
  HIP_CHECK(hipFree(d_shapes));
  HIP_CHECK(hipFree(d_starts));
  HIP_CHECK(hipFree(d_loc));
  HIP_CHECK(hipFree(d_attn));
  HIP_CHECK(hipFree(d_out));
}
