// Task built-ins, __sync_cluster with SRAM staging (once per cluster, on the MPU), __sync_all
// with SRAM2SRAM to another cluster, and a missing barrier changing the result.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "bang_kernel_builder.hpp"
#include "xir/runtime/bang/cnrt_types.hpp"

namespace {

constexpr int fields = 13;
enum Field {
  TASK_ID,
  TASK_ID_X,
  TASK_ID_Y,
  TASK_ID_Z,
  CLUSTER_ID,
  CORE_ID,
  CORE_DIM,
  CLUSTER_DIM,
  TASK_DIM,
  DIM_X,
  DIM_Y,
  DIM_Z,
  IS_IPU
};

class BangSync : public testing::Test {
protected:
  static void SetUpTestSuite() { library_ = new xir::test::KernelLibrary("sync", 372); }
  static void TearDownTestSuite() { delete library_; }
  static xir::test::KernelLibrary* library_;
};
xir::test::KernelLibrary* BangSync::library_ = nullptr;

TEST_F(BangSync, UnionBuiltinsFollowTheTaskFormulas) {
  const unsigned x = 4, y = 2, z = 1;
  const int tasks = 8, clusters = 2;
  std::vector<int> out((tasks + clusters) * fields, -7);
  ASSERT_EQ(library_->entry<int(int*, int, unsigned, unsigned, unsigned, int)>("run_builtins")(
                out.data(), tasks + clusters, x, y, z, 4 /* UNION1 */),
            0);
  for (int t = 0; t < tasks; ++t) {
    const int* r = &out[t * fields];
    EXPECT_EQ(r[TASK_ID], t);
    EXPECT_EQ(r[TASK_ID_X], t % 4);
    EXPECT_EQ(r[TASK_ID_Y], t / 4);
    EXPECT_EQ(r[TASK_ID_Z], 0);
    EXPECT_EQ(r[TASK_ID_Z] * y * x + r[TASK_ID_Y] * x + r[TASK_ID_X], t);
    EXPECT_EQ(r[CLUSTER_ID], t / 4);
    EXPECT_EQ(r[CORE_ID], t % 4);
    EXPECT_EQ(r[CORE_DIM], 4);
    EXPECT_EQ(r[CLUSTER_DIM], 2);
    EXPECT_EQ(r[TASK_DIM], 8);
    EXPECT_EQ(r[DIM_X], 4);
    EXPECT_EQ(r[DIM_Y], 2);
    EXPECT_EQ(r[DIM_Z], 1);
    EXPECT_EQ(r[IS_IPU], 1);
  }
  for (int c = 0; c < clusters; ++c) { // one MPU per cluster runs the body too
    const int* r = &out[(tasks + c) * fields];
    EXPECT_EQ(r[IS_IPU], 0);
    EXPECT_EQ(r[CLUSTER_ID], c);
    EXPECT_EQ(r[CORE_ID], 0x80);
  }
}

TEST_F(BangSync, Union4JobsRunInGroupsOfFourClusters) {
  const int tasks = 32, clusters = 8; // two UNION4 groups
  std::vector<int> out((tasks + clusters) * fields, -7);
  ASSERT_EQ(library_->entry<int(int*, int, unsigned, unsigned, unsigned, int)>("run_builtins")(
                out.data(), tasks + clusters, tasks, 1, 1, 16 /* UNION4 */),
            0);
  for (int t = 0; t < tasks; ++t) {
    EXPECT_EQ(out[t * fields + CLUSTER_ID], t / 4);
    EXPECT_EQ(out[t * fields + CORE_ID], t % 4);
    EXPECT_EQ(out[t * fields + CLUSTER_DIM], 8);
  }
  for (int c = 0; c < clusters; ++c)
    EXPECT_EQ(out[(tasks + c) * fields + IS_IPU], 0) << c;
}

TEST_F(BangSync, EntryPointsTakingCnrtTypesAreExported) {
  std::vector<int> out(3 * fields, -7);
  auto run = library_->entry<cnrtRet_t(cnrtQueue_t, cnrtDim3_t, cnrtFunctionType_t, int*)>(
      "run_builtins_on");
  ASSERT_EQ(run(nullptr, cnrtDim3_t{3, 1, 1}, cnrtFuncTypeBlock, out.data()), cnrtSuccess);
  for (int t = 0; t < 3; ++t)
    EXPECT_EQ(out[t * fields + TASK_ID], t);
}

TEST_F(BangSync, BlockBuiltinsHaveOneCorePerTaskAndNoCluster) {
  const unsigned x = 2, y = 3, z = 2;
  const int tasks = 12;
  std::vector<int> out(tasks * fields, -7);
  ASSERT_EQ(library_->entry<int(int*, int, unsigned, unsigned, unsigned, int)>("run_builtins")(
                out.data(), tasks, x, y, z, 1 /* BLOCK */),
            0);
  for (int t = 0; t < tasks; ++t) {
    const int* r = &out[t * fields];
    EXPECT_EQ(r[TASK_ID], t);
    EXPECT_EQ(r[TASK_ID_X], t % 2);
    EXPECT_EQ(r[TASK_ID_Y], t / 2 % 3);
    EXPECT_EQ(r[TASK_ID_Z], t / 6);
    EXPECT_EQ(r[CORE_DIM], 1);
    EXPECT_EQ(r[CLUSTER_DIM], 0);
    EXPECT_EQ(r[TASK_DIM], 12);
  }
}

TEST_F(BangSync, SramStagingWithClusterAndUnionBarriers) {
  const int per_cluster = 256, n = 2 * per_cluster;
  std::vector<float> in(n), out(n), exchanged(n);
  for (int i = 0; i < n; ++i)
    in[i] = 0.25f * i - 7;
  for (int barrier_form :
       {1, 2}) { // __sync_cluster, then __sync_cluster_arrive + __sync_cluster_wait
    std::fill(out.begin(), out.end(), 0.0f);
    ASSERT_EQ(library_->entry<int(const float*, float*, float*, int)>("run_staging")(
                  in.data(), out.data(), exchanged.data(), barrier_form),
              0);
    for (int i = 0; i < n; ++i)
      EXPECT_EQ(out[i], in[i] * 2 + i / per_cluster) << i;
    for (int c = 0; c < 2; ++c)
      for (int i = 0; i < per_cluster; ++i) // cluster c received the results of cluster 1 - c
        EXPECT_EQ(exchanged[c * per_cluster + i], out[(1 - c) * per_cluster + i]) << c << " " << i;
  }
}

TEST_F(BangSync, AMissingClusterBarrierIsReportedAsAnSramRace) {
  auto run = library_->entry<int(const float*, float*, float*, int)>("run_staging");
  const auto outcome = xir::test::run_in_child([&] {
    std::vector<float> in(512, 1.0f), out(512), exchanged(512);
    run(in.data(), out.data(), exchanged.data(), 0);
  });
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.error_output.find(
                "error: __memcpy: SRAM race in cluster 0: bytes [768, 1024) are read by taskId 3 "
                "on core 3 of cluster 0 at "),
            std::string::npos)
      << outcome.error_output;
  EXPECT_NE(outcome.error_output.find("and written by the MPU of cluster 0 at "), std::string::npos)
      << outcome.error_output;
}

TEST_F(BangSync, IpuAndMpuOnlyBarriersOrderTheirOwnKind) {
  std::vector<int> out(20, 0);
  ASSERT_EQ(library_->entry<int(int*)>("run_ipu_barrier")(out.data()), 0);
  for (int t = 0; t < 8; ++t)
    EXPECT_EQ(out[8 + t], 36) << "task " << t << " saw every core's write";
  EXPECT_EQ(out[16], 100);
  EXPECT_EQ(out[17], 101);
  EXPECT_EQ(out[18], 101) << "the MPU of cluster 0 saw cluster 1's write";
  EXPECT_EQ(out[19], 100);
}

} // namespace
