#include "wmma_lifting.hpp"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>

#include <algorithm>

namespace xir::frontend {
namespace {

constexpr int warp_size = 32;

Expr i64(std::int64_t v) {
  return make_int(v, Type::i64());
}
Expr as_i64(Expr e) {
  return e.type() == Type::i64() ? e : Cast::make(Type::i64(), std::move(e));
}
Expr converted(Expr e, Type t) {
  return e.type() == t ? e : Cast::make(t, std::move(e));
}
Expr add(Expr a, Expr b) {
  return Binary::make(BinaryOp::Add, std::move(a), std::move(b));
}
Expr mul(Expr a, Expr b) {
  return Binary::make(BinaryOp::Mul, std::move(a), std::move(b));
}

std::string record_name(clang::QualType type) {
  const auto* record = type.isNull() ? nullptr : type->getAsCXXRecordDecl();
  return record ? record->getNameAsString() : "";
}

// The shapes and element types of the cuda target's wmma intrinsics (lib/target/cuda.cpp).
bool supported_shape(const FragmentShape& s) {
  const bool shape = (s.m == 16 && s.n == 16 && s.k == 16) ||
                     (s.m == 32 && s.n == 8 && s.k == 16) || (s.m == 8 && s.n == 32 && s.k == 16);
  if (!shape)
    return false;
  if (s.use == FragmentUse::Accumulator)
    return s.element == Type::f32() || s.element == Type::f16() || s.element == Type::i32();
  return s.element == Type::f16() || s.element == Type::bf16() || s.element == Type::i8() ||
         s.element == Type::u8();
}

bool is_wmma_function(const clang::CallExpr* call) {
  const clang::FunctionDecl* callee = call->getDirectCallee();
  return callee && callee->getQualifiedNameAsString().rfind("nvcuda::wmma::", 0) == 0;
}

// `for var in [0, extent): body(var)`, a serial loop over i64.
template <class Body>
Stmt serial(FunctionLifter& lifter, const std::string& base, std::int64_t extent, Body body) {
  const std::string var = lifter.fresh_name(base);
  return For::make(var, i64(0), i64(extent), ForKind::Serial, body(Var::make(Type::i64(), var)));
}

// Index of tile element (row, col) in memory with leading dimension ldm.
Expr memory_index(bool col_major, const Expr& row, const Expr& col, const Expr& ldm) {
  return col_major ? add(mul(col, ldm), row) : add(mul(row, ldm), col);
}

// The memory a load/store_matrix_sync pointer addresses: a buffer and the flat element offset of
// the pointer. `&tile[r][c]` of a multi-dimensional array keeps the array's dimensions, so an
// element at a flat offset from the pointer is addressed by the indices that offset unflattens to.
struct MatrixMemory {
  std::string buffer;
  Type element;
  std::vector<Expr> dims; // empty: a one-dimensional buffer
  Expr first;

