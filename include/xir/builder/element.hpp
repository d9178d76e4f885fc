#pragma once
// Element tags of the template builder: C++ arithmetic types name the IR scalar kinds they match
// (float = f32, std::int32_t = i32, bool = bool), f16/bf16 are tags, vec<T, N> is N lanes of T.

#include <concepts>
#include <cstdint>

#include "xir/ir/type.hpp"

namespace xir::builder {

using f32 = float;
using f64 = double;
using i8 = std::int8_t;
using u8 = std::uint8_t;
using i16 = std::int16_t;
using u16 = std::uint16_t;
using i32 = std::int32_t;
using u32 = std::uint32_t;
using i64 = std::int64_t;
struct f16 {};
struct bf16 {};
template <class T, int N> struct vec {};

/// `type`: the IR type; `host`: the C++ type of a literal of this element; `lanes`.
template <class T> struct element_traits;

#define XIR_BUILDER_ELEMENT(TAG, TYPE, HOST)                                                       \
  template <> struct element_traits<TAG> {                                                         \
    using scalar = TAG;                                                                            \
    using host = HOST;                                                                             \
    static constexpr int lanes = 1;                                                                \
    static constexpr Type type = TYPE;                                                             \
  };
XIR_BUILDER_ELEMENT(bool, Type::boolean(), bool)
XIR_BUILDER_ELEMENT(i8, Type::i8(), i8)
XIR_BUILDER_ELEMENT(u8, Type::u8(), u8)
XIR_BUILDER_ELEMENT(i16, Type::i16(), i16)
XIR_BUILDER_ELEMENT(u16, Type::u16(), u16)
XIR_BUILDER_ELEMENT(i32, Type::i32(), i32)
XIR_BUILDER_ELEMENT(u32, Type::u32(), u32)
XIR_BUILDER_ELEMENT(i64, Type::i64(), i64)
XIR_BUILDER_ELEMENT(f16, Type::f16(), float)
XIR_BUILDER_ELEMENT(bf16, Type::bf16(), float)
XIR_BUILDER_ELEMENT(f32, Type::f32(), float)
XIR_BUILDER_ELEMENT(f64, Type::f64(), double)
#undef XIR_BUILDER_ELEMENT

template <class T, int N> struct element_traits<vec<T, N>> {
  static_assert(N >= 2 && N <= 1024, "a vector has 2 to 1024 lanes");
  using scalar = T;
  using host = void;
  static constexpr int lanes = N;
  static constexpr Type type = element_traits<T>::type.with_lanes(N);
};

template <class T> concept Element = requires { element_traits<T>::type; };

template <class T> using scalar_of = typename element_traits<T>::scalar;
template <class T> using host_of = typename element_traits<T>::host;
template <class T> inline constexpr int lanes_of = element_traits<T>::lanes;

template <class T> concept FloatElement = Element<T> && element_traits<T>::type.is_float();
template <class T> concept IntElement = Element<T> && element_traits<T>::type.is_int();
template <class T> concept BoolElement = Element<T> && element_traits<T>::type.is_bool();
template <class T> concept NumberElement = FloatElement<T> || IntElement<T>;

/// The element of `lanes` lanes of the scalar of T (T itself for one lane).
template <class T, int Lanes> struct with_lanes_t { using type = vec<scalar_of<T>, Lanes>; };
template <class T> struct with_lanes_t<T, 1> { using type = scalar_of<T>; };
template <class T, int Lanes> using with_lanes = typename with_lanes_t<T, Lanes>::type;

} // namespace xir::builder
