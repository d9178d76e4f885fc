#pragma once
// HIP's MFMA builtins (`v = __builtin_amdgcn_mfma_*(a, b, c, cbsz, abid, blgp)`), lifted to the
// hip target's intrinsic table. The instruction is wavefront-collective, so each lane stores its
// a, b and c slices into LDS scratch (lane after lane), the wavefront synchronizes, lane 0 of the
// wavefront calls the intrinsic on the gathered operands (whose semantics use the exact lane
// layouts), and after another wavefront barrier every lane reads its slice of d back.

#include <clang/AST/Expr.h>

#include <string>

#include "../common/function_lifter.hpp"

namespace xir::frontend {

/// The threads of a block as lanes: the linear thread index, the block's thread count and the
/// wavefront size of the dialect.
struct WavefrontLanes {
  Expr thread;
  Expr threads;
  int wave_size = 64;
};

bool is_mfma_builtin(const std::string& name);

/// `destination = call(...)` where call is an MFMA builtin and destination a vector variable.
Stmt lift_mfma_assignment(FunctionLifter& lifter, const WavefrontLanes& lanes, const ArrayBinding& destination,
                          const clang::CallExpr* call);

} // namespace xir::frontend
