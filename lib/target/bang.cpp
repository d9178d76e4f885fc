// Cambricon MLU370 (mtp_372) and MLU590 (mtp_592): capacities from DIALECTS.md 1.2, semantics of
// the intrinsics from DIALECTS.md 1.4-1.9 (copies and division in bang_copies.cpp, bang_division.cpp).
#include <array>
#include <cmath>
#include <functional>
#include <tuple>

#include "bang_table.hpp"
#include "xir/target/bang.hpp"

namespace xir::bang {
namespace {

using enum MemcpyDirection;
constexpr std::array<MemcpyDirectionInfo, 15> directions{{
    {GDRAM2NRAM, "GDRAM2NRAM", MemoryScope::Gdram, MemoryScope::Nram},
    {NRAM2GDRAM, "NRAM2GDRAM", MemoryScope::Nram, MemoryScope::Gdram},
    {GDRAM2WRAM, "GDRAM2WRAM", MemoryScope::Gdram, MemoryScope::Wram},
    {WRAM2GDRAM, "WRAM2GDRAM", MemoryScope::Wram, MemoryScope::Gdram},
    {GDRAM2SRAM, "GDRAM2SRAM", MemoryScope::Gdram, MemoryScope::Sram},
    {SRAM2GDRAM, "SRAM2GDRAM", MemoryScope::Sram, MemoryScope::Gdram},
    {SRAM2NRAM, "SRAM2NRAM", MemoryScope::Sram, MemoryScope::Nram},
    {NRAM2SRAM, "NRAM2SRAM", MemoryScope::Nram, MemoryScope::Sram},
    {SRAM2WRAM, "SRAM2WRAM", MemoryScope::Sram, MemoryScope::Wram},
    {WRAM2SRAM, "WRAM2SRAM", MemoryScope::Wram, MemoryScope::Sram},
    {NRAM2NRAM, "NRAM2NRAM", MemoryScope::Nram, MemoryScope::Nram},
    {NRAM2WRAM, "NRAM2WRAM", MemoryScope::Nram, MemoryScope::Wram},
    {WRAM2NRAM, "WRAM2NRAM", MemoryScope::Wram, MemoryScope::Nram},
    {GDRAM2GDRAM, "GDRAM2GDRAM", MemoryScope::Gdram, MemoryScope::Gdram},
    {SRAM2SRAM, "SRAM2SRAM", MemoryScope::Sram, MemoryScope::Sram},
}};

} // namespace

std::optional<MemcpyDirectionInfo> memcpy_direction(std::int64_t value) {
  for (const MemcpyDirectionInfo& d : directions)
    if (static_cast<std::int64_t>(d.direction) == value)
      return d;
  return std::nullopt;
}

std::optional<MemcpyDirectionInfo> memcpy_direction(std::string_view spelling) {
  for (const MemcpyDirectionInfo& d : directions)
    if (d.spelling == spelling)
      return d;
  return std::nullopt;
}

} // namespace xir::bang

namespace xir::target_detail {
namespace {

constexpr std::int64_t kib = 1024;
using namespace bang_table;

Stmt memcpy_semantics(const IntrinsicOperands& ops) {
  check_copy_operands(ops, 3);
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& src = ops.address(1);
  const int element_bytes = dst.element_type().bytes();
  const bool touches_wram =
      dst.buffer().scope == MemoryScope::Wram || src.buffer().scope == MemoryScope::Wram;
  if (auto size = constant_integer(ops.scalar(2)); size && touches_wram && *size % 16 != 0)
    throw IRError("__memcpy: a 1-D copy to or from WRAM needs a size that is a multiple of 16 "
                  "bytes (3xx/5xx), not " +
                  std::to_string(*size));
  if (const std::int64_t* size = as_const_int(ops.scalar(2)); size && *size % element_bytes != 0)
    throw IRError("__memcpy: size " + std::to_string(*size) + " bytes is not a whole number of " +
                  to_string(dst.element_type()) + " elements");
  Expr elements = Binary::make(BinaryOp::Div, ops.count(2), make_int(element_bytes));
  return serial_loop(ops, "i", elements, [&](const Expr& i) { return dst.store(i, src.load(i)); });
}

// d[i] = a[i] op b[i] for i < n.
IntrinsicSemantics elementwise(BinaryOp op) {
  return [op](const IntrinsicOperands& ops) {
    const AddressOperand& d = ops.address(0);
    const AddressOperand& a = ops.address(1);
    const AddressOperand& b = ops.address(2);
    return serial_loop(ops, "i", ops.count(3), [&](const Expr& i) {
      return d.store(i, Binary::make(op, a.load(i), b.load(i)));
    });
  };
}

// d[i] = a[i] op v for i < n.
IntrinsicSemantics elementwise_scalar(BinaryOp op) {
  return [op](const IntrinsicOperands& ops) {
    const AddressOperand& d = ops.address(0);
    const AddressOperand& a = ops.address(1);
    Expr v = ops.scalar(2);
    if (v.type() != a.element_type())
      v = Cast::make(a.element_type(), v);
    return serial_loop(ops, "i", ops.count(3),
                       [&](const Expr& i) { return d.store(i, Binary::make(op, a.load(i), v)); });
  };
}

Expr zero_of(Type t) {
  return t.is_float() ? make_float(0.0, t) : make_int(0, t);
}

Stmt active_relu_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  const AddressOperand& s = ops.address(1);
  return serial_loop(ops, "i", ops.count(2), [&](const Expr& i) {
    return d.store(i, Binary::make(BinaryOp::Max, s.load(i), zero_of(s.element_type())));
  });
}

Stmt write_zero_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  return serial_loop(ops, "i", ops.count(1),
                     [&](const Expr& i) { return d.store(i, zero_of(d.element_type())); });
}

