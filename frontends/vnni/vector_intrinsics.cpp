#include "vector_intrinsics.hpp"

#include <functional>
#include <map>
#include <string>

#include "../common/host_entry_lifter.hpp"
#include "float_bits.hpp"

namespace xir::frontend {
namespace {

constexpr int kLanes = 16;  // 512-bit registers of 32-bit lanes

Expr bin(BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); }
Expr splat(Expr scalar) { return Broadcast::make(std::move(scalar), kLanes); }
Expr splat_int(std::int64_t v) { return splat(make_int(v)); }
Expr splat_float(double v) { return splat(make_float(v)); }
Expr lane_ids() { return Ramp::make(make_int(0), make_int(1), kLanes); }

/// Lifted arguments of one intrinsic call, with the checks every intrinsic needs.
struct Args {
  FunctionLifter& lifter;
  const clang::CallExpr* call;
  std::string name;

  [[noreturn]] void reject(const std::string& what) const { lifter.unsupported(call, "`" + name + "` with " + what); }

  Expr vector(unsigned i, Type type) const {
    Expr v = lifter.lift_expr(call->getArg(i));
    if (v.type() != type) reject("an operand of type " + to_string(v.type()) + " (expected " + to_string(type) + ")");
    return v;
  }
  Expr f32(unsigned i) const { return vector(i, Type::f32(kLanes)); }
  Expr i32(unsigned i) const { return vector(i, Type::i32(kLanes)); }
  Expr scalar(unsigned i, Type type) const { return lifter.lift_expr_as(call->getArg(i), type); }
  std::int64_t immediate(unsigned i) const {
    Expr v = scalar(i, Type::i32());
    const std::int64_t* c = as_const_int(v);
    if (!c) reject("an immediate operand that is not a compile-time constant");
    return *c;
  }
  /// A `void*` operand: the typed pointer under the implicit conversion.
  PointerBinding pointer(unsigned i) const { return lifter.lift_pointer(call->getArg(i)->IgnoreParenImpCasts()); }
  /// Lane l of a __mmask16 operand as a bool vector; nullopt when every lane is set.
  std::optional<Expr> mask(unsigned i) const {
    Expr m = scalar(i, Type::i32());
    if (const std::int64_t* c = as_const_int(m); c && (*c & 0xFFFF) == 0xFFFF) return std::nullopt;
    Expr bits = bin(BinaryOp::BitAnd, bin(BinaryOp::Shr, splat(m), lane_ids()), splat_int(1));
    return bin(BinaryOp::NE, bits, splat_int(0));
  }
};

Expr masked(const std::optional<Expr>& mask, Expr on, Expr off) {
  return mask ? Select::make(*mask, std::move(on), std::move(off)) : on;
}

// 16 consecutive elements from p, read as `lane` values (the buffer's elements must be of that type).
Expr load_lanes(const Args& a, const PointerBinding& p, Type lane) {
  if (p.element != lane) a.reject("a pointer to " + to_string(p.element) + " elements (expected " + to_string(lane) + ")");
  Type offset = p.offset.type();
  return Load::make(lane.with_lanes(kLanes), p.buffer, {Ramp::make(p.offset, make_int(1, offset), kLanes)});
}

// 64 bytes from p as 16 i32 lanes (little-endian), whatever the integer element type.
Expr load_words(const Args& a, const PointerBinding& p) {
  if (!p.element.is_int() || p.element.bytes() > 4) a.reject("a pointer to " + to_string(p.element) + " elements");
  const int parts = 4 / p.element.bytes();
  Type offset = p.offset.type();
  Expr word;
  for (int k = 0; k < parts; ++k) {
    Expr base = bin(BinaryOp::Add, p.offset, make_int(k, offset));
    Expr part = Load::make(p.element.with_lanes(kLanes), p.buffer, {Ramp::make(base, make_int(parts, offset), kLanes)});
    if (parts > 1) {
      Type unsigned_part = p.element.bytes() == 1 ? Type::u8(kLanes) : Type::u16(kLanes);
      part = Cast::make(Type::i32(kLanes), Cast::make(unsigned_part, part));
      part = bin(BinaryOp::Shl, part, splat_int(8 * p.element.bytes() * k));
    } else {
      part = Cast::make(Type::i32(kLanes), part);
    }
    word = word.defined() ? bin(BinaryOp::BitOr, word, part) : part;
  }
  return word;
}

// `v` written to a fresh per-thread scratch of its lanes, so lanes can be read one by one.
std::string spill(FunctionLifter& lifter, const Expr& v) {
  const std::string name = lifter.fresh_name("lanes");
  lifter.per_thread_buffers().push_back(value_slot(name, v.type()));
  lifter.pending_statements().push_back(Store::make(name, {slot_index(v.type())}, v));
  return name;
}

Expr lane_of(const std::string& scratch, Type element, int lane) { return Load::make(element, scratch, {make_int(lane)}); }

// Pairwise tree over the lanes: lane i with lane i + 8, then i + 4, i + 2, i + 1.
Expr reduce(FunctionLifter& lifter, const Expr& v, BinaryOp op) {
  const std::string scratch = spill(lifter, v);
  std::vector<Expr> values;
  for (int l = 0; l < v.type().lanes; ++l) values.push_back(lane_of(scratch, v.type().element_of(), l));
  while (values.size() > 1) {
    const std::size_t half = values.size() / 2;
    std::vector<Expr> next;
    for (std::size_t i = 0; i < half; ++i) next.push_back(bin(op, values[i], values[i + half]));
    values = std::move(next);
  }
  return values.front();
}

// A bool vector packed into a __mmask16 (bit l = lane l).
Expr pack_mask(FunctionLifter& lifter, const Expr& lanes) {
  Expr bits = Select::make(lanes, bin(BinaryOp::Shl, splat_int(1), lane_ids()), splat_int(0));
  return Cast::make(Type::u16(), reduce(lifter, bits, BinaryOp::BitOr));
}

// A __m512bh operand: its 32-bit words of two bf16 (the stand-in header's lane type).
Expr bf16_pairs(const Args& a, unsigned i) {
  Expr v = a.lifter.lift_expr(a.call->getArg(i));
  if (v.type() != Type::i32(kLanes)) a.reject("a bf16 operand that is not a vector of 32-bit words");
  return v;
}

BinaryOp comparison(const Args& a, std::int64_t predicate, bool integer) {
  static const std::map<std::int64_t, BinaryOp> float_predicates = {
      {0x00, BinaryOp::EQ}, {0x01, BinaryOp::LT}, {0x02, BinaryOp::LE}, {0x04, BinaryOp::NE}, {0x05, BinaryOp::GE},
      {0x06, BinaryOp::GT}, {0x0c, BinaryOp::NE}, {0x0d, BinaryOp::GE}, {0x0e, BinaryOp::GT}, {0x11, BinaryOp::LT},
      {0x12, BinaryOp::LE}, {0x1d, BinaryOp::GE}, {0x1e, BinaryOp::GT}};
  static const std::map<std::int64_t, BinaryOp> int_predicates = {
      {0, BinaryOp::EQ}, {1, BinaryOp::LT}, {2, BinaryOp::LE}, {4, BinaryOp::NE}, {5, BinaryOp::GE}, {6, BinaryOp::GT}};
  const auto& table = integer ? int_predicates : float_predicates;
  auto it = table.find(predicate);
  if (it == table.end()) a.reject("the comparison predicate " + std::to_string(predicate));
  return it->second;
}

Expr round_lanes(const Args& a, const Expr& x, std::int64_t imm) {
  if ((imm >> 4) != 0) a.reject("a scale other than 0");
  static const char* functions[4] = {"round", "floor", "ceil", "trunc"};
  const int mode = (imm & 0x4) ? 0 : static_cast<int>(imm & 0x3);  // current direction: nearest
  return Call::make(x.type(), functions[mode], {x});
}

using Lowering = std::function<Expr(const Args&)>;

const std::map<std::string, Lowering>& value_intrinsics() {
  static const std::map<std::string, Lowering> table = [] {
    std::map<std::string, Lowering> t;
    const Type f32 = Type::f32(kLanes), i32 = Type::i32(kLanes);
    // Lane-wise binary operators.
    const std::pair<const char*, BinaryOp> float_ops[] = {{"add", BinaryOp::Add}, {"sub", BinaryOp::Sub},
                                                          {"mul", BinaryOp::Mul}, {"div", BinaryOp::Div},
                                                          {"max", BinaryOp::Max}, {"min", BinaryOp::Min}};
    // (Plain copies, not structured bindings: clang 14 cannot capture those in a lambda.)
    for (const auto& entry : float_ops) {
      const std::string op_name = entry.first;
      const BinaryOp op = entry.second;
      t[std::string("_mm512_") + op_name + "_ps"] = [op](const Args& a) { return bin(op, a.f32(0), a.f32(1)); };
      t[std::string("_mm512_maskz_") + op_name + "_ps"] = [op](const Args& a) {
        return masked(a.mask(0), bin(op, a.f32(1), a.f32(2)), splat_float(0));
      };
    }
    const std::pair<const char*, BinaryOp> int_ops[] = {
        {"_mm512_add_epi32", BinaryOp::Add}, {"_mm512_sub_epi32", BinaryOp::Sub}, {"_mm512_mullo_epi32", BinaryOp::Mul},
        {"_mm512_max_epi32", BinaryOp::Max}, {"_mm512_min_epi32", BinaryOp::Min}, {"_mm512_and_si512", BinaryOp::BitAnd},
        {"_mm512_or_si512", BinaryOp::BitOr}, {"_mm512_xor_si512", BinaryOp::BitXor}};
    for (const auto& entry : int_ops) {
      const BinaryOp op = entry.second;
      t[entry.first] = [op](const Args& a) { return bin(op, a.i32(0), a.i32(1)); };
    }
    // Fused multiply-adds round once, like the instructions.
    t["_mm512_fmadd_ps"] = [f32](const Args& a) { return Call::make(f32, "fma", {a.f32(0), a.f32(1), a.f32(2)}); };
    t["_mm512_fmsub_ps"] = [f32](const Args& a) {
      return Call::make(f32, "fma", {a.f32(0), a.f32(1), Unary::make(UnaryOp::Neg, a.f32(2))});
    };
    t["_mm512_fnmadd_ps"] = [f32](const Args& a) {
      return Call::make(f32, "fma", {Unary::make(UnaryOp::Neg, a.f32(0)), a.f32(1), a.f32(2)});
    };
    t["_mm512_sqrt_ps"] = [f32](const Args& a) { return Call::make(f32, "sqrt", {a.f32(0)}); };
    t["_mm512_abs_ps"] = [f32](const Args& a) { return Call::make(f32, "abs", {a.f32(0)}); };
    t["_mm512_roundscale_ps"] = [](const Args& a) { return round_lanes(a, a.f32(0), a.immediate(1)); };
    t["_mm512_scalef_ps"] = [f32](const Args& a) {
      return bin(BinaryOp::Mul, a.f32(0), Call::make(f32, "exp2", {Call::make(f32, "floor", {a.f32(1)})}));
    };
    t["_mm512_slli_epi32"] = [](const Args& a) {
      return bin(BinaryOp::Shl, a.i32(0), splat_int(a.immediate(1) & 31));
    };
    t["_mm512_srli_epi32"] = [i32](const Args& a) {
      Expr u = Cast::make(Type::u32(kLanes), a.i32(0));
      return Cast::make(i32, bin(BinaryOp::Shr, u, splat(make_int(a.immediate(1) & 31, Type::u32()))));
    };
    // Construction.
    t["_mm512_setzero_ps"] = [](const Args&) { return splat_float(0); };
    t["_mm512_set1_ps"] = [](const Args& a) { return splat(a.scalar(0, Type::f32())); };
    t["_mm512_setzero_si512"] = [](const Args&) { return splat_int(0); };
    t["_mm512_set1_epi32"] = [](const Args& a) { return splat(a.scalar(0, Type::i32())); };
    t["_mm512_set_epi32"] = [i32](const Args& a) {
      const std::string scratch = a.lifter.fresh_name("lanes");
      a.lifter.per_thread_buffers().push_back(value_slot(scratch, i32));
      for (int l = 0; l < kLanes; ++l)
        a.lifter.pending_statements().push_back(
            Store::make(scratch, {make_int(l)}, a.scalar(static_cast<unsigned>(kLanes - 1 - l), Type::i32())));
      return Load::make(i32, scratch, {slot_index(i32)});
    };
    // Masks.
    t["_mm512_maskz_mov_ps"] = [](const Args& a) { return masked(a.mask(0), a.f32(1), splat_float(0)); };
    t["_mm512_mask_mov_ps"] = [](const Args& a) { return masked(a.mask(1), a.f32(2), a.f32(0)); };
    t["_mm512_mask_blend_ps"] = [](const Args& a) { return masked(a.mask(0), a.f32(2), a.f32(1)); };
    t["_mm512_cmp_ps_mask"] = [](const Args& a) {
      return pack_mask(a.lifter, bin(comparison(a, a.immediate(2), false), a.f32(0), a.f32(1)));
    };
    t["_mm512_cmp_epi32_mask"] = [](const Args& a) {
      const std::int64_t predicate = a.immediate(2);
      if (predicate == 3 || predicate == 7) return make_int(predicate == 7 ? 0xFFFF : 0, Type::u16());
      return pack_mask(a.lifter, bin(comparison(a, predicate, true), a.i32(0), a.i32(1)));
    };
    // Horizontal reductions.
    t["_mm512_reduce_add_ps"] = [](const Args& a) { return reduce(a.lifter, a.f32(0), BinaryOp::Add); };
    t["_mm512_reduce_max_ps"] = [](const Args& a) { return reduce(a.lifter, a.f32(0), BinaryOp::Max); };
    t["_mm512_reduce_min_ps"] = [](const Args& a) { return reduce(a.lifter, a.f32(0), BinaryOp::Min); };
    t["_mm512_reduce_add_epi32"] = [](const Args& a) { return reduce(a.lifter, a.i32(0), BinaryOp::Add); };
    // Memory.
    t["_mm512_loadu_ps"] = [](const Args& a) { return load_lanes(a, a.pointer(0), Type::f32()); };
    t["_mm512_maskz_loadu_ps"] = [](const Args& a) {
      return masked(a.mask(0), load_lanes(a, a.pointer(1), Type::f32()), splat_float(0));
    };
    t["_mm512_mask_loadu_ps"] = [](const Args& a) {
      return masked(a.mask(1), load_lanes(a, a.pointer(2), Type::f32()), a.f32(0));
    };
    t["_mm512_loadu_si512"] = [](const Args& a) { return load_words(a, a.pointer(0)); };
    t["_mm512_maskz_loadu_epi32"] = [](const Args& a) {
      PointerBinding p = a.pointer(1);
      if (p.element.bytes() != 4) a.reject("a pointer to " + to_string(p.element) + " elements");
      return masked(a.mask(0), load_words(a, p), splat_int(0));
    };
    t["_mm256_maskz_loadu_epi16"] = [](const Args& a) {
      PointerBinding p = a.pointer(1);
      if (!p.element.is_int() || p.element.bytes() != 2) a.reject("a pointer to " + to_string(p.element) + " elements");
      Expr halves = Cast::make(Type::i16(kLanes), load_lanes(a, p, p.element));
      return masked(a.mask(0), halves, Broadcast::make(make_int(0, Type::i16()), kLanes));
    };
    const auto gather = [](const Args& a, unsigned first, Expr source, std::optional<Expr> mask) {
      Expr index = a.i32(first);
      PointerBinding p = a.pointer(first + 1);
      if (p.element != Type::f32() || a.immediate(first + 2) != 4) a.reject("a base other than f32 elements of scale 4");
      Type offset = p.offset.type();
      Expr at = bin(BinaryOp::Add, Broadcast::make(p.offset, kLanes), Cast::make(offset.with_lanes(kLanes), index));
      return masked(mask, Load::make(Type::f32(kLanes), p.buffer, {at}), std::move(source));
    };
    t["_mm512_mask_i32gather_ps"] = [gather](const Args& a) { return gather(a, 2, a.f32(0), a.mask(1)); };
    t["_mm512_i32gather_ps"] = [gather](const Args& a) { return gather(a, 0, splat_float(0), std::nullopt); };
    // Conversions.
    t["_mm512_cvtps_epi32"] = [i32](const Args& a) { return Cast::make(i32, round_lanes(a, a.f32(0), 0)); };
    t["_mm512_cvttps_epi32"] = [i32](const Args& a) { return Cast::make(i32, a.f32(0)); };
    t["_mm512_cvtepi32_ps"] = [f32](const Args& a) { return Cast::make(f32, a.i32(0)); };
    t["_mm512_castps_si512"] = [](const Args& a) {
      // The operand is read several times: evaluate it once.
      const std::string scratch = spill(a.lifter, a.f32(0));
      return encode_f32_bits(Load::make(Type::f32(kLanes), scratch, {slot_index(Type::f32(kLanes))}));
    };
    t["_mm512_castsi512_ps"] = [](const Args& a) {
      const std::string scratch = spill(a.lifter, a.i32(0));
      return decode_float_bits(Load::make(Type::i32(kLanes), scratch, {slot_index(Type::i32(kLanes))}), 23, 8, 127);
    };
    t["_mm512_cvtph_ps"] = [i32](const Args& a) {
      Expr halves = a.vector(0, Type::i16(kLanes));
      return decode_float_bits(Cast::make(i32, Cast::make(Type::u16(kLanes), halves)), 10, 5, 15);
    };
    // Dot products. dpbusd: four u8 x s8 products per 32-bit lane added to the lane (wrapping).
    t["_mm512_dpbusd_epi32"] = [](const Args& a) {
      Expr sum = a.i32(0), u = a.i32(1), s = a.i32(2);
      for (int k = 0; k < 4; ++k) {
        Expr unsigned_byte = bin(BinaryOp::BitAnd, bin(BinaryOp::Shr, u, splat_int(8 * k)), splat_int(0xFF));
        Expr signed_byte = bin(BinaryOp::Shr, bin(BinaryOp::Shl, s, splat_int(24 - 8 * k)), splat_int(24));
        sum = bin(BinaryOp::Add, sum, bin(BinaryOp::Mul, unsigned_byte, signed_byte));
      }
      return sum;
    };
    // dpbf16: two bf16 x bf16 products per f32 lane (exact in f32), the odd pair first.
    t["_mm512_dpbf16_ps"] = [](const Args& a) {
      Expr sum = a.f32(0), x = bf16_pairs(a, 1), y = bf16_pairs(a, 2);
      for (int half : {1, 0}) {
        const auto part = [half](const Expr& w) {
          return decode_float_bits(bin(BinaryOp::Shr, w, splat_int(16 * half)), 7, 8, 127);
        };
        sum = bin(BinaryOp::Add, sum, bin(BinaryOp::Mul, part(x), part(y)));
      }
      return sum;
    };
    return t;
  }();
  return table;
}

// Writes the lanes of `value` whose mask bit is set, one scalar store per lane.
Stmt masked_store(FunctionLifter& lifter, const PointerBinding& p, const Expr& mask, const Expr& value) {
  const std::string scratch = spill(lifter, value);
  const std::string lane = lifter.fresh_name("lane");
  Expr l = Var::make(Type::i32(), lane);
  Expr bit = bin(BinaryOp::BitAnd, bin(BinaryOp::Shr, mask, l), make_int(1));
  Type offset = p.offset.type();
  Expr at = bin(BinaryOp::Add, p.offset, offset == Type::i32() ? l : Cast::make(offset, l));
  Stmt store = Store::make(p.buffer, {at}, Load::make(p.element, scratch, {l}));
  return For::make(lane, make_int(0), make_int(kLanes), ForKind::Serial,
                   IfThenElse::make(bin(BinaryOp::NE, bit, make_int(0)), store));
}

} // namespace

