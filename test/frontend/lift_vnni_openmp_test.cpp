// OpenMP data-sharing clauses (reduction, private, firstprivate, lastprivate, default shared) and simd loops in the
// VNNI frontend: lifted kernels run on the interpreter (parallel loops really run in parallel, with
// race detection) and agree with plain C++ loops; unsupported forms are located diagnostics.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;

Kernel lift_one(const char* source) {
  LiftResult r = lift_source(source, "omp.cpp", Dialect::Vnni);
  if (!r.ok()) {
    ADD_FAILURE() << format_diagnostic_header(r.diagnostics.back()) << r.diagnostics.back().message;
    return Kernel::make("failed", {}, Block::make({}));
  }
  EXPECT_EQ(r.module->kernels.size(), 1u);
  return r.module->kernels.front();
}

HostBuffer random_floats(std::int64_t n, std::mt19937& rng) {
  HostBuffer b(Type::f32(), {std::max<std::int64_t>(n, 1)});
  std::uniform_real_distribution<float> dist(-2.0f, 2.0f);
  for (std::int64_t i = 0; i < b.element_count(); ++i) b.set(i, dist(rng));
  return b;
}

HostBuffer random_ints(std::int64_t n, std::vector<int> choices, std::mt19937& rng) {
  HostBuffer b(Type::i32(), {std::max<std::int64_t>(n, 1)});
  std::uniform_int_distribution<std::size_t> pick(0, choices.size() - 1);
  for (std::int64_t i = 0; i < b.element_count(); ++i) b.set(i, choices[pick(rng)]);
  return b;
}

float f(const HostBuffer& b, std::int64_t i) { return static_cast<float>(b.get(i)); }
int n_of(const HostBuffer& b, std::int64_t i) { return static_cast<int>(b.get(i)); }

// Runs `kernel` with every `<buffer>_extent` parameter set to its buffer's element count.
void run(const Kernel& kernel, std::map<std::string, HostBuffer>& buffers, std::map<std::string, ScalarValue> scalars) {
  for (const auto& [name, buffer] : buffers) scalars[name + "_extent"] = ScalarValue::i64(buffer.element_count());
  auto result = interp::run(kernel, target_by_name("vnni"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
}

// Whether a buffer named `name` is allocated inside a parallel loop of `s`.
bool allocated_in_parallel_loop(const Stmt& s, const std::string& name, bool inside = false) {
  if (!s.defined()) return false;
  if (const auto* f = s.as<For>())
    return allocated_in_parallel_loop(f->body, name, inside || f->kind == ForKind::Parallel);
  if (const auto* a = s.as<Allocate>())
    return (inside && a->buffer.name == name) || allocated_in_parallel_loop(a->body, name, inside);
  if (const auto* l = s.as<LetStmt>()) return allocated_in_parallel_loop(l->body, name, inside);
  if (const auto* i = s.as<IfThenElse>())
    return allocated_in_parallel_loop(i->then_case, name, inside) || allocated_in_parallel_loop(i->else_case, name, inside);
  if (const auto* b = s.as<Block>())
    for (const Stmt& x : b->stmts)
      if (allocated_in_parallel_loop(x, name, inside)) return true;
  return false;
}

TEST(LiftVnniOpenMp, SumReductionStartsFromTheOriginalValue) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_sum(const float* A, float* C, int n) {
  float total = 0.5f;
#pragma omp parallel for reduction(+ : total) schedule(static)
  for (int i = 0; i < n; ++i) total += A[i];
  C[0] = total;
}
)");
  EXPECT_TRUE(allocated_in_parallel_loop(kernel.body, "total_private"));
  for (int n : {1000, 63, 1, 0}) {
    std::mt19937 rng(static_cast<unsigned>(n) + 1);
    std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {1})}};
    run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
    double want = 0.5;
    for (int i = 0; i < n; ++i) want += f(buffers["A"], i);
    EXPECT_NEAR(buffers["C"].get(0), want, 1e-3) << "n = " << n;
  }
}

