// Lifting BANG C through Clang: task geometry, __memcpy directions, NRAM/WRAM/SRAM scopes, __bang_*
// intrinsic calls and CNRT host entries, checked on the lifted IR and by running it on the
// interpreter against plain C++ loops; unsupported constructs are diagnosed.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/ir.hpp"
#include "xir/target/bang.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

using interp::HostBuffer;
using interp::ScalarValue;

const Kernel& kernel_named(const LiftResult& r, const std::string& name) {
  for (const Kernel& k : r.module->kernels)
    if (k.name == name) return k;
  throw std::runtime_error("no kernel " + name);
}

std::string first_error(const LiftResult& r) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::Error) return format_diagnostic_header(d);
  return "";
}

// Every IntrinsicCall, Barrier, bound loop and allocation scope of a kernel.
struct Census : IRVisitor {
  std::vector<IntrinsicCall> calls;
  std::vector<BarrierScope> barriers;
  std::map<HardwareAxis, int> bound;
  std::map<std::string, MemoryScope> scopes;
  using IRVisitor::visit;
  void visit(const IntrinsicCall& c, const Stmt& self) override {
    calls.push_back(c);
    IRVisitor::visit(c, self);
  }
  void visit(const Barrier& b, const Stmt&) override { barriers.push_back(b.scope); }
  void visit(const For& loop, const Stmt& self) override {
    if (loop.kind == ForKind::Bound) ++bound[loop.axis];
    IRVisitor::visit(loop, self);
  }
  void visit(const Allocate& a, const Stmt& self) override {
    scopes[a.buffer.name] = a.buffer.scope;
    IRVisitor::visit(a, self);
  }
};

Census census(const Kernel& k) {
  Census c;
  c.visit(k.body);
  return c;
}

HostBuffer random_buffer(std::int64_t n, unsigned seed) {
  HostBuffer b(Type::f32(), {n});
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-2.0f, 2.0f);
  for (std::int64_t i = 0; i < n; ++i) b.set(i, dist(rng));
  return b;
}

// Each task writes its built-ins; the host launches `dim` with function type `type`.
std::string geometry_source(const std::string& dim, const std::string& type) {
  return R"(#include <bang.h>
#include <cnrt.h>
__mlu_global__ void where(int *out) {
  int *mine = out + taskId * 10;
  mine[0] = taskIdX; mine[1] = taskIdY; mine[2] = taskIdZ; mine[3] = taskDim;
  mine[4] = taskDimX; mine[5] = taskDimY; mine[6] = coreId; mine[7] = coreDim;
  mine[8] = clusterId; mine[9] = clusterDim;
}
extern "C" void run_where(int *out, int tasks) {
  int *dev;
  cnrtQueue_t queue;
  cnrtQueueCreate(&queue);
  cnrtMalloc((void **)&dev, tasks * 10 * sizeof(int));
  cnrtDim3_t dim = )" + dim + R"(;
  where<<<dim, )" + type + R"(, queue>>>(dev);
  cnrtQueueSync(queue);
  cnrtMemcpy(out, dev, tasks * 10 * sizeof(int), cnrtMemcpyDevToHost);
  cnrtFree(dev);
  cnrtQueueDestroy(queue);
}
)";
}

std::vector<std::int64_t> run_geometry(const std::string& dim, const std::string& type, int tasks) {
  LiftResult r = lift_source(geometry_source(dim, type), "where.mlu", Dialect::Bang);
  EXPECT_TRUE(r.ok()) << first_error(r);
  if (!r.ok()) return {};
  const Kernel& entry = kernel_named(r, "run_where");
  EXPECT_EQ(census(entry).bound[HardwareAxis::TaskId], 1);
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("out", HostBuffer(Type::i32(), {tasks * 10}));
  auto result = interp::run(entry, target_by_name("bang"), buffers, {{"tasks", ScalarValue::i32(tasks)}});
  EXPECT_TRUE(result) << result.error().message;
  std::vector<std::int64_t> values;
  for (int i = 0; i < tasks * 10; ++i) values.push_back(static_cast<std::int64_t>(buffers.at("out").get(i)));
  return values;
}

