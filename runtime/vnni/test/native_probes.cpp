// The probes on the compiler's intrinsics (this file is built with the AVX-512 flags).
#include <immintrin.h>

#include <cstring>

#include "probe.h"

namespace xir::vnni_test::native {
#include "probes.inc"
} // namespace xir::vnni_test::native