std::optional<Expr> lift_vector_intrinsic(FunctionLifter& lifter, const clang::CallExpr* call) {
  const std::string name = callee_name(call);
  auto it = value_intrinsics().find(name);
  if (it == value_intrinsics().end()) {
    if (name.rfind("_mm", 0) == 0) lifter.unsupported(call, "the intrinsic `" + name + "`");
    return std::nullopt;
  }
  return it->second(Args{lifter, call, name});
}

std::optional<Stmt> lift_vector_store(FunctionLifter& lifter, const clang::CallExpr* call) {
  const std::string name = callee_name(call);
  const Args a{lifter, call, name};
  const bool is_float = name == "_mm512_storeu_ps" || name == "_mm512_mask_storeu_ps";
  if (name == "_mm512_storeu_ps" || name == "_mm512_storeu_si512") {
    PointerBinding p = a.pointer(0);
    Expr value = is_float ? a.f32(1) : a.i32(1);
    if (p.element != value.type().element_of()) a.reject("a pointer to " + to_string(p.element) + " elements");
    return Store::make(p.buffer, {Ramp::make(p.offset, make_int(1, p.offset.type()), kLanes)}, value);
  }
  if (name == "_mm512_mask_storeu_ps" || name == "_mm512_mask_storeu_epi32") {
    PointerBinding p = a.pointer(0);
    Expr value = is_float ? a.f32(2) : a.i32(2);
    if (p.element.bytes() != 4 || p.element.is_float() != is_float)
      a.reject("a pointer to " + to_string(p.element) + " elements");
    if (p.element != value.type().element_of()) value = Cast::make(p.element.with_lanes(kLanes), value);
    Expr mask = a.scalar(1, Type::i32());
    if (const std::int64_t* c = as_const_int(mask); c && (*c & 0xFFFF) == 0xFFFF)
      return Store::make(p.buffer, {Ramp::make(p.offset, make_int(1, p.offset.type()), kLanes)}, value);
    // The statement lifter puts the spill (a pending statement) before the store.
    return masked_store(lifter, p, mask, value);
  }
  return std::nullopt;
}

} // namespace xir::frontend
