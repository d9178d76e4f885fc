// Convolution, fully-connected and matrix multiply (NRAM x WRAM -> NRAM, DIALECTS.md 1.9) and
// __bang_reshape_filter. WRAM holds the weights in their logical layouts ([Co][Kh][Kw][Ci],
// [height][width], Bt as N rows of K): reshape_filter is the identity, as DIALECTS.md prescribes.
// Float forms (float/half/bf16 in, float out) exist on 372/592; fixed-point forms take int8 or
// int16 operands and fix_position: dst = (exact integer dot product) * 2^fix_position.
#pragma once

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "numeric.hpp"

namespace xir::bang {

template <class DT, class ST, class WT>
concept float_tensor_types =
    std::is_same_v<DT, float> && one_of<ST, float, half, bfloat16_t> && std::is_same_v<ST, WT>;

template <class DT, class ST, class WT>
concept fixed_tensor_types = one_of<DT, half, float> && one_of<ST, std::int8_t, std::int16_t> &&
    one_of<WT, std::int8_t, std::int16_t>;

// How products are accumulated and scaled: float forms in double, fixed forms exactly in 64 bits.
struct TensorArithmetic {
  bool fixed = false;
  int fix_position = 0;
};

template <class DT, class ST>
void check_tensor_types(SourceLoc loc, const char* function, TensorArithmetic arithmetic) {
  if (!arithmetic.fixed) {
    require_arch(loc, function, arch == 372 || arch == 592,
                 "float forms exist only on mtp_372 and mtp_592");
    if constexpr (std::is_same_v<ST, bfloat16_t>)
      require_arch(loc, function, arch >= 500, "bf16 needs arch 5xx");
  } else if (arithmetic.fix_position < -127 || arithmetic.fix_position > 127) {
    fail(loc, function,
         "fix_position " + std::to_string(arithmetic.fix_position) + " is outside [-127, 127]");
  }
}

template <class T> double tensor_value(T value) {
  if constexpr (std::is_integral_v<T>)
    return static_cast<double>(value);
  else
    return static_cast<double>(static_cast<float>(value));
}

// Converts an accumulated dot product into the destination type.
template <class DT> DT tensor_result(double accumulated, TensorArithmetic arithmetic) {
  if (arithmetic.fixed)
    return DT(static_cast<float>(std::ldexp(accumulated, arithmetic.fix_position)));
  return DT(static_cast<float>(accumulated));
}

inline void require_weights(SourceLoc loc, const char* function, const char* role,
                            const void* weights, std::size_t bytes) {
  require_space(loc, function, role, weights, bytes, Space::wram);
  require_aligned(loc, function, role, weights, 32, "weights in WRAM are 32-byte aligned");
}

struct ConvShape {
  unsigned ci, h, w, kh, kw, sw, sh, co;
  unsigned dw = 1, dh = 1; // input dilation
  unsigned dilated_kh() const { return (kh - 1) * dh + 1; }
  unsigned dilated_kw() const { return (kw - 1) * dw + 1; }
  unsigned ho() const { return (h - dilated_kh()) / sh + 1; }
  unsigned wo() const { return (w - dilated_kw()) / sw + 1; }
};

template <class DT, class ST, class WT>
void conv(SourceLoc loc, DT* d, const ST* s, const WT* k, const DT* bias, ConvShape c,
          TensorArithmetic arithmetic, unsigned out_dw = 1, unsigned out_dh = 1) {
  const char* function = "__bang_conv";
  if (!runs_on_this_core(function))
    return;
  check_tensor_types<DT, ST>(loc, function, arithmetic);
  for (unsigned value : {c.sw, c.sh, c.dw, c.dh})
    if (value < 1 || value > 1023)
      fail(loc, function, "strides and dilations must lie in [1, 1023]");
  if (out_dw != 1 || out_dh != 1)
    fail(loc, function,
         "output dilation other than 1 is unsupported: its semantics are undocumented");
  if (!c.ci || !c.co || !c.kh || !c.kw || c.dilated_kh() > c.h || c.dilated_kw() > c.w)
    fail(loc, function, "the (dilated) kernel must fit the input and all sizes must be positive");
  if (is_2xx) {
    require_multiple(loc, function, "channel_input * sizeof(src)", std::size_t{c.ci} * sizeof(ST),
                     64, "2xx convolution rule");
    require_multiple(loc, function, "channel_output", c.co, 64, "2xx convolution rule");
  }
  const std::size_t src_bytes = std::size_t{c.h} * c.w * c.ci * sizeof(ST);
  const std::size_t kernel_bytes = std::size_t{c.co} * c.kh * c.kw * c.ci * sizeof(WT);
  const std::size_t dst_bytes = std::size_t{c.ho()} * c.wo() * c.co * sizeof(DT);
  require_space(loc, function, "dst", d, dst_bytes, Space::nram);
  require_space(loc, function, "src", s, src_bytes, Space::nram);
  require_weights(loc, function, "kernel", k, kernel_bytes);
  require_no_overlap(loc, function, "dst", d, dst_bytes, "src", s, src_bytes);
  if (bias) {
    require_space(loc, function, "bias", bias, c.co * sizeof(DT), Space::nram);
    require_no_overlap(loc, function, "dst", d, dst_bytes, "bias", bias, c.co * sizeof(DT));
  }
  for (unsigned ho = 0; ho < c.ho(); ++ho)
    for (unsigned wo = 0; wo < c.wo(); ++wo)
      for (unsigned co = 0; co < c.co; ++co) {
        double acc = 0.0;
        for (unsigned kh = 0; kh < c.kh; ++kh)
          for (unsigned kw = 0; kw < c.kw; ++kw) {
            const std::size_t row = std::size_t{ho} * c.sh + std::size_t{kh} * c.dh;
            const std::size_t col = std::size_t{wo} * c.sw + std::size_t{kw} * c.dw;
            const ST* src_pixel = s + (row * c.w + col) * c.ci;
            const WT* weights = k + ((std::size_t{co} * c.kh + kh) * c.kw + kw) * c.ci;
            for (unsigned ci = 0; ci < c.ci; ++ci)
              acc += tensor_value(src_pixel[ci]) * tensor_value(weights[ci]);
          }
        DT result = tensor_result<DT>(acc, arithmetic);
        if (bias)
          result = DT(static_cast<float>(result) + static_cast<float>(bias[co]));
        d[(std::size_t{ho} * c.wo() + wo) * c.co + co] = result;
      }
}

// __bang_conv overloads: [bias], 8 sizes, [fix_position], [in dilation w, h [, out dilation w, h]].
struct ConvCall {
  using u = unsigned;
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, u ci, u h, u w, u kh, u kw, u sw,
                  u sh, u co) {
    conv(l, d, s, k, static_cast<const DT*>(nullptr), {ci, h, w, kh, kw, sw, sh, co}, {});
  }
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, const DT* b, u ci, u h, u w, u kh,
                  u kw, u sw, u sh, u co) {
    conv(l, d, s, k, b, {ci, h, w, kh, kw, sw, sh, co}, {});
  }
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, u ci, u h, u w, u kh, u kw, u sw,
                  u sh, u co, u dw, u dh) {
    conv(l, d, s, k, static_cast<const DT*>(nullptr), {ci, h, w, kh, kw, sw, sh, co, dw, dh}, {});
  }
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, const DT* b, u ci, u h, u w, u kh,
                  u kw, u sw, u sh, u co, u dw, u dh) {
    conv(l, d, s, k, b, {ci, h, w, kh, kw, sw, sh, co, dw, dh}, {});
  }
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, u ci, u h, u w, u kh, u kw, u sw,
                  u sh, u co, u dw, u dh, u odw, u odh) {
    conv(l, d, s, k, static_cast<const DT*>(nullptr), {ci, h, w, kh, kw, sw, sh, co, dw, dh}, {},
         odw, odh);
  }
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, const DT* b, u ci, u h, u w, u kh,
                  u kw, u sw, u sh, u co, u dw, u dh, u odw, u odh) {
    conv(l, d, s, k, b, {ci, h, w, kh, kw, sw, sh, co, dw, dh}, {}, odw, odh);
  }
  template <class DT, class ST, class WT>
  requires fixed_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, u ci, u h, u w, u kh, u kw, u sw,
                  u sh, u co, int fix) {
    conv(l, d, s, k, static_cast<const DT*>(nullptr), {ci, h, w, kh, kw, sw, sh, co}, {true, fix});
  }
  template <class DT, class ST, class WT>
  requires fixed_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, const DT* b, u ci, u h, u w, u kh,
                  u kw, u sw, u sh, u co, int fix) {
    conv(l, d, s, k, b, {ci, h, w, kh, kw, sw, sh, co}, {true, fix});
  }
  template <class DT, class ST, class WT>
  requires fixed_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, u ci, u h, u w, u kh, u kw, u sw,
                  u sh, u co, int fix, u dw, u dh) {
    conv(l, d, s, k, static_cast<const DT*>(nullptr), {ci, h, w, kh, kw, sw, sh, co, dw, dh},
         {true, fix});
  }
  template <class DT, class ST, class WT>
  requires fixed_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* k, const DT* b, u ci, u h, u w, u kh,
                  u kw, u sw, u sh, u co, int fix, u dw, u dh) {
    conv(l, d, s, k, b, {ci, h, w, kh, kw, sw, sh, co, dw, dh}, {true, fix});
  }
};

