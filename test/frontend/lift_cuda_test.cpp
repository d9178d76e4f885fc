// Lifting CUDA and HIP through Clang: structure of the lifted IR and diagnostics for what is not supported.

#include <gtest/gtest.h>

#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

const Kernel* find_kernel(const Module& m, const std::string& name) {
  for (const Kernel& k : m.kernels)
    if (k.name == name) return &k;
  return nullptr;
}

// Counts loops bound to each axis and barriers.
struct Census : IRVisitor {
  std::map<HardwareAxis, int> bound;
  int barriers = 0, stores = 0, allocations_shared = 0;
  using IRVisitor::visit;
  void visit(const For& loop, const Stmt& self) override {
    if (loop.kind == ForKind::Bound) ++bound[loop.axis];
    IRVisitor::visit(loop, self);
  }
  void visit(const Barrier&, const Stmt&) override { ++barriers; }
  void visit(const Store& s, const Stmt& self) override {
    ++stores;
    IRVisitor::visit(s, self);
  }
  void visit(const Allocate& a, const Stmt& self) override {
    if (a.buffer.scope == MemoryScope::Shared) ++allocations_shared;
    IRVisitor::visit(a, self);
  }
};

constexpr const char* elementwise_cuda = R"(#include <cuda_runtime.h>
__global__ void add_kernel(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  c[i] = a[i] + b[i];
}
extern "C" void run_add(const float* a, const float* b, float* c, int n) {
  float *da, *db, *dc;
  size_t bytes = n * sizeof(float);
  cudaMalloc(&da, bytes); cudaMalloc(&db, bytes); cudaMalloc(&dc, bytes);
  cudaMemcpy(da, a, bytes, cudaMemcpyHostToDevice);
  cudaMemcpy(db, b, bytes, cudaMemcpyHostToDevice);
  add_kernel<<<(n + 255) / 256, 256>>>(da, db, dc, n);
  cudaMemcpy(c, dc, bytes, cudaMemcpyDeviceToHost);
  cudaFree(da); cudaFree(db); cudaFree(dc);
}
)";

TEST(LiftCuda, ElementwiseKernelAndHostEntry) {
  LiftResult r = lift_source(elementwise_cuda, "add.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics[0].message);
  ASSERT_EQ(r.module->kernels.size(), 2u);

  const Kernel* device = find_kernel(*r.module, "add_kernel");
  ASSERT_NE(device, nullptr);
  Census dc;
  dc.visit(device->body);
  EXPECT_EQ(dc.bound[HardwareAxis::BlockIdxX], 1);
  EXPECT_EQ(dc.bound[HardwareAxis::ThreadIdxX], 1);
  EXPECT_EQ(dc.stores, 1);

  const Kernel* entry = find_kernel(*r.module, "run_add");
  ASSERT_NE(entry, nullptr);
  ASSERT_EQ(entry->params.size(), 4u);  // the C ABI of the entry: a, b, c, n
  const auto* a = std::get_if<Buffer>(&entry->params[0]);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->scope, MemoryScope::Host);
  EXPECT_EQ(a->dtype, Type::f32());
  EXPECT_NE(std::get_if<ScalarParam>(&entry->params[3]), nullptr);
  // The launch geometry comes from the host code: (n + 255) / 256 blocks of 256 threads.
  auto config = launch_config(*entry);
  ASSERT_TRUE(config.count(HardwareAxis::ThreadIdxX));
  ASSERT_NE(as_const_int(config.at(HardwareAxis::ThreadIdxX)), nullptr);
  EXPECT_EQ(*as_const_int(config.at(HardwareAxis::ThreadIdxX)), 256);
}

TEST(LiftCuda, SharedMemoryReductionWithBarriers) {
  constexpr const char* source = R"(#include <cuda_runtime.h>
__global__ void block_sum(const float* x, float* out, int n) {
  __shared__ float partial[256];
  int t = threadIdx.x;
  float acc = 0.0f;
  for (int i = t; i < n; i += blockDim.x) acc += x[i];
  partial[t] = acc;
  __syncthreads();
  #pragma unroll
  for (int stride = 128; stride > 0; stride >>= 1) {
    if (t < stride) partial[t] += partial[t + stride];
    __syncthreads();
  }
  if (t == 0) out[blockIdx.x] = partial[0];
}
)";
  LiftResult r = lift_source(source, "sum.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  // `stride >>= 1` from 128 has a constant trip count: the loop is unrolled at lift time
  // (strides 128, 64, ..., 1), each copy with its barrier, after the first barrier.
  Census c;
  c.visit(r.module->kernels[0].body);
  EXPECT_EQ(c.barriers, 1 + 8);
  EXPECT_EQ(c.allocations_shared, 1);
  EXPECT_EQ(c.bound[HardwareAxis::ThreadIdxX], 1);
}

