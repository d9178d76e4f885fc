// Errors the interpreter must report (never crash on): races, missing barriers, out-of-bounds
// accesses, capacity overflows, divergent barriers, intrinsics without semantics, bad launches.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "hand_kernels.hpp"
#include "xir/interp/interpreter.hpp"

namespace xir::interp {
namespace {

using ::testing::HasSubstr;

std::string error_of(const RunResult& r) {
  return r.has_value() ? std::string("<no error>") : r.error().message;
}

Expr v(const char* name) {
  return Var::make(Type::i32(), name);
}
Stmt threads(int n, Stmt body) {
  return For::make("tx", make_int(0), make_int(n), ForKind::Bound, HardwareAxis::ThreadIdxX,
                   std::move(body));
}

TEST(InterpErrors, RacyKernelIsReported) {
  const int n = 8;
  std::map<std::string, HostBuffer> bufs{{"A", HostBuffer(Type::f32(), {n})},
                                         {"S", HostBuffer(Type::f32(), {1})}};
  std::string e = error_of(run(test::racy_sum_kernel(), target_by_name("cuda-sm80"), bufs,
                               {{"n", ScalarValue::i32(n)}}));
  EXPECT_THAT(e, HasSubstr("data race on S[0] (global)"));
  EXPECT_THAT(e, HasSubstr("threadIdx.x=1"));
  EXPECT_THAT(e, HasSubstr("threadIdx.x=0"));
}

TEST(InterpErrors, MissingBarrierIsReportedAsARace) {
  std::map<std::string, HostBuffer> bufs{{"A", HostBuffer(Type::f32(), {2, 100})},
                                         {"S", HostBuffer(Type::f32(), {2})}};
  std::map<std::string, ScalarValue> scalars{{"rows", ScalarValue::i32(2)},
                                             {"cols", ScalarValue::i32(100)}};
  std::string e =
      error_of(run(test::row_sum_kernel(false), target_by_name("cuda-sm80"), bufs, scalars));
  EXPECT_THAT(e, HasSubstr("data race on partial["));
  EXPECT_THAT(e, HasSubstr("(shared)"));
  // With the barrier the same kernel runs clean.
  EXPECT_TRUE(
      run(test::row_sum_kernel(true), target_by_name("cuda-sm80"), bufs, scalars).has_value());
}

TEST(InterpErrors, RaceDetectionCanBeTurnedOff) {
  const int n = 8;
  std::map<std::string, HostBuffer> bufs{{"A", HostBuffer(Type::f32(), {n})},
                                         {"S", HostBuffer(Type::f32(), {1})}};
  for (int i = 0; i < n; ++i)
    bufs["A"].set(i, 1);
  RunOptions options;
  options.detect_races = false;
  ASSERT_TRUE(run(test::racy_sum_kernel(), target_by_name("cuda-sm80"), bufs,
                  {{"n", ScalarValue::i32(n)}}, options));
  EXPECT_EQ(bufs["S"].get(0), n); // the phase model runs the threads one after another
}

TEST(InterpErrors, OutOfBoundsAccessIsReported) {
  const int n = 100;
  std::map<std::string, HostBuffer> bufs{{"A", HostBuffer(Type::f32(), {n})},
                                         {"B", HostBuffer(Type::f32(), {n})},
                                         {"C", HostBuffer(Type::f32(), {n})}};
  std::string e = error_of(run(test::add_unguarded_kernel(), target_by_name("cuda-sm80"), bufs,
                               {{"n", ScalarValue::i32(n)}}));
  EXPECT_THAT(
      e, HasSubstr("out-of-bounds load of A[100]: index 100 of dimension 0 is outside [0, 100)"));
  EXPECT_THAT(e, HasSubstr("in `C[i] = (A[i] + B[i])`"));
  EXPECT_THAT(e, HasSubstr("blockIdx.x=1, threadIdx.x=36"));
}

TEST(InterpErrors, NramOverflowIsReported) {
  // 200000 floats = 800000 bytes > 768 KB of NRAM per MLU370 core.
  Buffer big = Buffer::make("big", Type::f32(), {make_int(200000)}, MemoryScope::Nram);
  Kernel k = Kernel::make(
      "nram_overflow", {Buffer::make("out", Type::f32(), {make_int(1)}, MemoryScope::Gdram)},
      For::make("task", make_int(0), make_int(2), ForKind::Bound, HardwareAxis::TaskId,
                Allocate::make(big, Store::make("big", {make_int(0)}, make_float(1.0)))));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {1})}};
  std::string e = error_of(run(k, target_by_name("bang-mlu370"), bufs));
  EXPECT_THAT(
      e, HasSubstr(
             "allocation of `big` (800000 bytes in nram) exceeds the nram capacity of bang-mlu370: "
             "786432 bytes per thread"));
  // Two buffers that fit alone but not together overflow too.
  Buffer half = Buffer::make("h1", Type::f32(), {make_int(100000)}, MemoryScope::Nram);
  Buffer other = Buffer::make("h2", Type::f32(), {make_int(100000)}, MemoryScope::Nram);
  Kernel two = Kernel::make(
      "nram_two", {Buffer::make("out", Type::f32(), {make_int(1)}, MemoryScope::Gdram)},
      Allocate::make(
          half,
          Allocate::make(other, Block::make({Store::make("h1", {make_int(0)}, make_float(1.0)),
                                             Store::make("h2", {make_int(0)}, make_float(1.0))}))));
  EXPECT_THAT(error_of(run(two, target_by_name("bang-mlu370"), bufs)),
              HasSubstr("400000 already in use"));
}