// dst[h] = sum_w filter[h*width + w] * src[w] (+ bias[h]); height = outputs, width = inputs.
template <class DT, class ST, class WT>
void mlp(SourceLoc loc, DT* d, const ST* s, const DT* bias, const WT* filter, unsigned height,
         unsigned width, TensorArithmetic arithmetic) {
  const char* function = "__bang_mlp";
  if (!runs_on_this_core(function))
    return;
  check_tensor_types<DT, ST>(loc, function, arithmetic);
  if (!height || !width)
    fail(loc, function, "height and width must be positive");
  if (is_2xx) {
    require_multiple(loc, function, "height", height, 64, "2xx mlp rule");
    require_multiple(loc, function, "width * sizeof(src)", std::size_t{width} * sizeof(ST), 64,
                     "2xx mlp rule");
  }
  const std::size_t dst_bytes = std::size_t{height} * sizeof(DT);
  require_space(loc, function, "dst", d, dst_bytes, Space::nram);
  require_space(loc, function, "src", s, std::size_t{width} * sizeof(ST), Space::nram);
  require_weights(loc, function, "filter", filter, std::size_t{height} * width * sizeof(WT));
  require_no_overlap(loc, function, "dst", d, dst_bytes, "src", s, std::size_t{width} * sizeof(ST));
  if (bias) {
    require_space(loc, function, "bias", bias, dst_bytes, Space::nram);
    require_no_overlap(loc, function, "dst", d, dst_bytes, "bias", bias, dst_bytes);
  }
  for (unsigned h = 0; h < height; ++h) {
    double acc = 0.0;
    for (unsigned w = 0; w < width; ++w)
      acc += tensor_value(filter[std::size_t{h} * width + w]) * tensor_value(s[w]);
    DT result = tensor_result<DT>(acc, arithmetic);
    if (bias)
      result = DT(static_cast<float>(result) + static_cast<float>(bias[h]));
    d[h] = result;
  }
}