// Per 128-byte block b: d[b*E] = sum of s[b*E .. b*E+E-1], E = 128 / sizeof(T); the other elements
// of d are unchanged (3xx behaviour).
Stmt reduce_sum_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  const AddressOperand& s = ops.address(1);
  if (d.element_type() != s.element_type())
    throw IRError("__bang_reduce_sum: dst and src types differ");
  const int per_block = 128 / s.element_type().bytes();
  Expr blocks = Binary::make(BinaryOp::Div, ops.count(2), make_int(per_block));
  return serial_loop(ops, "b", blocks, [&](const Expr& b) {
    Expr first = Binary::make(BinaryOp::Mul, b, make_int(per_block));
    Stmt init = d.store(first, s.load(first));
    Stmt accumulate = serial_loop(ops, "e", make_int(per_block - 1), [&](const Expr& e) {
      Expr at = Binary::make(BinaryOp::Add, first, Binary::make(BinaryOp::Add, e, make_int(1)));
      return d.store(first, Binary::make(BinaryOp::Add, d.load(first), s.load(at)));
    });
    return Block::make({init, accumulate});
  });
}

// d[j*h + i] = s[i*w + j]: s is h x w, d is w x h.
Stmt transpose_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  const AddressOperand& s = ops.address(1);
  Expr h = ops.count(2), w = ops.count(3);
  return serial_loop(ops, "i", h, [&](const Expr& i) {
    return serial_loop(ops, "j", w, [&](const Expr& j) {
      Expr to = Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, j, h), i);
      Expr from = Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, i, w), j);
      return d.store(to, s.load(from));
    });
  });
}

// dst[m*N + n] = sum_k src0[m*K + k] * src1[n*K + k] (+ src2[m*N + n]), accumulated in the dst
// type; src1 (WRAM) holds B transposed, N rows of K. dst may be src2: each element of src2 is read
// once, before its dst element is written.
IntrinsicSemantics matmul_semantics(bool with_src2) {
  return [with_src2](const IntrinsicOperands& ops) {
    const AddressOperand& dst = ops.address(0);
    const AddressOperand& a = ops.address(1);
    const AddressOperand& b = ops.address(2);
    const std::size_t first = with_src2 ? 4 : 3;
    Expr M = ops.count(first), K = ops.count(first + 1), N = ops.count(first + 2);
    Type acc = dst.element_type();
    auto widen = [&](Expr e) { return e.type() == acc ? e : Cast::make(acc, e); };
    return serial_loop(ops, "m", M, [&](const Expr& m) {
      return serial_loop(ops, "n", N, [&](const Expr& n) {
        Expr out = Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, m, N), n);
        Stmt init = dst.store(out, with_src2 ? widen(ops.address(3).load(out)) : zero_of(acc));
        Stmt sum = serial_loop(ops, "k", K, [&](const Expr& k) {
          Expr x = widen(a.load(Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, m, K), k)));
          Expr y = widen(b.load(Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, n, K), k)));
          return dst.store(
              out, Binary::make(BinaryOp::Add, dst.load(out), Binary::make(BinaryOp::Mul, x, y)));
        });
        return Block::make({init, sum});
      });
    });
  };
}

// 2-D form: for s <= segnum, copy size bytes from src + s * src_stride to dst + s * dst_stride
// (segnum is the segment count minus one; dst_stride comes before src_stride).
Stmt memcpy_2d_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& src = ops.address(1);
  check_copy_operands(ops, 3);
  check_stride_covers_segment(ops, 2, 4);
  if (auto stride = constant_integer(ops.scalar(4));
      stride && *stride % 8 != 0 &&
      (dst.buffer().scope == MemoryScope::Wram || src.buffer().scope == MemoryScope::Wram))
    throw IRError("__memcpy: a 2-D copy touching WRAM needs a dst_stride that is a multiple of 8 "
                  "bytes, not " +
                  std::to_string(*stride));
  Type t = dst.element_type();
  Expr elements = bytes_to_elements("__memcpy", ops.count(2), t, "size");
  Expr dst_stride = bytes_to_elements("__memcpy", ops.count(4), t, "dst_stride");
  Expr src_stride = bytes_to_elements("__memcpy", ops.count(5), t, "src_stride");
  Expr segments = add(ops.count(6), make_int(1));
  return serial_loop(ops, "seg", segments, [&](const Expr& seg) {
    return serial_loop(ops, "i", elements, [&](const Expr& i) {
      return dst.store(add(mul(seg, dst_stride), i), src.load(add(mul(seg, src_stride), i)));
    });
  });
}

