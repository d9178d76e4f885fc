// `xir-sim-cc --engine interp`: libraries built from CUDA, HIP, BANG and VNNI files, called
// through dlopen like any kernel library, must compute what C++ loops compute; interpreter errors
// end the process with status 1 and a message on stderr.
#include <dlfcn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <utility>
#include <random>
#include <string>
#include <vector>

namespace {
namespace fs = std::filesystem;

const std::string source_dir = XIR_SOURCE_DIR;

class Library {
public:
  // Builds `file` with xir-sim-cc --engine interp and `flags`, then loads it.
  Library(const std::string& file, const std::string& flags = "", const std::string& dialect = "cuda") {
    std::string directory_template = (fs::temp_directory_path() / "xir-interp-test-").string() + std::string(6, 'X');
    if (!mkdtemp(directory_template.data())) return;
    directory_ = directory_template;
    const std::string output = directory_ + "/lib.so";
    const std::string command = std::string(XIR_SIM_CC) + " '" + file + "' --dialect " + dialect +
                                " --engine interp " + flags + " -o '" + output + "'";
    if (std::system(command.c_str()) != 0) return;
    handle_ = dlopen(output.c_str(), RTLD_NOW | RTLD_LOCAL);
  }
  ~Library() {
    if (handle_) dlclose(handle_);
    std::error_code ignored;
    if (!directory_.empty()) fs::remove_all(directory_, ignored);
  }
  bool loaded() const { return handle_ != nullptr; }
  template <class F> F* symbol(const char* name) const { return reinterpret_cast<F*>(dlsym(handle_, name)); }

private:
  std::string directory_;
  void* handle_ = nullptr;
};

std::vector<float> random_floats(std::size_t count, unsigned seed) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<float> value(-2.0f, 2.0f);
  std::vector<float> out(count);
  for (float& v : out) v = value(engine);
  return out;
}

// Runs `call` in a child process: its exit status (-1 unless it exited) and what it wrote to stderr.
std::pair<int, std::string> run_in_child(const std::function<void()>& call) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) return {-1, "pipe failed"};
  const pid_t child = fork();
  if (child < 0) return {-1, "fork failed"};
  if (child == 0) {
    dup2(pipe_ends[1], STDERR_FILENO);
    call();
    _exit(0);
  }
  close(pipe_ends[1]);
  std::string stderr_text;
  char chunk[512];
  for (ssize_t got; (got = read(pipe_ends[0], chunk, sizeof chunk)) > 0;) stderr_text.append(chunk, got);
  close(pipe_ends[0]);
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return {-1, stderr_text};
  return {WEXITSTATUS(status), stderr_text};
}

using GemvEntry = void(const float*, const float*, float*, int, int);
using ReluEntry = void(const float*, float*, int);

// Loads `file` built for `dialect` through the interp engine and checks its run_gemv against a
// double-precision loop on each shape.
void expect_gemv_matches_loop(const std::string& file, const std::string& dialect,
                              std::initializer_list<std::pair<int, int>> shapes, unsigned seed) {
  Library library(source_dir + file, "", dialect);
  ASSERT_TRUE(library.loaded());
  auto* run_gemv = library.symbol<GemvEntry>("run_gemv");
  ASSERT_NE(run_gemv, nullptr);
  for (const auto& [rows, columns] : shapes) {
    const std::vector<float> a = random_floats(rows * columns, seed), x = random_floats(columns, seed + 1);
    std::vector<float> y(rows, 0.0f);
    run_gemv(a.data(), x.data(), y.data(), rows, columns);
    for (int r = 0; r < rows; ++r) {
      double want = 0;
      for (int k = 0; k < columns; ++k) want += double(a[r * columns + k]) * x[k];
      ASSERT_NEAR(y[r], want, 1e-4 * (1 + std::abs(want))) << file << " row " << r;
    }
  }
}

