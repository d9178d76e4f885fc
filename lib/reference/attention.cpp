#include "definitions.hpp"

namespace xir::reference {

using Halide::Expr;

// softmax(Q K^T / sqrt(d)) V per (batch, head). mha: Q, K, V [b,s,h,d]; gqa: Q [b,hq,s,d] and
// K, V [b,hkv,s,d], query head h reading key/value head h / (hq / hkv).
Halide::Func define_attention(const Operands& in) {
  const bool grouped = in.spec().family == "gqa";
  const Halide::Var b("b"), h("h"), i("i"), j("j"), c("c");
  const int sequence_axis = grouped ? 2 : 1;
  const Expr d = in.extent("Q", 3);
  const Expr kv_head = grouped ? h / (in.extent("Q", 1) / in.extent("K", 1)) : Expr(h);
  auto q = [&](const Expr& row, const Expr& col) {
    return grouped ? in.at("Q", {b, h, row, col}) : in.at("Q", {b, row, h, col});
  };
  auto kv = [&](std::string_view name, const Expr& row, const Expr& col) {
    return grouped ? in.at(name, {b, kv_head, row, col}) : in.at(name, {b, row, kv_head, col});
  };
  const Halide::RDom channel(0, d, "channel");
  const Halide::RDom key(0, in.extent("K", sequence_axis), "key");
  Halide::Func score("score"), row_max("row_max"), weight("weight"), total("total"), o("O");
  define(score, {b, h, i, j},
         Halide::sum(q(i, channel) * kv("K", j, channel)) /
             Halide::sqrt(Halide::cast(in.compute_type(), d)));
  define(row_max, {b, h, i}, Halide::maximum(call(score, {b, h, i, key})));
  define(weight, {b, h, i, j}, Halide::exp(call(score, {b, h, i, j}) - call(row_max, {b, h, i})));
  define(total, {b, h, i}, Halide::sum(call(weight, {b, h, i, key})));
  const Expr weighted =
      Halide::sum(call(weight, {b, h, i, key}) * kv("V", key, c)) / call(total, {b, h, i});
  if (grouped) {
    define(o, {b, h, i, c}, weighted);
  } else {
    define(o, {b, i, h, c}, weighted);
  }
  for (Halide::Func* f : {&score, &row_max, &weight, &total})
    f->compute_root();
  return o;
}

} // namespace xir::reference
