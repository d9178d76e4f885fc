// The CNRT host API and the launch path, with kernels written directly in this file (they use
// GDRAM only, so they need no pre-pass).
#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "xir_bang_prelude.hpp"

namespace {

static_assert(CNRT_MEM_TRANS_DIR_HOST2DEV == cnrtMemcpyHostToDev && cnrtMemcpyHostToDev == 0);
static_assert(CNRT_MEM_TRANS_DIR_DEV2DEV == cnrtMemcpyDevToDev && cnrtMemcpyDevToDev == 1);
static_assert(CNRT_MEM_TRANS_DIR_DEV2HOST == cnrtMemcpyDevToHost && cnrtMemcpyDevToHost == 2);
static_assert(CNRT_MEM_TRANS_DIR_HOST2HOST == cnrtMemcpyHostToHost && cnrtMemcpyHostToHost == 3);
static_assert(CNRT_FUNC_TYPE_BLOCK == cnrtFuncTypeBlock && cnrtFuncTypeBlock == 1);
static_assert(CNRT_FUNC_TYPE_UNION1 == cnrtFuncTypeUnion1 && cnrtFuncTypeUnion1 == 4);
static_assert(CNRT_FUNC_TYPE_UNION2 == 8 && CNRT_FUNC_TYPE_UNION4 == 16 &&
              cnrtFuncTypeUnion8 == 32 && cnrtFuncTypeUnion16 == 64);

__mlu_global__ void record_task(int* out) {
  if (__is_mpu())
    return;
  out[taskId] = taskId * 10 + coreId;
}

TEST(BangCnrt, MemcpyInEveryDirectionSpellingMovesTheBytes) {
  const cnrtMemTransDir_t directions[] = {CNRT_MEM_TRANS_DIR_HOST2DEV, CNRT_MEM_TRANS_DIR_DEV2DEV,
                                          CNRT_MEM_TRANS_DIR_DEV2HOST, CNRT_MEM_TRANS_DIR_HOST2HOST,
                                          cnrtMemcpyHostToDev,         cnrtMemcpyDevToDev,
                                          cnrtMemcpyDevToHost,         cnrtMemcpyHostToHost};
  int value = 1;
  for (cnrtMemTransDir_t direction : directions) {
    std::vector<int> host(16, value), back(16, 0);
    void* device = nullptr;
    ASSERT_EQ(cnrtMalloc(&device, 64), cnrtSuccess);
    ASSERT_EQ(cnrtMemcpy(device, host.data(), 64, direction), cnrtSuccess);
    ASSERT_EQ(cnrtMemcpy(back.data(), device, 64, direction), cnrtSuccess);
    EXPECT_EQ(back, host);
    EXPECT_EQ(cnrtFree(device), cnrtSuccess);
    ++value;
  }
  int scratch = 0;
  EXPECT_EQ(cnrtMemcpy(&scratch, &value, 4, static_cast<cnrtMemTransDir_t>(9)),
            cnrtErrorArgsInvalid);
  EXPECT_EQ(cnrtMalloc(nullptr, 4), cnrtErrorArgsInvalid);
}

TEST(BangCnrt, LaunchRunsAtQueueSyncNotBefore) {
  ASSERT_EQ(cnrtSetDevice(0), cnrtSuccess);
  cnrtQueue_t queue = nullptr;
  ASSERT_EQ(cnrtQueueCreate(&queue), cnrtSuccess);
  int* out = nullptr;
  ASSERT_EQ(cnrtMalloc(reinterpret_cast<void**>(&out), 8 * sizeof(int)), cnrtSuccess);
  for (int i = 0; i < 8; ++i)
    out[i] = -1;
  cnrtDim3_t dim = {8, 1, 1};
  xir_launch(record_task, dim, CNRT_FUNC_TYPE_BLOCK, queue)(out);
  EXPECT_EQ(out[3], -1); // a launch is asynchronous: nothing ran yet
  ASSERT_EQ(cnrtQueueSync(queue), cnrtSuccess);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(out[i], i * 10) << "BLOCK tasks all run on core 0 of their own";
  xir_launch(record_task, dim, cnrtFuncTypeUnion2, queue)(out);
  ASSERT_EQ(cnrtQueueDestroy(queue), cnrtSuccess); // destroying a queue finishes its work
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(out[i], i * 10 + i % 4);
  EXPECT_EQ(cnrtFree(out), cnrtSuccess);
}

TEST(BangCnrt, AsyncCopiesAreOrderedWithKernelsInTheirQueue) {
  cnrtQueue_t queue;
  ASSERT_EQ(cnrtQueueCreate(&queue), cnrtSuccess);
  std::vector<int> host(4, 0);
  int* device;
  ASSERT_EQ(cnrtMalloc(reinterpret_cast<void**>(&device), 4 * sizeof(int)), cnrtSuccess);
  cnrtDim3_t dim = {4, 1, 1};
  xir_launch(record_task, dim, cnrtFuncTypeUnion1, queue)(device);
  ASSERT_EQ(cnrtMemcpyAsync(host.data(), device, 4 * sizeof(int), queue, cnrtMemcpyDevToHost),
            cnrtSuccess);
  EXPECT_EQ(host[2], 0);
  ASSERT_EQ(cnrtQueueSync(queue), cnrtSuccess);
  EXPECT_EQ(host, (std::vector<int>{0, 11, 22, 33}));
  cnrtFree(device);
  cnrtQueueDestroy(queue);
}

TEST(BangCnrt, BadLaunchConfigurationsFailTheQueueWhenErrorsAreReturned) {
  setenv("XIR_BANG_ON_ERROR", "return", 1);
  cnrtQueue_t queue;
  ASSERT_EQ(cnrtQueueCreate(&queue), cnrtSuccess);
  std::vector<int> out(8, 0);
  testing::internal::CaptureStderr();
  xir_launch(record_task, cnrtDim3_t{6, 1, 1}, CNRT_FUNC_TYPE_UNION1, queue)(out.data());
  EXPECT_EQ(cnrtQueueSync(queue), cnrtErrorKernelLaunch);
  const std::string message = testing::internal::GetCapturedStderr();
  EXPECT_NE(
      message.find("error: kernel launch: a UNION1 job needs dim.x to be a multiple of 4, got 6"),
      std::string::npos)
      << message;
  EXPECT_EQ(cnrtQueueSync(queue), cnrtErrorKernelLaunch); // the failure is sticky
  EXPECT_STRNE(cnrtGetErrorStr(cnrtErrorKernelLaunch), "");
  cnrtQueueDestroy(queue);
  unsetenv("XIR_BANG_ON_ERROR");
}

} // namespace