// d[i] = f(a[i]) for the accurate element-wise functions.
IntrinsicSemantics elementwise_call(const char* function) {
  return [function](const IntrinsicOperands& ops) {
    const AddressOperand& d = ops.address(0);
    const AddressOperand& a = ops.address(1);
    return serial_loop(ops, "i", ops.count(2), [&](const Expr& i) {
      return d.store(i, Call::make(a.element_type(), function, {a.load(i)}));
    });
  };
}

// +1 where s[i] >= 0 (both zeros included), else -1.
Stmt active_sign_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  const AddressOperand& s = ops.address(1);
  Type t = s.element_type();
  return serial_loop(ops, "i", ops.count(2), [&](const Expr& i) {
    return d.store(i, Select::make(Binary::make(BinaryOp::GE, s.load(i), make_float(0.0, t)),
                                   make_float(1.0, t), make_float(-1.0, t)));
  });
}

Stmt write_value_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  Expr value = ops.scalar(2);
  if (value.type() != d.element_type())
    value = Cast::make(d.element_type(), value);
  return serial_loop(ops, "i", ops.count(1), [&](const Expr& i) { return d.store(i, value); });
}

// The WRAM layout is undocumented; the simulator convention (DIALECTS.md 1.9) reads it as the
// logical layout, so reshaping copies n*h*w*c elements unchanged.
Stmt reshape_filter_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& d = ops.address(0);
  const AddressOperand& s = ops.address(1);
  Expr count = mul(mul(ops.count(2), ops.count(3)), mul(ops.count(4), ops.count(5)));
  return serial_loop(ops, "i", count, [&](const Expr& i) { return d.store(i, s.load(i)); });
}

// Pooling over an HWC tile without padding: Ho = (H - Kh) / Sh + 1, Wo likewise;
// d[(ho*Wo + wo)*C + c] = OP over kh, kw of s[((ho*Sh + kh)*W + wo*Sw + kw)*C + c]. Strides, when
// given, come width first; without them they equal the kernel size.
enum class Pool { Sum, Max, Min, Avg };
IntrinsicSemantics pool_semantics(Pool pool) {
  return [pool](const IntrinsicOperands& ops) {
    const AddressOperand& d = ops.address(0);
    const AddressOperand& s = ops.address(1);
    Type t = s.element_type();
    Expr C = ops.count(2), H = ops.count(3), W = ops.count(4), Kh = ops.count(5), Kw = ops.count(6);
    const bool strided = ops.call().args.size() == 9;
    Expr Sw = strided ? ops.count(7) : Kw, Sh = strided ? ops.count(8) : Kh;
    Expr Ho = add(div(Binary::make(BinaryOp::Sub, H, Kh), Sh), make_int(1));
    Expr Wo = add(div(Binary::make(BinaryOp::Sub, W, Kw), Sw), make_int(1));
    return serial_loop(ops, "ho", Ho, [&](const Expr& ho) {
      return serial_loop(ops, "wo", Wo, [&](const Expr& wo) {
        return serial_loop(ops, "c", C, [&](const Expr& c) {
          Expr out = add(mul(add(mul(ho, Wo), wo), C), c);
          auto tap = [&](const Expr& kh, const Expr& kw) {
            return s.load(add(mul(add(mul(add(mul(ho, Sh), kh), W), add(mul(wo, Sw), kw)), C), c));
          };
          const bool summing = pool == Pool::Sum || pool == Pool::Avg;
          Stmt init = d.store(out, summing ? make_float(0.0, t) : tap(make_int(0), make_int(0)));
          BinaryOp op = summing ? BinaryOp::Add : pool == Pool::Max ? BinaryOp::Max : BinaryOp::Min;
          Stmt taps = serial_loop(ops, "kh", Kh, [&](const Expr& kh) {
            return serial_loop(ops, "kw", Kw, [&](const Expr& kw) {
              return d.store(out, Binary::make(op, d.load(out), tap(kh, kw)));
            });
          });
          std::vector<Stmt> steps = {init, taps};
          if (pool == Pool::Avg)
            steps.push_back(
                d.store(out, Binary::make(BinaryOp::Div, d.load(out), Cast::make(t, mul(Kh, Kw)))));
          return Block::make(steps);
        });
      });
    });
  };
}