TEST(LiftVnniOpenMp, MaxAndMinReductions) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_range(const float* A, float* C, int n) {
  float hi = -100.0f, lo = 100.0f;
#pragma omp parallel for reduction(max : hi) reduction(min : lo)
  for (int i = 0; i < n; ++i) {
    hi = A[i] > hi ? A[i] : hi;
    lo = A[i] < lo ? A[i] : lo;
  }
  C[0] = hi;
  C[1] = lo;
}
)");
  const int n = 777;
  std::mt19937 rng(11);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {2})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  float hi = -100.0f, lo = 100.0f;
  for (int i = 0; i < n; ++i) {
    hi = std::max(hi, f(buffers["A"], i));
    lo = std::min(lo, f(buffers["A"], i));
  }
  EXPECT_EQ(f(buffers["C"], 0), hi);
  EXPECT_EQ(f(buffers["C"], 1), lo);
}

TEST(LiftVnniOpenMp, ProductOfIntsIsExact) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_product(const int* B, int* P, int n) {
  int product = 3;
#pragma omp parallel for reduction(* : product)
  for (int i = 0; i < n; ++i) product *= B[i];
  P[0] = product;
}
)");
  const int n = 200;
  std::mt19937 rng(5);
  std::map<std::string, HostBuffer> buffers{{"B", random_ints(n, {1, 1, 1, 1, 1, 1, 1, 1, -1, 2}, rng)},
                                            {"P", HostBuffer(Type::i32(), {1})}};
  std::int64_t want = 3;
  for (int i = 0; i < n; ++i) want *= n_of(buffers["B"], i);
  ASSERT_LT(std::abs(want), std::int64_t{1} << 31);  // the seed keeps the product in range
  ASSERT_GT(std::abs(want), 3);
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  EXPECT_EQ(n_of(buffers["P"], 0), want);
}

TEST(LiftVnniOpenMp, SeveralReductionVariablesInOneLoop) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_moments(const float* A, float* C, int* K, int n) {
  float sum = 0.0f, squares = 1.0f;
  int positives = 0;
#pragma omp parallel for reduction(+ : sum, squares) reduction(+ : positives) schedule(dynamic, 4)
  for (int i = 0; i < n; ++i) {
    sum += A[i];
    squares += A[i] * A[i];
    if (A[i] > 0.0f) positives++;
  }
  C[0] = sum;
  C[1] = squares;
  K[0] = positives;
}
)");
  const int n = 1500;
  std::mt19937 rng(21);
  std::map<std::string, HostBuffer> buffers{
      {"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {2})}, {"K", HostBuffer(Type::i32(), {1})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  double sum = 0.0, squares = 1.0;
  int positives = 0;
  for (int i = 0; i < n; ++i) {
    sum += f(buffers["A"], i);
    squares += static_cast<double>(f(buffers["A"], i)) * f(buffers["A"], i);
    positives += f(buffers["A"], i) > 0.0f;
  }
  EXPECT_NEAR(buffers["C"].get(0), sum, 1e-3);
  EXPECT_NEAR(buffers["C"].get(1), squares, 1e-3 * squares);
  EXPECT_EQ(n_of(buffers["K"], 0), positives);
}

TEST(LiftVnniOpenMp, LogicalBitwiseMinAndSubtractionReductionsOnInts) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_flags(const int* B, int* R, int n, int limit) {
  int all_below = 7, any_above = 0, both = -1, either = 0, parity = 0, lowest = 1 << 20, rest = 100;
#pragma omp parallel for reduction(&& : all_below) reduction(|| : any_above) reduction(& : both) \
    reduction(| : either) reduction(^ : parity) reduction(min : lowest) reduction(- : rest)
  for (int i = 0; i < n; ++i) {
    all_below = all_below && B[i] < limit;
    any_above = any_above || B[i] > limit;
    both &= B[i] | 16;
    either |= B[i];
    parity ^= B[i] * (i + 1);
    lowest = B[i] < lowest ? B[i] : lowest;
    rest -= B[i];
  }
  R[0] = all_below; R[1] = any_above; R[2] = both; R[3] = either; R[4] = parity; R[5] = lowest; R[6] = rest;
}
)");
  const int n = 300;
  for (int limit : {40, 1000}) {
    std::mt19937 rng(static_cast<unsigned>(limit));
    std::map<std::string, HostBuffer> buffers{{"B", random_ints(n, {3, 5, 12, 33, 36, 64, 97, 250}, rng)},
                                              {"R", HostBuffer(Type::i32(), {7})}};
    run(kernel, buffers, {{"n", ScalarValue::i32(n)}, {"limit", ScalarValue::i32(limit)}});
    int all_below = 7, any_above = 0, both = -1, either = 0, parity = 0, lowest = 1 << 20, rest = 100;
    for (int i = 0; i < n; ++i) {
      const int b = n_of(buffers["B"], i);
      all_below = all_below && b < limit;
      any_above = any_above || b > limit;
      both &= b | 16;
      either |= b;
      parity ^= b * (i + 1);
      lowest = std::min(lowest, b);
      rest -= b;
    }
    const std::vector<int> want{all_below, any_above, both, either, parity, lowest, rest};
    for (int k = 0; k < 7; ++k) EXPECT_EQ(n_of(buffers["R"], k), want[static_cast<std::size_t>(k)]) << "R[" << k << "]";
  }
}

