// The template API builds the same IR as the hand-written kernels (structural equality), and the
// kernels it builds run on the interpreter.

#include <gtest/gtest.h>

#include <limits>

#include "hand_kernels.hpp"
#include "xir/builder.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir/reflect.hpp"
#include "xir/target/bang.hpp"
#include "xir/text/printer.hpp"

namespace xir::builder {
namespace {

using HA = HardwareAxis;
using I = Expr<i32>;

Kernel add(const char* name, bool guarded) {
  KernelBuilder k(name);
  auto n = k.scalar<i32>("n");
  auto A = k.buffer<f32>("A", {n});
  auto B = k.buffer<f32>("B", {n});
  auto C = k.buffer<f32>("C", {n});
  k.bound(HA::BlockIdxX, "bx", (n + 63) / 64, [&](I bx) {
    k.bound(HA::ThreadIdxX, "tx", 64, [&](I tx) {
      k.let("i", bx * 64 + tx, [&](I i) {
        if (guarded)
          k.if_(i < n, [&] { C(i) = A(i) + B(i); });
        else
          C(i) = A(i) + B(i);
      });
    });
  });
  return k.build();
}

// for name in [0, ceil(extent / width)): col = name * width + tx; if (col < extent) body(col)
template <class F>
void strided(KernelBuilder& k, const char* name, I extent, int width, I tx, F body) {
  k.serial(name, 0, (extent + (width - 1)) / width, [&](I c) {
    k.let("col", c * width + tx, [&](I col) { k.if_(col < extent, [&] { body(col); }); });
  });
}

Kernel row_sum(bool with_first_barrier) {
  KernelBuilder k(with_first_barrier ? "row_sum" : "row_sum_missing_barrier");
  auto rows = k.scalar<i32>("rows");
  auto cols = k.scalar<i32>("cols");
  auto A = k.buffer<f32>("A", {rows, cols});
  auto S = k.buffer<f32>("S", {rows});
  k.bound(HA::BlockIdxX, "row", rows, [&](I row) {
    k.allocate<f32>("partial", {64}, MemoryScope::Shared, [&](auto partial) {
      k.bound(HA::ThreadIdxX, "tx", 64, [&](I tx) {
        partial(tx) = 0.0f;
        strided(k, "c", cols, 64, tx, [&](I col) { partial(tx) = partial(tx) + A(row, col); });
        if (with_first_barrier)
          k.barrier();
        k.serial("step", 0, 6, [&](I step) {
          k.let("half", 32 >> step, [&](I half) {
            k.if_(tx < half, [&] { partial(tx) = partial(tx) + partial(tx + half); });
          });
          k.barrier();
        });
        k.if_(tx == 0, [&] { S(row) = partial(0); });
      });
    });
  });
  return k.build();
}

Kernel gemm_tiled() {
  KernelBuilder k("gemm_tiled");
  auto M = k.scalar<i32>("M"), N = k.scalar<i32>("N"), K = k.scalar<i32>("K");
  auto A = k.buffer<f32>("A", {M, K});
  auto B = k.buffer<f32>("B", {K, N});
  auto C = k.buffer<f32>("C", {M, N});
  k.bound(HA::BlockIdxY, "by", M / 8, [&](I by) {
    k.bound(HA::BlockIdxX, "bx", N / 8, [&](I bx) {
      k.allocate<f32>("As", {8, 8}, MemoryScope::Shared, [&](auto As) {
        k.allocate<f32>("Bs", {8, 8}, MemoryScope::Shared, [&](auto Bs) {
          k.bound(HA::ThreadIdxY, "ty", 8, [&](I ty) {
            k.bound(HA::ThreadIdxX, "tx", 8, [&](I tx) {
              k.allocate<f32>("acc", {1}, MemoryScope::Local, [&](auto acc) {
                acc(0) = 0.0f;
                k.serial("kt", 0, K / 8, [&](I kt) {
                  As(ty, tx) = A(by * 8 + ty, kt * 8 + tx);
                  Bs(ty, tx) = B(kt * 8 + ty, bx * 8 + tx);
                  k.barrier();
                  k.serial("kk", 0, 8, [&](I kk) { acc(0) += As(ty, kk) * Bs(kk, tx); });
                  k.barrier();
                });
                C(by * 8 + ty, bx * 8 + tx) = acc(0);
              });
            });
          });
        });
      });
    });
  });
  return k.build();
}

Kernel softmax() {
  KernelBuilder k("softmax");
  auto rows = k.scalar<i32>("rows"), cols = k.scalar<i32>("cols");
  auto A = k.buffer<f32>("A", {rows, cols});
  auto C = k.buffer<f32>("C", {rows, cols});
  k.bound(HA::BlockIdxX, "row", rows, [&](I row) {
    k.allocate<f32>("red", {32}, MemoryScope::Shared, [&](auto red) {
      k.bound(HA::ThreadIdxX, "tx", 32, [&](I tx) {
        auto into_first = [&](auto combine) {
          k.if_(tx == 0,
                [&] { k.serial("t", 1, 31, [&](I t) { red(0) = combine(red(0), red(t)); }); });
        };
        red(tx) = -std::numeric_limits<float>::max();
        strided(k, "c", cols, 32, tx, [&](I col) { red(tx) = max(red(tx), A(row, col)); });
        k.barrier();
        into_first([](auto a, auto b) { return max(a, b); });
        k.barrier();
        k.let("row_max", red(0), [&](Expr<f32> row_max) {
          k.barrier();
          red(tx) = 0.0f;
          strided(k, "c", cols, 32, tx, [&](I col) {
            C(row, col) = exp(A(row, col) - row_max);
            red(tx) = red(tx) + C(row, col);
          });
          k.barrier();
          into_first([](auto a, auto b) { return a + b; });
          k.barrier();
          strided(k, "c", cols, 32, tx, [&](I col) { C(row, col) = C(row, col) / red(0); });
        });
      });
    });
  });
  return k.build();
}

Kernel bang_add_relu() {
  KernelBuilder k("bang_add_relu");
  auto n = k.scalar<i32>("n");
  auto A = k.buffer<f32>("A", {n}, MemoryScope::Gdram);
  auto B = k.buffer<f32>("B", {n}, MemoryScope::Gdram);
  auto C = k.buffer<f32>("C", {n}, MemoryScope::Gdram);
  auto dir = [](bang::MemcpyDirection d) { return make_int(static_cast<int>(d)); };
  k.bound(HA::TaskId, "task", 4, [&](I task) {
    k.allocate<f32>("a", {64}, MemoryScope::Nram, [&](auto a) {
      k.allocate<f32>("b", {64}, MemoryScope::Nram, [&](auto b) {
        k.serial("it", 0, n / 256, [&](I it) {
          k.let("base", (it * 4 + task) * 64, [&](I base) {
            k.intrinsic("bang", "__memcpy",
                        {a.address(0), A.address(base), make_int(256),
                         dir(bang::MemcpyDirection::GDRAM2NRAM)});
            k.intrinsic("bang", "__memcpy",
                        {b.address(0), B.address(base), make_int(256),
                         dir(bang::MemcpyDirection::GDRAM2NRAM)});
            k.intrinsic("bang", "__bang_add",
                        {a.address(0), a.address(0), b.address(0), make_int(64)});
            k.intrinsic("bang", "__bang_active_relu", {a.address(0), a.address(0), make_int(64)});
            k.intrinsic("bang", "__memcpy",
                        {C.address(base), a.address(0), make_int(256),
                         dir(bang::MemcpyDirection::NRAM2GDRAM)});
          });
        });
      });
    });
  });
  return k.build();
}

Kernel saxpy_rows() {
  KernelBuilder k("saxpy_rows");
  auto rows = k.scalar<i32>("rows"), cols = k.scalar<i32>("cols");
  auto alpha = k.scalar<f32>("alpha");
  auto X = k.buffer<f32>("X", {rows, cols}, MemoryScope::Host);
  auto Y = k.buffer<f32>("Y", {rows, cols}, MemoryScope::Host);
  k.bound(HA::CpuThread, "t", 4, [&](I t) {
    k.serial("r", t * (rows / 4), rows / 4, [&](I r) {
      k.serial("vi", 0, cols / 16, [&](I vi) {
        auto lanes = ramp<16>(vi * 16);
        Y(r, lanes) = broadcast<16>(alpha) * X(r, lanes) + Y(r, lanes);
      });
      k.serial("s", cols / 16 * 16, cols % 16, [&](I s) { Y(r, s) = alpha * X(r, s) + Y(r, s); });
    });
  });
  return k.build();
}

Kernel sum(bool atomic) {
  KernelBuilder k(atomic ? "atomic_sum" : "racy_sum");
  auto n = k.scalar<i32>("n");
  auto A = k.buffer<f32>("A", {n});
  auto S = k.buffer<f32>("S", {1});
  k.bound(HA::ThreadIdxX, "tx", n, [&](I tx) {
    if (atomic)
      k.atomic_add(S, A(tx), 0);
    else
      S(0) = S(0) + A(tx);
  });
  return k.build();
}

// Structurally equal, and printed to the same text.
void expect_same(const Kernel& built, const Kernel& hand) {
  EXPECT_TRUE(structurally_equal(built, hand)) << hand.name;
  EXPECT_EQ(print(built), print(hand));
}

TEST(Builder, BuildsTheHandWrittenKernels) {
  expect_same(add("add", true), test::add_kernel());
  expect_same(add("add_unguarded", false), test::add_unguarded_kernel());
  expect_same(row_sum(true), test::row_sum_kernel(true));
  expect_same(row_sum(false), test::row_sum_kernel(false));
  expect_same(gemm_tiled(), test::gemm_tiled_kernel());
  expect_same(softmax(), test::softmax_kernel());
  expect_same(bang_add_relu(), test::bang_add_relu_kernel());
  expect_same(saxpy_rows(), test::saxpy_rows_kernel());
  expect_same(sum(false), test::racy_sum_kernel());
  expect_same(sum(true), test::atomic_sum_kernel());
  EXPECT_NE(print(add("add", false)), print(test::add_kernel()));
}

TEST(Builder, StructuralEqualityOfEveryKernel) {
  EXPECT_TRUE(structurally_equal(add("add", true), test::add_kernel()));
  EXPECT_TRUE(structurally_equal(add("add_unguarded", false), test::add_unguarded_kernel()));
  EXPECT_TRUE(structurally_equal(row_sum(true), test::row_sum_kernel(true)));
  EXPECT_TRUE(structurally_equal(row_sum(false), test::row_sum_kernel(false)));
  EXPECT_TRUE(structurally_equal(gemm_tiled(), test::gemm_tiled_kernel()));
  EXPECT_TRUE(structurally_equal(softmax(), test::softmax_kernel()));
  EXPECT_TRUE(structurally_equal(bang_add_relu(), test::bang_add_relu_kernel()));
  EXPECT_TRUE(structurally_equal(saxpy_rows(), test::saxpy_rows_kernel()));
  EXPECT_TRUE(structurally_equal(sum(false), test::racy_sum_kernel()));
  EXPECT_TRUE(structurally_equal(sum(true), test::atomic_sum_kernel()));
  // A changed constant is a different kernel: the comparison can fail.
  EXPECT_FALSE(structurally_equal(add("add", false), test::add_kernel()));
  EXPECT_FALSE(structurally_equal(row_sum(false), test::row_sum_kernel(true)));
}

TEST(Builder, ElementTypesFlowThroughExpressions) {
  KernelBuilder k("types");
  auto h = k.buffer<f16>("h", {4});
  auto v = k.buffer<f32>("v", {32});
  static_assert(std::same_as<element_t<decltype(h(0))>, f16>);
  static_assert(std::same_as<element_t<decltype(h(0) < h(1))>, bool>);
  static_assert(std::same_as<element_t<decltype(v(ramp<8>(I(lit<i32>(0)))))>, vec<f32, 8>>);
  static_assert(std::same_as<element_t<decltype(cast<f32>(h(0)))>, f32>);
  EXPECT_EQ((h(0) + h(1)).lower().type(), Type::f16());
  EXPECT_EQ(v(ramp<8>(lit<i32>(8))).lower().type(), Type::f32(8));
  EXPECT_EQ(select(h(0) < h(1), h(0), h(1)).lower().type(), Type::f16());
}

TEST(Builder, BuiltKernelRuns) {
  using namespace interp;
  const int n = 10;
  std::map<std::string, HostBuffer> bufs{{"A", HostBuffer(Type::f32(), {n})},
                                         {"S", HostBuffer(Type::f32(), {1})}};
  for (int i = 0; i < n; ++i)
    bufs["A"].set(i, 0.5 * i);
  ASSERT_TRUE(run(sum(true), target_by_name("cuda-sm80"), bufs, {{"n", ScalarValue::i32(n)}}));
  EXPECT_EQ(bufs["S"].get(0), 0.5 * n * (n - 1) / 2);
}

} // namespace
} // namespace xir::builder
