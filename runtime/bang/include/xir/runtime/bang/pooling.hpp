// Pooling on NRAM in HWC layout (DIALECTS.md 1.8): no padding, strides width first; the
// dilated forms are accepted only with their default 1 (their meaning is undocumented).
#pragma once

#include <algorithm>
#include <string>

#include "numeric.hpp"

namespace xir::bang {

struct PoolShape {
  unsigned channel, height, width, kernel_height, kernel_width, stride_width, stride_height;
  unsigned out_height() const { return (height - kernel_height) / stride_height + 1; }
  unsigned out_width() const { return (width - kernel_width) / stride_width + 1; }
};

enum class PoolKind { sum, max, min, avg };

template <class T>
void pool(SourceLoc loc, const char* function, PoolKind kind, T* d, const T* s, PoolShape p,
          std::initializer_list<unsigned> dilations) {
  if (!runs_on_this_core(function))
    return;
  if constexpr (std::is_same_v<T, bfloat16_t>)
    require_arch(loc, function, arch >= 500, "bf16 needs arch 5xx");
  if (dilations.size()) {
    require_arch(loc, function, !is_2xx, "dilation arguments need arch 3xx");
    for (unsigned dilation : dilations)
      if (dilation != 1)
        fail(loc, function,
             "dilation " + std::to_string(dilation) +
                 " is unsupported: only the default 1 has documented semantics");
  }
  if (p.channel == 0 || p.kernel_height == 0 || p.kernel_width == 0 || p.stride_width == 0 ||
      p.stride_height == 0)
    fail(loc, function, "channel, kernel and stride must be positive");
  if (p.kernel_height > p.height || p.kernel_width > p.width)
    fail(loc, function,
         "the " + std::to_string(p.kernel_height) + "x" + std::to_string(p.kernel_width) +
             " window exceeds the " + std::to_string(p.height) + "x" + std::to_string(p.width) +
             " input");
  if (std::size_t{p.kernel_height} * p.kernel_width > 65536)
    fail(loc, function, "kernel_height * kernel_width exceeds 65536");
  const std::size_t src_bytes = std::size_t{p.channel} * p.height * p.width * sizeof(T);
  const std::size_t dst_bytes = std::size_t{p.channel} * p.out_height() * p.out_width() * sizeof(T);
  require_space(loc, function, "dst", d, dst_bytes, Space::nram);
  require_space(loc, function, "src", s, src_bytes, Space::nram);
  require_no_overlap(loc, function, "dst", d, dst_bytes, "src", s, src_bytes);
  if (is_2xx) {
    require_multiple(loc, function, "channel * sizeof(T)", std::size_t{p.channel} * sizeof(T), 128,
                     "2xx pooling needs channel bytes multiple of 128");
    require_aligned(loc, function, "dst", d, 64, "2xx vector operands are 64-byte aligned");
    require_aligned(loc, function, "src", s, 64, "2xx vector operands are 64-byte aligned");
  }
  const unsigned C = p.channel, Wo = p.out_width();
  for (unsigned ho = 0; ho < p.out_height(); ++ho)
    for (unsigned wo = 0; wo < Wo; ++wo)
      for (unsigned c = 0; c < C; ++c) {
        float acc = 0.0f;
        bool first = true;
        for (unsigned kh = 0; kh < p.kernel_height; ++kh)
          for (unsigned kw = 0; kw < p.kernel_width; ++kw) {
            const std::size_t h = std::size_t{ho} * p.stride_height + kh,
                              w = std::size_t{wo} * p.stride_width + kw;
            const float v = static_cast<float>(s[(h * p.width + w) * C + c]);
            if (kind == PoolKind::sum || kind == PoolKind::avg)
              acc += v;
            else if (first || (kind == PoolKind::max ? v > acc : v < acc))
              acc = v;
            first = false;
          }
        if (kind == PoolKind::avg)
          acc /= static_cast<float>(p.kernel_height * p.kernel_width);
        d[(std::size_t{ho} * Wo + wo) * C + c] = T(acc);
      }
}

template <class T>
concept pool_element = one_of<T, half, float, bfloat16_t>;

// One overload set per pooling kind: (d, s, C, H, W, kh, kw [, sw, sh [, in_dh, in_dw, out_dh,
// out_dw]]).
template <PoolKind Kind> struct PoolCall {
  static constexpr const char* name = Kind == PoolKind::sum   ? "__bang_sumpool"
                                      : Kind == PoolKind::max ? "__bang_maxpool"
                                      : Kind == PoolKind::min ? "__bang_minpool"
                                                              : "__bang_avgpool";
  template <pool_element T>
  static void run(SourceLoc loc, T* d, const T* s, unsigned c, unsigned h, unsigned w, unsigned kh,
                  unsigned kw) {
    pool(loc, name, Kind, d, s, {c, h, w, kh, kw, kw, kh}, {});
  }
  template <pool_element T>
  static void run(SourceLoc loc, T* d, const T* s, unsigned c, unsigned h, unsigned w, unsigned kh,
                  unsigned kw, unsigned sw, unsigned sh) {
    pool(loc, name, Kind, d, s, {c, h, w, kh, kw, sw, sh}, {});
  }
  template <pool_element T>
  static void run(SourceLoc loc, T* d, const T* s, unsigned c, unsigned h, unsigned w, unsigned kh,
                  unsigned kw, unsigned sw, unsigned sh, unsigned in_dh, unsigned in_dw,
                  unsigned out_dh, unsigned out_dw) {
    pool(loc, name, Kind, d, s, {c, h, w, kh, kw, sw, sh}, {in_dh, in_dw, out_dh, out_dw});
  }
};

} // namespace xir::bang