TEST(LiftCuda, TiledLoopsBarriersAndSharedAllocations) {
  constexpr const char* source = R"(#include <cuda_runtime.h>
#define TILE 16
__device__ float scale(float v, float s) { return v * s; }
__global__ void tiled(const float* A, const float* B, float* C, int M, int N, int K) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int row = blockIdx.y * TILE + threadIdx.y, col = blockIdx.x * TILE + threadIdx.x;
  float acc = 0.0f;
  for (int k0 = 0; k0 < K; k0 += TILE) {
    As[threadIdx.y][threadIdx.x] = (row < M && k0 + threadIdx.x < K) ? A[row * K + k0 + threadIdx.x] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (col < N && k0 + threadIdx.y < K) ? B[(k0 + threadIdx.y) * N + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int k = 0; k < TILE; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
    __syncthreads();
  }
  if (row < M && col < N) C[row * N + col] = scale(acc, 1.0f);
}
)";
  LiftResult r = lift_source(source, "gemm.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  Census c;
  c.visit(r.module->kernels[0].body);
  EXPECT_EQ(c.barriers, 2);
  EXPECT_EQ(c.allocations_shared, 2);
  EXPECT_EQ(c.bound[HardwareAxis::ThreadIdxY], 1);
  EXPECT_EQ(c.bound[HardwareAxis::BlockIdxY], 1);
}

struct BadInput {
  const char* name;
  const char* body;  // inside a kernel
  int line;
  const char* expected;
};

TEST(LiftCuda, UnsupportedConstructsGetLocatedDiagnostics) {
  const BadInput inputs[] = {
      {"while", "int i = 0; while (i < n) { a[i] = 0; i++; }", 3, "while loop"},
      {"goto", "goto end; end: a[0] = 1;", 3, "goto"},
      {"malloc", "float* p = (float*)device_malloc(4); p[0] = 1;", 3, "not supported"},
      {"recursion", "a[0] = f(3);", 2, "recursion"},  // reported at the recursive call
      {"syntax", "a[0] = ;", 3, "expected expression"},
      {"unknown", "a[0] = mystery(a[1]);", 3, "undeclared identifier"},
      {"ballot", "a[0] = __ballot_sync(0xffffffff, n > 0);", 3, "warp collective"},
      {"geometric", "for (int s = n; s > 0; s >>= 1) a[s] = 0;", 3, "compile-time constant"},
      {"switch", "switch (n) { case 0: a[0] = 1; }", 3, "switch"},
  };
  for (const BadInput& bad : inputs) {
    std::string source = std::string("#include <cuda_runtime.h>\n__device__ int f(int x) { return x > 0 ? f(x - 1) : 0; }"
                         " __device__ void* device_malloc(size_t);\n") +
                         "__global__ void k(float* a, int n) { " + bad.body + " }\n";
    LiftResult r = lift_source(source, "bad.cu", Dialect::Cuda);
    ASSERT_FALSE(r.ok()) << bad.name;
    ASSERT_FALSE(r.diagnostics.empty()) << bad.name;
    const Diagnostic& d = r.diagnostics.front().severity == Severity::Error ? r.diagnostics.front() : r.diagnostics.back();
    EXPECT_EQ(d.location.line, bad.line) << bad.name << ": " << d.message;
    EXPECT_GT(d.location.column, 0) << bad.name;
    EXPECT_NE(d.message.find(bad.expected), std::string::npos) << bad.name << ": " << d.message;
  }
}


// ---------------------------------------------------------------------------------------------
// Jumps and dynamic shared memory, lifted and run on the interpreter against C++ loops.

interp::HostBuffer random_f32(std::int64_t n, unsigned seed) {
  interp::HostBuffer b(Type::f32(), {n});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng));
  return b;
}