TEST(LiftVnniOpenMp, ArrayAndArraySectionReductions) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_hist(const int* B, int* H, int* G, int n, int bins) {
  int counts[4] = {1, 0, 0, 5};
  int tail[5] = {9, 9, 0, 1, 2};
#pragma omp parallel for reduction(+ : counts) reduction(+ : H[0:bins]) reduction(max : G[1:2]) \
    reduction(^ : tail[2:])
  for (int i = 0; i < n; ++i) {
    counts[B[i] & 3] += 1;
    H[B[i] % bins] += 2;
    G[1 + (i & 1)] = B[i] > G[1 + (i & 1)] ? B[i] : G[1 + (i & 1)];
    tail[2 + i % 3] ^= B[i] + i;
  }
  for (int k = 0; k < 4; ++k) G[4 + k] = counts[k];
  for (int k = 0; k < 5; ++k) H[bins + 1 + k] = tail[k];
}
)");
  const int n = 500, bins = 7;
  std::mt19937 rng(31);
  std::map<std::string, HostBuffer> buffers{{"B", random_ints(n, {0, 1, 2, 3, 4, 5, 6, 8, 13, 99}, rng)},
                                            {"H", HostBuffer(Type::i32(), {bins + 6})},
                                            {"G", HostBuffer(Type::i32(), {8})}};
  for (int k = 0; k <= bins; ++k) buffers["H"].set(k, 10 * k);
  for (int k = bins + 1; k < bins + 6; ++k) buffers["H"].set(k, -1);
  for (int k = 0; k < 8; ++k) buffers["G"].set(k, 50 - k);
  std::vector<int> hist(bins + 6), g(8), counts{1, 0, 0, 5}, tail{9, 9, 0, 1, 2};
  for (int k = 0; k <= bins; ++k) hist[static_cast<std::size_t>(k)] = 10 * k;
  for (int k = 0; k < 8; ++k) g[static_cast<std::size_t>(k)] = 50 - k;
  for (int i = 0; i < n; ++i) {
    const int b = n_of(buffers["B"], i);
    counts[static_cast<std::size_t>(b & 3)] += 1;
    hist[static_cast<std::size_t>(b % bins)] += 2;
    int& best = g[static_cast<std::size_t>(1 + (i & 1))];
    best = std::max(best, b);
    tail[static_cast<std::size_t>(2 + i % 3)] ^= b + i;
  }
  for (int k = 0; k < 4; ++k) g[static_cast<std::size_t>(4 + k)] = counts[static_cast<std::size_t>(k)];
  for (int k = 0; k < 5; ++k) hist[static_cast<std::size_t>(bins + 1 + k)] = tail[static_cast<std::size_t>(k)];
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}, {"bins", ScalarValue::i32(bins)}});
  for (int k = 0; k < bins + 6; ++k) EXPECT_EQ(n_of(buffers["H"], k), hist[static_cast<std::size_t>(k)]) << "H[" << k << "]";
  for (int k = 0; k < 8; ++k) EXPECT_EQ(n_of(buffers["G"], k), g[static_cast<std::size_t>(k)]) << "G[" << k << "]";
}

