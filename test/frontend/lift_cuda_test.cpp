// Lifting CUDA and HIP through Clang: structure of the lifted IR and diagnostics for what is not supported.

#include <gtest/gtest.h>

#include "xir/frontend/frontend.hpp"
#include "xir/ir.hpp"

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
      {"break", "for (int i = 0; i < n; ++i) { if (i == 3) break; a[i] = 0; }", 3, "break"},
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

} // namespace
} // namespace xir::frontend