  std::vector<Expr> indices(Expr offset) const {
    Expr flat = add(first, std::move(offset));
    if (dims.size() <= 1)
      return {flat};
    std::vector<Expr> result(dims.size());
    for (std::size_t d = dims.size() - 1; d > 0; --d) {
      result[d] = Binary::make(BinaryOp::Mod, flat, dims[d]);
      flat = Binary::make(BinaryOp::Div, flat, dims[d]);
    }
    result[0] = flat;
    return result;
  }
};

MatrixMemory matrix_memory(FunctionLifter& lifter, const clang::Expr* e) {
  const auto* address = llvm::dyn_cast<clang::UnaryOperator>(e->IgnoreParenImpCasts());
  if (address && address->getOpcode() == clang::UO_AddrOf) {
    const clang::Expr* base = address->getSubExpr()->IgnoreParenImpCasts();
    while (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(base))
      base = subscript->getBase()->IgnoreParenImpCasts();
    const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(base);
    const Binding* binding = ref ? lifter.binding_of(ref->getDecl()) : nullptr;
    const auto* array = binding ? std::get_if<ArrayBinding>(binding) : nullptr;
    if (array && array->dims.size() > 1) {
      Location element = lifter.lift_location(address->getSubExpr());
      if (element.indices.size() != array->dims.size())
        lifter.unsupported(e, "a wmma matrix pointer into a row of a multi-dimensional array");
      MatrixMemory memory{element.buffer, element.element, {}, i64(0)};
      for (std::size_t d = 0; d < array->dims.size(); ++d) {
        memory.dims.push_back(as_i64(array->dims[d]));
        memory.first = add(mul(memory.first, memory.dims.back()), as_i64(element.indices[d]));
      }
      return memory;
    }
  }
  PointerBinding p = lifter.lift_pointer(e);
  if (p.lanes != 1)
    lifter.unsupported(e, "a wmma matrix pointer to vectors");
  return {p.buffer, p.element, {}, as_i64(p.offset)};
}

} // namespace

int FragmentShape::elements_per_thread() const {
  if (use == FragmentUse::Accumulator)
    return m * n / warp_size;
  if (element == Type::f16())
    return 16;
  if (m == 16) // 8-bit integers and bf16
    return 8;
  const bool wide_operand = (m == 32) == (use == FragmentUse::MatrixA);
  return wide_operand ? 16 : 4;
}

std::optional<FragmentShape> fragment_shape(clang::QualType type) {
  const auto* record = type.isNull() ? nullptr : type.getCanonicalType()->getAsCXXRecordDecl();
  const auto* fragment = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  if (!fragment || fragment->getQualifiedNameAsString() != "nvcuda::wmma::fragment")
    return std::nullopt;
  const clang::TemplateArgumentList& args = fragment->getTemplateArgs();
  if (args.size() != 6)
    return std::nullopt;
  FragmentShape shape;
  const std::string use = record_name(args[0].getAsType());
  if (use == "matrix_a")
    shape.use = FragmentUse::MatrixA;
  else if (use == "matrix_b")
    shape.use = FragmentUse::MatrixB;
  else if (use == "accumulator")
    shape.use = FragmentUse::Accumulator;
  else
    return std::nullopt;
  shape.m = static_cast<int>(args[1].getAsIntegral().getExtValue());
  shape.n = static_cast<int>(args[2].getAsIntegral().getExtValue());
  shape.k = static_cast<int>(args[3].getAsIntegral().getExtValue());
  auto element = lift_scalar_type(args[4].getAsType());
  if (!element)
    return std::nullopt;
  shape.element = *element;
  shape.col_major = record_name(args[5].getAsType()) == "col_major";
  return shape;
}

bool declares_fragment(clang::ASTContext& context, const clang::VarDecl* var) {
  clang::QualType type = var->getType();
  while (const auto* array = context.getAsConstantArrayType(type))
    type = array->getElementType();
  const auto* record = type->getAsCXXRecordDecl();
  const auto* fragment = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(record);
  return fragment && fragment->getQualifiedNameAsString() == "nvcuda::wmma::fragment";
}

bool is_wmma_call(const clang::CallExpr* call) {
  return is_wmma_function(call);
}

bool WmmaFragments::declare(FunctionLifter& lifter, const WavefrontLanes& lanes,
                            const clang::VarDecl* var) {
  if (!declares_fragment(lifter.context(), var))
    return false;
  Variable variable;
  clang::QualType type = var->getType();
  while (const auto* array = lifter.context().getAsConstantArrayType(type)) {
    variable.array_dims.push_back(static_cast<std::int64_t>(array->getSize().getZExtValue()));
    type = array->getElementType();
  }
  auto shape = fragment_shape(type);
  if (!shape || !supported_shape(*shape))
    lifter.unsupported(
        var, "this wmma fragment type (the cuda target has m16n16k16, m32n8k16 and m8n32k16 with "
             "f16/bf16/i8/u8 operands and f32/f16/i32 accumulators)");
  if (var->hasInit()) {
    const auto* construct =
        llvm::dyn_cast<clang::CXXConstructExpr>(var->getInit()->IgnoreImplicit());
    if (!construct || !construct->getConstructor()->isDefaultConstructor())
      lifter.unsupported(var, "an initialized wmma fragment");
  }
  variable.shape = *shape;
  variable.buffer = lifter.fresh_name(var->getNameAsString());
  std::int64_t per_warp = shape->registers();
  for (std::int64_t d : variable.array_dims)
    per_warp *= d;
  Expr warps = as_i64(
      Binary::make(BinaryOp::Div, add(lanes.threads, make_int(warp_size - 1, lanes.threads.type())),
                   make_int(warp_size, lanes.threads.type())));
  lifter.hoisted_buffers().push_back(Buffer::make(
      variable.buffer, shape->element, {mul(warps, i64(per_warp))}, MemoryScope::Shared));
  variables_[var] = std::move(variable);
  return true;
}

WmmaFragments::Operand WmmaFragments::resolve(FunctionLifter& lifter, const WavefrontLanes& lanes,
                                              const clang::Expr* e) {
  std::vector<const clang::Expr*> indices;
  const clang::Expr* base = e->IgnoreParenImpCasts();
  while (const auto* subscript = llvm::dyn_cast<clang::ArraySubscriptExpr>(base)) {
    indices.push_back(subscript->getIdx());
    base = subscript->getBase()->IgnoreParenImpCasts();
  }
  std::reverse(indices.begin(), indices.end());
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(base);
  const auto* var = ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
  auto it = var ? variables_.find(var) : variables_.end();
  if (it == variables_.end() || indices.size() != it->second.array_dims.size())
    lifter.unsupported(
        e, "a wmma fragment operand other than a fragment variable of the kernel (or an element of "
           "an array of them)");
  const Variable& variable = it->second;
  const std::int64_t registers = variable.shape.registers();
  std::int64_t per_warp = registers;
  Expr flat = i64(0);
  for (std::size_t d = 0; d < indices.size(); ++d) {
    per_warp *= variable.array_dims[d];
    flat =
        add(mul(flat, i64(variable.array_dims[d])), lifter.lift_expr_as(indices[d], Type::i64()));
  }
  Expr warp =
      as_i64(Binary::make(BinaryOp::Div, lanes.thread, make_int(warp_size, lanes.thread.type())));
  return {&variable, add(mul(warp, i64(per_warp)), mul(flat, i64(registers)))};
}

std::optional<Stmt> WmmaFragments::lift_call(FunctionLifter& lifter, const WavefrontLanes& lanes,
                                             const clang::CallExpr* call) {
  if (!is_wmma_function(call))
    return std::nullopt;
  const std::string name = call->getDirectCallee()->getNameAsString();
  const unsigned args = call->getNumArgs();
  const auto layout_argument = [&](const clang::Expr* e) {
    const Expr lifted = lifter.lift_expr_as(e, Type::i32());
    const std::int64_t* layout = as_const_int(lifted);
    if (!layout || (*layout != 0 && *layout != 1))
      lifter.unsupported(e,
                         "a wmma layout that is not the constant mem_row_major or mem_col_major");
    return *layout == 1;
  };
  Stmt work;
  if (name == "fill_fragment" && args == 2) {
    Operand f = resolve(lifter, lanes, call->getArg(0));
    Expr value = lifter.lift_expr_as(call->getArg(1), f.variable->shape.element);
    work = serial(lifter, "wmma_e", f.variable->shape.registers(), [&](const Expr& e) {
      return Store::make(f.variable->buffer, {add(f.first, e)}, value);
    });
  } else if (name == "load_matrix_sync" && (args == 3 || args == 4)) {
    Operand f = resolve(lifter, lanes, call->getArg(0));
    const FragmentShape& shape = f.variable->shape;
    if ((shape.use == FragmentUse::Accumulator) != (args == 4))
      lifter.unsupported(
          call, "load_matrix_sync with a layout argument exactly for accumulator fragments");
    const bool col_major = args == 4 ? layout_argument(call->getArg(3)) : shape.col_major;
    MatrixMemory p = matrix_memory(lifter, call->getArg(1));
    Expr ldm = lifter.lift_expr_as(call->getArg(2), Type::i64());
    const auto load_tile = [&](const Expr& first) {
      return serial(lifter, "wmma_row", shape.rows(), [&](const Expr& row) {
        return serial(lifter, "wmma_col", shape.cols(), [&](const Expr& col) {
          Expr value =
              Load::make(p.element, p.buffer, p.indices(memory_index(col_major, row, col, ldm)));
          return Store::make(f.variable->buffer,
                             {add(first, add(mul(row, i64(shape.cols())), col))},
                             converted(value, shape.element));
        });
      });
    };
    // Registers beyond the tile (__half matrix_a/b) hold further copies of it.
    const std::int64_t copies = shape.registers() / shape.tile();
    work = copies == 1 ? load_tile(f.first)
                       : serial(lifter, "wmma_copy", copies, [&](const Expr& copy) {
                           return load_tile(add(f.first, mul(copy, i64(shape.tile()))));
                         });
  } else if (name == "store_matrix_sync" && args == 4) {
    Operand f = resolve(lifter, lanes, call->getArg(1));
    const FragmentShape& shape = f.variable->shape;
    if (shape.use != FragmentUse::Accumulator)
      lifter.unsupported(call, "store_matrix_sync of a matrix_a/b fragment");
    const bool col_major = layout_argument(call->getArg(3));
    MatrixMemory p = matrix_memory(lifter, call->getArg(0));
    Expr ldm = lifter.lift_expr_as(call->getArg(2), Type::i64());
    work = serial(lifter, "wmma_row", shape.rows(), [&](const Expr& row) {
      return serial(lifter, "wmma_col", shape.cols(), [&](const Expr& col) {
        Expr value = Load::make(shape.element, f.variable->buffer,
                                {add(f.first, add(mul(row, i64(shape.cols())), col))});
        return Store::make(p.buffer, p.indices(memory_index(col_major, row, col, ldm)),
                           converted(value, p.element));
      });
    });
  } else if (name == "mma_sync" && args == 4) {
    Operand d = resolve(lifter, lanes, call->getArg(0)),
            a = resolve(lifter, lanes, call->getArg(1));
    Operand b = resolve(lifter, lanes, call->getArg(2)),
            c = resolve(lifter, lanes, call->getArg(3));
    const FragmentShape &sd = d.variable->shape, &sa = a.variable->shape, &sb = b.variable->shape,
                        &sc = c.variable->shape;
    const auto same_tile = [&](const FragmentShape& s) {
      return s.m == sd.m && s.n == sd.n && s.k == sd.k;
    };
    if (sd.use != FragmentUse::Accumulator || sa.use != FragmentUse::MatrixA ||
        sb.use != FragmentUse::MatrixB || sc.use != FragmentUse::Accumulator || !same_tile(sa) ||
        !same_tile(sb) || !same_tile(sc) || sc.element != sd.element || sa.element != sb.element)
      lifter.unsupported(call, "mma_sync on fragments of mismatched uses, shapes or types");
    // d = c first, then the products are added in k order: correct also when d and c are one
    // fragment.
    const Type acc = sd.element;
    work = serial(lifter, "wmma_i", sd.m, [&](const Expr& i) {
      return serial(lifter, "wmma_j", sd.n, [&](const Expr& j) {
        Expr at = add(d.first, add(mul(i, i64(sd.n)), j));
        Stmt init = Store::make(
            d.variable->buffer, {at},
            Load::make(acc, c.variable->buffer, {add(c.first, add(mul(i, i64(sd.n)), j))}));
        Stmt accumulate = serial(lifter, "wmma_k", sd.k, [&](const Expr& kk) {
          Expr x = converted(Load::make(sa.element, a.variable->buffer,
                                        {add(a.first, add(mul(i, i64(sd.k)), kk))}),
                             acc);
          Expr y = converted(Load::make(sb.element, b.variable->buffer,
                                        {add(b.first, add(mul(kk, i64(sd.n)), j))}),
                             acc);
          return Store::make(d.variable->buffer, {at},
                             add(Load::make(acc, d.variable->buffer, {at}), mul(x, y)));
        });
        return Block::make({init, accumulate});
      });
    });
  } else {
    lifter.unsupported(call, "the wmma call `" + name + "` with these arguments");
  }
  if (const std::int64_t* threads = as_const_int(lanes.threads);
      threads && *threads % warp_size != 0)
    lifter.unsupported(call, "a wmma call in a block of " + std::to_string(*threads) +
                                 " threads (not whole warps)");
  Expr lane = Binary::make(BinaryOp::Mod, lanes.thread, make_int(warp_size, lanes.thread.type()));
  Expr lane_zero = Binary::make(BinaryOp::EQ, lane, make_int(0, lanes.thread.type()));
  return Block::make({Barrier::make(BarrierScope::Warp), IfThenElse::make(lane_zero, work),
                      Barrier::make(BarrierScope::Warp)});
}

} // namespace xir::frontend