TEST(LiftVnniOpenMp, PrivateScalarAndArrayAreAllocatedPerThread) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_private(const float* A, float* C, float* D, int n) {
  float t;
  float window[4];
#pragma omp parallel for private(t, window)
  for (int i = 0; i < n; ++i) {
    t = A[i] * 2.0f;
    for (int k = 0; k < 4; ++k) window[k] = t + k;
    C[i] = t + 1.0f;
    D[i] = window[3] * window[1];
  }
}
)");
  EXPECT_TRUE(allocated_in_parallel_loop(kernel.body, "t_private"));
  EXPECT_TRUE(allocated_in_parallel_loop(kernel.body, "window_private"));
  const int n = 301;
  std::mt19937 rng(8);
  std::map<std::string, HostBuffer> buffers{
      {"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {n})}, {"D", HostBuffer(Type::f32(), {n})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) {
    const float t = f(buffers["A"], i) * 2.0f;
    ASSERT_EQ(f(buffers["C"], i), t + 1.0f) << "at " << i;
    ASSERT_EQ(f(buffers["D"], i), (t + 3) * (t + 1)) << "at " << i;
  }
}

TEST(LiftVnniOpenMp, FirstprivateCopiesTheValueBeforeTheLoop) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_bias(const float* A, float* C, int n) {
  float bias = 0.25f;
  if (n > 4) bias = 1.5f;
  int offset = 0;
  offset += n / 2;
#pragma omp parallel for firstprivate(bias, offset)
  for (int i = 0; i < n; ++i) {
    C[i] = A[i] + bias + offset;
    bias = bias * 1.0f;
  }
  C[n] = bias;
}
)");
  for (int n : {100, 3}) {
    std::mt19937 rng(static_cast<unsigned>(n));
    std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {n + 1})}};
    run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
    const float bias = n > 4 ? 1.5f : 0.25f;
    for (int i = 0; i < n; ++i) ASSERT_EQ(f(buffers["C"], i), f(buffers["A"], i) + bias + n / 2) << "at " << i;
    EXPECT_EQ(f(buffers["C"], n), bias);  // the original is not written by the copies
  }
}