// dst[h] = sum over w of filter[h*width + w] * src[w] (+ bias[h]), accumulated in the dst type;
// the bias form takes bias before filter.
IntrinsicSemantics mlp_semantics(bool with_bias) {
  return [with_bias](const IntrinsicOperands& ops) {
    const AddressOperand& dst = ops.address(0);
    const AddressOperand& src = ops.address(1);
    const AddressOperand& filter = ops.address(with_bias ? 3 : 2);
    const std::size_t first = with_bias ? 4 : 3;
    Expr height = ops.count(first), width = ops.count(first + 1);
    Type acc = dst.element_type();
    auto widen = [&](Expr e) { return e.type() == acc ? e : Cast::make(acc, e); };
    return serial_loop(ops, "h", height, [&](const Expr& h) {
      Stmt init = dst.store(h, with_bias ? widen(ops.address(2).load(h)) : zero_of(acc));
      Stmt sum = serial_loop(ops, "w", width, [&](const Expr& w) {
        return dst.store(
            h, add(dst.load(h), mul(widen(filter.load(add(mul(h, width), w))), widen(src.load(w)))));
      });
      return Block::make({init, sum});
    });
  };
}

// d[i] = f(s[i]) for the table-based activations, f computed in f64 from s[i] and rounded to T
// once, with the documented cut-offs (DIALECTS.md 1.7).
IntrinsicSemantics activation(std::function<Expr(const Expr&)> f) {
  return [f](const IntrinsicOperands& ops) {
    const AddressOperand& d = ops.address(0);
    const AddressOperand& s = ops.address(1);
    return serial_loop(ops, "i", ops.count(2), [&](const Expr& i) {
      return d.store(i, Cast::make(d.element_type(), f(Cast::make(Type::f64(), s.load(i)))));
    });
  };
}

Expr f64(double v) {
  return make_float(v, Type::f64());
}
Expr less(Expr a, Expr b) {
  return Binary::make(BinaryOp::LT, std::move(a), std::move(b));
}
Expr greater(Expr a, Expr b) {
  return Binary::make(BinaryOp::GT, std::move(a), std::move(b));
}

constexpr double active_tiny = 5.96e-8; // the smallest half subnormal the tables return

Expr active_exp(const Expr& x) {
  return Select::make(less(x, f64(-7.75)), f64(active_tiny), Call::make(Type::f64(), "exp", {x}));
}
Expr active_sigmoid(const Expr& x) {
  return Select::make(
      less(x, f64(-7.75)), f64(0.0),
      Select::make(greater(x, f64(7.75)), f64(1.0), Call::make(Type::f64(), "sigmoid", {x})));
}
Expr active_recip(const Expr& x) {
  return Call::make(Type::f64(), "recip", {x});
}
// The erf form x * Phi(x) (which form the tables approximate is not documented).
Expr active_gelu(const Expr& x) {
  Expr phi = mul(f64(0.5),
                 add(f64(1.0), Call::make(Type::f64(), "erf", {mul(x, f64(0.70710678118654752))})));
  return Select::make(less(x, f64(-3.875)), f64(-active_tiny), mul(x, phi));
}

// The element of type `t` whose bit pattern is the integer `bits` (a u32 for f32, a u16 for f16),
// built arithmetically: f32 patterns below 2^23 are subnormals bits * 2^-149; an f16 pattern
// below 0x7C00 is bits * 2^-24 (subnormal) or (1024 + mantissa) * 2^(exponent - 25).
Expr element_with_bits(const Expr& bits, Type t) {
  Expr wide = Cast::make(Type::f64(), bits);
  if (t.kind == ScalarKind::F32)
    return Cast::make(t, mul(wide, f64(std::ldexp(1.0, -149))));
  Expr exponent = Cast::make(Type::f64(), div(bits, make_int(1024)));
  Expr mantissa = Cast::make(Type::f64(), Binary::make(BinaryOp::Mod, bits, make_int(1024)));
  Expr normal = mul(
      add(f64(1024.0), mantissa),
      Call::make(Type::f64(), "pow", {f64(2.0), Binary::make(BinaryOp::Sub, exponent, f64(25.0))}));
  return Cast::make(
      t, Select::make(less(bits, make_int(1024)), mul(wide, f64(std::ldexp(1.0, -24))), normal));
}

