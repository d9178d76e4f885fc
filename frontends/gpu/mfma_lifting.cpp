#include "mfma_lifting.hpp"

#include <map>

#include "../common/host_entry_lifter.hpp"

namespace xir::frontend {
namespace {

// Vector elements each lane holds (DIALECTS.md 3.2).
struct MfmaOperands {
  int ab_elements;  // of a and b: 1 (f32 forms) or 4 (half4)
  int cd_elements;  // of c and d: 4 (float4) or 16 (float16)
  Type ab_type;
};

const std::map<std::string, MfmaOperands>& mfma_builtins() {
  static const std::map<std::string, MfmaOperands> table = {
      {"__builtin_amdgcn_mfma_f32_16x16x4f32", {1, 4, Type::f32()}},
      {"__builtin_amdgcn_mfma_f32_16x16x16f16", {4, 4, Type::f16()}},
      {"__builtin_amdgcn_mfma_f32_32x32x8f16", {4, 16, Type::f16()}},
      {"__builtin_amdgcn_mfma_f32_32x32x2f32", {1, 16, Type::f32()}},
  };
  return table;
}

Expr u32(std::int64_t v) { return make_int(v, Type::u32()); }
Expr bin(BinaryOp op, Expr a, Expr b) { return Binary::make(op, std::move(a), std::move(b)); }

// A vector variable of `elements` elements of `type` (a local array in the IR).
ArrayBinding vector_variable(FunctionLifter& lifter, const clang::Expr* e, int elements, Type type,
                             const std::string& role) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  const Binding* binding = ref ? lifter.binding_of(ref->getDecl()) : nullptr;
  const auto* array = binding ? std::get_if<ArrayBinding>(binding) : nullptr;
  const std::int64_t* extent = array && array->dims.size() == 1 ? as_const_int(array->dims[0]) : nullptr;
  if (!extent || *extent != elements || array->element != type)
    lifter.unsupported(e, "an MFMA " + role + " that is not a variable of " + std::to_string(elements) + " x " +
                              to_string(type));
  return *array;
}

} // namespace

bool is_mfma_builtin(const std::string& name) { return mfma_builtins().count(name) > 0; }