TEST(LiftVnniOpenMp, LastprivateKeepsTheSequentiallyLastIteration) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_last(const float* A, float* C, int* K, int n) {
  float last = -1.0f;
  int last_index = -7;
#pragma omp parallel for lastprivate(last, last_index) schedule(static, 3)
  for (int i = 0; i < n; i += 2) {
    last = A[i] * 2.0f;
    last_index = i;
    C[i] = last;
  }
  C[0] = last;
  K[0] = last_index;
}
)");
  for (int n : {1001, 64, 0}) {
    std::mt19937 rng(static_cast<unsigned>(n) + 3);
    std::map<std::string, HostBuffer> buffers{
        {"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {std::max(n, 1)})}, {"K", HostBuffer(Type::i32(), {1})}};
    run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
    // No iteration: OpenMP leaves the value indeterminate (libgomp stores an uninitialized copy);
    // the lifting keeps the original.
    const int last_index = n > 0 ? (n - 1) / 2 * 2 : -7;
    EXPECT_EQ(n_of(buffers["K"], 0), last_index) << "n = " << n;
    EXPECT_EQ(f(buffers["C"], 0), n > 0 ? f(buffers["A"], last_index) * 2.0f : -1.0f) << "n = " << n;
  }
}

TEST(LiftVnniOpenMp, ReductionAndLastprivateOverACollapsedNest) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_grid(const float* A, float* C, int* K, int rows, int cols) {
  float total = 0.0f;
  int hash = 5, last_cell = -1;
#pragma omp parallel for collapse(2) reduction(+ : total) reduction(^ : hash) lastprivate(last_cell)
  for (int i = 1; i < rows; ++i)
    for (int j = 0; j < cols; j += 3) {
      total += A[i * cols + j] * (i - j);
      hash ^= (i * 31 + j) << (j % 5);
      last_cell = i * cols + j;
    }
  C[0] = total;
  K[0] = hash;
  K[1] = last_cell;
}
)");
  EXPECT_TRUE(allocated_in_parallel_loop(kernel.body, "total_private"));
  const int rows = 13, cols = 29;
  std::mt19937 rng(4);
  std::map<std::string, HostBuffer> buffers{
      {"A", random_floats(rows * cols, rng)}, {"C", HostBuffer(Type::f32(), {1})}, {"K", HostBuffer(Type::i32(), {2})}};
  run(kernel, buffers, {{"rows", ScalarValue::i32(rows)}, {"cols", ScalarValue::i32(cols)}});
  double total = 0.0;
  int hash = 5, last_cell = -1;
  for (int i = 1; i < rows; ++i)
    for (int j = 0; j < cols; j += 3) {
      total += f(buffers["A"], i * cols + j) * (i - j);
      hash ^= (i * 31 + j) << (j % 5);
      last_cell = i * cols + j;
    }
  EXPECT_NEAR(buffers["C"].get(0), total, 1e-3);
  EXPECT_EQ(n_of(buffers["K"], 0), hash);
  EXPECT_EQ(n_of(buffers["K"], 1), last_cell);
}

TEST(LiftVnniOpenMp, SimdReductionsInsideAndAsParallelLoops) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_rows(const float* A, float* S, float* M, int rows, int cols) {
#pragma omp parallel for
  for (int r = 0; r < rows; ++r) {
    float s = 0.0f;
#pragma omp simd reduction(+ : s) simdlen(16)
    for (int c = 0; c < cols; ++c) s += A[r * cols + c];
    S[r] = s;
  }
  float best = -1000.0f;
#pragma omp parallel for simd reduction(max : best) aligned(A : 64)
  for (int i = 0; i < rows * cols; ++i) best = A[i] > best ? A[i] : best;
  M[0] = best;
}
)");
  const int rows = 9, cols = 37;
  std::mt19937 rng(12);
  std::map<std::string, HostBuffer> buffers{
      {"A", random_floats(rows * cols, rng)}, {"S", HostBuffer(Type::f32(), {rows})}, {"M", HostBuffer(Type::f32(), {1})}};
  run(kernel, buffers, {{"rows", ScalarValue::i32(rows)}, {"cols", ScalarValue::i32(cols)}});
  float best = -1000.0f;
  for (int r = 0; r < rows; ++r) {
    double s = 0.0;
    for (int c = 0; c < cols; ++c) {
      s += f(buffers["A"], r * cols + c);
      best = std::max(best, f(buffers["A"], r * cols + c));
    }
    EXPECT_NEAR(buffers["S"].get(r), s, 1e-4) << "row " << r;
  }
  EXPECT_EQ(f(buffers["M"], 0), best);
}

TEST(LiftVnniOpenMp, ReductionOnAWorkSharingLoopOfAParallelRegion) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_region(const float* A, float* C, int n) {
  float total = 2.0f;
#pragma omp parallel
  {
    float weights[2] = {0.5f, 3.0f};
    float t;
#pragma omp for reduction(+ : total) private(t)
    for (int i = 0; i < n; ++i) {
      weights[i % 2] += 0.0f;
      t = A[i] * weights[i % 2];
      total += t;
    }
  }
  C[0] = total;
}
)");
  const int n = 513;
  std::mt19937 rng(2);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {1})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  double want = 2.0;
  for (int i = 0; i < n; ++i) want += f(buffers["A"], i) * (i % 2 ? 3.0 : 0.5);
  EXPECT_NEAR(buffers["C"].get(0), want, 1e-3);
}