// The same for run_relu, exactly.
void expect_relu_matches_loop(const std::string& file, const std::string& dialect, std::initializer_list<int> sizes,
                              unsigned seed) {
  Library library(source_dir + file, "", dialect);
  ASSERT_TRUE(library.loaded());
  auto* run_relu = library.symbol<ReluEntry>("run_relu");
  ASSERT_NE(run_relu, nullptr);
  for (int n : sizes) {
    const std::vector<float> a = random_floats(n, seed + n);
    std::vector<float> c(n, -1.0f);
    run_relu(a.data(), c.data(), n);
    for (int i = 0; i < n; ++i) ASSERT_EQ(c[i], std::max(a[i], 0.0f)) << file << " n " << n << " index " << i;
  }
}

TEST(InterpEngine, ReluMatchesLoop) { expect_relu_matches_loop("/bench/kernels/cuda/relu.cu", "cuda", {1, 257, 1000}, 7); }

TEST(InterpEngine, GemvMatchesLoop) { expect_gemv_matches_loop("/bench/kernels/cuda/gemv.cu", "cuda", {{37, 53}}, 1); }

// BANG entries allocate with cnrtMalloc and copy with cnrtMemcpy: sizes come from those calls.
TEST(InterpEngine, BangGemvMatchesLoop) {
  expect_gemv_matches_loop("/bench/kernels/bang/gemv.mlu", "bang", {{1, 1}, {29, 67}}, 5);
}

TEST(InterpEngine, BangReluMatchesLoop) {
  expect_relu_matches_loop("/bench/kernels/bang/relu.mlu", "bang", {1, 300, 4099}, 11);
}

// VNNI entries are the C functions with their written signatures; the lifted extents come from
// the mappings that hold the pointers.
TEST(InterpEngine, VnniGemvMatchesLoop) {
  expect_gemv_matches_loop("/bench/kernels/vnni/gemv.cpp", "vnni", {{19, 45}}, 8);
}

std::uint16_t f16_bits(float value) {
  const _Float16 half = static_cast<_Float16>(value);
  std::uint16_t bits;
  std::memcpy(&bits, &half, sizeof bits);
  return bits;
}

// f16 tensors arrive as uint16_t*; values k/8 are exact in f16, so the loop sees the same inputs.
TEST(InterpEngine, VnniDenseWithHalfInputsMatchesLoop) {
  Library library(source_dir + "/bench/kernels/vnni/dense.cpp", "", "vnni");
  ASSERT_TRUE(library.loaded());
  auto* run_dense = library.symbol<void(const std::uint16_t*, const std::uint16_t*, const float*, float*, int, int, int)>(
      "run_dense");
  ASSERT_NE(run_dense, nullptr);
  const int m = 5, n = 21, k = 33;
  std::mt19937 engine(12);
  std::uniform_int_distribution<int> eighths(-16, 16);
  std::vector<float> x(m * k), w(n * k);
  for (float& v : x) v = eighths(engine) / 8.0f;
  for (float& v : w) v = eighths(engine) / 8.0f;
  std::vector<std::uint16_t> x_bits(x.size()), w_bits(w.size());
  for (std::size_t i = 0; i < x.size(); ++i) x_bits[i] = f16_bits(x[i]);
  for (std::size_t i = 0; i < w.size(); ++i) w_bits[i] = f16_bits(w[i]);
  const std::vector<float> bias = random_floats(n, 13);
  std::vector<float> y(m * n, 0.0f);
  run_dense(x_bits.data(), w_bits.data(), bias.data(), y.data(), m, n, k);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double want = bias[j];
      for (int p = 0; p < k; ++p) want += double(x[i * k + p]) * w[j * k + p];
      ASSERT_NEAR(y[i * n + j], want, 1e-4 * (1 + std::abs(want))) << "row " << i << " column " << j;
    }
}

class DeviceKernelLaunch : public ::testing::TestWithParam<std::string> {};