// The maximum (or minimum) of s[0..n), NaN ignored, at d[0]; the index of its first occurrence as
// a uint32 right after it: ((uint32_t *)d)[1] for float, at byte offset 2 for half.
IntrinsicSemantics arg_extreme(BinaryOp better) {
  return [better](const IntrinsicOperands& ops) {
    const AddressOperand& d = ops.address(0);
    const AddressOperand& s = ops.address(1);
    Type t = s.element_type();
    if (d.element_type() != t)
      throw IRError(ops.call().name + ": dst and src types differ");
    const std::string index = ops.loop_var("index");
    Expr best = d.load(make_int(0));
    auto is_nan = [](const Expr& v) { return Binary::make(BinaryOp::NE, v, v); };
    Stmt scan = serial_loop(ops, "i", ops.count(2), [&](const Expr& i) {
      Expr candidate = s.load(i);
      Expr wins = Binary::make(
          BinaryOp::Or,
          Binary::make(BinaryOp::And, is_nan(best), Unary::make(UnaryOp::Not, is_nan(candidate))),
          Binary::make(better, candidate, best));
      return IfThenElse::make(
          Binary::make(BinaryOp::And, greater(i, make_int(0)), wins),
          Block::make({d.store(make_int(0), candidate), Store::make(index, {make_int(0)}, i)}));
    });
    Expr found = Load::make(Type::i32(), index, {make_int(0)});
    std::vector<Stmt> steps = {d.store(make_int(0), s.load(make_int(0))),
                               Store::make(index, {make_int(0)}, make_int(0)), scan};
    if (t.kind == ScalarKind::F32) {
      steps.push_back(d.store(make_int(1), element_with_bits(found, t)));
    } else {
      steps.push_back(d.store(
          make_int(1), element_with_bits(Binary::make(BinaryOp::Mod, found, make_int(65536)), t)));
      steps.push_back(d.store(make_int(2), element_with_bits(div(found, make_int(65536)), t)));
    }
    return Allocate::make(Buffer::make(index, Type::i32(), {make_int(1)}, MemoryScope::Local),
                          Block::make(steps));
  };
}

// __bang_conv, float forms: src [H][W][Ci] (NRAM), kernel [Co][Kh][Kw][Ci] (WRAM), dst [Ho][Wo][Co]
// (NRAM), optional bias [Co]; strides width first; input dilations (dw, dh) default 1; no padding.
//   Ho = (H - ((Kh-1)*dh + 1)) / Sh + 1, likewise Wo
//   dst[(ho*Wo+wo)*Co + co] = sum over kh, kw, ci of
//       src[((ho*Sh + kh*dh)*W + wo*Sw + kw*dw)*Ci + ci] * kernel[((co*Kh + kh)*Kw + kw)*Ci + ci]
//       (+ bias[co])
IntrinsicSemantics conv_semantics(bool with_bias, bool with_dilation) {
  return [with_bias, with_dilation](const IntrinsicOperands& ops) {
    const AddressOperand& dst = ops.address(0);
    const AddressOperand& src = ops.address(1);
    const AddressOperand& kernel = ops.address(2);
    const std::size_t first = with_bias ? 4 : 3;
    Expr Ci = ops.count(first), H = ops.count(first + 1), W = ops.count(first + 2);
    Expr Kh = ops.count(first + 3), Kw = ops.count(first + 4), Sw = ops.count(first + 5),
         Sh = ops.count(first + 6), Co = ops.count(first + 7);
    Expr Dw = with_dilation ? ops.count(first + 8) : make_int(1);
    Expr Dh = with_dilation ? ops.count(first + 9) : make_int(1);
    auto sub = [](Expr a, Expr b) {
      return Binary::make(BinaryOp::Sub, std::move(a), std::move(b));
    };
    Expr Ho = add(div(sub(H, add(mul(sub(Kh, make_int(1)), Dh), make_int(1))), Sh), make_int(1));
    Expr Wo = add(div(sub(W, add(mul(sub(Kw, make_int(1)), Dw), make_int(1))), Sw), make_int(1));
    Type acc = dst.element_type();
    auto widen = [&](Expr e) { return e.type() == acc ? e : Cast::make(acc, e); };
    return serial_loop(ops, "ho", Ho, [&](const Expr& ho) {
      return serial_loop(ops, "wo", Wo, [&](const Expr& wo) {
        return serial_loop(ops, "co", Co, [&](const Expr& co) {
          Expr out = add(mul(add(mul(ho, Wo), wo), Co), co);
          Stmt init = dst.store(out, with_bias ? widen(ops.address(3).load(co)) : zero_of(acc));
          Stmt taps = serial_loop(ops, "kh", Kh, [&](const Expr& kh) {
            return serial_loop(ops, "kw", Kw, [&](const Expr& kw) {
              return serial_loop(ops, "ci", Ci, [&](const Expr& ci) {
                Expr row = add(mul(ho, Sh), mul(kh, Dh));
                Expr column = add(mul(wo, Sw), mul(kw, Dw));
                Expr x = src.load(add(mul(add(mul(row, W), column), Ci), ci));
                Expr w = kernel.load(add(mul(add(mul(add(mul(co, Kh), kh), Kw), kw), Ci), ci));
                return dst.store(out, add(dst.load(out), mul(widen(x), widen(w))));
              });
            });
          });
          return Block::make({init, taps});
        });
      });
    });
  };
}