TEST(LiftVnniOpenMp, PrivateAndFirstprivateVariablesOfAParallelRegion) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_region(const float* A, float* C, int n) {
  float t = 0.0f;
  float bias = 1.0f;
  if (n > 3) bias = 2.0f;
  float window[4];
  float offset = 0.0f;
  if (n > 1) offset = 1.0f;
#pragma omp parallel private(t, window) firstprivate(bias) num_threads(4)
  {
    float scratch[2];
#pragma omp for schedule(static)
    for (int i = 0; i < n; ++i) {
      t = A[i] * bias;
      window[i % 4] = t;
      scratch[i % 2] = offset;
      C[i] = window[i % 4] + scratch[i % 2];
    }
  }
  C[n] = bias + t;
}
)");
  EXPECT_TRUE(allocated_in_parallel_loop(kernel.body, "t_private"));
  EXPECT_TRUE(allocated_in_parallel_loop(kernel.body, "bias_private"));
  const int n = 90;
  std::mt19937 rng(23);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {n + 1})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) ASSERT_EQ(f(buffers["C"], i), f(buffers["A"], i) * 2.0f + 1.0f) << "at " << i;
  EXPECT_EQ(f(buffers["C"], n), 2.0f);  // the originals are untouched by the copies
}

TEST(LiftVnniOpenMp, ReductionLoopWithContinueAndAnInlinedCallNestedInAParallelLoop) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
static inline float square(float x) { float y = x; y *= x; return y; }
extern "C" void run_rows(const float* A, double* D, int rows, int n) {
#pragma omp parallel for
  for (int r = 0; r < rows; ++r) {
    double s = 0.0;
#pragma omp parallel for reduction(+ : s)
    for (int c = 0; c < n; ++c) {
      if (A[r * n + c] < 0.0f) continue;
      s += square(A[r * n + c]);
    }
    D[r] = s;
  }
}
)");
  const int rows = 5, n = 70;
  std::mt19937 rng(17);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(rows * n, rng)}, {"D", HostBuffer(Type::f64(), {rows})}};
  run(kernel, buffers, {{"rows", ScalarValue::i32(rows)}, {"n", ScalarValue::i32(n)}});
  for (int r = 0; r < rows; ++r) {
    double s = 0.0;
    for (int c = 0; c < n; ++c)
      if (f(buffers["A"], r * n + c) >= 0.0f) s += f(buffers["A"], r * n + c) * f(buffers["A"], r * n + c);
    EXPECT_NEAR(buffers["D"].get(r), s, 1e-4) << "row " << r;
  }
}

TEST(LiftVnniOpenMp, VectorFirstprivateAndLastprivate) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_scale(const float* A, float* C, int n) {
  __m512 v = _mm512_setzero_ps();
  __m512 w = _mm512_set1_ps(1.0f);
  if (n > 0) w = _mm512_set1_ps(3.0f);
#pragma omp parallel for lastprivate(v) firstprivate(w)
  for (int i = 0; i < n; i += 16) {
    v = _mm512_mul_ps(w, _mm512_loadu_ps(A + i));
    _mm512_storeu_ps(C + 16 + i, v);
  }
  _mm512_storeu_ps(C, v);
}
)");
  const int n = 64;
  std::mt19937 rng(6);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {n + 16})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) ASSERT_EQ(f(buffers["C"], 16 + i), 3.0f * f(buffers["A"], i)) << "at " << i;
  for (int l = 0; l < 16; ++l) EXPECT_EQ(f(buffers["C"], l), 3.0f * f(buffers["A"], n - 16 + l)) << "lane " << l;
}

