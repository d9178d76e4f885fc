#include "math_calls.hpp"

#include <limits>
#include <map>
#include <string>

#include "function_lifter.hpp"

namespace xir::frontend {

std::optional<Expr> lift_math_call(FunctionLifter& lifter, const clang::CallExpr* call) {
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (!callee) return std::nullopt;
  std::string name = callee->getNameAsString();
  // Fast-math spellings compute the same function (within the tolerance every check uses).
  static const std::map<std::string, std::string> unary = {
      {"expf", "exp"},     {"__expf", "exp"},   {"exp", "exp"},       {"exp2f", "exp2"},  {"logf", "log"},
      {"__logf", "log"},   {"log", "log"},      {"log2f", "log2"},    {"sqrtf", "sqrt"},  {"sqrt", "sqrt"},
      {"rsqrtf", "rsqrt"}, {"sinf", "sin"},     {"__sinf", "sin"},    {"sin", "sin"},     {"cosf", "cos"},
      {"__cosf", "cos"},   {"cos", "cos"},      {"tanf", "tan"},      {"tanhf", "tanh"},  {"tanh", "tanh"},
      {"erff", "erf"},     {"fabsf", "abs"},    {"fabs", "abs"},      {"floorf", "floor"}, {"ceilf", "ceil"},
      {"roundf", "round"}, {"truncf", "trunc"}, {"__frcp_rn", "recip"},
      // <cmath>'s float overloads (std::floor(x), ...).
      {"floor", "floor"},  {"ceil", "ceil"},    {"round", "round"},   {"trunc", "trunc"}, {"erf", "erf"},
      {"exp2", "exp2"},    {"log2", "log2"},    {"tan", "tan"}};
  static const std::map<std::string, std::string> binary = {{"powf", "pow"}, {"pow", "pow"}, {"fmodf", "fmod"},
                                                            {"atan2f", "atan2"}};
  static const std::map<std::string, BinaryOp> operators = {
      {"fmaxf", BinaryOp::Max}, {"fminf", BinaryOp::Min}, {"max", BinaryOp::Max}, {"min", BinaryOp::Min},
      {"__fdividef", BinaryOp::Div}, {"__hadd", BinaryOp::Add}, {"__hmul", BinaryOp::Mul},
      {"__hsub", BinaryOp::Sub}, {"fmax", BinaryOp::Max}, {"fmin", BinaryOp::Min}};
  static const std::map<std::string, Type> conversions = {
      {"__float2half", Type::f16()}, {"__float2half_rn", Type::f16()}, {"__half2float", Type::f32()},
      {"__float2bfloat16", Type::bf16()}, {"__bfloat162float", Type::f32()}};

  Type result = lift_scalar_type(call->getType()).value_or(Type::f32());
  if (name == "__builtin_inff" || name == "__builtin_huge_valf" || name == "__builtin_inf" ||
      name == "__builtin_huge_val")
    return make_float(std::numeric_limits<double>::infinity(), result);
  if (name == "__builtin_nanf" || name == "__builtin_nan") return make_float(std::numeric_limits<double>::quiet_NaN(), result);
  if (auto it = unary.find(name); it != unary.end() && call->getNumArgs() == 1)
    return Call::make(result, it->second, {lifter.lift_expr_as(call->getArg(0), result)});
  if (auto it = binary.find(name); it != binary.end() && call->getNumArgs() == 2)
    return Call::make(result, it->second,
                      {lifter.lift_expr_as(call->getArg(0), result), lifter.lift_expr_as(call->getArg(1), result)});
  if (name == "fmaf" && call->getNumArgs() == 3)
    return Call::make(result, "fma",
                      {lifter.lift_expr_as(call->getArg(0), result), lifter.lift_expr_as(call->getArg(1), result),
                       lifter.lift_expr_as(call->getArg(2), result)});
  if (auto it = operators.find(name); it != operators.end() && call->getNumArgs() == 2)
    return Binary::make(it->second, lifter.lift_expr_as(call->getArg(0), result),
                        lifter.lift_expr_as(call->getArg(1), result));
  if (auto it = conversions.find(name); it != conversions.end() && call->getNumArgs() == 1)
    return lifter.lift_expr_as(call->getArg(0), it->second);
  if ((name == "abs") && call->getNumArgs() == 1)
    return Call::make(result, "abs", {lifter.lift_expr_as(call->getArg(0), result)});
  return std::nullopt;
}

} // namespace xir::frontend