void run_entry(const LiftResult& r, const std::string& name, std::map<std::string, interp::HostBuffer>& buffers,
               std::map<std::string, interp::ScalarValue> scalars) {
  ASSERT_TRUE(r.ok()) << r.diagnostics.back().message;
  const Kernel* k = find_kernel(*r.module, name);
  ASSERT_NE(k, nullptr);
  auto result = interp::run(*k, target_by_name("cuda"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
}

constexpr const char* continue_cuda = R"(#include <cuda_runtime.h>
__global__ void skip_sum(const float* x, float* y, int n, int m) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float acc = 0.0f;
  for (int j = 0; j < m; ++j) {
    if (j % 3 == i % 3) continue;
    float v = x[j];
    if (v < 0.0f) {
      acc += 100.0f;
      if (j % 2 == 0) continue;
      acc -= 1.0f;
    }
    acc += v * float(i + 1);
  }
  y[i] = acc;
}
extern "C" void run_skip_sum(const float* x, float* y, int n, int m) {
  float *dx, *dy;
  cudaMalloc(&dx, m * sizeof(float)); cudaMalloc(&dy, n * sizeof(float));
  cudaMemcpy(dx, x, m * sizeof(float), cudaMemcpyHostToDevice);
  skip_sum<<<(n + 31) / 32, 32>>>(dx, dy, n, m);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftCuda, ContinueSkipsTheRestOfOneIteration) {
  const int n = 40, m = 23;
  std::map<std::string, interp::HostBuffer> buffers{{"x", random_f32(m, 3)}, {"y", interp::HostBuffer(Type::f32(), {n})}};
  std::vector<float> want(n);
  for (int i = 0; i < n; ++i) {
    float acc = 0.0f;
    for (int j = 0; j < m; ++j) {
      if (j % 3 == i % 3) continue;
      const float v = static_cast<float>(buffers.at("x").get(j));
      if (v < 0.0f) {
        acc += 100.0f;
        if (j % 2 == 0) continue;
        acc -= 1.0f;
      }
      acc += v * float(i + 1);
    }
    want[i] = acc;
  }
  run_entry(lift_source(continue_cuda, "skip.cu", Dialect::Cuda), "run_skip_sum", buffers,
            {{"n", interp::ScalarValue::i32(n)}, {"m", interp::ScalarValue::i32(m)}});
  for (int i = 0; i < n; ++i) EXPECT_NEAR(buffers.at("y").get(i), want[i], 1e-4) << "at " << i;
}

constexpr const char* break_cuda = R"(#include <cuda_runtime.h>
__global__ void prefix_until(const float* x, float* y, int* count, int n, int m, float limit) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float acc = 0.0f;
  int taken = 0;
  for (int j = i; j < m; ++j) {
    for (int k = 0; k < 4; ++k) {
      if (k > i % 4) break;
      acc += 0.25f;
    }
    if (acc + x[j] > limit) break;
    acc += x[j];
    ++taken;
  }
  y[i] = acc;
  count[i] = taken;
}
extern "C" void run_prefix_until(const float* x, float* y, int* count, int n, int m, float limit) {
  float *dx, *dy; int* dc;
  cudaMalloc(&dx, m * sizeof(float)); cudaMalloc(&dy, n * sizeof(float)); cudaMalloc(&dc, n * sizeof(int));
  cudaMemcpy(dx, x, m * sizeof(float), cudaMemcpyHostToDevice);
  prefix_until<<<2, 32>>>(dx, dy, dc, n, m, limit);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(count, dc, n * sizeof(int), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftCuda, BreakEndsTheLoopItBelongsTo) {
  const int n = 50, m = 64;
  const float limit = 6.0f;
  std::map<std::string, interp::HostBuffer> buffers{{"x", random_f32(m, 5)},
                                                    {"y", interp::HostBuffer(Type::f32(), {n})},
                                                    {"count", interp::HostBuffer(Type::i32(), {n})}};
  std::vector<float> want(n);
  std::vector<int> want_count(n);
  for (int i = 0; i < n; ++i) {
    float acc = 0.0f;
    int taken = 0;
    for (int j = i; j < m; ++j) {
      for (int k = 0; k < 4 && k <= i % 4; ++k) acc += 0.25f;
      const float v = static_cast<float>(buffers.at("x").get(j));
      if (acc + v > limit) break;
      acc += v;
      ++taken;
    }
    want[i] = acc;
    want_count[i] = taken;
  }
  run_entry(lift_source(break_cuda, "brk.cu", Dialect::Cuda), "run_prefix_until", buffers,
            {{"n", interp::ScalarValue::i32(n)}, {"m", interp::ScalarValue::i32(m)},
             {"limit", interp::ScalarValue::f32(limit)}});
  int stopped_early = 0;
  for (int i = 0; i < n; ++i) {
    EXPECT_NEAR(buffers.at("y").get(i), want[i], 1e-4) << "at " << i;
    EXPECT_EQ(static_cast<int>(buffers.at("count").get(i)), want_count[i]) << "at " << i;
    stopped_early += want_count[i] < m - i;
  }
  EXPECT_GT(stopped_early, 0);  // the data exercises the break
}

constexpr const char* dynamic_shared_cuda = R"(#include <cuda_runtime.h>
__device__ void stage(float value) {
  extern __shared__ float staged[];  // the same memory as `tile`
  staged[threadIdx.x] = value;
}
__global__ void reverse_blocks(const float* x, float* y, int* lengths, int n) {
  extern __shared__ float tile[];
  int* length = reinterpret_cast<int*>(tile + blockDim.x);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  stage(i < n ? x[i] : 0.0f);
  if (threadIdx.x == 0) length[0] = min(int(blockDim.x), n - int(blockIdx.x * blockDim.x));
  __syncthreads();
  if (i < n) y[i] = tile[blockDim.x - 1 - threadIdx.x] * 2.0f;
  if (threadIdx.x == 0) lengths[blockIdx.x] = length[0];
}
extern "C" void run_reverse(const float* x, float* y, int* lengths, int n) {
  float *dx, *dy; int* dl;
  const int blocks = (n + 63) / 64;
  cudaMalloc(&dx, n * sizeof(float)); cudaMalloc(&dy, n * sizeof(float)); cudaMalloc(&dl, blocks * sizeof(int));
  cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
  const size_t bytes = 64 * sizeof(float) + sizeof(int);
  reverse_blocks<<<blocks, 64, bytes>>>(dx, dy, dl, n);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(lengths, dl, blocks * sizeof(int), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftCuda, DynamicSharedMemorySizedByTheLaunch) {
  const int n = 200, blocks = 4;
  std::map<std::string, interp::HostBuffer> buffers{{"x", random_f32(n, 9)},
                                                    {"y", interp::HostBuffer(Type::f32(), {n})},
                                                    {"lengths", interp::HostBuffer(Type::i32(), {blocks})}};
  LiftResult r = lift_source(dynamic_shared_cuda, "rev.cu", Dialect::Cuda);
  run_entry(r, "run_reverse", buffers, {{"n", interp::ScalarValue::i32(n)}});
  for (int i = 0; i < n; ++i) {
    const int block = i / 64, source = block * 64 + 63 - i % 64;
    const double want = source < n ? 2.0 * static_cast<float>(buffers.at("x").get(source)) : 0.0;
    EXPECT_NEAR(buffers.at("y").get(i), want, 1e-5) << "at " << i;
  }
  for (int b = 0; b < blocks; ++b) EXPECT_EQ(static_cast<int>(buffers.at("lengths").get(b)), std::min(64, n - 64 * b));
  // The device kernel alone takes the byte count as a parameter.
  const Kernel* device = find_kernel(*r.module, "reverse_blocks");
  ASSERT_NE(device, nullptr);
  EXPECT_EQ(param_name(device->params.back()), "dynamic_shared_bytes");
}


constexpr const char* float4_cuda = R"(#include <cuda_runtime.h>
__global__ void axpy4(const float* x, float* y, int n, float alpha) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y) + 1;  // vectors from element 4 on
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i + 1 < n / 4) {
    const float4 a = x4[i + 1], b = y4[i];
    y4[i] = make_float4(alpha * a.x + b.x, alpha * a.y + b.y, alpha * a.z + b.z, alpha * a.w - b.w);
  }
}
extern "C" void run_axpy4(const float* x, float* y, int n, float alpha) {
  float *dx, *dy;
  cudaMalloc(&dx, n * sizeof(float)); cudaMalloc(&dy, n * sizeof(float));
  cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(dy, y, n * sizeof(float), cudaMemcpyHostToDevice);
  axpy4<<<(n / 4 + 31) / 32, 32>>>(dx, dy, n, alpha);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftCuda, Float4LoadsAndStoresAreFourConsecutiveElements) {
  const int n = 4 * 37 + 3;  // a scalar tail the vectors do not touch
  const float alpha = 1.5f;
  std::map<std::string, interp::HostBuffer> buffers{{"x", random_f32(n, 11)}, {"y", random_f32(n, 12)}};
  std::vector<float> want(n);
  for (int i = 0; i < n; ++i) want[i] = static_cast<float>(buffers.at("y").get(i));
  for (int v = 1; v < n / 4; ++v)
    for (int k = 0; k < 4; ++k) {
      const float a = static_cast<float>(buffers.at("x").get(4 * v + k));
      want[4 * v + k] = k < 3 ? alpha * a + want[4 * v + k] : alpha * a - want[4 * v + k];
    }
  run_entry(lift_source(float4_cuda, "axpy4.cu", Dialect::Cuda), "run_axpy4", buffers,
            {{"n", interp::ScalarValue::i32(n)}, {"alpha", interp::ScalarValue::f32(alpha)}});
  for (int i = 0; i < n; ++i) EXPECT_NEAR(buffers.at("y").get(i), want[i], 1e-5) << "at " << i;
}

