// deformable: multi-scale deformable attention, f32. For each (b, q, h) and channel c:
//   out[b, q, h*d + c] = sum_{l, p} attn[b, q, h, l, p] * bilinear_l(c)
//   bilinear_l samples value[b, starts[l] + y*W_l + x, h, c] at x = loc[..., 0] * W_l - 0.5,
//   y = loc[..., 1] * H_l - 0.5 from the four neighbours floor / floor+1, which count as zero
//   outside [0, W_l) x [0, H_l).
// Layouts: value [b, S, h, d], shapes [L, 2] = (H_l, W_l), starts [L], loc [b, q, h, L, P, 2],
// attn [b, q, h, L, P], out [b, q, h*d].
// Idiom: a block serves 4 (batch, query, head) groups, one 32-lane row of threads per group. The
// level table and each group's L*P sampling locations and weights are staged in shared memory once;
// lanes own channels c = lane, lane + 32, ..., so every bilinear tap is a coalesced read across the
// warp.
// Launch: ceil(b*q*h / 4) blocks of 32x4 threads, 4*3*L*P floats + 3*L ints of dynamic shared
// memory.
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

constexpr int kLanes = 32;
constexpr int kGroupsPerBlock = 4;
constexpr size_t kSharedLimitBytes = 48 * 1024;

struct DeformableShape {
  int batch, spatial, heads, head_dim, levels, queries, points;
};

__global__ void deformable_attention_kernel(const float* __restrict__ value,
                                            const int* __restrict__ shapes,
                                            const int* __restrict__ starts,
                                            const float* __restrict__ loc,
                                            const float* __restrict__ attn, float* __restrict__ out,
                                            DeformableShape s) {
  extern __shared__ float shared[];
  const int samples = s.levels * s.points;
  float* locations = shared;                                  // [kGroupsPerBlock][samples][2]
  float* weights = locations + kGroupsPerBlock * samples * 2; // [kGroupsPerBlock][samples]
  int* level_table =
      reinterpret_cast<int*>(weights + kGroupsPerBlock * samples); // [levels][3]: H, W, start

  const int groups = s.batch * s.queries * s.heads;
  const int tid = threadIdx.y * kLanes + threadIdx.x;
  for (int l = tid; l < s.levels; l += kLanes * kGroupsPerBlock) {
    level_table[3 * l + 0] = shapes[2 * l + 0];
    level_table[3 * l + 1] = shapes[2 * l + 1];
    level_table[3 * l + 2] = starts[l];
  }
  const int group = blockIdx.x * kGroupsPerBlock + threadIdx.y;
  const bool active = group < groups; // uniform across the row of 32 lanes
  float* group_locations = locations + threadIdx.y * samples * 2;
  float* group_weights = weights + threadIdx.y * samples;
  if (active) {
    for (int i = threadIdx.x; i < samples * 2; i += kLanes)
      group_locations[i] = loc[size_t(group) * samples * 2 + i];
    for (int i = threadIdx.x; i < samples; i += kLanes)
      group_weights[i] = attn[size_t(group) * samples + i];
  }
  __syncthreads();
  if (!active)
    return;

  // group = (b * queries + q) * heads + h
  const int head = group % s.heads, b = group / (s.queries * s.heads);
  const float* value_head = value + (size_t(b) * s.spatial * s.heads + head) * s.head_dim;
  const size_t position_stride =
      size_t(s.heads) * s.head_dim; // between consecutive positions of value

  for (int c = threadIdx.x; c < s.head_dim; c += kLanes) {
    float acc = 0.0f;
    for (int l = 0; l < s.levels; ++l) {
      const int level_h = level_table[3 * l + 0], level_w = level_table[3 * l + 1],
                start = level_table[3 * l + 2];
      for (int p = 0; p < s.points; ++p) {
        const int sample = l * s.points + p;
        const float x = group_locations[2 * sample + 0] * level_w - 0.5f;
        const float y = group_locations[2 * sample + 1] * level_h - 0.5f;
        const float x_floor = floorf(x), y_floor = floorf(y);
        const int x0 = int(x_floor), y0 = int(y_floor);
        const float fx = x - x_floor, fy = y - y_floor;
        float sampled = 0.0f;
        for (int dy = 0; dy <= 1; ++dy)
          for (int dx = 0; dx <= 1; ++dx) {
            const int xx = x0 + dx, yy = y0 + dy;
            if (xx < 0 || xx >= level_w || yy < 0 || yy >= level_h)
              continue;
            const float corner = (dx ? fx : 1.0f - fx) * (dy ? fy : 1.0f - fy);
            sampled +=
                corner *
                value_head[(size_t(start) + size_t(yy) * level_w + xx) * position_stride + c];
          }
        acc += group_weights[sample] * sampled;
      }
    }
    out[size_t(group) * s.head_dim + c] = acc;
  }
}

