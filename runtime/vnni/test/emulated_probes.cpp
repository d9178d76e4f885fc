// The probes on the emulation (this file is built with XIR_VNNI_EMULATE and no AVX-512 flags).
#ifndef XIR_VNNI_EMULATE
#error "emulated_probes.cpp must be compiled with -DXIR_VNNI_EMULATE"
#endif
#include <immintrin.h>

#include <cstring>

#include "probe.h"

// Fails to compile if <immintrin.h> resolved to the compiler's header instead of the emulation.
static_assert(sizeof(xir::vnni_emulation::Vector<64, xir::vnni_emulation::kFloatTag>) ==
              sizeof(__m512));

namespace xir::vnni_test::emulated {
#include "probes.inc"
} // namespace xir::vnni_test::emulated