TEST(LiftCuda, DynamicSharedMemoryNeedsTheLaunchSize) {
  constexpr const char* source = R"(#include <cuda_runtime.h>
__global__ void k(float* a) {
  extern __shared__ float tile[];
  tile[threadIdx.x] = 1.0f;
  a[threadIdx.x] = tile[threadIdx.x];
}
extern "C" void run_k(float* a) {
  float* d;
  cudaMalloc(&d, 32 * sizeof(float));
  k<<<1, 32>>>(d);
  cudaMemcpy(a, d, 32 * sizeof(float), cudaMemcpyDeviceToHost);
}
)";
  LiftResult r = lift_source(source, "noshmem.cu", Dialect::Cuda);
  ASSERT_FALSE(r.ok());
  const Diagnostic& d = r.diagnostics.back();
  EXPECT_EQ(d.location.line, 3);
  EXPECT_NE(d.message.find("without a shared memory size"), std::string::npos) << d.message;
}


constexpr const char* return_in_loop_cuda = R"(#include <cuda_runtime.h>
__global__ void first_negative(const float* x, int* where, float* after, int n, int m) {
  int row = blockIdx.x * blockDim.x + threadIdx.x;
  if (row >= n) return;
  where[row] = -1;
  after[row] = 0.0f;
  for (int j = 0; j < m; ++j) {
    for (int k = 0; k < 2; ++k)
      if (k == 1 && x[row * m + j] < -0.5f) {
        where[row] = j;
        return;
      }
    after[row] += 1.0f;
  }
  after[row] = -after[row];
}
extern "C" void run_first_negative(const float* x, int* where, float* after, int n, int m) {
  float *dx, *da; int* dw;
  cudaMalloc(&dx, n * m * sizeof(float)); cudaMalloc(&dw, n * sizeof(int)); cudaMalloc(&da, n * sizeof(float));
  cudaMemcpy(dx, x, n * m * sizeof(float), cudaMemcpyHostToDevice);
  first_negative<<<(n + 31) / 32, 32>>>(dx, dw, da, n, m);
  cudaMemcpy(where, dw, n * sizeof(int), cudaMemcpyDeviceToHost);
  cudaMemcpy(after, da, n * sizeof(float), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftCuda, ReturnInsideNestedLoopsLeavesTheKernel) {
  const int n = 45, m = 9;
  std::map<std::string, interp::HostBuffer> buffers{{"x", random_f32(n * m, 21)},
                                                    {"where", interp::HostBuffer(Type::i32(), {n})},
                                                    {"after", interp::HostBuffer(Type::f32(), {n})}};
  run_entry(lift_source(return_in_loop_cuda, "ret.cu", Dialect::Cuda), "run_first_negative", buffers,
            {{"n", interp::ScalarValue::i32(n)}, {"m", interp::ScalarValue::i32(m)}});
  int returned_early = 0, ran_through = 0;
  for (int row = 0; row < n; ++row) {
    int where = -1;
    float after = 0.0f;
    for (int j = 0; j < m && where < 0; ++j) {
      if (buffers.at("x").get(row * m + j) < -0.5) where = j;
      else after += 1.0f;
    }
    if (where < 0) after = -after;
    EXPECT_EQ(static_cast<int>(buffers.at("where").get(row)), where) << "row " << row;
    EXPECT_EQ(buffers.at("after").get(row), after) << "row " << row;
    (where < 0 ? ran_through : returned_early) += 1;
  }
  EXPECT_GT(returned_early, 0);
  EXPECT_GT(ran_through, 0);
}

constexpr const char* return_in_branch_cuda = R"(#include <cuda_runtime.h>
__device__ void classify(const float* x, int* kind, int i) {
  if (x[i] > 0.5f) {
    if (x[i] > 0.75f) {
      kind[i] = 3;
      return;
    }
    kind[i] = 2;
    return;
  }
  kind[i] = 1;
}
__global__ void mark(const float* x, float* y, int* kind, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  classify(x, kind, i);
  if (x[i] < 0.0f) {
    y[i] = -1.0f;
    return;
  }
  y[i] = 2.0f * x[i];
}
extern "C" void run_mark(const float* x, float* y, int* kind, int n) {
  float *dx, *dy; int* dk;
  cudaMalloc(&dx, n * sizeof(float)); cudaMalloc(&dy, n * sizeof(float)); cudaMalloc(&dk, n * sizeof(int));
  cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
  mark<<<(n + 31) / 32, 32>>>(dx, dy, dk, n);
  cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
  cudaMemcpy(kind, dk, n * sizeof(int), cudaMemcpyDeviceToHost);
}
)";

