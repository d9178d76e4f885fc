// Element-wise vector operations on NRAM (DIALECTS.md 1.5): counts in elements, n > 0.
#pragma once

#include <cmath>
#include <string>
#include <type_traits>

#include "numeric.hpp"

namespace xir::bang {

template <class T>
void check_vector_operands(SourceLoc loc, const char* function, unsigned n,
                           std::initializer_list<std::pair<const char*, const void*>> operands) {
  require_element_arch<T>(loc, function);
  require_positive_count(loc, function, n);
  const std::size_t bytes = std::size_t{n} * sizeof(T);
  for (auto [role, pointer] : operands)
    require_space(loc, function, role, pointer, bytes, Space::nram);
  require_2xx_vector_layout(loc, function, bytes, operands);
}

template <class T, class Op>
void binary_op(SourceLoc loc, const char* function, T* d, const T* a, const T* b, unsigned n,
               Op op) {
  if (!runs_on_this_core(function))
    return;
  check_vector_operands<T>(loc, function, n, {{"dst", d}, {"src0", a}, {"src1", b}});
  for (unsigned i = 0; i < n; ++i)
    d[i] = narrow<T>(op(widen(a[i]), widen(b[i])));
}

template <class T, class Op>
void scalar_op(SourceLoc loc, const char* function, T* d, const T* a, T value, unsigned n, Op op) {
  if (!runs_on_this_core(function))
    return;
  check_vector_operands<T>(loc, function, n, {{"dst", d}, {"src", a}});
  const auto wide_value = widen(value);
  for (unsigned i = 0; i < n; ++i)
    d[i] = narrow<T>(op(widen(a[i]), wide_value));
}

template <class T, class Op>
void unary_op(SourceLoc loc, const char* function, T* d, const T* a, unsigned n, Op op) {
  if (!runs_on_this_core(function))
    return;
  check_vector_operands<T>(loc, function, n, {{"dst", d}, {"src", a}});
  for (unsigned i = 0; i < n; ++i)
    d[i] = narrow<T>(op(widen(a[i])));
}

inline constexpr auto plus = [](auto x, auto y) { return x + y; };
inline constexpr auto minus = [](auto x, auto y) { return x - y; };
inline constexpr auto times = [](auto x, auto y) { return x * y; };

template <arithmetic_element T>
void bang_add(SourceLoc loc, T* d, const T* a, const T* b, unsigned n) {
  binary_op(loc, "__bang_add", d, a, b, n, plus);
}
template <subtract_element T>
void bang_sub(SourceLoc loc, T* d, const T* a, const T* b, unsigned n) {
  binary_op(loc, "__bang_sub", d, a, b, n, minus);
}
template <arithmetic_element T>
void bang_mul(SourceLoc loc, T* d, const T* a, const T* b, unsigned n) {
  binary_op(loc, "__bang_mul", d, a, b, n, times);
}

template <arithmetic_element T>
void bang_add_scalar(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  scalar_op(loc, "__bang_add_scalar", d, a, v, n, plus);
}
template <subtract_element T>
void bang_sub_scalar(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  scalar_op(loc, "__bang_sub_scalar", d, a, v, n, minus);
}
template <arithmetic_element T>
void bang_mul_scalar(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  scalar_op(loc, "__bang_mul_scalar", d, a, v, n, times);
}

// Deprecated (CNCC 4.0) aliases of the _scalar forms, half and float only.
template <one_of<half, float> T>
void bang_add_const(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  scalar_op(loc, "__bang_add_const", d, a, v, n, plus);
}
template <one_of<half, float> T>
void bang_sub_const(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  scalar_op(loc, "__bang_sub_const", d, a, v, n, minus);
}
template <one_of<half, float> T>
void bang_mul_const(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  scalar_op(loc, "__bang_mul_const", d, a, v, n, times);
}

// Quotient with the documented precondition b != 0 (the hardware result is undefined otherwise).
template <class T> auto checked_quotient(SourceLoc loc, const char* function, unsigned index) {
  return [loc, function, index](auto x, auto y) {
    if (y == 0)
      fail(loc, function, "division by zero at element " + std::to_string(index));
    return x / y;
  };
}

template <class T>
concept divide_element =
    one_of<T, half, float, bfloat16_t, std::int16_t, std::int32_t, std::uint16_t, std::uint32_t>;

template <class T> void require_divide_arch(SourceLoc loc, const char* function) {
  require_arch(loc, function, arch >= 322 && arch != 372,
               "__bang_div needs arch >= 322 and is absent on 372");
  if constexpr (std::is_same_v<T, bfloat16_t>)
    require_arch(loc, function, arch >= 500, "bf16 needs arch 5xx");
}

template <divide_element T> void bang_div(SourceLoc loc, T* d, const T* a, const T* b, unsigned n) {
  const char* function = "__bang_div";
  if (!runs_on_this_core(function))
    return;
  require_divide_arch<T>(loc, function);
  require_positive_count(loc, function, n);
  for (auto [role, pointer] :
       {std::pair<const char*, const void*>{"dst", d}, {"src0", a}, {"src1", b}})
    require_space(loc, function, role, pointer, std::size_t{n} * sizeof(T), Space::nram);
  for (unsigned i = 0; i < n; ++i)
    d[i] = narrow<T>(checked_quotient<T>(loc, function, i)(widen(a[i]), widen(b[i])));
}

template <divide_element T>
void bang_div(SourceLoc loc, T* d, const T* a, std::type_identity_t<T> v, unsigned n) {
  const char* function = "__bang_div";
  if (!runs_on_this_core(function))
    return;
  require_divide_arch<T>(loc, function);
  require_positive_count(loc, function, n);
  for (auto [role, pointer] : {std::pair<const char*, const void*>{"dst", d}, {"src", a}})
    require_space(loc, function, role, pointer, std::size_t{n} * sizeof(T), Space::nram);
  for (unsigned i = 0; i < n; ++i)
    d[i] = narrow<T>(checked_quotient<T>(loc, function, i)(widen(a[i]), widen(v)));
}

// Deprecated 5-argument form with an n-element NRAM scratch buffer; operands must not overlap.
template <one_of<half, float> T>
void bang_div(SourceLoc loc, T* d, const T* a, const T* b, T* tmp, unsigned n) {
  const char* function = "__bang_div";
  if (!runs_on_this_core(function))
    return;
  require_positive_count(loc, function, n);
  const std::size_t bytes = std::size_t{n} * sizeof(T);
  const std::pair<const char*, const void*> operands[] = {
      {"dst", d}, {"src0", a}, {"src1", b}, {"tmp", tmp}};
  for (auto [role, pointer] : operands)
    require_space(loc, function, role, pointer, bytes, Space::nram);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = i + 1; j < 4; ++j)
      require_no_overlap(loc, function, operands[i].first, operands[i].second, bytes,
                         operands[j].first, operands[j].second, bytes);
  require_multiple(loc, function, "n * sizeof(T)", bytes, 128,
                   "the 5-argument __bang_div needs multiples of 128 bytes");
  for (unsigned i = 0; i < n; ++i) {
    tmp[i] = narrow<T>(1.0f / widen(b[i]));
    d[i] = narrow<T>(checked_quotient<T>(loc, function, i)(widen(a[i]), widen(b[i])));
  }
}

