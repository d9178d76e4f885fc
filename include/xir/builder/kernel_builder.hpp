#pragma once
// Statements of the template builder: a KernelBuilder collects the statements that loops,
// branches, allocations and element assignments emit, in the order the C++ code runs, and
// builds a plain IR Kernel. A body with one statement is that statement; with several, a Block.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "xir/builder/expr.hpp"
#include "xir/ir/kernel.hpp"

namespace xir::builder {

class KernelBuilder;

/// An integer index or extent: an i32 expression or an int literal.
class Index {
public:
  Index(int value) : ir_(make_int(value)) {}
  template <TypedExpr E> requires std::same_as<element_t<E>, i32> Index(const E& e) : ir_(e.lower()) {}
  ::xir::Expr lower() const { return ir_; }

private:
  ::xir::Expr ir_;
};

/// An index operand of an element access: scalar i32 (one lane) or vec<i32, N> (N lanes).
template <class I> struct index_lanes : std::integral_constant<int, 1> {};
template <TypedExpr E> struct index_lanes<E> : std::integral_constant<int, lanes_of<element_t<E>>> {
  static_assert(std::same_as<scalar_of<element_t<E>>, i32>, "indices are i32 expressions");
};

template <class I> ::xir::Expr lower_index(const I& index) {
  if constexpr (TypedExpr<I>) return index.lower();
  else return Index(index).lower();
}

/// `buffer[indices...]` of element T: readable as an expression, assignable as a store target.
template <Element T> class ElementRef {
public:
  using element = T;
  ElementRef(KernelBuilder* builder, std::string buffer, std::vector<::xir::Expr> indices)
      : builder_(builder), buffer_(std::move(buffer)), indices_(std::move(indices)) {}
  ElementRef(const ElementRef&) = default;

  ::xir::Expr lower() const { return Load::make(element_traits<T>::type, buffer_, indices_); }

  template <class E> requires ExprOf<E, T> void operator=(const E& value) { store(value.lower()); }
  void operator=(const ElementRef& value) { store(value.lower()); }
  template <class L> requires LiteralOf<T, L> void operator=(L value) { store(constant<T>(value)); }
  template <class E> requires ExprOf<E, T> void operator+=(const E& value) { *this = *this + value; }
  template <class E> requires ExprOf<E, T> void operator-=(const E& value) { *this = *this - value; }
  template <class E> requires ExprOf<E, T> void operator*=(const E& value) { *this = *this * value; }

private:
  void store(::xir::Expr value);
  KernelBuilder* builder_;
  std::string buffer_;
  std::vector<::xir::Expr> indices_;
};

/// A buffer of element T: a kernel parameter or an allocation.
template <Element T> class BufferRef {
public:
  static_assert(lanes_of<T> == 1, "buffers hold scalar elements");
  BufferRef(KernelBuilder* builder, Buffer buffer) : builder_(builder), buffer_(std::move(buffer)) {}

  /// `buffer[indices...]`; vector indices (ramps) make a vector access.
  template <class... I> auto operator()(const I&... indices) const {
    constexpr int lanes = std::max({1, index_lanes<I>::value...});
    static_assert(((index_lanes<I>::value == 1 || index_lanes<I>::value == lanes) && ...),
                  "vector indices of one access have one lane count");
    return ElementRef<with_lanes<T, lanes>>(builder_, buffer_.name, {lower_index(indices)...});
  }
  /// `&buffer[indices...]`: an intrinsic operand.
  template <class... I> ::xir::Expr address(const I&... indices) const {
    return Address::make(element_traits<T>::type, buffer_.name, {lower_index(indices)...});
  }
  const Buffer& buffer() const { return buffer_; }

private:
  KernelBuilder* builder_;
  Buffer buffer_;
};

class KernelBuilder {
public:
  explicit KernelBuilder(std::string name) : name_(std::move(name)) { blocks_.emplace_back(); }

  template <Element T>
  BufferRef<T> buffer(std::string name, std::initializer_list<Index> shape, MemoryScope scope = MemoryScope::Global) {
    Buffer b = Buffer::make(std::move(name), element_traits<T>::type, lower_all(shape), scope);
    params_.push_back(b);
    return BufferRef<T>(this, std::move(b));
  }
  template <Element T> Expr<T> scalar(std::string name) {
    params_.push_back(ScalarParam{name, element_traits<T>::type});
    return var<T>(std::move(name));
  }