// A `return;` ending a nested branch leaves the whole function, in kernels and inlined functions.
TEST(LiftCuda, ReturnEndingABranchLeavesTheFunction) {
  const int n = 70;
  std::map<std::string, interp::HostBuffer> buffers{{"x", random_f32(n, 5)},
                                                    {"y", interp::HostBuffer(Type::f32(), {n})},
                                                    {"kind", interp::HostBuffer(Type::i32(), {n})}};
  run_entry(lift_source(return_in_branch_cuda, "branch.cu", Dialect::Cuda), "run_mark", buffers,
            {{"n", interp::ScalarValue::i32(n)}});
  std::map<int, int> kinds_seen;
  int negatives = 0;
  for (int i = 0; i < n; ++i) {
    const float x = static_cast<float>(buffers.at("x").get(i));
    const int kind = x > 0.5f ? (x > 0.75f ? 3 : 2) : 1;
    const float y = x < 0.0f ? -1.0f : 2.0f * x;
    EXPECT_EQ(static_cast<int>(buffers.at("kind").get(i)), kind) << "at " << i;
    EXPECT_EQ(static_cast<float>(buffers.at("y").get(i)), y) << "at " << i;
    ++kinds_seen[kind];
    negatives += x < 0.0f;
  }
  EXPECT_EQ(kinds_seen.size(), 3u);
  EXPECT_GT(negatives, 0);
}