TEST(InterpErrors, SharedMemoryCapacityFollowsTheTarget) {
  // 100 KB of shared memory: over the 64 KB of LDS on gfx90a, within the 163 KB of sm_80.
  Buffer smem = Buffer::make("smem", Type::f32(), {make_int(25600)}, MemoryScope::Shared);
  Kernel k = Kernel::make(
      "big_shared", {Buffer::make("out", Type::f32(), {make_int(1)}, MemoryScope::Global)},
      Allocate::make(
          smem,
          threads(1, Block::make({Store::make("smem", {make_int(0)}, make_float(2.0)),
                                  Store::make("out", {make_int(0)},
                                              Load::make(Type::f32(), "smem", {make_int(0)}))}))));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {1})}};
  EXPECT_THAT(error_of(run(k, target_by_name("hip-gfx90a"), bufs)),
              HasSubstr("65536 bytes per block"));
  ASSERT_TRUE(run(k, target_by_name("cuda-sm80"), bufs));
  EXPECT_EQ(bufs["out"].get(0), 2.0);
}

TEST(InterpErrors, BarrierNotReachedByAllThreadsIsReported) {
  // if (tx < 16) barrier: threads 16..31 finish without reaching it.
  Kernel k = Kernel::make(
      "divergent", {Buffer::make("out", Type::f32(), {make_int(32)}, MemoryScope::Global)},
      threads(32, Block::make({IfThenElse::make(Binary::make(BinaryOp::LT, v("tx"), make_int(16)),
                                                Barrier::make(BarrierScope::Block)),
                               Store::make("out", {v("tx")}, make_float(1.0))})));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {32})}};
  std::string e = error_of(run(k, target_by_name("cuda-sm80"), bufs));
  EXPECT_THAT(e, HasSubstr("barrier not reached by every thread of its block scope"));
  EXPECT_THAT(e, HasSubstr("finished without reaching it"));
}

TEST(InterpErrors, DivergentBarriersAreReported) {
  Stmt two_barriers =
      IfThenElse::make(Binary::make(BinaryOp::LT, v("tx"), make_int(2)),
                       Barrier::make(BarrierScope::Block), Barrier::make(BarrierScope::Block));
  Kernel k = Kernel::make("two_barriers",
                          {Buffer::make("out", Type::f32(), {make_int(4)}, MemoryScope::Global)},
                          threads(4, two_barriers));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {4})}};
  EXPECT_THAT(error_of(run(k, target_by_name("cuda-sm80"), bufs)), HasSubstr("divergent barriers"));
}