struct MlpCall {
  using u = unsigned;
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* f, u height, u width) {
    mlp(l, d, s, static_cast<const DT*>(nullptr), f, height, width, {});
  }
  template <class DT, class ST, class WT>
  requires float_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const DT* b, const WT* f, u height, u width) {
    mlp(l, d, s, b, f, height, width, {});
  }
  template <class DT, class ST, class WT>
  requires fixed_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const WT* f, u height, u width, int fix) {
    mlp(l, d, s, static_cast<const DT*>(nullptr), f, height, width, {true, fix});
  }
  template <class DT, class ST, class WT>
  requires fixed_tensor_types<DT, ST, WT>
  static void run(SourceLoc l, DT* d, const ST* s, const DT* b, const WT* f, u height, u width,
                  int fix) {
    mlp(l, d, s, b, f, height, width, {true, fix});
  }
};

// dst[m*N + n] = sum_k src0[m*K + k] * src1[n*K + k] (+ src2[m*N + n]); src1 (WRAM) is Bt.
template <class DT, class ST0, class ST1>
void matmul(SourceLoc loc, DT* d, const ST0* a, const ST1* bt, const DT* c, unsigned M, unsigned K,
            unsigned N, TensorArithmetic arithmetic) {
  const char* function = "__bang_matmul";
  if (!runs_on_this_core(function))
    return;
  check_tensor_types<DT, ST0>(loc, function, arithmetic);
  if (!M || !K || !N)
    fail(loc, function, "M, K and N must be positive");
  const std::size_t dst_bytes = std::size_t{M} * N * sizeof(DT),
                    a_bytes = std::size_t{M} * K * sizeof(ST0);
  require_space(loc, function, "dst", d, dst_bytes, Space::nram);
  require_space(loc, function, "src0", a, a_bytes, Space::nram);
  require_weights(loc, function, "src1", bt, std::size_t{N} * K * sizeof(ST1));
  require_no_overlap(loc, function, "dst", d, dst_bytes, "src0", a, a_bytes);
  if (c)
    require_space(loc, function, "src2", c, dst_bytes, Space::nram); // dst may alias src2
  std::vector<DT> result(std::size_t{M} * N);
  for (unsigned m = 0; m < M; ++m)
    for (unsigned n = 0; n < N; ++n) {
      double acc = 0.0;
      for (unsigned k = 0; k < K; ++k)
        acc += tensor_value(a[std::size_t{m} * K + k]) * tensor_value(bt[std::size_t{n} * K + k]);
      DT value = tensor_result<DT>(acc, arithmetic);
      if (c)
        value = DT(static_cast<float>(value) + static_cast<float>(c[std::size_t{m} * N + n]));
      result[std::size_t{m} * N + n] = value;
    }
  std::memcpy(static_cast<void*>(d), result.data(), dst_bytes);
}