TEST(LiftBang, TaskGeometryOfUnionAndBlockLaunches) {
  // UNION1, dim {4, 3, 2}: taskId = z*12 + y*4 + x; clusters of 4 consecutive tasks.
  std::vector<std::int64_t> got = run_geometry("{4, 3, 2}", "cnrtFuncTypeUnion1", 24);
  ASSERT_EQ(got.size(), 240u);
  for (int id = 0; id < 24; ++id) {
    const std::int64_t want[10] = {id % 4, (id / 4) % 3, id / 12, 24, 4, 3, id % 4, 4, id / 4, 6};
    for (int f = 0; f < 10; ++f) EXPECT_EQ(got[id * 10 + f], want[f]) << "task " << id << " field " << f;
  }
  // BLOCK, dim {3, 1, 1}: one core per task, clusterDim 0.
  got = run_geometry("{3, 1, 1}", "CNRT_FUNC_TYPE_BLOCK", 3);
  ASSERT_EQ(got.size(), 30u);
  for (int id = 0; id < 3; ++id) {
    const std::int64_t want[10] = {id, 0, 0, 3, 3, 1, 0, 1, 0, 0};
    for (int f = 0; f < 10; ++f) EXPECT_EQ(got[id * 10 + f], want[f]) << "task " << id << " field " << f;
  }
}

constexpr const char* staging_source = R"(#include <bang.h>
#include <cnrt.h>
#define TILE 64
__nram__ float nram_in[TILE];
__mlu_global__ void stage(const float *a, float *c, int n) {
  __nram__ float nram_out[TILE];
  __wram__ float wram_copy[TILE];
  for (int start = taskId * TILE; start < n; start += taskDim * TILE) {
    int count = n - start < TILE ? n - start : TILE;
    __memcpy(nram_in, a + start, count * sizeof(float), GDRAM2NRAM);
    __memcpy(wram_copy, nram_in, TILE * sizeof(float), NRAM2WRAM);
    __memcpy(nram_out, wram_copy, TILE * sizeof(float), WRAM2NRAM);
    __bang_mul_scalar(nram_out, nram_out, 2.0f, count);
    __bang_add(nram_out, nram_out, nram_in, count);
    __memcpy(c + start, nram_out, count * sizeof(float), NRAM2GDRAM);
  }
}
extern "C" void run_stage(const float *A, float *C, int n) {
  float *a, *c;
  cnrtQueue_t queue;
  cnrtQueueCreate(&queue);
  cnrtMalloc((void **)&a, n * sizeof(float));
  cnrtMalloc((void **)&c, n * sizeof(float));
  cnrtMemcpy(a, (void *)A, n * sizeof(float), cnrtMemcpyHostToDev);
  cnrtDim3_t dim = {4, 1, 1};
  stage<<<dim, cnrtFuncTypeUnion1, queue>>>(a, c, n);
  cnrtQueueSync(queue);
  cnrtMemcpy(C, c, n * sizeof(float), cnrtMemcpyDevToHost);
  cnrtFree(a);
  cnrtFree(c);
}
)";

