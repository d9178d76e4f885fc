// Rule violations are reported as `file:line: error: <function>: <reason>` and fail the launch:
// by default the process exits with status 1; with XIR_BANG_ON_ERROR=return the queue reports it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "bang_kernel_builder.hpp"

namespace {

enum Failure {
  NRAM_OVERFLOW,
  MISALIGNED_VECTOR,
  BAD_VECTOR_SIZE,
  MISALIGNED_WRAM,
  OPERAND_NOT_IN_NRAM,
  OPERAND_PAST_NRAM_END,
  EARLY_RETURN_DEADLOCK,
  MISMATCHED_BARRIERS,
  WRAM_TO_WRAM,
  DIV_ON_372,
  ZERO_COUNT,
  SRAM_IN_BLOCK,
  WEIGHTS_NOT_IN_WRAM,
  BAD_UNION_DIM,
  CONV_WEIGHTS_MISALIGNED,
  NONE,
  OPERAND_NOT_IN_NRAM_UNION
};

// Runs failure case `which` of the library for `arch` in a child; returns its stderr.
std::string expect_launch_failure(int which, int arch) {
  xir::test::KernelLibrary library("failures", arch);
  auto run = library.entry<int(int)>("run_failure");
  const xir::test::ChildOutcome outcome = xir::test::run_in_child([&] { run(which); }, 60);
  EXPECT_EQ(outcome.exit_code, 1) << "case " << which << " stderr: " << outcome.error_output;
  return outcome.error_output;
}

void expect_contains(const std::string& text, const std::string& needle) {
  EXPECT_NE(text.find(needle), std::string::npos) << "expected \"" << needle << "\" in:\n" << text;
}

TEST(BangFailures, NramOverflowIsReportedAtTheDeclaration) {
  const std::string error = expect_launch_failure(NRAM_OVERFLOW, 372);
  expect_contains(
      error,
      "failures.mlu:13: error: __nram__: too_big needs 800000 bytes but only 782336 of the 786432 "
      "bytes of NRAM on mtp_372 are free (overflow)");
}

TEST(BangFailures, MisalignedVectorOperandsBreakThe2xxRules) {
  expect_contains(
      expect_launch_failure(MISALIGNED_VECTOR, 270),
      "failures.mlu:24: error: __bang_add: operand 'dst' at NRAM offset 4 is not 64-byte aligned");
  expect_contains(expect_launch_failure(BAD_VECTOR_SIZE, 270),
                  "error: __bang_add: n * sizeof(T) = 124 is not a multiple of 128");
}

TEST(BangFailures, The2xxRulesDoNotApplyOn372) {
  xir::test::KernelLibrary library("failures", 372);
  auto run = library.entry<int(int)>("run_failure");
  for (int which : {MISALIGNED_VECTOR, BAD_VECTOR_SIZE}) {
    const auto outcome = xir::test::run_in_child([&] { std::exit(run(which)); });
    EXPECT_EQ(outcome.exit_code, 0) << outcome.error_output;
  }
}

TEST(BangFailures, WramAlignmentIsCheckedOn372) {
  expect_contains(
      expect_launch_failure(MISALIGNED_WRAM, 372),
      "failures.mlu:26: error: __memcpy: operand 'dst' at WRAM offset 4 is not 8-byte aligned");
  expect_contains(expect_launch_failure(CONV_WEIGHTS_MISALIGNED, 372),
                  "error: __bang_conv: operand 'kernel' at WRAM offset 8 is not 32-byte aligned");
}

TEST(BangFailures, OperandsOutsideNramAreReported) {
  expect_contains(expect_launch_failure(OPERAND_NOT_IN_NRAM, 372),
                  "failures.mlu:27: error: __bang_mul: operand 'src0' must be in NRAM but");
  expect_contains(
      expect_launch_failure(OPERAND_PAST_NRAM_END, 372),
      "error: __bang_add: operand 'dst' covers bytes [0, 800000) of NRAM, past its end at 786432");
  const std::string first_only = expect_launch_failure(OPERAND_NOT_IN_NRAM_UNION, 372);
  expect_contains(first_only, "error: __bang_mul: operand 'src0' must be in NRAM but");
  EXPECT_EQ(first_only.find("error:"), first_only.rfind("error:"))
      << "only the first error is reported:\n"
      << first_only;
  expect_contains(expect_launch_failure(WEIGHTS_NOT_IN_WRAM, 372),
                  "error: __bang_mlp: operand 'filter' must be in WRAM but");
}

TEST(BangFailures, BarriersThatCanNeverCompleteAreReportedNotHung) {
  const std::string early = expect_launch_failure(EARLY_RETURN_DEADLOCK, 372);
  expect_contains(early, "failures.mlu:29: error: __sync_cluster: deadlock");
  expect_contains(
      early,
      "waiting at __sync_cluster of cluster 0 (4 of 5 arrived): taskId 3 on core 3 of cluster 0, "
      "taskId 2 on core 2 of cluster 0, taskId 1 on core 1 of cluster 0, taskId 0 on core 0 of "
      "cluster 0;");
  expect_contains(early, "already returned from the kernel: the MPU of cluster 0");
  expect_contains(expect_launch_failure(MISMATCHED_BARRIERS, 372),
                  "deadlock: the barrier can never complete");
}

TEST(BangFailures, IllegalDirectionsAndUnavailableFunctions) {
  expect_contains(expect_launch_failure(WRAM_TO_WRAM, 372),
                  "error: __memcpy: WRAM2WRAM is never a legal direction");
  expect_contains(expect_launch_failure(DIV_ON_372, 372),
                  "error: __bang_div: not available on mtp_372");
  expect_contains(expect_launch_failure(ZERO_COUNT, 372),
                  "error: __bang_write_zero: the element count is 0");
  expect_contains(expect_launch_failure(SRAM_IN_BLOCK, 372), "SRAM is unusable in BLOCK tasks");
  expect_contains(expect_launch_failure(BAD_UNION_DIM, 372),
                  "error: kernel launch: a UNION2 job needs dim.x to be a multiple of 8, got 12");
}

TEST(BangFailures, TheQueueReportsTheFailureWhenAskedToReturn) {
  xir::test::KernelLibrary library("failures", 372);
  auto run = library.entry<int(int)>("run_failure");
  const auto outcome = xir::test::run_in_child([&] {
    setenv("XIR_BANG_ON_ERROR", "return", 1);
    const int first = run(OPERAND_NOT_IN_NRAM), second = run(NONE);
    std::exit(first == 632018 && second == 0 ? 0 : 3); // cnrtErrorKernelLaunch, then a good launch
  });
  EXPECT_EQ(outcome.exit_code, 0) << outcome.error_output;
  expect_contains(outcome.error_output, "error: __bang_mul");
}

} // namespace
