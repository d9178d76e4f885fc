// Target descriptions: lookups, capacities from DIALECTS.md, axis limits, intrinsic tables and
// the loop nests intrinsic semantics expand to.

#include <gtest/gtest.h>

#include "xir/ir/error.hpp"
#include "xir/ir/reflect.hpp"
#include "xir/target/bang.hpp"
#include "xir/target/target.hpp"

namespace xir {
namespace {

TEST(Target, LooksUpEveryPart) {
  for (const char* name :
       {"cuda-sm80", "cuda-sm90", "hip-gfx90a", "hip-gfx942", "bang-mlu370", "bang-mlu590",
        "vnni-avx512"})
    EXPECT_EQ(target_by_name(name).name, name);
  EXPECT_EQ(target_by_name("cuda").name, "cuda-sm80");
  EXPECT_EQ(target_by_name("bang").name, "bang-mlu370");
  EXPECT_EQ(find_target("tpu"), nullptr);
  EXPECT_THROW(target_by_name("tpu"), std::out_of_range);
  EXPECT_EQ(all_targets().size(), 7u);
}

TEST(Target, CapacitiesAndAxes) {
  const Target& mlu = target_by_name("bang-mlu370");
  EXPECT_EQ(mlu.scope(MemoryScope::Nram)->capacity_bytes, 768 * 1024);
  EXPECT_EQ(mlu.scope(MemoryScope::Wram)->capacity_bytes, 1024 * 1024);
  EXPECT_EQ(mlu.scope(MemoryScope::Sram)->capacity_bytes, 4096 * 1024);
  EXPECT_EQ(mlu.scope(MemoryScope::Sram)->shared_by, ScopeSharing::Cluster);
  EXPECT_EQ(mlu.cores_per_cluster, 4);
  EXPECT_FALSE(mlu.has_scope(MemoryScope::Shared));
  const Target& mlu590 = target_by_name("bang-mlu590");
  EXPECT_EQ(mlu590.arch, "mtp_592");
  EXPECT_EQ(mlu590.scope(MemoryScope::Nram)->capacity_bytes, 512 * 1024);
  EXPECT_EQ(mlu590.scope(MemoryScope::Wram)->capacity_bytes, 512 * 1024);
  EXPECT_EQ(mlu590.scope(MemoryScope::Sram)->capacity_bytes, 2048 * 1024);

  const Target& sm80 = target_by_name("cuda-sm80");
  const Target& sm90 = target_by_name("cuda-sm90");
  EXPECT_EQ(sm80.scope(MemoryScope::Shared)->static_capacity_bytes, 48 * 1024);
  EXPECT_LT(sm80.scope(MemoryScope::Shared)->capacity_bytes,
            sm90.scope(MemoryScope::Shared)->capacity_bytes);
  EXPECT_EQ(sm80.warp_size, 32);
  EXPECT_EQ(sm80.axis_limit(HardwareAxis::ThreadIdxZ), 64);
  EXPECT_EQ(sm80.max_threads_per_block, 1024);
  EXPECT_FALSE(sm80.axis_limit(HardwareAxis::TaskId).has_value());

  const Target& mi300 = target_by_name("hip-gfx942");
  EXPECT_EQ(mi300.warp_size, 64);
  EXPECT_EQ(mi300.scope(MemoryScope::Shared)->capacity_bytes, 64 * 1024);
  EXPECT_EQ(target_by_name("vnni").vector_width_bits, 512);
}

TEST(Target, IntrinsicTables) {
  EXPECT_NE(target_by_name("bang").intrinsic("__bang_reduce_sum"), nullptr);
  EXPECT_NE(target_by_name("vnni").intrinsic("_mm512_dpbusd_epi32"), nullptr);
  EXPECT_NE(target_by_name("hip").intrinsic("__builtin_amdgcn_mfma_f32_16x16x4f32"), nullptr);
  EXPECT_NE(target_by_name("cuda").intrinsic("wmma::mma_sync"), nullptr);
  EXPECT_FALSE(target_by_name("cuda").intrinsic("wmma::mma_sync")->semantics);
  // __bang_div: the deprecated 5-operand form on both parts, the 4-operand forms (array, and the
  // scalar overload under its own table name) not on mtp_372 (DIALECTS.md 1.5).
  const Target& mlu370 = target_by_name("bang-mlu370");
  const Target& mlu590 = target_by_name("bang-mlu590");
  EXPECT_NE(mlu370.intrinsic("__bang_div", 5), nullptr);
  EXPECT_EQ(mlu370.intrinsic("__bang_div", 4), nullptr);
  EXPECT_EQ(mlu370.intrinsic("__bang_div_scalar"), nullptr);
  EXPECT_NE(mlu590.intrinsic("__bang_div", 5), nullptr);
  EXPECT_NE(mlu590.intrinsic("__bang_div", 4), nullptr);
  EXPECT_EQ(mlu590.intrinsic("__bang_div_scalar", 4)->operands[2].kind, OperandKind::Scalar);
  for (const Target* part : {&mlu370, &mlu590}) {
    EXPECT_NE(part->intrinsic("__bang_move", 3), nullptr);
    EXPECT_NE(part->intrinsic("__bang_move", 6), nullptr);
    EXPECT_EQ(part->intrinsic("__memcpy", 12)->operands[11].name, "src_segnum2");
    EXPECT_EQ(part->intrinsic("__bang_move", 3)->operands[1].scopes,
              std::vector<MemoryScope>{MemoryScope::Nram});
  }
  EXPECT_EQ(bang::memcpy_direction("GDRAM2NRAM")->destination, MemoryScope::Nram);
  EXPECT_EQ(bang::memcpy_direction(static_cast<std::int64_t>(bang::MemcpyDirection::NRAM2GDRAM))
                ->spelling,
            "NRAM2GDRAM");
}

TEST(Target, SemanticsExpandToLoopNests) {
  Buffer d = Buffer::make("d", Type::f32(), {make_int(4), make_int(16)}, MemoryScope::Nram);
  Buffer a = Buffer::make("a", Type::f32(), {make_int(64)}, MemoryScope::Nram);
  auto lookup = [&](const std::string& n) -> const Buffer* {
    return n == "d" ? &d : n == "a" ? &a : nullptr;
  };
  Expr row1 = Address::make(Type::f32(), "d", {make_int(1), make_int(0)});
  Expr a0 = Address::make(Type::f32(), "a", {make_int(0)});
  IntrinsicCall call{"bang", "__bang_add", {row1, a0, a0, make_int(16)}};
  Stmt nest = expand_intrinsic(*target_by_name("bang").intrinsic("__bang_add"), call, lookup);
  // for i in [0, 16): d[(1*16 + i) / 16, (1*16 + i) % 16] = a[i] + a[i]  (the +0 of the base folds
  // away)
  Expr i = Var::make(Type::i32(), "__bang_add.i");
  Expr flat =
      Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, make_int(1), make_int(16)), i);
  Stmt want = For::make("__bang_add.i", make_int(0), make_int(16), ForKind::Serial,
                        Store::make("d",
                                    {Binary::make(BinaryOp::Div, flat, make_int(16)),
                                     Binary::make(BinaryOp::Mod, flat, make_int(16))},
                                    Binary::make(BinaryOp::Add, Load::make(Type::f32(), "a", {i}),
                                                 Load::make(Type::f32(), "a", {i}))));
  EXPECT_TRUE(structurally_equal(nest, want));
  // Wrong operand count and wrong scopes are IR errors.
  IntrinsicCall short_call{"bang", "__bang_add", {row1, a0}};
  EXPECT_THROW(
      expand_intrinsic(*target_by_name("bang").intrinsic("__bang_add"), short_call, lookup),
      IRError);
}

} // namespace
} // namespace xir