TEST(LiftBang, MemcpyDirectionsScopesAndVectorIntrinsics) {
  LiftResult r = lift_source(staging_source, "stage.mlu", Dialect::Bang);
  ASSERT_TRUE(r.ok()) << first_error(r);
  // The device kernel on its own takes its task dimensions as parameters.
  const Kernel& device = kernel_named(r, "stage");
  EXPECT_EQ(param_name(device.params.back()), "taskDimZ");
  Census c = census(device);
  EXPECT_EQ(c.scopes.at("nram_in"), MemoryScope::Nram);
  EXPECT_EQ(c.scopes.at("nram_out"), MemoryScope::Nram);
  EXPECT_EQ(c.scopes.at("wram_copy"), MemoryScope::Wram);
  ASSERT_EQ(c.calls.size(), 6u);
  using enum bang::MemcpyDirection;
  const bang::MemcpyDirection directions[] = {GDRAM2NRAM, NRAM2WRAM, WRAM2NRAM};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(c.calls[i].name, "__memcpy");
    ASSERT_EQ(c.calls[i].args.size(), 4u);
    ASSERT_NE(as_const_int(c.calls[i].args[3]), nullptr);
    EXPECT_EQ(*as_const_int(c.calls[i].args[3]), static_cast<std::int64_t>(directions[i]));
  }
  EXPECT_EQ(c.calls[3].name, "__bang_mul_scalar");
  EXPECT_EQ(c.calls[4].name, "__bang_add");
  ASSERT_NE(c.calls[1].args[0].as<Address>(), nullptr);
  EXPECT_EQ(c.calls[1].args[0].as<Address>()->buffer, "wram_copy");
  EXPECT_EQ(*as_const_int(c.calls[5].args[3]), static_cast<std::int64_t>(NRAM2GDRAM));

  // The host entry keeps the C ABI and runs: c = 3a, with a partial last tile.
  const Kernel& entry = kernel_named(r, "run_stage");
  ASSERT_EQ(entry.params.size(), 3u);
  const int n = 300;
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("A", random_buffer(n, 3));
  buffers.emplace("C", HostBuffer(Type::f32(), {n}));
  auto result = interp::run(entry, target_by_name("bang"), buffers, {{"n", ScalarValue::i32(n)}});
  ASSERT_TRUE(result) << result.error().message;
  for (int i = 0; i < n; ++i) {
    const float a = static_cast<float>(buffers.at("A").get(i));
    EXPECT_FLOAT_EQ(static_cast<float>(buffers.at("C").get(i)), a * 2.0f + a) << i;
  }
}

