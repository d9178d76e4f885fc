// An AVX-512 VNNI/BF16 CPU (Cascade Lake and later, Sapphire Rapids for BF16). Vector intrinsics
// are described in memory form: each __m512 operand is a 64-byte array the call reads or writes.
#include <limits>

#include "descriptions.hpp"

namespace xir::target_detail {
namespace {

IntrinsicOperand vec(const char* name, ScalarKind kind, bool written) {
  return {name, OperandKind::Address, {}, {kind}, written};
}

Expr widen(Type t, const Expr& e) {
  return Cast::make(t, e);
}

// acc.i32[j] += sum_{t<group} widen(a[group*j+t]) * widen(b[group*j+t]), wrapping or saturating.
IntrinsicSemantics dot_product(int group, bool saturate) {
  return [group, saturate](const IntrinsicOperands& ops) {
    const AddressOperand& acc = ops.address(0);
    const AddressOperand& a = ops.address(1);
    const AddressOperand& b = ops.address(2);
    Type wide = saturate ? Type::i64() : Type::i32();
    return serial_loop(ops, "j", make_int(16), [&](const Expr& j) {
      Expr sum = widen(wide, acc.load(j));
      for (int t = 0; t < group; ++t) {
        Expr at = Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, j, make_int(group)),
                               make_int(t));
        sum = Binary::make(
            BinaryOp::Add, sum,
            Binary::make(BinaryOp::Mul, widen(wide, a.load(at)), widen(wide, b.load(at))));
      }
      if (saturate) {
        sum = Binary::make(BinaryOp::Min, sum,
                           make_int(std::numeric_limits<std::int32_t>::max(), wide));
        sum = Binary::make(BinaryOp::Max, sum,
                           make_int(std::numeric_limits<std::int32_t>::min(), wide));
        sum = Cast::make(Type::i32(), sum);
      }
      return acc.store(j, sum);
    });
  };
}

// acc.f32[j] = fma(a[2j], b[2j], fma(a[2j+1], b[2j+1], acc[j])), each step rounded to f32. The
// hardware also flushes denormal inputs and outputs to zero, which this loop nest does not model.
Stmt dpbf16_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& acc = ops.address(0);
  const AddressOperand& a = ops.address(1);
  const AddressOperand& b = ops.address(2);
  return serial_loop(ops, "j", make_int(16), [&](const Expr& j) {
    Expr even = Binary::make(BinaryOp::Mul, j, make_int(2));
    Expr odd = Binary::make(BinaryOp::Add, even, make_int(1));
    auto f32 = [](const Expr& e) { return Cast::make(Type::f32(), e); };
    Expr step = Call::make(Type::f32(), "fma", {f32(a.load(odd)), f32(b.load(odd)), acc.load(j)});
    step = Call::make(Type::f32(), "fma", {f32(a.load(even)), f32(b.load(even)), step});
    return acc.store(j, step);
  });
}

// dst.bf16[0..15] = b, dst.bf16[16..31] = a, rounded to nearest even.
Stmt cvtne2ps_semantics(const IntrinsicOperands& ops) {
  const AddressOperand& dst = ops.address(0);
  const AddressOperand& a = ops.address(1);
  const AddressOperand& b = ops.address(2);
  return serial_loop(ops, "i", make_int(16), [&](const Expr& i) {
    return Block::make({dst.store(i, Cast::make(Type::bf16(), b.load(i))),
                        dst.store(Binary::make(BinaryOp::Add, i, make_int(16)),
                                  Cast::make(Type::bf16(), a.load(i)))});
  });
}

std::vector<Intrinsic> vnni_intrinsics() {
  using K = ScalarKind;
  return {
      {"_mm512_dpbusd_epi32",
       "__m512i _mm512_dpbusd_epi32(__m512i src, __m512i a, __m512i b)",
       {vec("acc", K::I32, true), vec("a", K::U8, false), vec("b", K::I8, false)},
       dot_product(4, false),
       "a unsigned, b signed; wraps"},
      {"_mm512_dpbusds_epi32",
       "__m512i _mm512_dpbusds_epi32(__m512i src, __m512i a, __m512i b)",
       {vec("acc", K::I32, true), vec("a", K::U8, false), vec("b", K::I8, false)},
       dot_product(4, true),
       "a unsigned, b signed; the final sum saturates"},
      {"_mm512_dpwssd_epi32",
       "__m512i _mm512_dpwssd_epi32(__m512i src, __m512i a, __m512i b)",
       {vec("acc", K::I32, true), vec("a", K::I16, false), vec("b", K::I16, false)},
       dot_product(2, false),
       "wraps"},
      {"_mm512_dpbf16_ps",
       "__m512 _mm512_dpbf16_ps(__m512 src, __m512bh a, __m512bh b)",
       {vec("acc", K::F32, true), vec("a", K::BF16, false), vec("b", K::BF16, false)},
       dpbf16_semantics,
       "odd pair first; denormals flushed on hardware"},
      {"_mm512_cvtne2ps_pbh",
       "__m512bh _mm512_cvtne2ps_pbh(__m512 a, __m512 b)",
       {vec("dst", K::BF16, true), vec("a", K::F32, false), vec("b", K::F32, false)},
       cvtne2ps_semantics,
       "b fills elements 0-15, a elements 16-31"},
  };
}

} // namespace

Target describe_vnni_avx512() {
  Target t;
  t.name = "vnni-avx512";
  t.dialect = "vnni";
  t.arch = "sapphirerapids";
  t.scopes = {
      {MemoryScope::Host, 0, 0, 64, ScopeSharing::Launch},
      {MemoryScope::Global, 0, 0, 64, ScopeSharing::Launch},
      {MemoryScope::Local, 8 * 1024 * 1024, 0, 4, ScopeSharing::Thread},
      {MemoryScope::Vreg, 32 * 64, 0, 64, ScopeSharing::Thread},
  };
  t.axes = {{HardwareAxis::CpuThread, 1024}};
  t.max_threads_per_block = 1;
  t.warp_size = 1;
  t.vector_width_bits = 512;
  t.intrinsics = vnni_intrinsics();
  return t;
}

} // namespace xir::target_detail