struct MatmulCall {
  using u = unsigned;
  template <class DT, class S0, class S1>
  requires float_tensor_types<DT, S0, S1>
  static void run(SourceLoc l, DT* d, const S0* a, const S1* b, u M, u K, u N) {
    matmul(l, d, a, b, static_cast<const DT*>(nullptr), M, K, N, {});
  }
  template <class DT, class S0, class S1>
  requires float_tensor_types<DT, S0, S1>
  static void run(SourceLoc l, DT* d, const S0* a, const S1* b, const DT* c, u M, u K, u N) {
    matmul(l, d, a, b, c, M, K, N, {});
  }
  template <class DT, class S0, class S1>
  requires fixed_tensor_types<DT, S0, S1>
  static void run(SourceLoc l, DT* d, const S0* a, const S1* b, u M, u K, u N, int fix) {
    matmul(l, d, a, b, static_cast<const DT*>(nullptr), M, K, N, {true, fix});
  }
  template <class DT, class S0, class S1>
  requires fixed_tensor_types<DT, S0, S1>
  static void run(SourceLoc l, DT* d, const S0* a, const S1* b, const DT* c, u M, u K, u N,
                  int fix) {
    matmul(l, d, a, b, c, M, K, N, {true, fix});
  }
};

// NRAM -> NRAM regrouping of an NHWC filter for WRAM; modelled as the identity (see file comment).
template <class T>
void bang_reshape_filter(SourceLoc loc, T* dst, const T* src, unsigned n, unsigned h, unsigned w,
                         unsigned c) {
  const char* function = "__bang_reshape_filter";
  if (!runs_on_this_core(function))
    return;
  require_multiple(loc, function, "n", n, 64, "filters are regrouped by 64 output channels");
  const std::size_t bytes = std::size_t{n} * h * w * c * sizeof(T);
  require_positive_count(loc, function, bytes);
  require_space(loc, function, "dst", dst, bytes, Space::nram);
  require_space(loc, function, "src", src, bytes, Space::nram);
  std::memmove(static_cast<void*>(dst), src, bytes);
}

} // namespace xir::bang