TEST(InterpErrors, IntrinsicWithoutSemanticsIsReported) {
  // Warp-collective Tensor Core operations have no per-thread semantics.
  Buffer f = Buffer::make("f", Type::f32(), {make_int(8)}, MemoryScope::Fragment);
  Expr at = Address::make(Type::f32(), "f", {make_int(0)});
  Kernel k =
      Kernel::make("fill", {Buffer::make("out", Type::f32(), {make_int(1)}, MemoryScope::Global)},
                   Allocate::make(f, IntrinsicCall::make("cuda", "wmma::fill_fragment",
                                                         {at, make_float(0.0, Type::f32())})));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {1})}};
  EXPECT_THAT(error_of(run(k, target_by_name("cuda-sm80"), bufs)),
              HasSubstr("intrinsic `wmma::fill_fragment` has no semantics"));
  Expr g = Address::make(Type::f32(), "out", {make_int(0)});
  Kernel on_gpu = Kernel::make(
      "bang_call_on_gpu", {Buffer::make("out", Type::f32(), {make_int(1)}, MemoryScope::Global)},
      IntrinsicCall::make("bang", "__bang_active_relu", {g, g, make_int(1)}));
  EXPECT_THAT(error_of(run(on_gpu, target_by_name("cuda-sm80"), bufs)),
              HasSubstr("belongs to bang, but the kernel runs on cuda-sm80"));
}

TEST(InterpErrors, IntrinsicOperandScopesAreChecked) {
  // __bang_add reads NRAM only; a GDRAM operand is rejected.
  Expr g = Address::make(Type::f32(), "out", {make_int(0)});
  Kernel k = Kernel::make("bad_scope",
                          {Buffer::make("out", Type::f32(), {make_int(4)}, MemoryScope::Gdram)},
                          IntrinsicCall::make("bang", "__bang_add", {g, g, g, make_int(4)}));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {4})}};
  EXPECT_THAT(error_of(run(k, target_by_name("bang-mlu370"), bufs)),
              HasSubstr("is in gdram, expected nram"));
}

TEST(InterpErrors, LaunchLimitsAndMissingInputsAreReported) {
  Kernel k = Kernel::make("wide",
                          {Buffer::make("out", Type::f32(), {make_int(2048)}, MemoryScope::Global)},
                          threads(2048, Store::make("out", {v("tx")}, make_float(1.0))));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {2048})}};
  EXPECT_THAT(error_of(run(k, target_by_name("cuda-sm80"), bufs)), HasSubstr("more than the 1024"));
  EXPECT_THAT(error_of(run(k, target_by_name("bang-mlu370"), bufs)),
              HasSubstr("threadIdx.x does not exist on bang-mlu370"));
  std::map<std::string, HostBuffer> none;
  EXPECT_THAT(error_of(run(k, target_by_name("cuda-sm80"), none)),
              HasSubstr("`out` of kernel `wide` has no host buffer"));
  std::map<std::string, HostBuffer> wrong{{"out", HostBuffer(Type::f16(), {2048})}};
  EXPECT_THAT(error_of(run(k, target_by_name("cuda-sm80"), wrong)),
              HasSubstr("holds f16, the parameter is f32"));
}

TEST(InterpErrors, IntegerDivisionByZeroIsReported) {
  Kernel k = Kernel::make(
      "div0",
      {ScalarParam{"d", Type::i32()},
       Buffer::make("out", Type::i32(), {make_int(1)}, MemoryScope::Global)},
      Store::make("out", {make_int(0)}, Binary::make(BinaryOp::Div, make_int(7), v("d"))));
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::i32(), {1})}};
  EXPECT_THAT(error_of(run(k, target_by_name("cuda-sm80"), bufs, {{"d", ScalarValue::i32(0)}})),
              HasSubstr("integer division by zero"));
  ASSERT_TRUE(run(k, target_by_name("cuda-sm80"), bufs, {{"d", ScalarValue::i32(-2)}}));
  EXPECT_EQ(bufs["out"].get_int(0), -3); // C truncates toward zero
}

} // namespace
} // namespace xir::interp

