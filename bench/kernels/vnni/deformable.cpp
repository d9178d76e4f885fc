// deformable (multi-scale deformable attention):
//   out[b, q, h*d + c] = sum_{l,p} attn[b,q,h,l,p] * bilinear_l(value[b, starts[l] + y*W_l + x, h,
//   c])
// at x = loc_x * W_l - 0.5, y = loc_y * H_l - 0.5 (shapes[l] = (H_l, W_l)); of the four neighbours
// floor/floor+1, those outside [0, W_l) x [0, H_l) contribute zero and are never read.
// Idiom: AVX-512 over channels (c is contiguous in value and out): the sampling coordinates and
// corner weights are scalar per (l, p); each in-range corner adds one 16-channel FMA of its value
// row scaled by attn * bilinear weight (masked tail on d). OpenMP threads over (batch, query,
// head).
#include <immintrin.h>

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

struct DeformableShape {
  int S, heads, d, levels, points;
};

void sample_head(const float* value_b, const int32_t* shapes, const int32_t* starts,
                 const float* loc, const float* attn, float* out, const DeformableShape& s, int h) {
  for (int c0 = 0; c0 < s.d; c0 += 16) {
    const int remaining = s.d - c0;
    const __mmask16 lanes = remaining >= 16 ? __mmask16(0xFFFF) : __mmask16((1u << remaining) - 1u);
    __m512 acc = _mm512_setzero_ps();
    for (int l = 0; l < s.levels; ++l) {
      const int height = shapes[2 * l];
      const int width = shapes[2 * l + 1];
      for (int p = 0; p < s.points; ++p) {
        const int sample = l * s.points + p;
        const float x = loc[2 * sample] * static_cast<float>(width) - 0.5f;
        const float y = loc[2 * sample + 1] * static_cast<float>(height) - 0.5f;
        const float x_floor = std::floor(x);
        const float y_floor = std::floor(y);
        const int x0 = static_cast<int>(x_floor);
        const int y0 = static_cast<int>(y_floor);
        const float fx = x - x_floor;
        const float fy = y - y_floor;
        const float corner_weight[2][2] = {{(1 - fy) * (1 - fx), (1 - fy) * fx},
                                           {fy * (1 - fx), fy * fx}};
        for (int dy = 0; dy < 2; ++dy) {
          const int yy = y0 + dy;
          if (yy < 0 || yy >= height)
            continue;
          for (int dx = 0; dx < 2; ++dx) {
            const int xx = x0 + dx;
            if (xx < 0 || xx >= width)
              continue;
            const std::size_t position =
                static_cast<std::size_t>(starts[l]) + static_cast<std::size_t>(yy) * width + xx;
            const float* v = value_b + (position * s.heads + h) * s.d + c0;
            const __m512 weight = _mm512_set1_ps(attn[sample] * corner_weight[dy][dx]);
            acc = _mm512_fmadd_ps(weight, _mm512_maskz_loadu_ps(lanes, v), acc);
          }
        }
      }
    }
    _mm512_mask_storeu_ps(out + c0, lanes, acc);
  }
}

} // namespace

extern "C" void run_deformable(const float* value, const int32_t* shapes, const int32_t* starts,
                               const float* loc, const float* attn, float* out, int batch, int S,
                               int heads, int d, int levels, int queries, int points) {
  const DeformableShape shape{S, heads, d, levels, points};
  const std::size_t samples_per_head = static_cast<std::size_t>(levels) * points;
#pragma omp parallel for collapse(3) schedule(static)
  for (int b = 0; b < batch; ++b) {
    for (int q = 0; q < queries; ++q) {
      for (int h = 0; h < heads; ++h) {
        const std::size_t head_index = (static_cast<std::size_t>(b) * queries + q) * heads + h;
        sample_head(value + static_cast<std::size_t>(b) * S * heads * d, shapes, starts,
                    loc + head_index * samples_per_head * 2, attn + head_index * samples_per_head,
                    out + head_index * d, shape, h);
      }
    }
  }
}