std::vector<Intrinsic> bang_intrinsics(int arch) {
  std::vector<Intrinsic> t;
  t.push_back({"__memcpy",
               "void __memcpy(void *dst, const void *src, unsigned size, mluMemcpyDirection_t dir)",
               {out("dst", on_chip_or_off, {}), in("src", on_chip_or_off, {}), scalar("size"),
                scalar("dir")},
               memcpy_semantics,
               "size in bytes; dir matches the scopes; *2WRAM sizes a multiple of 16 bytes"});
  t.push_back({"__bang_write_zero",
               "void __bang_write_zero(T *dst, unsigned n)",
               {out("dst", nram,
                    {ScalarKind::I8, ScalarKind::U8, ScalarKind::I16, ScalarKind::U16,
                     ScalarKind::I32, ScalarKind::U32, ScalarKind::F16, ScalarKind::F32,
                     ScalarKind::BF16}),
                scalar("n")},
               write_zero_semantics,
               "n > 0"});
  const std::pair<const char*, BinaryOp> binary[] = {
      {"__bang_add", BinaryOp::Add}, {"__bang_sub", BinaryOp::Sub}, {"__bang_mul", BinaryOp::Mul}};
  for (const auto& [name, op] : binary) {
    // __bang_sub also takes unsigned char (DIALECTS.md 1.5).
    std::vector<ScalarKind> kinds = vector_kinds;
    if (op == BinaryOp::Sub)
      kinds.push_back(ScalarKind::U8);
    t.push_back({name,
                 std::string("void ") + name + "(T *dst, const T *a, const T *b, unsigned n)",
                 {out("dst", nram, kinds), in("a", nram, kinds), in("b", nram, kinds), scalar("n")},
                 elementwise(op),
                 "n > 0; NRAM operands"});
  }
  const std::pair<const char*, BinaryOp> with_scalar[] = {{"__bang_add_scalar", BinaryOp::Add},
                                                          {"__bang_sub_scalar", BinaryOp::Sub},
                                                          {"__bang_mul_scalar", BinaryOp::Mul}};
  for (const auto& [name, op] : with_scalar)
    t.push_back({name,
                 std::string("void ") + name + "(T *dst, const T *a, T value, unsigned n)",
                 {out("dst"), in("a"), scalar("value"), scalar("n")},
                 elementwise_scalar(op),
                 "n > 0; NRAM operands"});
  t.push_back({"__bang_active_relu",
               "void __bang_active_relu(T *dst, const T *src, unsigned n)",
               {out("dst", nram, float_kinds), in("src", nram, float_kinds), scalar("n")},
               active_relu_semantics,
               "exact"});
  t.push_back({"__bang_reduce_sum",
               "void __bang_reduce_sum(T *dst, const T *src, unsigned n)",
               {out("dst", nram, float_kinds), in("src", nram, float_kinds), scalar("n")},
               reduce_sum_semantics,
               "n * sizeof(T) a multiple of 128; sums each 128-byte block into its first element"});
  t.push_back({"__bang_transpose",
               "void __bang_transpose(T *dst, const T *src, unsigned h, unsigned w)",
               {out("dst"), in("src"), scalar("h"), scalar("w")},
               transpose_semantics,
               "dst and src do not overlap"});
  t.push_back(
      {"__bang_matmul",
       "void __bang_matmul(float *dst, const T *src0, const T *src1, unsigned M, unsigned K, "
       "unsigned N)",
       {out("dst", nram, {ScalarKind::F32}), in("src0", nram, float_kinds),
        in("src1", {MemoryScope::Wram}, float_kinds), scalar("M"), scalar("K"), scalar("N")},
       matmul_semantics(false),
       "src1 is K x N stored column-major (N rows of K) in WRAM"});
  t.push_back(
      {"__bang_matmul",
       "void __bang_matmul(float *dst, const T *src0, const T *src1, const float *src2, unsigned M, "
       "unsigned K, unsigned N)",
       {out("dst", nram, {ScalarKind::F32}), in("src0", nram, float_kinds),
        in("src1", {MemoryScope::Wram}, float_kinds), in("src2", nram, {ScalarKind::F32}),
        scalar("M"), scalar("K"), scalar("N")},
       matmul_semantics(true),
       "src1 is K x N stored column-major (N rows of K) in WRAM; src2 (M x N) is added; dst may be "
       "src2, not src0"});
  t.push_back({"__memcpy",
               "void __memcpy(void *dst, const void *src, unsigned size, mluMemcpyDirection_t dir, "
               "unsigned dst_stride, "
               "int src_stride, unsigned segnum)",
               {out("dst", on_chip_or_off, {}), in("src", on_chip_or_off, {}), scalar("size"),
                scalar("dir"), scalar("dst_stride"), scalar("src_stride"), scalar("segnum")},
               memcpy_2d_semantics,
               "sizes and strides in bytes; segnum + 1 segments; dst_stride >= size"});
  t.push_back({"__bang_write_value",
               "void __bang_write_value(void *dst, unsigned n, V value)",
               {out("dst"), scalar("n"), scalar("value")},
               write_value_semantics,
               "the element type is the value's"});
  const std::pair<const char*, const char*> accurate[] = {
      {"__bang_recip", "recip"}, {"__bang_sqrt", "sqrt"}, {"__bang_sin", "sin"}};
  for (const auto& [name, function] : accurate)
    t.push_back({name,
                 std::string("void ") + name + "(T *dst, const T *src, unsigned n)",
                 {out("dst", nram, {ScalarKind::F32, ScalarKind::BF16}),
                  in("src", nram, {ScalarKind::F32, ScalarKind::BF16}), scalar("n")},
                 elementwise_call(function),
                 "float and bf16; arch >= 322"});
  t.push_back({"__bang_sigmoid",
               "void __bang_sigmoid(float *dst, const float *src, unsigned n)",
               {out("dst", nram, {ScalarKind::F32}), in("src", nram, {ScalarKind::F32}), scalar("n")},
               elementwise_call("sigmoid"),
               "unconfirmed (absent from the BANG C 4.5 manual): 1 / (1 + e^-x) by the naming of "
               "__bang_recip/_sqrt/_sin; float"});
  t.push_back({"__bang_active_sign",
               "void __bang_active_sign(T *dst, const T *src, unsigned n)",
               {out("dst", nram, float_kinds), in("src", nram, float_kinds), scalar("n")},
               active_sign_semantics,
               "+1 for x >= 0, including -0"});
  t.push_back(
      {"__bang_reshape_filter",
       "void __bang_reshape_filter(T *dst, const T *src, int n, int h, int w, int c)",
       {out("dst", {}, {}), in("src", {}, {}), scalar("n"), scalar("h"), scalar("w"), scalar("c")},
       reshape_filter_semantics,
       "modelled as identity (the WRAM layout is undocumented)"});
  const std::pair<const char*, Pool> pools[] = {{"__bang_sumpool", Pool::Sum},
                                                {"__bang_maxpool", Pool::Max},
                                                {"__bang_minpool", Pool::Min},
                                                {"__bang_avgpool", Pool::Avg}};
  for (const auto& [name, pool] : pools) {
    std::vector<IntrinsicOperand> operands = {out("dst", nram, float_kinds),
                                              in("src", nram, float_kinds),
                                              scalar("channel"),
                                              scalar("height"),
                                              scalar("width"),
                                              scalar("kernel_height"),
                                              scalar("kernel_width")};
    t.push_back({name,
                 std::string("void ") + name +
                     "(T *dst, const T *src, unsigned channel, unsigned height, unsigned width, "
                     "unsigned kernel_height, unsigned kernel_width)",
                 operands, pool_semantics(pool), "HWC; strides equal the kernel size; no padding"});
    operands.push_back(scalar("stride_width"));
    operands.push_back(scalar("stride_height"));
    t.push_back({name,
                 std::string("void ") + name +
                     "(T *dst, const T *src, unsigned channel, unsigned height, unsigned width, "
                     "unsigned kernel_height, unsigned kernel_width, unsigned stride_width, "
                     "unsigned stride_height)",
                 operands, pool_semantics(pool), "HWC; stride width first; no padding"});
  }
  t.push_back({"__bang_mlp",
               "void __bang_mlp(float *dst, const T *src, const T *filter, int height, int width)",
               {out("dst", nram, {ScalarKind::F32}), in("src", nram, float_kinds),
                in("filter", {MemoryScope::Wram}, float_kinds), scalar("height"), scalar("width")},
               mlp_semantics(false),
               "height outputs, width inputs; filter is height x width in WRAM"});
  t.push_back({"__bang_mlp",
               "void __bang_mlp(float *dst, const T *src, const float *bias, const T *filter, int "
               "height, int width)",
               {out("dst", nram, {ScalarKind::F32}), in("src", nram, float_kinds),
                in("bias", nram, {ScalarKind::F32}), in("filter", {MemoryScope::Wram}, float_kinds),
                scalar("height"), scalar("width")},
               mlp_semantics(true),
               "height outputs, width inputs; bias[height]; filter is height x width in WRAM"});
  // Table-based approximations (DIALECTS.md 1.7), modelled with libm and the documented cut-offs.
  const std::tuple<const char*, std::function<Expr(const Expr&)>, const char*> activations[] = {
      {"__bang_active_exp", active_exp,
       "e^x; 5.96e-8 below -7.75; float input valid up to 11; mean relative error <= 0.01"},
      {"__bang_active_sigmoid", active_sigmoid,
       "0 below -7.75, 1 above 7.75; mean relative error <= 0.01"},
      {"__bang_active_gelu", active_gelu,
       "x * Phi(x) (erf form); -5.96e-8 below -3.875; relative error <= 0.003"},
      {"__bang_active_recip", active_recip,
       "1/x; input must lie in [0.0078125, 65472]; relative error <= 0.003 (float), 0.01 (half)"},
      {"__bang_active_gelup", active_gelu,
       "the more accurate GELU; x * Phi(x); -5.96e-8 below -3.875"}};
  for (const auto& [name, f, constraints] : activations)
    t.push_back({name,
                 std::string("void ") + name + "(T *dst, const T *src, unsigned n)",
                 {out("dst", nram, float_kinds), in("src", nram, float_kinds), scalar("n")},
                 activation(f),
                 constraints});
  const std::pair<const char*, BinaryOp> extremes[] = {{"__bang_argmax", BinaryOp::GT},
                                                       {"__bang_argmin", BinaryOp::LT}};
  const std::vector<ScalarKind> half_or_float = {ScalarKind::F16, ScalarKind::F32};
  for (const auto& [name, better] : extremes)
    t.push_back({name,
                 std::string("void ") + name + "(T *dst, const T *src, unsigned n)",
                 {out("dst", nram, half_or_float), in("src", nram, half_or_float), scalar("n")},
                 arg_extreme(better),
                 "arch >= 322; value at dst[0], first index as uint32 after it (float: bit-exact "
                 "below 2^23; half: below 31744)"});
  t.push_back({"__memset_nram",
               "void __memset_nram(void *dst, unsigned n, V value)",
               {out("dst"), scalar("n"), scalar("value")},
               write_value_semantics,
               "the element type is the value's; no alignment rule"});
  for (bool with_bias : {false, true})
    for (bool with_dilation : {false, true}) {
      std::vector<IntrinsicOperand> operands = {out("dst", nram, {ScalarKind::F32}),
                                                in("src", nram, float_kinds),
                                                in("kernel", {MemoryScope::Wram}, float_kinds)};
      if (with_bias)
        operands.push_back(in("bias", nram, {ScalarKind::F32}));
      for (const char* name : {"channel_input", "height", "width", "kernel_height", "kernel_width",
                               "stride_width", "stride_height", "channel_output"})
        operands.push_back(scalar(name));
      if (with_dilation) {
        operands.push_back(scalar("indilation_width"));
        operands.push_back(scalar("indilation_height"));
      }
      t.push_back(
          {"__bang_conv",
           std::string("void __bang_conv(float *dst, const T *src, const T *kernel") +
               (with_bias ? ", const float *bias" : "") +
               ", unsigned channel_input, unsigned height, unsigned width, unsigned "
               "kernel_height, unsigned kernel_width, unsigned stride_width, unsigned "
               "stride_height, unsigned channel_output" +
               (with_dilation ? ", unsigned indilation_width, unsigned indilation_height" : "") +
               ")",
           operands, conv_semantics(with_bias, with_dilation),
           "float forms of mtp_372/592; src [H][W][Ci], kernel [Co][Kh][Kw][Ci] in WRAM, dst "
           "[Ho][Wo][Co]; strides width first; no padding"});
    }
  add_copy_intrinsics(t);
  add_division_intrinsics(t, arch);
  return t;
}