namespace xir::interp {
namespace {

// BANG: core 0 of each cluster stages a row in SRAM, __sync_cluster, then the 4 cores of the
// cluster each scale a quarter of it. SRAM is one buffer per cluster, so the two clusters do not
// race; without the cluster barrier the cores read what core 0 is still writing.
Kernel sram_kernel(bool with_sync) {
  Expr cluster = Var::make(Type::i32(), "cluster"), core = Var::make(Type::i32(), "core"),
       i = Var::make(Type::i32(), "i");
  Stmt stage = IfThenElse::make(
      Binary::make(BinaryOp::EQ, core, make_int(0)),
      For::make("i", make_int(0), make_int(16), ForKind::Serial,
                Store::make("row", {i}, Load::make(Type::f32(), "X", {cluster, i}))));
  Expr col = Binary::make(BinaryOp::Add, Binary::make(BinaryOp::Mul, core, make_int(4)), i);
  Stmt scale =
      For::make("i", make_int(0), make_int(4), ForKind::Serial,
                Store::make("Y", {cluster, col},
                            Binary::make(BinaryOp::Mul, Load::make(Type::f32(), "row", {col}),
                                         make_float(2.0))));
  std::vector<Stmt> steps = {stage};
  if (with_sync)
    steps.push_back(Barrier::make(BarrierScope::Cluster));
  steps.push_back(scale);
  Stmt cores = For::make("core", make_int(0), make_int(4), ForKind::Bound, HardwareAxis::CoreId,
                         Block::make(steps));
  Stmt body = For::make(
      "cluster", make_int(0), make_int(2), ForKind::Bound, HardwareAxis::ClusterId,
      Allocate::make(Buffer::make("row", Type::f32(), {make_int(16)}, MemoryScope::Sram), cores));
  return Kernel::make(
      "sram_stage",
      {Buffer::make("X", Type::f32(), {make_int(2), make_int(16)}, MemoryScope::Gdram),
       Buffer::make("Y", Type::f32(), {make_int(2), make_int(16)}, MemoryScope::Gdram)},
      body);
}

TEST(InterpCluster, SramIsSharedPerClusterAndOrderedByClusterBarriers) {
  std::map<std::string, HostBuffer> bufs{{"X", HostBuffer(Type::f32(), {2, 16})},
                                         {"Y", HostBuffer(Type::f32(), {2, 16})}};
  for (int e = 0; e < 32; ++e)
    bufs["X"].set(e, e * 0.25);
  RunResult ok = run(sram_kernel(true), target_by_name("bang-mlu370"), bufs);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  for (int e = 0; e < 32; ++e)
    EXPECT_EQ(bufs["Y"].get(e), e * 0.5) << e;
  std::string e = error_of(run(sram_kernel(false), target_by_name("bang-mlu370"), bufs));
  EXPECT_THAT(e, HasSubstr("data race on row["));
  EXPECT_THAT(e, HasSubstr("(sram)"));
}

} // namespace
} // namespace xir::interp