// nvcuda::wmma: two warps per block, each with its own fragments. Per warp w, with A of M x 2K
// (row-major, shared by the warps) and B_w stored transposed (N x 2K, loaded col_major):
//   D_w = C_w + A[:, K:2K] * B_w[K:2K, :]   (accumulator loaded row-major, stored col-major)
//   E_w = 2 + A[:, 0:K] * B_w[0:K, :]       (fill_fragment, stored row-major)
constexpr const char* wmma_cuda = R"(using namespace nvcuda;
__global__ void wmma_kernel(const AT* a, const AT* bt, const CT* c, CT* d, CT* e) {
  const int warp = threadIdx.x / 32;
  wmma::fragment<wmma::matrix_a, M, N, K, AT, wmma::row_major> fa[2];
  wmma::fragment<wmma::matrix_b, M, N, K, AT, wmma::col_major> fb;
  wmma::fragment<wmma::accumulator, M, N, K, CT> acc, filled;
  wmma::load_matrix_sync(acc, c + warp * M * N, N, wmma::mem_row_major);
  wmma::fill_fragment(filled, CT(2));
  for (int s = 0; s < 2; ++s) {
    wmma::load_matrix_sync(fa[s], a + s * K, 2 * K);
    wmma::load_matrix_sync(fb, bt + warp * N * 2 * K + s * K, 2 * K);
    if (s == 0) wmma::mma_sync(filled, fa[s], fb, filled);
    else wmma::mma_sync(acc, fa[s], fb, acc);
  }
  wmma::store_matrix_sync(d + warp * M * N, acc, M, wmma::mem_col_major);
  wmma::store_matrix_sync(e + warp * M * N, filled, N, wmma::mem_row_major);
}
extern "C" void run_wmma(const AT* A, const AT* Bt, const CT* C, CT* D, CT* E) {
  AT *da, *db; CT *dc, *dd, *de;
  cudaMalloc(&da, M * 2 * K * sizeof(AT)); cudaMalloc(&db, 2 * N * 2 * K * sizeof(AT));
  cudaMalloc(&dc, 2 * M * N * sizeof(CT)); cudaMalloc(&dd, 2 * M * N * sizeof(CT)); cudaMalloc(&de, 2 * M * N * sizeof(CT));
  cudaMemcpy(da, A, M * 2 * K * sizeof(AT), cudaMemcpyHostToDevice);
  cudaMemcpy(db, Bt, 2 * N * 2 * K * sizeof(AT), cudaMemcpyHostToDevice);
  cudaMemcpy(dc, C, 2 * M * N * sizeof(CT), cudaMemcpyHostToDevice);
  wmma_kernel<<<1, 64>>>(da, db, dc, dd, de);
  cudaMemcpy(D, dd, 2 * M * N * sizeof(CT), cudaMemcpyDeviceToHost);
  cudaMemcpy(E, de, 2 * M * N * sizeof(CT), cudaMemcpyDeviceToHost);
}
)";

struct WmmaCase {
  int m, n, k;
  const char* operand;  // C++ spelling of the matrix_a/b element type
  const char* accumulator;
  Type operand_type, accumulator_type;
  int low, high;  // operand values: integers in [low, high], so every result is exact
};

class LiftCudaWmma : public testing::TestWithParam<WmmaCase> {};

