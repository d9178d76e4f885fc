// xir-sim-cc builds BANG C and VNNI files too: a BANG kernel on the BANG CPU runtime, and a VNNI
// kernel natively and with --vnni-emulate (which must not contain AVX-512 instructions).
#include "kernel_library.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace xir::test {
namespace {

TEST(SimCcDialects, BangKernel) {
  KernelLibrary library("scale_mlu.so");
  const int n = 1000; // four tasks, several 256-element tiles each, a partial last tile
  std::vector<float> x(n), y(n, -1.0f);
  for (int i = 0; i < n; ++i) x[i] = i * 0.125f - 7.0f;
  ASSERT_EQ(library.get<int(const float *, float *, int)>("run_scale")(x.data(), y.data(), n), 0);
  for (int i = 0; i < n; ++i) EXPECT_EQ(y[i], 2.0f * x[i] + 1.0f) << i;
}

std::vector<std::int32_t> dot_reference(const std::vector<std::uint8_t> &a, const std::vector<std::int8_t> &b, int rows,
                                        int k) {
  std::vector<std::int32_t> y(rows, 0);
  for (int r = 0; r < rows; ++r)
    for (int i = 0; i < k; ++i) y[r] += static_cast<std::int32_t>(a[r * k + i]) * b[i];
  return y;
}

void check_dot(const char *library_name) {
  KernelLibrary library(library_name);
  const int rows = 33, k = 192;
  std::mt19937 generator(5);
  std::vector<std::uint8_t> a(rows * k);
  std::vector<std::int8_t> b(k);
  for (auto &v : a) v = static_cast<std::uint8_t>(generator());
  for (auto &v : b) v = static_cast<std::int8_t>(generator());
  std::vector<std::int32_t> y(rows);
  library.get<void(const std::uint8_t *, const std::int8_t *, std::int32_t *, int, int)>("run_dot_u8s8")(a.data(), b.data(),
                                                                                                      y.data(), rows, k);
  EXPECT_EQ(y, dot_reference(a, b, rows, k)) << library_name;
}

TEST(SimCcDialects, VnniEmulated) {
  check_dot("dot_u8s8_emulated.so");
  // The emulated build is portable: no AVX-512 register appears in its code.
  const std::string command = "objdump -d " + std::string(XIR_TEST_KERNEL_DIR) + "/dot_u8s8_emulated.so | grep -c zmm > " +
                              std::string(XIR_TEST_KERNEL_DIR) + "/zmm_count.txt";
  ASSERT_EQ(std::system(command.c_str()) == -1, false);
  std::ifstream count_file(std::string(XIR_TEST_KERNEL_DIR) + "/zmm_count.txt");
  int count = -1;
  count_file >> count;
  EXPECT_EQ(count, 0);
}

TEST(SimCcDialects, VnniNative) {
  if (!__builtin_cpu_supports("avx512vnni")) {
    // The native library would fault on this CPU; the emulated build above is the check here.
    GTEST_SKIP() << "CPU without AVX-512 VNNI";
  }
  check_dot("dot_u8s8_cpp.so");
}

} // namespace
} // namespace xir::test
