// AMD Instinct parts: MI200 (gfx90a, CDNA2) and MI300 (gfx942, CDNA3). The Debian hipcc cannot
// target gfx942; the emitters compile gfx940, the same ISA family, in its place.
#include "descriptions.hpp"

namespace xir::target_detail {
namespace {

// The lane layout of one MFMA instruction (DIALECTS.md 3.2, no modifiers): which lane and vector
// element hold A[row][k], B[k][col] and D[row][col] (C as D).
struct MfmaLayout {
  int m, n, k;         // D is m x n, the product runs over k
  int ab_elements;     // vector elements of a and b per lane: 1 (f32) or 4 (f16)
  int d_elements;      // vector elements of c and d per lane: 4 or 16
};

Expr i32(std::int64_t v) { return make_int(v); }
Expr add(Expr x, Expr y) { return Binary::make(BinaryOp::Add, std::move(x), std::move(y)); }
Expr mul(Expr x, Expr y) { return Binary::make(BinaryOp::Mul, std::move(x), std::move(y)); }
Expr div(Expr x, Expr y) { return Binary::make(BinaryOp::Div, std::move(x), std::move(y)); }
Expr mod(Expr x, Expr y) { return Binary::make(BinaryOp::Mod, std::move(x), std::move(y)); }

// The lane whose B registers lane `lane` reads under the BLGP (B lane-group pattern) modifier.
Expr blgp_source_lane(const Expr& lane, std::int64_t blgp) {
  switch (blgp) {
  case 0: return lane;
  case 1: return mod(lane, i32(32));                    // lanes 0-31 also feed lanes 32-63
  case 2: return add(i32(32), mod(lane, i32(32)));      // lanes 32-63 also feed lanes 0-31
  case 3: return mod(add(lane, i32(16)), i32(64));      // rotate down by 16 lanes
  default: return add(i32(16 * (blgp - 4)), mod(lane, i32(16)));  // broadcast one group of 16
  }
}

// The modifiers of a call: cbsz and abid must be 0 (the four instructions are single-block); blgp
// is 0..7, and 0 on parts whose f16 forms have no BLGP field (CDNA3).
std::int64_t mfma_blgp(const IntrinsicOperands& ops, bool has_blgp) {
  const std::string& name = ops.call().name;
  for (std::size_t i = 4; i < 6; ++i) {
    const std::int64_t* modifier = as_const_int(ops.scalar(i));
    if (!modifier || *modifier != 0)
      throw IRError("intrinsic " + name + ": cbsz and abid must be 0 (a single-block instruction)");
  }
  const std::int64_t* blgp = as_const_int(ops.scalar(6));
  if (!blgp || *blgp < 0 || *blgp > 7) throw IRError("intrinsic " + name + ": blgp must be a constant 0..7");
  if (*blgp != 0 && !has_blgp) throw IRError("intrinsic " + name + ": this part has no BLGP for this instruction");
  return *blgp;
}

// Semantics over the whole wavefront's registers: each Address operand points at 64 lanes' vectors
// stored lane after lane (lane l's element e at offset l * elements + e). The frontend gathers the
// lanes' operands there, one lane expands the call, and every lane reads its slice of d back.
IntrinsicSemantics mfma_semantics(MfmaLayout layout, bool has_blgp) {
  return [layout, has_blgp](const IntrinsicOperands& ops) -> Stmt {
    const std::int64_t blgp = mfma_blgp(ops, has_blgp);
    const AddressOperand& d = ops.address(0);
    const AddressOperand& a = ops.address(1);
    const AddressOperand& b = ops.address(2);
    const AddressOperand& c = ops.address(3);
    const auto f32 = [](Expr e) { return e.type() == Type::f32() ? e : Cast::make(Type::f32(), std::move(e)); };
    const int ab = layout.ab_elements;
    const int lanes_per_k_group = layout.m;  // A and B: lane = row (or col) + m * (k / ab)
    // Offset of A[row][k] (B[k][col] alike, through BLGP) in the gathered operand.
    const auto ab_offset = [&](const Expr& row_or_col, const Expr& k, std::int64_t pattern) {
      Expr lane = blgp_source_lane(add(row_or_col, mul(i32(lanes_per_k_group), div(k, i32(ab)))), pattern);
      return add(mul(lane, i32(ab)), mod(k, i32(ab)));
    };
    return serial_loop(ops, "lane", i32(64), [&](const Expr& lane) {
      return serial_loop(ops, "r", i32(layout.d_elements), [&](const Expr& r) {
        // 16x16: D[4*(l/16) + r][l%16]; 32x32: D[8*(r/4) + 4*(l/32) + r%4][l%32].
        Expr row = layout.m == 16 ? add(mul(i32(4), div(lane, i32(16))), r)
                                  : add(add(mul(i32(8), div(r, i32(4))), mul(i32(4), div(lane, i32(32)))),
                                        mod(r, i32(4)));
        Expr col = mod(lane, i32(layout.n));
        Expr slot = add(mul(lane, i32(layout.d_elements)), r);
        Stmt sum = serial_loop(ops, "k", i32(layout.k), [&](const Expr& k) {
          Expr product = mul(f32(a.load(ab_offset(row, k, 0))), f32(b.load(ab_offset(col, k, blgp))));
          return d.store(slot, add(d.load(slot), product));
        });
        return Block::make({d.store(slot, c.load(slot)), sum});
      });
    });
  };
}

Intrinsic mfma(std::string name, std::string a_type, std::string c_type,
               std::vector<ScalarKind> ab_kinds, MfmaLayout layout, bool has_blgp) {
  // Wavefront-collective: each lane holds a slice of A, B and C (DIALECTS.md 3.2); the operands
  // are the 64 lanes' registers gathered lane after lane (see mfma_semantics).
  std::vector<MemoryScope> registers = {MemoryScope::Shared, MemoryScope::Local, MemoryScope::Vreg};
  return {name,
          c_type + " " + name + "(" + a_type + " a, " + a_type + " b, " + c_type +
              " c, int cbsz, int abid, int blgp)",
          {{"d", OperandKind::Address, registers, {ScalarKind::F32}, true},
           {"a", OperandKind::Address, registers, ab_kinds, false},
           {"b", OperandKind::Address, registers, ab_kinds, false},
           {"c", OperandKind::Address, registers, {ScalarKind::F32}, false},
           {"cbsz", OperandKind::Scalar, {}, {}, false},
           {"abid", OperandKind::Scalar, {}, {}, false},
           {"blgp", OperandKind::Scalar, {}, {}, false}},
          mfma_semantics(layout, has_blgp),
          std::string("all 64 lanes execute it; cbsz = abid = 0; blgp a constant ") +
              (has_blgp ? "0..7" : "0 (no BLGP on this part)") + "; operands hold the 64 lanes' vectors, lane after lane"};
}

} // namespace

Target describe_hip(std::string name, std::string arch) {
  Target t;
  t.name = std::move(name);
  t.dialect = "hip";
  t.arch = std::move(arch);
  t.scopes = {
      {MemoryScope::Global, 0, 0, 256, ScopeSharing::Launch},
      {MemoryScope::Shared, 64 * 1024, 0, 16, ScopeSharing::Block},
      {MemoryScope::Local, 512 * 1024, 0, 4, ScopeSharing::Thread},
      {MemoryScope::Vreg, 512 * 4, 0, 4, ScopeSharing::Thread},
  };
  t.axes = {
      {HardwareAxis::BlockIdxX, 2147483647}, {HardwareAxis::BlockIdxY, 2147483647},
      {HardwareAxis::BlockIdxZ, 2147483647}, {HardwareAxis::ThreadIdxX, 1024},
      {HardwareAxis::ThreadIdxY, 1024},      {HardwareAxis::ThreadIdxZ, 1024},
  };
  t.max_threads_per_block = 1024;
  t.warp_size = 64;
  t.vector_width_bits = 128;
  // CDNA3 dropped BLGP from the f16 forms (DIALECTS.md 3.2).
  const bool f16_blgp = t.arch != "gfx942";
  t.intrinsics = {
      mfma("__builtin_amdgcn_mfma_f32_16x16x4f32", "float", "float4", {ScalarKind::F32}, {16, 16, 4, 1, 4}, true),
      mfma("__builtin_amdgcn_mfma_f32_16x16x16f16", "half4", "float4", {ScalarKind::F16}, {16, 16, 16, 4, 4}, f16_blgp),
      mfma("__builtin_amdgcn_mfma_f32_32x32x8f16", "half4", "float16", {ScalarKind::F16}, {32, 32, 8, 4, 16}, f16_blgp),
      mfma("__builtin_amdgcn_mfma_f32_32x32x2f32", "float", "float16", {ScalarKind::F32}, {32, 32, 2, 1, 16}, true),
  };
  return t;
}

} // namespace xir::target_detail