TEST(LiftVnniOpenMp, ReductionsOfEveryIntegerWidthOverACollapse3Nest) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_types(const int* B, long long* L, unsigned* U, unsigned char* Q, int n) {
  long long lo = 0;
  unsigned mask = ~0u;
  unsigned char top = 0;
  short count = 0;
  double growth = 1.0;
#pragma omp parallel for collapse(3) reduction(min : lo) reduction(& : mask) reduction(max : top) \
    reduction(+ : count) reduction(* : growth)
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < n; ++c) {
        const long long v = B[c] * (long long)(a - b);
        lo = v < lo ? v : lo;
        mask &= (unsigned)B[c] | 0xF0u;
        top = (unsigned char)B[c] > top ? (unsigned char)B[c] : top;
        count += 1;
        growth *= 1.001;
      }
  L[0] = lo; L[1] = count; L[2] = (long long)(growth * 1000000.0);
  U[0] = mask;
  Q[0] = top;
}
)");
  const int n = 40;
  std::mt19937 rng(13);
  std::map<std::string, HostBuffer> buffers{{"B", random_ints(n, {-300, 7, 9, 200, 1000, 4095}, rng)},
                                            {"L", HostBuffer(Type::i64(), {3})}, {"U", HostBuffer(Type::u32(), {1})},
                                            {"Q", HostBuffer(Type::u8(), {1})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  long long lo = 0;
  unsigned mask = ~0u;
  unsigned char top = 0;
  short count = 0;
  double growth = 1.0;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b)
      for (int c = 0; c < n; ++c) {
        const int x = n_of(buffers["B"], c);
        lo = std::min(lo, x * static_cast<long long>(a - b));
        mask &= static_cast<unsigned>(x) | 0xF0u;
        top = std::max(top, static_cast<unsigned char>(x));
        count += 1;
        growth *= 1.001;
      }
  EXPECT_EQ(static_cast<long long>(buffers["L"].get(0)), lo);
  EXPECT_EQ(static_cast<long long>(buffers["L"].get(1)), count);
  EXPECT_NEAR(static_cast<double>(buffers["L"].get(2)), growth * 1000000.0, 2.0);
  EXPECT_EQ(static_cast<unsigned>(buffers["U"].get(0)), mask);
  EXPECT_EQ(static_cast<unsigned>(buffers["Q"].get(0)), top);
}

TEST(LiftVnniOpenMp, CollapsedSimdAndANowaitWorkSharingLoop) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_sums(const float* A, float* C, int n) {
  float s = 0.0f;
#pragma omp simd collapse(2) reduction(+ : s)
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < 4; ++j) s += A[i * 4 + j] * j;
  float t = 1.0f;
#pragma omp parallel
  {
#pragma omp for reduction(+ : t) nowait
    for (int i = 0; i < 4 * n; ++i) t += A[i];
  }
  C[0] = s;
  C[1] = t;
}
)");
  const int n = 33;
  std::mt19937 rng(14);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(4 * n, rng)}, {"C", HostBuffer(Type::f32(), {2})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  double s = 0.0, t = 1.0;
  for (int i = 0; i < 4 * n; ++i) {
    s += f(buffers["A"], i) * (i % 4);
    t += f(buffers["A"], i);
  }
  EXPECT_NEAR(buffers["C"].get(0), s, 1e-3);
  EXPECT_NEAR(buffers["C"].get(1), t, 1e-3);
}

TEST(LiftVnniOpenMp, SimdPrivateLastprivateAndReductionAndAForSimdLoopOfARegion) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_simd(const float* A, float* C, int n) {
  float s = 0.0f, last = 0.0f, p;
#pragma omp simd private(p) lastprivate(last) reduction(+ : s)
  for (int i = 0; i < n; ++i) {
    p = A[i];
    s += p;
    last = p;
  }
  float best = -5.0f;
#pragma omp parallel
  {
#pragma omp for simd reduction(max : best) schedule(dynamic)
    for (int i = 0; i < n; ++i) best = A[i] > best ? A[i] : best;
  }
  C[0] = s;
  C[1] = last;
  C[2] = best;
}
)");
  const int n = 45;
  std::mt19937 rng(29);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {3})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  double s = 0.0;
  float best = -5.0f;
  for (int i = 0; i < n; ++i) {
    s += f(buffers["A"], i);
    best = std::max(best, f(buffers["A"], i));
  }
  EXPECT_NEAR(buffers["C"].get(0), s, 1e-4);
  EXPECT_EQ(f(buffers["C"], 1), f(buffers["A"], n - 1));
  EXPECT_EQ(f(buffers["C"], 2), best);
}

