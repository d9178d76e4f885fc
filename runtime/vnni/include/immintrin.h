// <immintrin.h> for vnni kernel files (see runtime/vnni/README.md).
//
// With XIR_VNNI_EMULATE defined, this header replaces the compiler's: it defines the AVX-512 vector
// and mask types and the AVX-512F/BW/DQ/VL/VNNI/BF16 intrinsics used by xir's vnni kernels as
// portable C++ with the instructions' exact results (saturation, rounding, masking, lane order), so
// the kernels run on a CPU without AVX-512. Otherwise it forwards to the compiler's own
// <immintrin.h>.
#ifndef XIR_VNNI_EMULATE
#include_next <immintrin.h>
#else
#ifndef XIR_VNNI_EMULATION_IMMINTRIN_H
#define XIR_VNNI_EMULATION_IMMINTRIN_H

#include "xir_vnni_emulation/dot_products.h"
#include "xir_vnni_emulation/float_arithmetic.h"
#include "xir_vnni_emulation/float_conversions.h"
#include "xir_vnni_emulation/integer_arithmetic.h"
#include "xir_vnni_emulation/memory.h"
#include "xir_vnni_emulation/types.h"

#endif // XIR_VNNI_EMULATION_IMMINTRIN_H
#endif // XIR_VNNI_EMULATE