  /// `for var in [min, min + extent)` of `kind`; `body(var)` emits the loop body.
  template <class F> void loop(std::string var_name, Index min, Index extent, ForKind kind, F&& body) {
    Stmt s = nested([&] { body(var<i32>(var_name)); });
    emit(For::make(var_name, min.lower(), extent.lower(), kind, std::move(s)));
  }
  template <class F> void serial(std::string var_name, Index min, Index extent, F&& body) {
    loop(std::move(var_name), min, extent, ForKind::Serial, std::forward<F>(body));
  }
  /// A loop over [0, extent) bound to a hardware axis: its iterations are threads.
  template <class F> void bound(HardwareAxis axis, std::string var_name, Index extent, F&& body) {
    Stmt s = nested([&] { body(var<i32>(var_name)); });
    emit(For::make(var_name, make_int(0), extent.lower(), ForKind::Bound, axis, std::move(s)));
  }
  template <class C, class F> requires ExprOf<C, bool> void if_(const C& condition, F&& then_body) {
    emit(IfThenElse::make(condition.lower(), nested(std::forward<F>(then_body))));
  }
  template <class C, class F, class G>
    requires ExprOf<C, bool>
  void if_else(const C& condition, F&& then_body, G&& else_body) {
    Stmt then_case = nested(std::forward<F>(then_body));
    emit(IfThenElse::make(condition.lower(), std::move(then_case), nested(std::forward<G>(else_body))));
  }
  /// Storage for `body(buffer)` in `scope`.
  template <Element T, class F>
  void allocate(std::string name, std::initializer_list<Index> shape, MemoryScope scope, F&& body) {
    BufferRef<T> ref(this, Buffer::make(std::move(name), element_traits<T>::type, lower_all(shape), scope));
    Stmt s = nested([&] { body(ref); });
    emit(Allocate::make(ref.buffer(), std::move(s)));
  }
  /// Binds `name` to `value` in `body(var)`.
  template <TypedExpr E, class F> void let(std::string name, const E& value, F&& body) {
    Stmt s = nested([&] { body(var<element_t<E>>(name)); });
    emit(LetStmt::make(name, value.lower(), std::move(s)));
  }
  void barrier(BarrierScope scope = BarrierScope::Block) { emit(Barrier::make(scope)); }
  void intrinsic(std::string target, std::string name, std::vector<::xir::Expr> args) {
    emit(IntrinsicCall::make(std::move(target), std::move(name), std::move(args)));
  }
  template <class E, class... I> void atomic_add(const BufferRef<element_t<E>>& buffer, const E& value, const I&... indices) {
    emit(Atomic::make(BinaryOp::Add, buffer.buffer().name, {lower_index(indices)...}, value.lower()));
  }

  void emit(Stmt s) { blocks_.back().push_back(std::move(s)); }
  /// The kernel of everything emitted at the top level.
  Kernel build() const { return Kernel::make(name_, params_, sequence(blocks_.front())); }

  /// One statement as itself, several as a Block.
  static Stmt sequence(std::vector<Stmt> stmts) {
    return stmts.size() == 1 ? std::move(stmts.front()) : Block::make(std::move(stmts));
  }

private:
  template <class F> Stmt nested(F&& body) {
    blocks_.emplace_back();
    body();
    std::vector<Stmt> stmts = std::move(blocks_.back());
    blocks_.pop_back();
    return sequence(std::move(stmts));
  }
  static std::vector<::xir::Expr> lower_all(std::initializer_list<Index> indices) {
    std::vector<::xir::Expr> out;
    for (const Index& i : indices) out.push_back(i.lower());
    return out;
  }

  std::string name_;
  std::vector<Param> params_;
  std::vector<std::vector<Stmt>> blocks_;
};

template <Element T> void ElementRef<T>::store(::xir::Expr value) {
  builder_->emit(Store::make(buffer_, indices_, std::move(value)));
}

} // namespace xir::builder