static size_t deformable_shared_bytes(const DeformableShape& s) {
  return size_t(kGroupsPerBlock) * s.levels * s.points * 3 * sizeof(float) +
         size_t(s.levels) * 3 * sizeof(int);
}

extern "C" void run_deformable(const float* value, const int* shapes, const int* starts,
                               const float* loc, const float* attn, float* out, int batch,
                               int spatial, int heads, int head_dim, int levels, int queries,
                               int points) {
  const DeformableShape s{batch, spatial, heads, head_dim, levels, queries, points};
  if (batch <= 0 || heads <= 0 || head_dim <= 0 || queries <= 0)
    return;
  if (levels <= 0 || points <= 0 || spatial <= 0) {
    std::fprintf(stderr,
                 "error: deformable needs levels, points and spatial size > 0 (got %d, %d, %d)\n",
                 levels, points, spatial);
    return;
  }
  // The kernel trusts the level table; check it on the host so no sample can leave `value`.
  for (int l = 0; l < levels; ++l) {
    const long long level_end = (long long)starts[l] + (long long)shapes[2 * l] * shapes[2 * l + 1];
    if (shapes[2 * l] < 0 || shapes[2 * l + 1] < 0 || starts[l] < 0 || level_end > spatial) {
      std::fprintf(stderr,
                   "error: deformable level %d (%d x %d at %d) exceeds the %d positions of value\n",
                   l, shapes[2 * l], shapes[2 * l + 1], starts[l], spatial);
      return;
    }
  }
  const size_t shared_bytes = deformable_shared_bytes(s);
  if (shared_bytes > kSharedLimitBytes) {
    std::fprintf(stderr, "error: deformable %d levels x %d points do not fit in shared memory\n",
                 levels, points);
    return;
  }
  const int groups = batch * queries * heads;
  const size_t value_bytes = size_t(batch) * spatial * heads * head_dim * sizeof(float);
  const size_t shapes_bytes = size_t(levels) * 2 * sizeof(int),
               starts_bytes = size_t(levels) * sizeof(int);
  const size_t loc_bytes = size_t(groups) * levels * points * 2 * sizeof(float);
  const size_t attn_bytes = size_t(groups) * levels * points * sizeof(float);
  const size_t out_bytes = size_t(groups) * head_dim * sizeof(float);
  float *d_value = nullptr, *d_loc = nullptr, *d_attn = nullptr, *d_out = nullptr;
  int *d_shapes = nullptr, *d_starts = nullptr;
  CUDA_CHECK(cudaMalloc(&d_value, value_bytes));
  CUDA_CHECK(cudaMalloc(&d_shapes, shapes_bytes));
  CUDA_CHECK(cudaMalloc(&d_starts, starts_bytes));
  CUDA_CHECK(cudaMalloc(&d_loc, loc_bytes));
  CUDA_CHECK(cudaMalloc(&d_attn, attn_bytes));
  CUDA_CHECK(cudaMalloc(&d_out, out_bytes));
  CUDA_CHECK(cudaMemcpy(d_value, value, value_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_shapes, shapes, shapes_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_starts, starts, starts_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_loc, loc, loc_bytes, cudaMemcpyHostToDevice));
  CUDA_CHECK(cudaMemcpy(d_attn, attn, attn_bytes, cudaMemcpyHostToDevice));

  const int blocks = (groups + kGroupsPerBlock - 1) / kGroupsPerBlock;
  deformable_attention_kernel<<<blocks, dim3(kLanes, kGroupsPerBlock), shared_bytes>>>(
      d_value, d_shapes, d_starts, d_loc, d_attn, d_out, s);
  CUDA_CHECK(cudaGetLastError());
  CUDA_CHECK(cudaDeviceSynchronize());

  CUDA_CHECK(cudaMemcpy(out, d_out, out_bytes, cudaMemcpyDeviceToHost));
  CUDA_CHECK(cudaFree(d_value));
  CUDA_CHECK(cudaFree(d_shapes));
  CUDA_CHECK(cudaFree(d_starts));
  CUDA_CHECK(cudaFree(d_loc));
  CUDA_CHECK(cudaFree(d_attn));
  CUDA_CHECK(cudaFree(d_out));
}
