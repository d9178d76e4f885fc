// Atomics from 8 blocks x 128 threads (blocks spread over host threads) against exact results.
#include "kernel_library.h"

namespace xir::test {
namespace {

struct AtomicResults {
  int add, sub, max, min, exch_seen, and_bits, or_bits, xor_bits, cas_count;
  unsigned inc, dec;
  unsigned long long add64;
  float fadd;
  double dadd;
  float hadd;
};

TEST(CudaAtomics, EveryOperationFromManyBlocks) {
  KernelLibrary library("atomics_cu.so");
  const int threads = 128, blocks = 8, total = threads * blocks;
  AtomicResults r{};
  ASSERT_EQ(library.get<int(int, int, AtomicResults *)>("run_atomics")(threads, blocks, &r), 0);
  int max = -1, min = 1 << 30, xor_bits = 0, or_bits = 0, and_bits = -1;
  for (int i = 0; i < total; ++i) {
    max = std::max(max, (i * 37) % 1001);
    min = std::min(min, 5000 - (i * 37) % 1001);
    xor_bits ^= i;
    or_bits |= 1 << (i % 31);
    and_bits &= ~(1 << (i % 31));
  }
  EXPECT_EQ(r.add, total * (total - 1) / 2);
  EXPECT_EQ(r.sub, -total * (total - 1) / 2);
  EXPECT_EQ(r.max, max);
  EXPECT_EQ(r.min, min);
  EXPECT_EQ(r.exch_seen, total); // -1 and all ids but the last stored one, each returned once
  EXPECT_EQ(r.and_bits, and_bits);
  EXPECT_EQ(r.or_bits, or_bits);
  EXPECT_EQ(r.xor_bits, xor_bits);
  EXPECT_EQ(r.cas_count, total);
  EXPECT_EQ(r.inc, static_cast<unsigned>(total % 100)); // wraps to 0 after 99
  unsigned dec = 0;
  for (int i = 0; i < total; ++i) dec = (dec == 0 || dec > 1000u) ? 1000u : dec - 1;
  EXPECT_EQ(r.dec, dec);
  EXPECT_EQ(r.add64, static_cast<unsigned long long>(total) << 33);
  EXPECT_EQ(r.fadd, static_cast<float>(total));
  EXPECT_EQ(r.dadd, total * 0.5);
  // Half precision stops growing at 2048 (the spacing reaches 2): 1024 additions stay exact.
  EXPECT_EQ(r.hadd, 1024.0f);
}

} // namespace
} // namespace xir::test
