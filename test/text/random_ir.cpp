#include "random_ir.hpp"

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace xir::testing {
namespace {

constexpr std::array<ScalarKind, 12> all_kinds = {
    ScalarKind::Bool, ScalarKind::I8,   ScalarKind::U8,  ScalarKind::I16,
    ScalarKind::U16,  ScalarKind::I32,  ScalarKind::U32, ScalarKind::I64,
    ScalarKind::F16,  ScalarKind::BF16, ScalarKind::F32, ScalarKind::F64,
};
constexpr std::array<ScalarKind, 7> int_kinds = {ScalarKind::I8,  ScalarKind::U8,  ScalarKind::I16,
                                                 ScalarKind::U16, ScalarKind::I32, ScalarKind::U32,
                                                 ScalarKind::I64};
constexpr std::array<std::uint16_t, 6> lane_choices = {1, 1, 1, 2, 4, 8};
constexpr std::array<const char*, 5> targets = {"cuda", "hip", "bang", "vnni", "generic"};
constexpr std::array<const char*, 5> intrinsic_names = {
    "__bang_add", "__bang_mlp", "wmma::mma_sync", "_mm512_dpbusd_epi32", "mfma_f32_32x32x8f16"};

class Generator {
public:
  Generator(std::uint64_t seed, const RandomIROptions& options) : rng_(seed), options_(options) {}

  Module module() {
    Module m{targets[pick(targets.size())], {}};
    int count = 1 + pick(static_cast<std::size_t>(options_.max_kernels));
    for (int i = 0; i < count; ++i)
      m.kernels.push_back(kernel());
    return m;
  }

private:
  std::mt19937_64 rng_;
  RandomIROptions options_;
  int counter_ = 0;
  std::vector<std::pair<std::string, Type>> vars_;
  std::vector<Buffer> buffers_;

  std::size_t pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  std::string fresh(const char* prefix) { return prefix + std::to_string(counter_++); }
  template <class E, std::size_t N> E pick_from(const SpellingTable<E, N>& table) {
    return table[pick(N)].first;
  }

  Type scalar_type() { return Type(all_kinds[pick(all_kinds.size())]); }
  Type int_type() { return Type(int_kinds[pick(int_kinds.size())]); }
  Type any_type() { return scalar_type().with_lanes(lane_choices[pick(lane_choices.size())]); }

  // ---- immediates ------------------------------------------------------------------------------

  std::int64_t int_value(Type t) {
    std::int64_t lo = 0, hi = 0;
    switch (t.kind) {
    case ScalarKind::Bool:
      lo = 0;
      hi = 1;
      break;
    case ScalarKind::I8:
      lo = -128;
      hi = 127;
      break;
    case ScalarKind::U8:
      lo = 0;
      hi = 255;
      break;
    case ScalarKind::I16:
      lo = -32768;
      hi = 32767;
      break;
    case ScalarKind::U16:
      lo = 0;
      hi = 65535;
      break;
    case ScalarKind::I32:
      lo = std::numeric_limits<std::int32_t>::min();
      hi = std::numeric_limits<std::int32_t>::max();
      break;
    case ScalarKind::U32:
      lo = 0;
      hi = std::numeric_limits<std::uint32_t>::max();
      break;
    default:
      lo = std::numeric_limits<std::int64_t>::min();
      hi = std::numeric_limits<std::int64_t>::max();
      break;
    }
    switch (pick(4)) {
    case 0:
      return lo;
    case 1:
      return hi;
    case 2:
      return std::clamp<std::int64_t>(static_cast<std::int64_t>(pick(17)) - 8, lo, hi);
    default:
      return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }
  }

  double float_value() {
    switch (pick(8)) {
    case 0:
      return 0.0;
    case 1:
      return -0.0;
    case 2:
      return std::numeric_limits<double>::infinity() * (chance(0.5) ? 1 : -1);
    case 3:
      return std::numeric_limits<double>::denorm_min() * static_cast<double>(1 + pick(1000));
    case 4:
      return static_cast<double>(static_cast<int>(pick(2001)) - 1000) / 8.0;
    case 5:
      return std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng_),
                        static_cast<int>(pick(2000)) - 1000);
    case 6:
      return static_cast<double>(
          static_cast<float>(std::uniform_real_distribution<double>(-100, 100)(rng_)));
    default:
      return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
    }
  }

  Expr immediate(Type t) {
    if (t.is_float())
      return FloatImm::make(t, float_value());
    return IntImm::make(t, int_value(t));
  }

  // ---- expressions -----------------------------------------------------------------------------

  Expr expr(Type t, int depth) {
    std::vector<std::function<Expr()>> options;
    Type element = t.element_of();
    if (t.is_scalar())
      options.push_back([&] { return immediate(t); });
    else
      options.push_back([&] { return Broadcast::make(immediate(element), t.lanes); });
    for (const auto& [name, type] : vars_)
      if (type == t) {
        std::string n = name;
        options.push_back([t, n] { return Var::make(t, n); });
      }
    if (depth > 0)
      add_compound_options(options, t, depth - 1);
    return options[pick(options.size())]();
  }

  void add_compound_options(std::vector<std::function<Expr()>>& options, Type t, int d) {
    Type element = t.element_of();
    auto binary = [this, t, d](BinaryOp op) {
      return [this, t, d, op] { return Binary::make(op, expr(t, d), expr(t, d)); };
    };
    if (!t.is_bool()) {
      for (BinaryOp op : {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div, BinaryOp::Mod,
                          BinaryOp::Min, BinaryOp::Max})
        options.push_back(binary(op));
      options.push_back([this, t, d] { return Unary::make(UnaryOp::Neg, expr(t, d)); });
    }
    if (t.is_int() || t.is_bool())
      for (BinaryOp op : {BinaryOp::BitAnd, BinaryOp::BitOr, BinaryOp::BitXor})
        options.push_back(binary(op));
    if (t.is_int()) {
      options.push_back(binary(BinaryOp::Shl));
      options.push_back(binary(BinaryOp::Shr));
      options.push_back([this, t, d] { return Unary::make(UnaryOp::BitNot, expr(t, d)); });
    }
    if (t.is_bool()) {
      options.push_back(binary(BinaryOp::And));
      options.push_back(binary(BinaryOp::Or));
      options.push_back([this, t, d] { return Unary::make(UnaryOp::Not, expr(t, d)); });
      for (int i = 0; i < 3; ++i)
        options.push_back([this, t, d] {
          auto op = static_cast<BinaryOp>(static_cast<int>(BinaryOp::EQ) + pick(6));
          Type operand = scalar_type().with_lanes(t.lanes);
          if (operand.is_bool() && op != BinaryOp::EQ && op != BinaryOp::NE)
            operand = Type::i32(t.lanes);
          return Binary::make(op, expr(operand, d), expr(operand, d));
        });
    }
    options.push_back([this, t, d] {
      Type condition = chance(0.5) ? Type::boolean() : Type::boolean(t.lanes);
      return Select::make(expr(condition, d), expr(t, d), expr(t, d));
    });
    options.push_back(
        [this, t, d] { return Cast::make(t, expr(scalar_type().with_lanes(t.lanes), d)); });
    for (const Buffer& b : buffers_)
      if (b.dtype == element) {
        Buffer buffer = b;
        options.push_back([this, t, d, buffer] {
          return Load::make(t, buffer.name, indices(buffer, t.lanes, d));
        });
      }
    if (t.is_vector()) {
      options.push_back([this, t, d] { return Broadcast::make(expr(t.element_of(), d), t.lanes); });
      if (t.is_int())
        options.push_back([this, t, d] {
          return Ramp::make(expr(t.element_of(), d), expr(t.element_of(), d), t.lanes);
        });
    }
    if (t.is_float()) {
      options.push_back([this, t, d] {
        const auto& functions = known_math_functions();
        const MathFunction& f = functions[pick(functions.size())];
        std::vector<Expr> args;
        for (int i = 0; i < f.arity; ++i)
          args.push_back(expr(t, d));
        return Call::make(t, std::string(f.name), std::move(args));
      });
    }
    if (t.is_scalar()) {
      if (t.is_int())
        options.push_back(
            [this, t] { return Hole::make_range(t, fresh("h"), immediate(t), immediate(t)); });
      options.push_back([this, t] {
        std::vector<Expr> choices;
        for (std::size_t i = 0, n = 1 + pick(3); i < n; ++i)
          choices.push_back(immediate(t));
        return Hole::make_choice(t, fresh("h"), std::move(choices));
      });
    }
  }

  Expr index(int depth) { return expr(chance(0.8) ? Type::i32() : int_type(), depth); }

  // Indices for `buffer`; with lanes > 1, one of them is a ramp of that many lanes.
  std::vector<Expr> indices(const Buffer& buffer, std::uint16_t lanes, int depth) {
    std::vector<Expr> result;
    std::size_t vector_dim = pick(buffer.shape.size());
    for (std::size_t i = 0; i < buffer.shape.size(); ++i) {
      if (lanes > 1 && i == vector_dim) {
        Type t = chance(0.8) ? Type::i32() : int_type();
        result.push_back(Ramp::make(expr(t, depth), expr(t, depth), lanes));
      } else {
        result.push_back(index(depth));
      }
    }
    return result;
  }

  // ---- statements ------------------------------------------------------------------------------

  Stmt leaf_stmt() {
    int d = options_.max_expression_depth;
    switch (pick(buffers_.empty() ? 2 : 5)) {
    case 0:
      return Barrier::make(pick_from(barrier_scope_spellings));
    case 1: {
      std::vector<Expr> args;
      for (std::size_t i = 0, n = pick(4); i < n; ++i) {
        if (!buffers_.empty() && chance(0.5)) {
          const Buffer& b = buffers_[pick(buffers_.size())];
          args.push_back(Address::make(b.dtype, b.name, indices(b, 1, d - 1)));
        } else {
          args.push_back(expr(any_type(), d - 1));
        }
      }
      return IntrinsicCall::make(targets[pick(targets.size())],
                                 intrinsic_names[pick(intrinsic_names.size())], std::move(args));
    }
    case 2: {
      Buffer b = buffers_[pick(buffers_.size())];
      std::vector<BinaryOp> ops;
      if (!b.dtype.is_bool())
        ops.insert(ops.end(), {BinaryOp::Add, BinaryOp::Sub, BinaryOp::Min, BinaryOp::Max});
      if (b.dtype.is_int() || b.dtype.is_bool())
        ops.insert(ops.end(), {BinaryOp::BitAnd, BinaryOp::BitOr, BinaryOp::BitXor});
      return Atomic::make(ops[pick(ops.size())], b.name, indices(b, 1, d - 1), expr(b.dtype, d));
    }
    default: {
      Buffer b = buffers_[pick(buffers_.size())];
      std::uint16_t lanes = lane_choices[pick(lane_choices.size())];
      return Store::make(b.name, indices(b, lanes, d - 1), expr(b.dtype.with_lanes(lanes), d));
    }
    }
  }

  Stmt stmt(int depth) {
    if (depth <= 0)
      return leaf_stmt();
    int d = options_.max_expression_depth;
    switch (pick(8)) {
    case 0: {
      Type t = chance(0.85) ? Type::i32() : Type::i64();
      Expr min = chance(0.5) ? IntImm::make(t, 0) : expr(t, d - 1);
      Expr extent = expr(t, d - 1);
      ForKind kind = pick_from(for_kind_spellings);
      HardwareAxis axis = HardwareAxis::None;
      while (kind == ForKind::Bound && axis == HardwareAxis::None)
        axis = pick_from(hardware_axis_spellings);
      std::string var = fresh("i");
      vars_.emplace_back(var, t);
      Stmt body = stmt(depth - 1);
      vars_.pop_back();
      return For::make(var, min, extent, kind, axis, body);
    }
    case 1: {
      Expr condition = expr(Type::boolean(), d);
      Stmt then_case = stmt(depth - 1);
      return IfThenElse::make(condition, then_case, chance(0.5) ? stmt(depth - 1) : Stmt());
    }
    case 2: {
      std::string name = fresh("v");
      Expr value = expr(any_type(), d);
      vars_.emplace_back(name, value.type());
      Stmt body = stmt(depth - 1);
      vars_.pop_back();
      return LetStmt::make(name, value, body);
    }
    case 3:
    case 4: {
      std::vector<Stmt> stmts;
      for (std::size_t i = 0, n = pick(4); i < n; ++i)
        stmts.push_back(stmt(depth - 1));
      return Block::make(std::move(stmts));
    }
    case 5: {
      MemoryScope scope = MemoryScope::Global;
      while (scope == MemoryScope::Global || scope == MemoryScope::Gdram)
        scope = pick_from(memory_scope_spellings);
      Buffer buffer = Buffer::make(fresh("S"), scalar_type(), shape(), scope);
      buffers_.push_back(buffer);
      Stmt body = stmt(depth - 1);
      buffers_.pop_back();
      return Allocate::make(buffer, body);
    }
    default:
      return leaf_stmt();
    }
  }

  std::vector<Expr> shape() {
    std::vector<Expr> extents;
    for (std::size_t i = 0, rank = 1 + pick(3); i < rank; ++i) {
      std::vector<Expr> candidates = {
          IntImm::make(Type::i32(), static_cast<std::int64_t>(1 + pick(64))),
          IntImm::make(Type::i64(), static_cast<std::int64_t>(1 + pick(64)))};
      for (const auto& [name, type] : vars_)
        if (type.is_int() && type.is_scalar())
          candidates.push_back(Var::make(type, name));
      extents.push_back(candidates[pick(candidates.size())]);
    }
    return extents;
  }

  Kernel kernel() {
    vars_.clear();
    buffers_.clear();
    std::vector<Param> params;
    for (std::size_t i = 0, n = 1 + pick(2); i < n; ++i) {
      Type t = chance(0.7) ? int_type() : any_type();
      std::string name = fresh("n");
      params.emplace_back(ScalarParam{name, t});
      vars_.emplace_back(name, t);
    }
    for (std::size_t i = 0, n = 1 + pick(3); i < n; ++i) {
      Buffer b =
          Buffer::make(fresh("A"), scalar_type(), shape(), pick_from(memory_scope_spellings));
      // Anywhere in the list: a buffer's shape may name a scalar parameter declared after it.
      params.insert(params.begin() + static_cast<std::ptrdiff_t>(pick(params.size() + 1)), b);
      buffers_.push_back(b);
    }
    Stmt body = stmt(options_.max_statement_depth);
    return Kernel::make(fresh("k"), std::move(params), body);
  }
};

} // namespace

Module random_module(std::uint64_t seed, const RandomIROptions& options) {
  return Generator(seed, options).module();
}

} // namespace xir::testing
