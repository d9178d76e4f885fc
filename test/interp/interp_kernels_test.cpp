// The interpreter on hand-built kernels of every platform style, checked against plain C++ loops.

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "hand_kernels.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/target/bang.hpp"

namespace xir::interp {
namespace {

HostBuffer random_buffer(Type t, std::vector<std::int64_t> shape, unsigned seed, double lo = -1,
                         double hi = 1) {
  HostBuffer b(t, std::move(shape));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  for (std::int64_t i = 0; i < b.element_count(); ++i)
    b.set(i, dist(rng));
  return b;
}

#define expect_ok(result)                                                                          \
  do {                                                                                             \
    RunResult r_ = (result);                                                                       \
    ASSERT_TRUE(r_.has_value()) << r_.error().message;                                             \
  } while (false)

TEST(InterpKernels, ElementwiseAdd) {
  const int n = 200; // not a multiple of the 64-thread block
  std::map<std::string, HostBuffer> bufs;
  bufs["A"] = random_buffer(Type::f32(), {n}, 1);
  bufs["B"] = random_buffer(Type::f32(), {n}, 2);
  bufs["C"] = HostBuffer(Type::f32(), {n});
  expect_ok(
      run(test::add_kernel(), target_by_name("cuda-sm80"), bufs, {{"n", ScalarValue::i32(n)}}));
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(bufs["C"].get(i), static_cast<float>(static_cast<float>(bufs["A"].get(i)) +
                                                   static_cast<float>(bufs["B"].get(i))));
}

TEST(InterpKernels, SharedMemoryTreeReduction) {
  const int rows = 5, cols = 300;
  std::map<std::string, HostBuffer> bufs;
  bufs["A"] = random_buffer(Type::f32(), {rows, cols}, 3);
  bufs["S"] = HostBuffer(Type::f32(), {rows});
  expect_ok(run(test::row_sum_kernel(), target_by_name("cuda-sm80"), bufs,
                {{"rows", ScalarValue::i32(rows)}, {"cols", ScalarValue::i32(cols)}}));
  for (int r = 0; r < rows; ++r) {
    double want = 0;
    for (int c = 0; c < cols; ++c)
      want += bufs["A"].at({r, c});
    EXPECT_NEAR(bufs["S"].get(r), want, 1e-4) << "row " << r;
  }
}

TEST(InterpKernels, TiledGemmThroughSharedMemory) {
  const int M = 16, N = 24, K = 32;
  std::map<std::string, HostBuffer> bufs;
  bufs["A"] = random_buffer(Type::f32(), {M, K}, 4);
  bufs["B"] = random_buffer(Type::f32(), {K, N}, 5);
  bufs["C"] = HostBuffer(Type::f32(), {M, N});
  expect_ok(
      run(test::gemm_tiled_kernel(), target_by_name("hip-gfx90a"), bufs,
          {{"M", ScalarValue::i32(M)}, {"N", ScalarValue::i32(N)}, {"K", ScalarValue::i32(K)}}));
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      float want = 0; // the kernel's order: k ascending, rounded to f32 at each step
      for (int k = 0; k < K; ++k)
        want = want +
               static_cast<float>(bufs["A"].at({i, k})) * static_cast<float>(bufs["B"].at({k, j}));
      EXPECT_EQ(bufs["C"].at({i, j}), want) << i << "," << j;
    }
}

TEST(InterpKernels, Softmax) {
  const int rows = 3, cols = 45;
  std::map<std::string, HostBuffer> bufs;
  bufs["A"] = random_buffer(Type::f32(), {rows, cols}, 6, -4, 4);
  bufs["C"] = HostBuffer(Type::f32(), {rows, cols});
  expect_ok(run(test::softmax_kernel(), target_by_name("cuda-sm90"), bufs,
                {{"rows", ScalarValue::i32(rows)}, {"cols", ScalarValue::i32(cols)}}));
  for (int r = 0; r < rows; ++r) {
    double m = -1e300, sum = 0;
    for (int c = 0; c < cols; ++c)
      m = std::max(m, bufs["A"].at({r, c}));
    for (int c = 0; c < cols; ++c)
      sum += std::exp(bufs["A"].at({r, c}) - m);
    double total = 0;
    for (int c = 0; c < cols; ++c) {
      double want = std::exp(bufs["A"].at({r, c}) - m) / sum;
      EXPECT_NEAR(bufs["C"].at({r, c}), want, 1e-6) << r << "," << c;
      total += bufs["C"].at({r, c});
    }
    EXPECT_NEAR(total, 1.0, 1e-5);
  }
}

TEST(InterpKernels, BangTaskLoopThroughNram) {
  const int n = 512;
  std::map<std::string, HostBuffer> bufs;
  bufs["A"] = random_buffer(Type::f32(), {n}, 7);
  bufs["B"] = random_buffer(Type::f32(), {n}, 8);
  bufs["C"] = HostBuffer(Type::f32(), {n});
  expect_ok(run(test::bang_add_relu_kernel(), target_by_name("bang-mlu370"), bufs,
                {{"n", ScalarValue::i32(n)}}));
  for (int i = 0; i < n; ++i) {
    float sum = static_cast<float>(bufs["A"].get(i)) + static_cast<float>(bufs["B"].get(i));
    EXPECT_EQ(bufs["C"].get(i), std::max(sum, 0.0f)) << i;
  }
}

TEST(InterpKernels, CpuVectorizedLoopWithTail) {
  const int rows = 8, cols = 37;
  const float alpha = 1.5f;
  std::map<std::string, HostBuffer> bufs;
  bufs["X"] = random_buffer(Type::f32(), {rows, cols}, 9);
  bufs["Y"] = random_buffer(Type::f32(), {rows, cols}, 10);
  HostBuffer y0 = bufs["Y"];
  expect_ok(run(test::saxpy_rows_kernel(), target_by_name("vnni"), bufs,
                {{"rows", ScalarValue::i32(rows)},
                 {"cols", ScalarValue::i32(cols)},
                 {"alpha", ScalarValue::f32(alpha)}}));
  for (int i = 0; i < rows * cols; ++i)
    EXPECT_EQ(bufs["Y"].get(i),
              alpha * static_cast<float>(bufs["X"].get(i)) + static_cast<float>(y0.get(i)))
        << i;
}

TEST(InterpKernels, AtomicSumIsNotARace) {
  const int n = 100;
  std::map<std::string, HostBuffer> bufs;
  bufs["A"] = HostBuffer(Type::f32(), {n});
  for (int i = 0; i < n; ++i)
    bufs["A"].set(i, i);
  bufs["S"] = HostBuffer(Type::f32(), {1});
  expect_ok(run(test::atomic_sum_kernel(), target_by_name("cuda-sm80"), bufs,
                {{"n", ScalarValue::i32(n)}}));
  EXPECT_EQ(bufs["S"].get(0), n * (n - 1) / 2);
}

// __bang_reduce_sum: a sum per 128-byte block; __bang_matmul with the WRAM operand transposed.
TEST(InterpKernels, BangReduceSumAndMatmulIntrinsics) {
  const int M = 3, K = 5, N = 4;
  auto addr = [](const char* b) {
    bool matrix =
        std::string_view(b) == "A" || std::string_view(b) == "Bt" || std::string_view(b) == "D";
    return Address::make(Type::f32(), b,
                         matrix ? std::vector<Expr>{make_int(0), make_int(0)}
                                : std::vector<Expr>{make_int(0)});
  };
  auto copy = [&](const char* dst, const char* src, int bytes, bang::MemcpyDirection d) {
    return IntrinsicCall::make(
        "bang", "__memcpy", {addr(dst), addr(src), make_int(bytes), make_int(static_cast<int>(d))});
  };
  using enum bang::MemcpyDirection;
  Stmt body = Block::make({
      copy("x", "X", 64 * 4, GDRAM2NRAM),
      IntrinsicCall::make("bang", "__bang_reduce_sum", {addr("s"), addr("x"), make_int(64)}),
      Store::make("Sums", {make_int(0)}, Load::make(Type::f32(), "s", {make_int(0)})),
      Store::make("Sums", {make_int(1)}, Load::make(Type::f32(), "s", {make_int(32)})),
      copy("a", "A", M * K * 4, GDRAM2NRAM),
      copy("w", "Bt", N * K * 4, GDRAM2WRAM),
      IntrinsicCall::make("bang", "__bang_matmul",
                          {addr("d"), addr("a"), addr("w"), make_int(M), make_int(K), make_int(N)}),
      copy("D", "d", M * N * 4, NRAM2GDRAM),
  });
  auto nram = [](const char* name, int n, MemoryScope s = MemoryScope::Nram) {
    return Buffer::make(name, Type::f32(), {make_int(n)}, s);
  };
  for (auto [name, n] : {std::pair{"d", M * N}, {"a", M * K}, {"s", 64}, {"x", 64}})
    body = Allocate::make(nram(name, n), body);
  body = Allocate::make(nram("w", N * K, MemoryScope::Wram), body);
  Kernel k = Kernel::make(
      "bang_intrinsics",
      {Buffer::make("X", Type::f32(), {make_int(64)}, MemoryScope::Gdram),
       Buffer::make("Sums", Type::f32(), {make_int(2)}, MemoryScope::Gdram),
       Buffer::make("A", Type::f32(), {make_int(M), make_int(K)}, MemoryScope::Gdram),
       Buffer::make("Bt", Type::f32(), {make_int(N), make_int(K)}, MemoryScope::Gdram),
       Buffer::make("D", Type::f32(), {make_int(M), make_int(N)}, MemoryScope::Gdram)},
      For::make("task", make_int(0), make_int(1), ForKind::Bound, HardwareAxis::TaskId, body));
  std::map<std::string, HostBuffer> bufs;
  bufs["X"] = random_buffer(Type::f32(), {64}, 11);
  bufs["Sums"] = HostBuffer(Type::f32(), {2});
  bufs["A"] = random_buffer(Type::f32(), {M, K}, 12);
  bufs["Bt"] = random_buffer(Type::f32(), {N, K}, 13);
  bufs["D"] = HostBuffer(Type::f32(), {M, N});
  expect_ok(run(k, target_by_name("bang-mlu370"), bufs));
  for (int b = 0; b < 2; ++b) {
    float want = 0;
    for (int e = 0; e < 32; ++e)
      want += static_cast<float>(bufs["X"].get(b * 32 + e));
    EXPECT_EQ(bufs["Sums"].get(b), want);
  }
  for (int m = 0; m < M; ++m)
    for (int n = 0; n < N; ++n) {
      float want = 0;
      for (int kk = 0; kk < K; ++kk)
        want +=
            static_cast<float>(bufs["A"].at({m, kk})) * static_cast<float>(bufs["Bt"].at({n, kk}));
      EXPECT_EQ(bufs["D"].at({m, n}), want);
    }
}

// _mm512_dpbusd_epi32: unsigned a times signed b, four products per 32-bit lane, wrapping.
TEST(InterpKernels, VnniDpbusdIntrinsic) {
  auto addr = [](const char* b, Type t) { return Address::make(t, b, {make_int(0)}); };
  Kernel k = Kernel::make("dpbusd",
                          {Buffer::make("acc", Type::i32(), {make_int(16)}, MemoryScope::Host),
                           Buffer::make("a", Type::u8(), {make_int(64)}, MemoryScope::Host),
                           Buffer::make("b", Type::i8(), {make_int(64)}, MemoryScope::Host)},
                          IntrinsicCall::make("vnni", "_mm512_dpbusd_epi32",
                                              {addr("acc", Type::i32()), addr("a", Type::u8()),
                                               addr("b", Type::i8())}));
  std::map<std::string, HostBuffer> bufs;
  bufs["acc"] = HostBuffer(Type::i32(), {16});
  bufs["a"] = HostBuffer(Type::u8(), {64});
  bufs["b"] = HostBuffer(Type::i8(), {64});
  std::mt19937 rng(14);
  for (int i = 0; i < 64; ++i) {
    bufs["a"].set_int(i, static_cast<int>(rng() % 256));
    bufs["b"].set_int(i, static_cast<int>(rng() % 256) - 128);
  }
  bufs["acc"].set_int(0, 2147483647); // wraps
  for (int j = 1; j < 16; ++j)
    bufs["acc"].set_int(j, j * 1000 - 7000);
  HostBuffer acc0 = bufs["acc"];
  expect_ok(run(k, target_by_name("vnni-avx512"), bufs));
  for (int j = 0; j < 16; ++j) {
    std::int64_t sum = acc0.get_int(j);
    for (int t = 0; t < 4; ++t)
      sum += bufs["a"].get_int(4 * j + t) * bufs["b"].get_int(4 * j + t);
    EXPECT_EQ(bufs["acc"].get_int(j), static_cast<std::int32_t>(static_cast<std::uint32_t>(sum)))
        << j;
  }
}

} // namespace
} // namespace xir::interp
