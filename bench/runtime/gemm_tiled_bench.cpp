// Speed of the CUDA CPU runtime on a 512x512x512 f32 GEMM tiled through shared memory
// (1024 blocks of 256 fiber threads, 64 barriers each): on one host thread and on all of them.
#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

using GemmEntry = int(const float *, const float *, float *, int, int, int);
using SetThreads = void(unsigned);

// XIR_BENCH_GEMM_LIBRARY overrides the built library's path (to run a copied build elsewhere).
const char *library_path() {
  const char *path = std::getenv("XIR_BENCH_GEMM_LIBRARY");
  return path && *path ? path : XIR_BENCH_GEMM_LIBRARY;
}

struct Library {
  void *handle = dlopen(library_path(), RTLD_NOW | RTLD_LOCAL);
  GemmEntry *gemm = handle ? reinterpret_cast<GemmEntry *>(dlsym(handle, "run_gemm_tiled")) : nullptr;
  SetThreads *set_threads = handle ? reinterpret_cast<SetThreads *>(dlsym(handle, "xir_gpu_runtime_set_threads")) : nullptr;
};

Library &library() {
  static Library instance;
  return instance;
}

void gemm_512(benchmark::State &state) {
  Library &lib = library();
  if (!lib.gemm || !lib.set_threads) {
    state.SkipWithError("cannot load the kernel library");
    return;
  }
  const int n = 512;
  std::mt19937 generator(1);
  std::uniform_real_distribution<float> distribution(-1.0f, 1.0f);
  std::vector<float> A(n * n), B(n * n), C(n * n);
  for (float &v : A) v = distribution(generator);
  for (float &v : B) v = distribution(generator);
  lib.set_threads(static_cast<unsigned>(state.range(0)));
  for (auto _ : state) {
    if (lib.gemm(A.data(), B.data(), C.data(), n, n, n) != 0) state.SkipWithError("kernel failed");
    benchmark::DoNotOptimize(C.data());
  }
  // Spot-check a few entries against a double-precision dot product.
  for (int probe = 0; probe < 8; ++probe) {
    const int i = (probe * 97) % n, j = (probe * 193) % n;
    double want = 0;
    for (int k = 0; k < n; ++k) want += double(A[i * n + k]) * B[k * n + j];
    if (std::fabs(C[i * n + j] - want) > 1e-3) state.SkipWithError("wrong GEMM result");
  }
  state.counters["GFLOP/s"] =
      benchmark::Counter(2.0 * n * n * n * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
  state.counters["host_threads"] = static_cast<double>(state.range(0));
}

BENCHMARK(gemm_512)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
