// Table-based activation functions __bang_active_* (DIALECTS.md 1.7), half and float, NRAM,
// in place allowed. Modelled with libm plus the documented cut-offs; inputs outside a
// function's documented domain are reported, since the hardware result there is meaningless.
#pragma once

#include <cmath>
#include <string>

#include "numeric.hpp"

namespace xir::bang {

inline constexpr float active_tiny = 5.96e-8f; // the smallest half subnormal the tables return

template <one_of<half, float> T, class Op>
void active_op(SourceLoc loc, const char* function, T* d, const T* s, unsigned n, Op op) {
  if (!runs_on_this_core(function))
    return;
  require_positive_count(loc, function, n);
  const std::size_t bytes = std::size_t{n} * sizeof(T);
  require_space(loc, function, "dst", d, bytes, Space::nram);
  require_space(loc, function, "src", s, bytes, Space::nram);
  require_2xx_vector_layout(loc, function, bytes, {{"dst", d}, {"src", s}});
  for (unsigned i = 0; i < n; ++i)
    d[i] = T(op(static_cast<float>(s[i]), i));
}

inline void require_domain(SourceLoc loc, const char* function, bool inside, float x,
                           unsigned index, const char* domain) {
  if (!inside)
    fail(loc, function,
         "input " + std::to_string(x) + " at element " + std::to_string(index) +
             " is outside the documented domain " + domain);
}

template <one_of<half, float> T> void bang_active_exp(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_exp", d, s, n, [loc](float x, unsigned i) {
    if constexpr (std::is_same_v<T, float>)
      require_domain(loc, "__bang_active_exp", !(x > 11.0f), x, i, "x <= 11 (float)");
    return x < -7.75f ? active_tiny : std::exp(x);
  });
}

template <one_of<half, float> T>
void bang_active_sigmoid(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_sigmoid", d, s, n, [](float x, unsigned) {
    return x < -7.75f ? 0.0f : x > 7.75f ? 1.0f : 1.0f / (1.0f + std::exp(-x));
  });
}

template <one_of<half, float> T>
void bang_active_relu(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_relu", d, s, n,
            [](float x, unsigned) { return x > 0.0f ? x : 0.0f; });
}

// +1 for x >= 0 including -0, else -1.
template <one_of<half, float> T>
void bang_active_sign(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_sign", d, s, n,
            [](float x, unsigned) { return x >= 0.0f ? 1.0f : -1.0f; });
}

template <one_of<half, float> T>
void bang_active_recip(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_recip", d, s, n, [loc](float x, unsigned i) {
    require_domain(loc, "__bang_active_recip", x >= 0.0078125f && x <= 65472.0f, x, i,
                   "[0.0078125, 65472]");
    return 1.0f / x;
  });
}

// GELU in the erf form x * Phi(x) (which form the tables approximate is not documented).
inline float gelu_reference(float x) {
  if (x < -3.875f)
    return -active_tiny;
  return static_cast<float>(0.5 * x *
                            std::erfc(-x * 0.70710678118654752)); // erfc: no cancellation for x < 0
}

template <one_of<half, float> T>
void bang_active_gelu(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_gelu", d, s, n,
            [](float x, unsigned) { return gelu_reference(x); });
}
template <one_of<half, float> T>
void bang_active_gelup(SourceLoc loc, T* d, const T* s, unsigned n) {
  active_op(loc, "__bang_active_gelup", d, s, n,
            [](float x, unsigned) { return gelu_reference(x); });
}

} // namespace xir::bang