namespace xir::interp {
namespace {

// s[tx] = tx; barrier(warp); out[tx] = s[tx ^ mask]: ordered when the partner is in the same warp
// (32 lanes on CUDA, 64 on HIP), a race otherwise.
Kernel warp_exchange(int partner_mask) {
  Expr tx = Var::make(Type::i32(), "tx");
  Expr partner = Binary::make(BinaryOp::BitXor, tx, make_int(partner_mask));
  Stmt body = Block::make({Store::make("s", {tx}, Cast::make(Type::f32(), tx)),
                           Barrier::make(BarrierScope::Warp),
                           Store::make("out", {tx}, Load::make(Type::f32(), "s", {partner}))});
  return Kernel::make(
      "warp_exchange", {Buffer::make("out", Type::f32(), {make_int(64)}, MemoryScope::Global)},
      Allocate::make(Buffer::make("s", Type::f32(), {make_int(64)}, MemoryScope::Shared),
                     For::make("tx", make_int(0), make_int(64), ForKind::Bound,
                               HardwareAxis::ThreadIdxX, body)));
}

TEST(InterpWarp, WarpBarriersOrderOnlyTheirWarp) {
  std::map<std::string, HostBuffer> bufs{{"out", HostBuffer(Type::f32(), {64})}};
  ASSERT_TRUE(run(warp_exchange(1), target_by_name("cuda-sm80"), bufs));
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(bufs["out"].get(i), i ^ 1);
  EXPECT_THAT(error_of(run(warp_exchange(32), target_by_name("cuda-sm80"), bufs)),
              HasSubstr("data race on s["));
  ASSERT_TRUE(run(warp_exchange(32), target_by_name("hip-gfx90a"), bufs)); // one 64-lane wavefront
  for (int i = 0; i < 64; ++i)
    EXPECT_EQ(bufs["out"].get(i), i ^ 32);
}

// select(i < n, A[i], 0) must not read A[i] for i >= n, in scalar and in vector form.
TEST(InterpSelect, EvaluatesOnlyTheChosenSide) {
  Expr i = Var::make(Type::i32(), "i"), n = Var::make(Type::i32(), "n");
  Stmt scalar =
      For::make("i", make_int(0), make_int(8), ForKind::Serial,
                Store::make("out", {i},
                            Select::make(Binary::make(BinaryOp::LT, i, n),
                                         Load::make(Type::f32(), "A", {i}), make_float(-1.0))));
  // out[8 + j] = 2 + j < n ? A[2 + j] : -2 for j < 8: lanes 0-2 load, lanes 3-7 must not.
  Expr lanes = Ramp::make(make_int(8), make_int(1), 8);
  Expr from = Ramp::make(make_int(2), make_int(1), 8);
  Expr in_range = Binary::make(BinaryOp::LT, from, Broadcast::make(n, 8));
  Stmt vector = Store::make("out", {lanes},
                            Select::make(in_range, Load::make(Type::f32(8), "A", {from}),
                                         Broadcast::make(make_float(-2.0), 8)));
  Kernel k = Kernel::make("guarded",
                          {ScalarParam{"n", Type::i32()},
                           Buffer::make("A", Type::f32(), {n}, MemoryScope::Global),
                           Buffer::make("out", Type::f32(), {make_int(16)}, MemoryScope::Global)},
                          Block::make({scalar, vector}));
  std::map<std::string, HostBuffer> bufs{{"A", HostBuffer(Type::f32(), {5})},
                                         {"out", HostBuffer(Type::f32(), {16})}};
  for (int j = 0; j < 5; ++j)
    bufs["A"].set(j, 10 + j);
  RunResult r = run(k, target_by_name("vnni"), bufs, {{"n", ScalarValue::i32(5)}});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  for (int j = 0; j < 8; ++j)
    EXPECT_EQ(bufs["out"].get(j), j < 5 ? 10 + j : -1.0);
  for (int j = 0; j < 8; ++j)
    EXPECT_EQ(bufs["out"].get(8 + j), 2 + j < 5 ? 12 + j : -2.0);
  // The unguarded vector load reads past A's 5 elements and is reported.
  Kernel bad = Kernel::make(
      "unguarded",
      {ScalarParam{"n", Type::i32()}, Buffer::make("A", Type::f32(), {n}, MemoryScope::Global),
       Buffer::make("out", Type::f32(), {make_int(16)}, MemoryScope::Global)},
      Store::make("out", {lanes},
                  Load::make(Type::f32(8), "A", {Ramp::make(make_int(0), make_int(1), 8)})));
  EXPECT_THAT(error_of(run(bad, target_by_name("vnni"), bufs, {{"n", ScalarValue::i32(5)}})),
              HasSubstr("out-of-bounds load of A[5]"));
}

} // namespace
} // namespace xir::interp