Stmt lift_mfma_assignment(FunctionLifter& lifter, const WavefrontLanes& lanes, const ArrayBinding& destination,
                          const clang::CallExpr* call) {
  const std::string name = callee_name(call);
  const MfmaOperands shape = mfma_builtins().at(name);
  if (call->getNumArgs() != 6) lifter.unsupported(call, "`" + name + "` with these arguments");
  // The four instructions are single-block, so broadcast (cbsz/abid) has nothing to select.
  for (unsigned i = 3; i < 5; ++i) {
    Expr modifier = lifter.lift_expr_as(call->getArg(i), Type::i32());
    if (const std::int64_t* m = as_const_int(modifier); !m || *m != 0)
      lifter.unsupported(call->getArg(i), "an MFMA cbsz/abid modifier other than 0");
  }
  const Expr blgp_modifier = lifter.lift_expr_as(call->getArg(5), Type::i32());
  const std::int64_t* blgp = as_const_int(blgp_modifier);
  if (!blgp || *blgp < 0 || *blgp > 7)
    lifter.unsupported(call->getArg(5), "an MFMA blgp modifier that is not a constant 0..7");
  const std::int64_t wave = lanes.wave_size;
  if (const std::int64_t* threads = as_const_int(lanes.threads); threads && *threads % wave != 0)
    lifter.unsupported(call, "an MFMA in a block of " + std::to_string(*threads) +
                                 " threads (not whole wavefronts of " + std::to_string(wave) + ")");
  const ArrayBinding& d = destination;
  if (d.dims.size() != 1 || !as_const_int(d.dims[0]) || *as_const_int(d.dims[0]) != shape.cd_elements ||
      d.element != Type::f32())
    lifter.unsupported(call, "an MFMA result assigned to anything but a vector of " +
                                 std::to_string(shape.cd_elements) + " floats");
  const ArrayBinding c = vector_variable(lifter, call->getArg(2), shape.cd_elements, Type::f32(), "accumulator");

  // Scratch for the block's lanes, rounded up to whole wavefronts. c and d share one buffer: the
  // semantics read each c element only to initialize the same d element.
  Expr lane_slots = bin(BinaryOp::Mul, bin(BinaryOp::Div, bin(BinaryOp::Add, lanes.threads, u32(wave - 1)), u32(wave)),
                        u32(wave));
  const auto scratch = [&](const std::string& base, Type type, int elements) {
    const std::string buffer = lifter.fresh_name(base);
    Expr size = Cast::make(Type::i64(), bin(BinaryOp::Mul, lane_slots, u32(elements)));
    lifter.hoisted_buffers().push_back(Buffer::make(buffer, type, {size}, MemoryScope::Shared));
    return buffer;
  };
  const std::string a_scratch = scratch("mfma_a", shape.ab_type, shape.ab_elements);
  const std::string b_scratch = scratch("mfma_b", shape.ab_type, shape.ab_elements);
  const std::string cd_scratch = scratch("mfma_acc", Type::f32(), shape.cd_elements);

  const auto slot = [&](const Expr& lane_base, int elements, int element) {
    return bin(BinaryOp::Add, bin(BinaryOp::Mul, lane_base, u32(elements)), u32(element));
  };
  std::vector<Stmt> body;
  for (const auto& [argument, buffer] : {std::pair{call->getArg(0), a_scratch}, std::pair{call->getArg(1), b_scratch}}) {
    if (shape.ab_elements == 1) {
      body.push_back(Store::make(buffer, {slot(lanes.thread, 1, 0)}, lifter.lift_expr_as(argument, shape.ab_type)));
      continue;
    }
    const ArrayBinding vector = vector_variable(lifter, argument, shape.ab_elements, shape.ab_type, "operand");
    for (int e = 0; e < shape.ab_elements; ++e)
      body.push_back(Store::make(buffer, {slot(lanes.thread, shape.ab_elements, e)},
                                 Load::make(shape.ab_type, vector.buffer, {make_int(e)})));
  }
  for (int r = 0; r < shape.cd_elements; ++r)
    body.push_back(Store::make(cd_scratch, {slot(lanes.thread, shape.cd_elements, r)},
                               Load::make(Type::f32(), c.buffer, {make_int(r)})));
  body.push_back(Barrier::make(BarrierScope::Warp));

  Expr lane = bin(BinaryOp::Mod, lanes.thread, u32(wave));
  Expr wave_base = bin(BinaryOp::Sub, lanes.thread, lane);
  const auto operand = [&](const std::string& buffer, Type type, int elements) {
    return Address::make(type, buffer, {slot(wave_base, elements, 0)});
  };
  Stmt intrinsic = IntrinsicCall::make(
      "hip", name,
      {operand(cd_scratch, Type::f32(), shape.cd_elements), operand(a_scratch, shape.ab_type, shape.ab_elements),
       operand(b_scratch, shape.ab_type, shape.ab_elements), operand(cd_scratch, Type::f32(), shape.cd_elements),
       make_int(0), make_int(0), make_int(*blgp)});
  body.push_back(IfThenElse::make(bin(BinaryOp::EQ, lane, u32(0)), intrinsic));
  body.push_back(Barrier::make(BarrierScope::Warp));
  for (int r = 0; r < shape.cd_elements; ++r)
    body.push_back(Store::make(d.buffer, {make_int(r)},
                               Load::make(Type::f32(), cd_scratch, {slot(lanes.thread, shape.cd_elements, r)})));
  // The scratch is reused by the wavefront's next MFMA.
  body.push_back(Barrier::make(BarrierScope::Warp));
  return Block::make(std::move(body));
}

} // namespace xir::frontend
