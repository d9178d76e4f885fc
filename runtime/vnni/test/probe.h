// One probe runs one intrinsic (with fixed immediates) on the operands of a ProbeInput and writes
// what it produced (register image, scalar, mask or stored memory) to a ProbeOutput. The same probe
// list is compiled against the native intrinsics and against the emulation; the test compares the
// outputs.
#ifndef XIR_RUNTIME_VNNI_TEST_PROBE_H
#define XIR_RUNTIME_VNNI_TEST_PROBE_H

#include <cstdint>
#include <span>

namespace xir::vnni_test {

struct ProbeInput {
  alignas(64) unsigned char vector[3][64];   // register images of up to three vector operands
  alignas(64) std::int32_t gather_index[16]; // in-range element indices for gathers
  alignas(64) unsigned char memory[256];     // source of loads and gathers
  unsigned mask;                             // write/select mask (low 16 bits used)
};

struct ProbeOutput {
  alignas(64) unsigned char result[64];  // register image, scalar or mask
  alignas(64) unsigned char memory[128]; // destination of stores, pre-filled with a pattern
};

struct Probe {
  const char* name;
  void (*run)(const ProbeInput&, ProbeOutput&);
  bool float_result; // result lanes are f32: any NaN equals any NaN
};

namespace native {
std::span<const Probe> probes();
}
namespace emulated {
std::span<const Probe> probes();
}

} // namespace xir::vnni_test

#endif // XIR_RUNTIME_VNNI_TEST_PROBE_H