// The two parts differ in on-chip capacities (DIALECTS.md 1.2) and in the intrinsics their arch
// has (the 4-operand __bang_div is absent on mtp_372).
Target describe_bang(std::string name, int arch, std::int64_t nram_kib, std::int64_t wram_kib,
                     std::int64_t sram_kib) {
  Target t;
  t.name = std::move(name);
  t.dialect = "bang";
  t.arch = "mtp_" + std::to_string(arch);
  t.scopes = {
      {MemoryScope::Gdram, 0, 0, 64, ScopeSharing::Launch},
      {MemoryScope::Global, 0, 0, 64, ScopeSharing::Launch},
      {MemoryScope::Sram, sram_kib * kib, 0, 64, ScopeSharing::Cluster},
      {MemoryScope::Nram, nram_kib * kib, 0, 64, ScopeSharing::Thread},
      {MemoryScope::Wram, wram_kib * kib, 0, 8, ScopeSharing::Thread},
      {MemoryScope::Local, 0, 0, 4, ScopeSharing::Thread},
  };
  // Cluster count of a board is queried at run time on hardware; 8 covers the MLU370-X8.
  t.axes = {
      {HardwareAxis::TaskId, 2147483647}, {HardwareAxis::ClusterId, 8}, {HardwareAxis::CoreId, 4}};
  t.max_threads_per_block = 1;
  t.warp_size = 1;
  t.cores_per_cluster = 4;
  t.vector_width_bits = 1024;
  t.intrinsics = bang_intrinsics(arch);
  return t;
}

} // namespace

Target describe_bang_mlu370() {
  return describe_bang("bang-mlu370", 372, 768, 1024, 4096);
}

Target describe_bang_mlu590() {
  return describe_bang("bang-mlu590", 592, 512, 512, 2048);
}

} // namespace xir::target_detail