TEST(LiftVnniOpenMp, SharedVariablesOfTheEnclosingCodeAreSeenByEveryThread) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_table(const int* B, float* C, int* K, int n) {
  float scale = 1.0f;
  if (n > 10) scale = 0.5f;
  float table[4];
  for (int k = 0; k < 4; ++k) table[k] = k * scale;
  int marks[8] = {0, 0, 0, 0, 0, 0, 0, 0};
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    C[i] = table[B[i] & 3] + scale;
    if (i < 8) marks[i] = i + 1;
  }
  for (int k = 0; k < 8; ++k) K[k] = marks[k];
}
)");
  const int n = 50;
  std::mt19937 rng(9);
  std::map<std::string, HostBuffer> buffers{{"B", random_ints(n, {0, 1, 2, 3, 7}, rng)},
                                            {"C", HostBuffer(Type::f32(), {n})},
                                            {"K", HostBuffer(Type::i32(), {8})}};
  run(kernel, buffers, {{"n", ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) ASSERT_EQ(f(buffers["C"], i), (n_of(buffers["B"], i) & 3) * 0.5f + 0.5f) << "at " << i;
  for (int k = 0; k < 8; ++k) EXPECT_EQ(n_of(buffers["K"], k), k + 1);
}

TEST(LiftVnniOpenMp, NestedParallelLoopsShareTheOuterAndThePerIterationVariables) {
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_nest(const float* A, float* C, int rows, int cols) {
  float scale = 1.0f;
  if (rows > 2) scale = 3.0f;
  float sums[8];
#pragma omp parallel for
  for (int r = 0; r < rows; ++r) {
    float shift = 0.0f;
    shift += r;
#pragma omp parallel for
    for (int c = 0; c < cols; ++c) C[r * cols + c] = A[r * cols + c] * scale + shift;
    sums[r] = shift * 2.0f;
  }
  for (int r = 0; r < rows; ++r) C[rows * cols + r] = sums[r];
}
)");
  const int rows = 6, cols = 21;
  std::mt19937 rng(27);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(rows * cols, rng)},
                                            {"C", HostBuffer(Type::f32(), {rows * cols + rows})}};
  run(kernel, buffers, {{"rows", ScalarValue::i32(rows)}, {"cols", ScalarValue::i32(cols)}});
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c)
      ASSERT_EQ(f(buffers["C"], r * cols + c), f(buffers["A"], r * cols + c) * 3.0f + r) << r << ", " << c;
    EXPECT_EQ(f(buffers["C"], rows * cols + r), 2.0f * r);
  }
}

TEST(LiftVnniOpenMp, ASharedTemporaryWrittenByEveryIterationIsARace) {
  // Without private(t), OpenMP shares t: the threads race on it, and the interpreter says so.
  const Kernel kernel = lift_one(R"(#include <immintrin.h>
extern "C" void run_racy(const float* A, float* C, int n) {
  float t;
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    t = A[i] * 2.0f;
    C[i] = t;
  }
}
)");
  const int n = 16;
  std::mt19937 rng(1);
  std::map<std::string, HostBuffer> buffers{{"A", random_floats(n, rng)}, {"C", HostBuffer(Type::f32(), {n})}};
  std::map<std::string, ScalarValue> scalars{{"n", ScalarValue::i32(n)}, {"A_extent", ScalarValue::i64(n)},
                                             {"C_extent", ScalarValue::i64(n)}};
  auto result = interp::run(kernel, target_by_name("vnni"), buffers, scalars);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("data race on t_shared"), std::string::npos) << result.error().message;
}

// Unsupported clause forms are located diagnostics: test/frontend/malformed/vnni/omp_*.cpp.

} // namespace
} // namespace xir::frontend