TEST_P(LiftCudaWmma, FragmentsLoadMultiplyAccumulateAndStoreLikeCxxLoops) {
  const WmmaCase& c = GetParam();
  const int m = c.m, n = c.n, k = c.k, warps = 2;
  std::string source = "#include <cuda_runtime.h>\n#include <cuda_fp16.h>\n#include <cuda_bf16.h>\n#include <mma.h>\n"
                       "#define M " + std::to_string(m) + "\n#define N " + std::to_string(n) + "\n#define K " +
                       std::to_string(k) + "\ntypedef " + c.operand + " AT;\ntypedef " + c.accumulator + " CT;\n" +
                       wmma_cuda;
  std::mt19937 rng(m * 100 + n);
  std::uniform_int_distribution<int> operand(c.low, c.high), accumulator(-4, 4);
  const auto filled = [&](Type t, std::int64_t count, std::uniform_int_distribution<int>& dist) {
    interp::HostBuffer b(t, {count});
    for (std::int64_t i = 0; i < count; ++i) b.set(i, dist(rng));
    return b;
  };
  std::map<std::string, interp::HostBuffer> buffers{
      {"A", filled(c.operand_type, m * 2 * k, operand)},
      {"Bt", filled(c.operand_type, warps * n * 2 * k, operand)},
      {"C", filled(c.accumulator_type, warps * m * n, accumulator)},
      {"D", interp::HostBuffer(c.accumulator_type, {warps * m * n})},
      {"E", interp::HostBuffer(c.accumulator_type, {warps * m * n})}};
  LiftResult r = lift_source(source, "wmma.cu", Dialect::Cuda);
  ASSERT_TRUE(r.ok()) << r.diagnostics.front().message;
  run_entry(r, "run_wmma", buffers, {});
  const auto& a = buffers.at("A");
  const auto& bt = buffers.at("Bt");
  for (int w = 0; w < warps; ++w)
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) {
        double low_half = 2.0, high_half = buffers.at("C").get(w * m * n + i * n + j);
        for (int kk = 0; kk < k; ++kk) {
          low_half += a.get(i * 2 * k + kk) * bt.get(w * n * 2 * k + j * 2 * k + kk);
          high_half += a.get(i * 2 * k + k + kk) * bt.get(w * n * 2 * k + j * 2 * k + k + kk);
        }
        EXPECT_EQ(buffers.at("D").get(w * m * n + j * m + i), high_half) << "D, warp " << w << " at " << i << "," << j;
        EXPECT_EQ(buffers.at("E").get(w * m * n + i * n + j), low_half) << "E, warp " << w << " at " << i << "," << j;
      }
}

// Every shape and operand type of the cuda target's wmma intrinsics.
std::vector<WmmaCase> wmma_cases() {
  std::vector<WmmaCase> cases;
  for (auto [m, n] : {std::pair{16, 16}, std::pair{32, 8}, std::pair{8, 32}}) {
    cases.push_back({m, n, 16, "__half", "float", Type::f16(), Type::f32(), -3, 3});
    cases.push_back({m, n, 16, "__half", "__half", Type::f16(), Type::f16(), -3, 3});
    cases.push_back({m, n, 16, "__nv_bfloat16", "float", Type::bf16(), Type::f32(), -3, 3});
    cases.push_back({m, n, 16, "signed char", "int", Type::i8(), Type::i32(), -128, 127});
    cases.push_back({m, n, 16, "unsigned char", "int", Type::u8(), Type::i32(), 0, 255});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(ShapesAndTypes, LiftCudaWmma, testing::ValuesIn(wmma_cases()),
                         [](const testing::TestParamInfo<WmmaCase>& info) {
                           const WmmaCase& c = info.param;
                           return "m" + std::to_string(c.m) + "n" + std::to_string(c.n) + "k" + std::to_string(c.k) +
                                  "_" + to_string(c.operand_type) + "_" + to_string(c.accumulator_type);
                         });

// wmma through shared 2-D tiles as the corpus uses them: __half elements assigned one by one (zero
// rows past the matrix), fragments loaded from `&tile[r][0]` and stored to `&out[0][4]` of padded
// arrays (ldm larger than the tile), one fragment reused for two row blocks.
constexpr const char* wmma_padded_cuda = R"(#include <cuda_runtime.h>
#include <cuda_fp16.h>
#include <mma.h>
using namespace nvcuda;
__global__ void padded(const __half* a, const __half* b, float* c, int rows) {
  __shared__ __half a_tile[32][24];
  __shared__ float c_tile[16][20];
  for (int e = threadIdx.x; e < 32 * 16; e += 32) {
    const int r = e / 16, k = e % 16;
    a_tile[r][k] = r < rows ? a[r * 16 + k] : __float2half(0.0f);
  }
  __syncthreads();
  wmma::fragment<wmma::matrix_a, 16, 16, 16, __half, wmma::row_major> fa;
  wmma::fragment<wmma::matrix_b, 16, 16, 16, __half, wmma::row_major> fb;
  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;
  wmma::load_matrix_sync(fb, b, 16);
  for (int block = 0; block < 2; ++block) {
    wmma::fill_fragment(acc, 0.0f);
    wmma::load_matrix_sync(fa, &a_tile[block * 16][0], 24);
    wmma::mma_sync(acc, fa, fb, acc);
    wmma::store_matrix_sync(&c_tile[0][4], acc, 20, wmma::mem_row_major);
    __syncthreads();
    for (int e = threadIdx.x; e < 16 * 16; e += 32) {
      const int r = e / 16, col = e % 16;
      if (block * 16 + r < rows) c[(block * 16 + r) * 16 + col] = c_tile[r][4 + col];
    }
    __syncthreads();
  }
}
extern "C" void run_padded(const __half* A, const __half* B, float* C, int rows) {
  __half *da, *db; float* dc;
  cudaMalloc(&da, rows * 16 * sizeof(__half)); cudaMalloc(&db, 16 * 16 * sizeof(__half));
  cudaMalloc(&dc, rows * 16 * sizeof(float));
  cudaMemcpy(da, A, rows * 16 * sizeof(__half), cudaMemcpyHostToDevice);
  cudaMemcpy(db, B, 16 * 16 * sizeof(__half), cudaMemcpyHostToDevice);
  padded<<<1, 32>>>(da, db, dc, rows);
  cudaMemcpy(C, dc, rows * 16 * sizeof(float), cudaMemcpyDeviceToHost);
}
)";

TEST(LiftCuda, WmmaThroughPaddedTwoDimensionalSharedTiles) {
  const int rows = 27;
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> value(-4, 4);
  interp::HostBuffer a(Type::f16(), {rows * 16}), b(Type::f16(), {16 * 16});
  for (int i = 0; i < rows * 16; ++i) a.set(i, value(rng));
  for (int i = 0; i < 16 * 16; ++i) b.set(i, value(rng));
  std::map<std::string, interp::HostBuffer> buffers{
      {"A", a}, {"B", b}, {"C", interp::HostBuffer(Type::f32(), {rows * 16})}};
  LiftResult r = lift_source(wmma_padded_cuda, "padded.cu", Dialect::Cuda);
  run_entry(r, "run_padded", buffers, {{"rows", interp::ScalarValue::i32(rows)}});
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < 16; ++j) {
      double want = 0;
      for (int k = 0; k < 16; ++k) want += a.get(i * 16 + k) * b.get(k * 16 + j);
      EXPECT_EQ(buffers.at("C").get(i * 16 + j), want) << "at " << i << "," << j;
    }
}