TEST(LiftBang, ArgmaxAndTwoDimensionalCopyRunOnTheInterpreter) {
  constexpr const char* source = R"(#include <bang.h>
#include <cnrt.h>
__nram__ float rows[4 * 32];
__nram__ float best[32];
// Row r of the 4 x 40 input: columns 3..34 (a 2-D copy), then its maximum and the maximum's index.
__mlu_global__ void row_max(const float *a, float *out) {
  if (__is_mpu()) return;
  if (taskId != 0) return;
  __memcpy(rows, a + 3, 32 * sizeof(float), GDRAM2NRAM, 32 * sizeof(float), 40 * sizeof(float), 3);
  for (int r = 0; r < 4; ++r) {
    __bang_argmax(best, rows + r * 32, 32);
    out[2 * r] = best[0];
    out[2 * r + 1] = ((unsigned int *)best)[1];
  }
}
)";
  LiftResult r = lift_source(source, "argmax.mlu", Dialect::Bang);
  // Reading the index through a reinterpreting pointer cast is diagnosed, with its location.
  ASSERT_FALSE(r.ok());
  EXPECT_NE(first_error(r).find("argmax.mlu:13:"), std::string::npos) << first_error(r);
  EXPECT_NE(first_error(r).find("is not supported by the bang frontend"), std::string::npos) << first_error(r);

  std::string value_only = source;
  value_only.replace(value_only.find("((unsigned int *)best)[1]"), 25, "best[0] + 1.0f");
  r = lift_source(value_only, "argmax.mlu", Dialect::Bang);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const Kernel& k = kernel_named(r, "row_max");
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("a", random_buffer(160, 5));
  buffers.emplace("out", HostBuffer(Type::f32(), {8}));
  std::map<std::string, ScalarValue> scalars = {{"a_extent", ScalarValue::i64(160)},
                                                {"out_extent", ScalarValue::i64(8)},
                                                {"taskDimX", ScalarValue::from_int(ScalarKind::U32, 4)},
                                                {"taskDimY", ScalarValue::from_int(ScalarKind::U32, 1)},
                                                {"taskDimZ", ScalarValue::from_int(ScalarKind::U32, 1)}};
  auto result = interp::run(k, target_by_name("bang"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
  for (int row = 0; row < 4; ++row) {
    double want = -1e30;
    for (int col = 3; col < 35; ++col) want = std::max(want, buffers.at("a").get(row * 40 + col));
    EXPECT_EQ(buffers.at("out").get(2 * row), want);
    EXPECT_EQ(buffers.at("out").get(2 * row + 1), static_cast<double>(static_cast<float>(want) + 1.0f));
  }
}

TEST(LiftBang, ClusterBarrierAndSramCopiesOncePerCluster) {
  constexpr const char* source = R"(#include <bang.h>
__mlu_shared__ float shared_tile[64];
__nram__ float mine[16];
// Cluster c stages a[64c .. 64c+64) in SRAM once; each of its cores takes a quarter of it.
__mlu_global__ void spread(const float *a, float *out) {
  __memcpy(shared_tile, a + clusterId * 64, 64 * sizeof(float), GDRAM2SRAM);
  __sync_cluster();
  __memcpy(mine, shared_tile + coreId * 16, 16 * sizeof(float), SRAM2NRAM);
  __bang_mul_scalar(mine, mine, -1.0f, 16);
  __memcpy(out + taskId * 16, mine, 16 * sizeof(float), NRAM2GDRAM);
  __sync_all();
}
)";
  LiftResult r = lift_source(source, "spread.mlu", Dialect::Bang);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const Kernel& k = kernel_named(r, "spread");
  Census c = census(k);
  EXPECT_EQ(c.scopes.at("shared_tile"), MemoryScope::Sram);
  ASSERT_EQ(c.barriers.size(), 2u);
  EXPECT_EQ(c.barriers[0], BarrierScope::Cluster);
  EXPECT_EQ(c.barriers[1], BarrierScope::All);
  std::map<std::string, HostBuffer> buffers;
  buffers.emplace("a", random_buffer(128, 9));
  buffers.emplace("out", HostBuffer(Type::f32(), {128}));
  std::map<std::string, ScalarValue> scalars = {{"a_extent", ScalarValue::i64(128)},
                                                {"out_extent", ScalarValue::i64(128)},
                                                {"taskDimX", ScalarValue::from_int(ScalarKind::U32, 8)},
                                                {"taskDimY", ScalarValue::from_int(ScalarKind::U32, 1)},
                                                {"taskDimZ", ScalarValue::from_int(ScalarKind::U32, 1)}};
  auto result = interp::run(k, target_by_name("bang"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;
  for (int i = 0; i < 128; ++i) EXPECT_EQ(buffers.at("out").get(i), -buffers.at("a").get(i)) << i;
}

TEST(LiftBang, HostStyleControlFlowInDeviceCode) {
  // A struct returned by a device function, a counting while loop, `if (c) continue;` and a pointer
  // that chooses between two NRAM buffers.
  constexpr const char* source = R"(#include <bang.h>
struct Tiling { int rows, cols; };
__mlu_func__ Tiling make_tiling(int n) {
  Tiling t;
  t.rows = n / 4;
  t.cols = 4;
  if (t.rows > 8) t.rows = 8;
  return t;
}
__nram__ float even[8];
__nram__ float odd[8];
__mlu_global__ void shifted(const float *a, float *out, int n) {
  if (taskId != 0) return;
  Tiling t = make_tiling(n);
  int used = 0;
  while (used < n && used * 2 < 20) ++used;
  for (int r = 0; r < t.cols; ++r) {
    if (r == 2) continue;
    float *dst = r % 2 == 0 ? even : odd;
    __memcpy(dst, a + r * 8, 8 * sizeof(float), GDRAM2NRAM);
    __bang_add_scalar(dst, dst, (float)(t.rows + used), 8);
    __memcpy(out + r * 8, dst, 8 * sizeof(float), NRAM2GDRAM);
  }
}
)";
  LiftResult r = lift_source(source, "shifted.mlu", Dialect::Bang);
  ASSERT_TRUE(r.ok()) << first_error(r);
  const Kernel& k = kernel_named(r, "shifted");
  for (int n : {3, 17, 50}) {
    std::map<std::string, HostBuffer> buffers;
    buffers.emplace("a", random_buffer(32, 13));
    buffers.emplace("out", HostBuffer(Type::f32(), {32}));
    std::map<std::string, ScalarValue> scalars = {{"a_extent", ScalarValue::i64(32)},
                                                  {"out_extent", ScalarValue::i64(32)},
                                                  {"n", ScalarValue::i32(n)},
                                                  {"taskDimX", ScalarValue::from_int(ScalarKind::U32, 4)},
                                                  {"taskDimY", ScalarValue::from_int(ScalarKind::U32, 1)},
                                                  {"taskDimZ", ScalarValue::from_int(ScalarKind::U32, 1)}};
    auto result = interp::run(k, target_by_name("bang"), buffers, scalars);
    ASSERT_TRUE(result) << result.error().message;
    const float shift = static_cast<float>(std::min(n / 4, 8) + std::min(n, 10));
    for (int i = 0; i < 32; ++i) {
      const float want = i / 8 == 2 ? 0.0f : static_cast<float>(buffers.at("a").get(i)) + shift;
      EXPECT_EQ(static_cast<float>(buffers.at("out").get(i)), want) << "n " << n << " at " << i;
    }
  }
}

void expect_unsupported(const std::string& body, const std::string& construct, int line) {
  const std::string source = "#include <bang.h>\n#include <cnrt.h>\n" + body;
  LiftResult r = lift_source(source, "bad.mlu", Dialect::Bang);
  ASSERT_FALSE(r.ok()) << body;
  const std::string error = first_error(r);
  EXPECT_NE(error.find("bad.mlu:" + std::to_string(line) + ":"), std::string::npos) << error;
  EXPECT_NE(error.find(construct + " is not supported by the bang frontend"), std::string::npos) << error;
}

TEST(LiftBang, UnsupportedConstructsAreDiagnosed) {
  expect_unsupported("__nram__ float x[64];\n__mlu_global__ void k(float *a) {\n"
                     "  __bang_div(x, x, x, 64);\n}\n",
                     "the intrinsic `__bang_div` with 4 operands on mtp_372, the frontend's target (it exists on "
                     "mtp_592)",
                     5);
  expect_unsupported("__nram__ float x[64];\n__mlu_global__ void k(float *a) {\n"
                     "  __memcpy(x, a, 256, GDRAM2LDRAM);\n}\n",
                     "the copy direction `GDRAM2LDRAM`", 5);
  expect_unsupported("__mlu_global__ void k(float *a) {}\n"
                     "void host(float *a) {\n  float *d;\n  cnrtMalloc((void **)&d, 4);\n"
                     "  cnrtMemcpy(d, a, 4, cnrtMemcpyHostToDev);\n  cnrtDim3_t dim = {3, 1, 1};\n"
                     "  k<<<dim, cnrtFuncTypeUnion1, 0>>>(d);\n}\n",
                     "a UNION1 launch whose dim.x is not a multiple of 4", 9);
  expect_unsupported("__mlu_global__ void k(float *a) {}\n"
                     "void host(float *a) {\n  float *d;\n  cnrtMalloc((void **)&d, 4);\n"
                     "  cnrtMemcpy(d, a, 4, cnrtMemcpyHostToDev);\n  cnrtDim3_t dim = {4, 1, 1};\n"
                     "  a[0] = taskId;\n  k<<<dim, cnrtFuncTypeUnion1, 0>>>(d);\n}\n",
                     "`taskId` in host code", 9);
  expect_unsupported("__mlu_global__ void k(float *a) {\n  int i = 0;\n  while (a[i] > 0.0f) ++i;\n}\n",
                     "a while loop (loops must have a computable trip count)", 5);
}

TEST(LiftBang, XirOptDialectIsAvailable) {
  // The dispatch no longer answers "not available yet" for bang.
  LiftResult r = lift_source("#include <bang.h>\n__mlu_global__ void k(float *a) { a[taskId] = 1.0f; }\n", "k.mlu",
                             Dialect::Bang);
  ASSERT_TRUE(r.ok()) << first_error(r);
  EXPECT_EQ(r.module->target, "bang");
}

} // namespace
} // namespace xir::frontend
