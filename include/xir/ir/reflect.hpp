#pragma once
// Generic operations over every node, written once with Boost.Hana reflection: field iteration,
// structural equality and structural hashing.

#include <boost/hana/accessors.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <bit>
#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "xir/ir/kernel.hpp"

namespace xir {

/// Calls `f(name, value)` for each reflected field of `node`, in declaration order.
template <class Node, class F> void for_each_field(const Node& node, F&& f) {
  boost::hana::for_each(boost::hana::accessors<Node>(), [&](auto accessor) {
    f(boost::hana::to<const char*>(boost::hana::first(accessor)), boost::hana::second(accessor)(node));
  });
}

/// Same, with mutable access (used by mutators on a copy of a node).
template <class Node, class F> void for_each_field_mut(Node& node, F&& f) {
  boost::hana::for_each(boost::hana::accessors<Node>(), [&](auto accessor) {
    f(boost::hana::to<const char*>(boost::hana::first(accessor)), boost::hana::second(accessor)(node));
  });
}

template <class T> inline constexpr bool is_reflected_v = boost::hana::Struct<T>::value;

bool structurally_equal(const Expr& a, const Expr& b);
bool structurally_equal(const Stmt& a, const Stmt& b);
bool structurally_equal(const Kernel& a, const Kernel& b);
bool structurally_equal(const Module& a, const Module& b);
std::size_t structural_hash(const Expr& e);
std::size_t structural_hash(const Stmt& s);
std::size_t structural_hash(const Kernel& k);
std::size_t structural_hash(const Module& m);

namespace detail {

// Equality of any field value: handles, vectors, variants, reflected structs and plain values.
template <class T> bool field_equal(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, Expr> || std::is_same_v<T, Stmt>) {
    return structurally_equal(a, b);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  } else if constexpr (requires { typename T::value_type; } && !std::is_same_v<T, std::string>) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!field_equal(a[i], b[i])) return false;
    return true;
  } else if constexpr (requires { std::variant_size<T>::value; }) {
    if (a.index() != b.index()) return false;
    return std::visit([&](const auto& x) { return field_equal(x, std::get<std::decay_t<decltype(x)>>(b)); },
                      a);
  } else if constexpr (is_reflected_v<T>) {
    bool equal = true;
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto accessor) {
      equal = equal && field_equal(boost::hana::second(accessor)(a), boost::hana::second(accessor)(b));
    });
    return equal;
  } else {
    return a == b;
  }
}

inline std::size_t hash_combine(std::size_t seed, std::size_t value) {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

template <class T> std::size_t field_hash(const T& v) {
  if constexpr (std::is_same_v<T, Expr> || std::is_same_v<T, Stmt>) {
    return structural_hash(v);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::hash<std::uint64_t>{}(std::bit_cast<std::uint64_t>(v));
  } else if constexpr (std::is_same_v<T, Type>) {
    return (static_cast<std::size_t>(v.kind) << 16) | v.lanes;
  } else if constexpr (std::is_enum_v<T>) {
    return static_cast<std::size_t>(v);
  } else if constexpr (requires { typename T::value_type; } && !std::is_same_v<T, std::string>) {
    std::size_t h = v.size();
    for (const auto& x : v) h = hash_combine(h, field_hash(x));
    return h;
  } else if constexpr (requires { std::variant_size<T>::value; }) {
    return hash_combine(v.index(), std::visit([](const auto& x) { return field_hash(x); }, v));
  } else if constexpr (is_reflected_v<T>) {
    std::size_t h = 0;
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto accessor) {
      h = hash_combine(h, field_hash(boost::hana::second(accessor)(v)));
    });
    return h;
  } else {
    return std::hash<T>{}(v);
  }
}

} // namespace detail
} // namespace xir