// Accurate "surpass" functions: float and bf16 only, arch >= 322.
template <class T, class Op>
void surpass_op(SourceLoc loc, const char* function, T* d, const T* a, unsigned n, Op op) {
  if (!runs_on_this_core(function))
    return;
  require_arch(loc, function, arch >= 322, "needs arch >= 322");
  unary_op(loc, function, d, a, n, op);
}

template <one_of<float, bfloat16_t> T>
void bang_recip(SourceLoc loc, T* d, const T* a, unsigned n) {
  surpass_op(loc, "__bang_recip", d, a, n, [](float x) { return 1.0f / x; });
}
template <one_of<float, bfloat16_t> T> void bang_sqrt(SourceLoc loc, T* d, const T* a, unsigned n) {
  surpass_op(loc, "__bang_sqrt", d, a, n, [](float x) { return std::sqrt(x); });
}
template <one_of<float, bfloat16_t> T> void bang_sin(SourceLoc loc, T* d, const T* a, unsigned n) {
  surpass_op(loc, "__bang_sin", d, a, n, [](float x) { return std::sin(x); });
}

// [U] absent from the BANG C 4.5 manual; modelled as the exact logistic function.
template <one_of<float> T> void bang_sigmoid(SourceLoc loc, T* d, const T* a, unsigned n) {
  unary_op(loc, "__bang_sigmoid", d, a, n, [](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}

template <class T>
concept transpose_element = one_of<T, std::int8_t, std::uint8_t, char, std::int16_t, std::uint16_t,
                                   std::int32_t, std::uint32_t, half, float, bfloat16_t>;

// d[j*h + i] = s[i*w + j]: s is h x w, d is w x h; no overlap.
template <transpose_element T>
void bang_transpose(SourceLoc loc, T* d, const T* s, unsigned h, unsigned w) {
  const char* function = "__bang_transpose";
  if (!runs_on_this_core(function))
    return;
  if constexpr (std::is_same_v<T, bfloat16_t>)
    require_arch(loc, function, arch >= 500, "bf16 needs arch 5xx");
  require_positive_count(loc, function, std::size_t{h} * w);
  const std::size_t bytes = std::size_t{h} * w * sizeof(T);
  require_space(loc, function, "dst", d, bytes, Space::nram);
  require_space(loc, function, "src", s, bytes, Space::nram);
  require_no_overlap(loc, function, "dst", d, bytes, "src", s, bytes);
  if (is_2xx) {
    require_multiple(loc, function, "h * sizeof(T)", std::size_t{h} * sizeof(T), 64,
                     "2xx transposes need multiples of 64 bytes");
    require_multiple(loc, function, "w * sizeof(T)", std::size_t{w} * sizeof(T), 64,
                     "2xx transposes need multiples of 64 bytes");
  }
  for (unsigned i = 0; i < h; ++i)
    for (unsigned j = 0; j < w; ++j)
      d[std::size_t{j} * h + i] = s[std::size_t{i} * w + j];
}

} // namespace xir::bang
