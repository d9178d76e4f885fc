// Generated <kernel>_launch entry points of a device-only file, with the launch configuration from
// the command line (--grid 4 --block 128) and changed at run time through xir_sim_set_launch.
#include "kernel_library.h"

#include <vector>

namespace xir::test {
namespace {

TEST(DeviceOnly, GeneratedLaunchEntryPoints) {
  KernelLibrary library("device_only_cu.so");
  const int n = 1000;
  std::vector<float> x(n), y(n), want(n);
  for (int i = 0; i < n; ++i) {
    x[i] = i * 0.5f;
    y[i] = 1.0f - i;
    want[i] = 2.0f * x[i] + y[i];
  }
  library.get<void(float, const float *, float *, int)>("saxpy_launch")(2.0f, x.data(), y.data(), n);
  EXPECT_EQ(y, want);

  const int rows = 4, cols = 300; // --grid 4: one block per row
  std::vector<float> m(rows * cols), sums(rows, -1.0f);
  for (int i = 0; i < rows * cols; ++i) m[i] = static_cast<float>(i % 11);
  library.get<void(const float *, float *, int)>("row_sums_launch")(m.data(), sums.data(), cols);
  for (int r = 0; r < rows; ++r) {
    float want_sum = 0;
    for (int c = 0; c < cols; ++c) want_sum += m[r * cols + c];
    EXPECT_EQ(sums[r], want_sum) << r;
  }

  const unsigned grid[3] = {2, 1, 1}, block[3] = {128, 1, 1};
  library.get<void(const unsigned *, const unsigned *, unsigned long)>("xir_sim_set_launch")(grid, block, 0);
  std::fill(sums.begin(), sums.end(), -1.0f);
  library.get<void(const float *, float *, int)>("row_sums_launch")(m.data(), sums.data(), cols);
  EXPECT_NE(sums[0], -1.0f);
  EXPECT_EQ(sums[2], -1.0f); // only two blocks ran
}

} // namespace
} // namespace xir::test