TEST_P(DeviceKernelLaunch, UsesTheLibraryGeometry) {
  const std::string dialect = GetParam();
  Library library(source_dir + "/test/tools/inputs/saxpy_device_only." + (dialect == "cuda" ? "cu" : "hip"),
                  "--grid 3 --block 32", dialect);
  ASSERT_TRUE(library.loaded());
  auto* saxpy = library.symbol<void(const float*, float*, float, int)>("saxpy_launch");
  auto* set_launch = library.symbol<void(const unsigned*, const unsigned*, unsigned long)>("xir_sim_set_launch");
  ASSERT_NE(saxpy, nullptr);
  ASSERT_NE(set_launch, nullptr);
  const int n = 500;
  const std::vector<float> x = random_floats(n, 3), y0 = random_floats(n, 4);
  std::vector<float> y = y0;
  saxpy(x.data(), y.data(), 1.5f, n);
  for (int i = 0; i < n; ++i) ASSERT_FLOAT_EQ(y[i], 1.5f * x[i] + y0[i]) << "index " << i;
  // One block of 7 threads still covers every element through the grid-stride loop.
  const unsigned grid[3] = {1, 1, 1}, block[3] = {7, 1, 1};
  set_launch(grid, block, 0);
  y = y0;
  saxpy(x.data(), y.data(), -0.5f, n);
  for (int i = 0; i < n; ++i) ASSERT_FLOAT_EQ(y[i], -0.5f * x[i] + y0[i]) << "index " << i;
}

INSTANTIATE_TEST_SUITE_P(InterpEngine, DeviceKernelLaunch, ::testing::Values("cuda", "hip"));

// extern __shared__ memory takes its size from --shared-bytes, then from xir_sim_set_launch.
TEST(InterpEngine, DynamicSharedMemoryComesFromTheLaunch) {
  Library library(source_dir + "/test/tools/inputs/reverse_dynamic_shared.cu", "--grid 3 --block 64 --shared-bytes 256");
  ASSERT_TRUE(library.loaded());
  auto* reverse = library.symbol<void(const float*, float*)>("reverse_blocks_launch");
  auto* set_launch = library.symbol<void(const unsigned*, const unsigned*, unsigned long)>("xir_sim_set_launch");
  ASSERT_NE(reverse, nullptr);
  ASSERT_NE(set_launch, nullptr);
  for (const unsigned block : {64u, 16u}) {
    const unsigned grid[3] = {3, 1, 1}, threads[3] = {block, 1, 1};
    if (block != 64) set_launch(grid, threads, block * sizeof(float));
    const std::vector<float> in = random_floats(3 * block, block);
    std::vector<float> out(3 * block, 0.0f);
    reverse(in.data(), out.data());
    for (unsigned b = 0; b < 3; ++b)
      for (unsigned t = 0; t < block; ++t)
        ASSERT_EQ(out[b * block + t], in[b * block + block - 1 - t]) << "block size " << block << " block " << b;
  }
}

TEST(InterpEngine, InterpreterErrorExitsWithStatusOne) {
  Library library(source_dir + "/test/tools/inputs/relu_out_of_bounds.cu");
  ASSERT_TRUE(library.loaded());
  auto* run_relu = library.symbol<void(const float*, float*, int)>("run_relu");
  ASSERT_NE(run_relu, nullptr);
  const auto [status, stderr_text] = run_in_child([&] {
    std::vector<float> a(100, 1.0f), c(100);
    run_relu(a.data(), c.data(), 100);
  });
  ASSERT_EQ(status, 1);
  EXPECT_NE(stderr_text.find("xir-interp: error: run_relu: "), std::string::npos) << stderr_text;
}

// A VNNI pointer outside every mapping has no extent: an engine error, not a crash.
TEST(InterpEngine, VnniUnmappedPointerExitsWithStatusOne) {
  Library library(source_dir + "/bench/kernels/vnni/relu.cpp", "", "vnni");
  ASSERT_TRUE(library.loaded());
  auto* run_relu = library.symbol<void(const float*, float*, int)>("run_relu");
  ASSERT_NE(run_relu, nullptr);
  const auto [status, stderr_text] = run_in_child([&] {
    std::vector<float> c(16);
    run_relu(reinterpret_cast<const float*>(std::uintptr_t{64}), c.data(), 16);
  });
  ASSERT_EQ(status, 1);
  EXPECT_NE(stderr_text.find("xir-interp: error: run_relu: argument `A` of `run_relu` points to unmapped memory"),
            std::string::npos)
      << stderr_text;
}

} // namespace