TEST(LiftCuda, WmmaMisuseGetsLocatedDiagnostics) {
  const std::string prefix = "#include <cuda_runtime.h>\n#include <mma.h>\nusing namespace nvcuda;\n";
  const auto expect_error = [&](const std::string& body, int line, const std::string& expected) {
    LiftResult r = lift_source(prefix + body, "bad.cu", Dialect::Cuda);
    ASSERT_FALSE(r.ok()) << expected;
    const Diagnostic& d = r.diagnostics.front();
    EXPECT_EQ(d.location.line, line) << d.message;
    EXPECT_NE(d.message.find(expected), std::string::npos) << d.message;
  };
  // f32 operands are not a shape/type of the cuda table.
  expect_error("__global__ void k(const float* a) {\n"
               "  wmma::fragment<wmma::matrix_a, 16, 16, 16, float, wmma::row_major> f;\n"
               "  wmma::load_matrix_sync(f, a, 16);\n}\n",
               5, "wmma fragment type");
  // The layout of a store must be a constant.
  expect_error("__global__ void k(float* c, int l) {\n"
               "  wmma::fragment<wmma::accumulator, 16, 16, 16, float> f;\n"
               "  wmma::fill_fragment(f, 0.0f);\n"
               "  wmma::store_matrix_sync(c, f, 16, wmma::layout_t(l));\n}\n",
               7, "wmma layout");
  // Element access is lifted (lift_wmma_elements_test.cpp), except where it pairs elements of
  // fragment types whose x[i] name different matrix elements.
  expect_error("__global__ void k(float* c) {\n"
               "  wmma::fragment<wmma::accumulator, 16, 16, 16, float> f;\n"
               "  wmma::fragment<wmma::accumulator, 32, 8, 16, float> g;\n"
               "  wmma::fill_fragment(f, 1.0f);\n"
               "  for (int i = 0; i < 8; ++i) g.x[i] = f.x[i];\n}\n",
               8, "x[i] name different matrix elements");
  // Fragments are warp-wide: a block that is not whole warps cannot run them.
  expect_error("__global__ void k(float* c) {\n"
               "  wmma::fragment<wmma::accumulator, 16, 16, 16, float> f;\n"
               "  wmma::fill_fragment(f, 1.0f);\n"
               "  wmma::store_matrix_sync(c, f, 16, wmma::mem_row_major);\n}\n"
               "extern \"C\" void run_k(float* c) {\n  float* d; cudaMalloc(&d, 1024);\n  k<<<1, 48>>>(d);\n"
               "  cudaMemcpy(c, d, 1024, cudaMemcpyDeviceToHost);\n}\n",
               6, "not whole warps");
}

} // namespace
} // namespace xir::frontend
