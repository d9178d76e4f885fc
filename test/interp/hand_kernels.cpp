#include "hand_kernels.hpp"

#include <limits>

#include "xir/target/bang.hpp"

namespace xir::test {
namespace {

Expr v(const char* name) {
  return Var::make(Type::i32(), name);
}
Expr c(std::int64_t value) {
  return make_int(value);
}
Expr f(double value) {
  return make_float(value);
}
Expr bin(BinaryOp op, Expr a, Expr b) {
  return Binary::make(op, std::move(a), std::move(b));
}
Expr add(Expr a, Expr b) {
  return bin(BinaryOp::Add, std::move(a), std::move(b));
}
Expr sub(Expr a, Expr b) {
  return bin(BinaryOp::Sub, std::move(a), std::move(b));
}
Expr mul(Expr a, Expr b) {
  return bin(BinaryOp::Mul, std::move(a), std::move(b));
}
Expr div(Expr a, Expr b) {
  return bin(BinaryOp::Div, std::move(a), std::move(b));
}
Expr lt(Expr a, Expr b) {
  return bin(BinaryOp::LT, std::move(a), std::move(b));
}
Expr eq(Expr a, Expr b) {
  return bin(BinaryOp::EQ, std::move(a), std::move(b));
}
Expr load(const char* buffer, std::vector<Expr> indices, Type t = Type::f32()) {
  return Load::make(t, buffer, std::move(indices));
}
Stmt store(const char* buffer, std::vector<Expr> indices, Expr value) {
  return Store::make(buffer, std::move(indices), std::move(value));
}
Stmt seq(std::vector<Stmt> stmts) {
  return stmts.size() == 1 ? stmts.front() : Block::make(std::move(stmts));
}
Stmt serial(const char* var, Expr min, Expr extent, Stmt body) {
  return For::make(var, std::move(min), std::move(extent), ForKind::Serial, std::move(body));
}
Stmt bound(HardwareAxis axis, const char* var, Expr extent, Stmt body) {
  return For::make(var, c(0), std::move(extent), ForKind::Bound, axis, std::move(body));
}
Buffer buffer(const char* name, std::vector<Expr> shape, MemoryScope scope = MemoryScope::Global,
              Type t = Type::f32()) {
  return Buffer::make(name, t, std::move(shape), scope);
}
ScalarParam scalar(const char* name, Type t = Type::i32()) {
  return ScalarParam{name, t};
}

Kernel add(const char* name, bool guarded) {
  Expr i = v("i"), n = v("n");
  Stmt update = store("C", {i}, add(load("A", {i}), load("B", {i})));
  Stmt body = guarded ? IfThenElse::make(lt(i, n), update) : update;
  Stmt threads = bound(HardwareAxis::ThreadIdxX, "tx", c(64),
                       LetStmt::make("i", add(mul(v("bx"), c(64)), v("tx")), body));
  return Kernel::make(name, {scalar("n"), buffer("A", {n}), buffer("B", {n}), buffer("C", {n})},
                      bound(HardwareAxis::BlockIdxX, "bx", div(add(n, c(63)), c(64)), threads));
}

// for name in [0, (extent + width - 1) / width): let col = name * width + tx: if (col < extent)
// body
Stmt strided(const char* name, Expr extent, int width, Stmt body) {
  return serial(name, c(0), div(add(extent, c(width - 1)), c(width)),
                LetStmt::make("col", add(mul(v(name), c(width)), v("tx")),
                              IfThenElse::make(lt(v("col"), extent), body)));
}

} // namespace

Kernel add_kernel() {
  return add("add", true);
}
Kernel add_unguarded_kernel() {
  return add("add_unguarded", false);
}

Kernel row_sum_kernel(bool with_first_barrier) {
  Expr tx = v("tx"), row = v("row"), rows = v("rows"), cols = v("cols");
  Expr partial_tx = load("partial", {tx});
  std::vector<Stmt> thread = {
      store("partial", {tx}, f(0.0)),
      strided("c", cols, 64, store("partial", {tx}, add(partial_tx, load("A", {row, v("col")})))),
  };
  if (with_first_barrier)
    thread.push_back(Barrier::make(BarrierScope::Block));
  Stmt step = LetStmt::make(
      "half", bin(BinaryOp::Shr, c(32), v("step")),
      IfThenElse::make(
          lt(tx, v("half")),
          store("partial", {tx}, add(partial_tx, load("partial", {add(tx, v("half"))})))));
  thread.push_back(serial("step", c(0), c(6), seq({step, Barrier::make(BarrierScope::Block)})));
  thread.push_back(IfThenElse::make(eq(tx, c(0)), store("S", {row}, load("partial", {c(0)}))));
  Stmt block = Allocate::make(buffer("partial", {c(64)}, MemoryScope::Shared),
                              bound(HardwareAxis::ThreadIdxX, "tx", c(64), seq(thread)));
  return Kernel::make(
      with_first_barrier ? "row_sum" : "row_sum_missing_barrier",
      {scalar("rows"), scalar("cols"), buffer("A", {rows, cols}), buffer("S", {rows})},
      bound(HardwareAxis::BlockIdxX, "row", rows, block));
}

Kernel gemm_tiled_kernel() {
  Expr M = v("M"), N = v("N"), K = v("K"), tx = v("tx"), ty = v("ty"), kt = v("kt"), kk = v("kk");
  Expr acc = load("acc", {c(0)});
  Stmt tile = seq({
      store("As", {ty, tx}, load("A", {add(mul(v("by"), c(8)), ty), add(mul(kt, c(8)), tx)})),
      store("Bs", {ty, tx}, load("B", {add(mul(kt, c(8)), ty), add(mul(v("bx"), c(8)), tx)})),
      Barrier::make(BarrierScope::Block),
      serial("kk", c(0), c(8),
             store("acc", {c(0)}, add(acc, mul(load("As", {ty, kk}), load("Bs", {kk, tx}))))),
      Barrier::make(BarrierScope::Block),
  });
  Stmt thread = Allocate::make(
      buffer("acc", {c(1)}, MemoryScope::Local),
      seq({store("acc", {c(0)}, f(0.0)), serial("kt", c(0), div(K, c(8)), tile),
           store("C", {add(mul(v("by"), c(8)), ty), add(mul(v("bx"), c(8)), tx)}, acc)}));
  Stmt threads = bound(HardwareAxis::ThreadIdxY, "ty", c(8),
                       bound(HardwareAxis::ThreadIdxX, "tx", c(8), thread));
  Stmt block =
      Allocate::make(buffer("As", {c(8), c(8)}, MemoryScope::Shared),
                     Allocate::make(buffer("Bs", {c(8), c(8)}, MemoryScope::Shared), threads));
  return Kernel::make("gemm_tiled",
                      {scalar("M"), scalar("N"), scalar("K"), buffer("A", {M, K}),
                       buffer("B", {K, N}), buffer("C", {M, N})},
                      bound(HardwareAxis::BlockIdxY, "by", div(M, c(8)),
                            bound(HardwareAxis::BlockIdxX, "bx", div(N, c(8)), block)));
}

Kernel softmax_kernel() {
  Expr tx = v("tx"), row = v("row"), rows = v("rows"), cols = v("cols"), col = v("col");
  Expr red_tx = load("red", {tx}), red_0 = load("red", {c(0)});
  auto combine_into_first = [&](BinaryOp op) {
    return IfThenElse::make(
        eq(tx, c(0)),
        serial("t", c(1), c(31), store("red", {c(0)}, bin(op, red_0, load("red", {v("t")})))));
  };
  Expr a = load("A", {row, col}), out = load("C", {row, col});
  Stmt after_max = seq({
      Barrier::make(BarrierScope::Block),
      store("red", {tx}, f(0.0)),
      strided(
          "c", cols, 32,
          seq({store("C", {row, col},
                     Call::make(Type::f32(), "exp", {sub(a, Var::make(Type::f32(), "row_max"))})),
               store("red", {tx}, add(red_tx, out))})),
      Barrier::make(BarrierScope::Block),
      combine_into_first(BinaryOp::Add),
      Barrier::make(BarrierScope::Block),
      strided("c", cols, 32, store("C", {row, col}, div(out, red_0))),
  });
  Stmt thread = seq({
      store("red", {tx}, f(-std::numeric_limits<float>::max())),
      strided("c", cols, 32, store("red", {tx}, bin(BinaryOp::Max, red_tx, a))),
      Barrier::make(BarrierScope::Block),
      combine_into_first(BinaryOp::Max),
      Barrier::make(BarrierScope::Block),
      LetStmt::make("row_max", red_0, after_max),
  });
  Stmt block = Allocate::make(buffer("red", {c(32)}, MemoryScope::Shared),
                              bound(HardwareAxis::ThreadIdxX, "tx", c(32), thread));
  return Kernel::make(
      "softmax",
      {scalar("rows"), scalar("cols"), buffer("A", {rows, cols}), buffer("C", {rows, cols})},
      bound(HardwareAxis::BlockIdxX, "row", rows, block));
}

Kernel bang_add_relu_kernel() {
  Expr n = v("n"), base = v("base");
  auto address = [](const char* buffer, Expr index) {
    return Address::make(Type::f32(), buffer, {std::move(index)});
  };
  auto direction = [](bang::MemcpyDirection d) { return c(static_cast<std::int64_t>(d)); };
  auto call = [](const char* name, std::vector<Expr> args) {
    return IntrinsicCall::make("bang", name, std::move(args));
  };
  Stmt chunk = seq({
      call("__memcpy", {address("a", c(0)), address("A", base), c(256),
                        direction(bang::MemcpyDirection::GDRAM2NRAM)}),
      call("__memcpy", {address("b", c(0)), address("B", base), c(256),
                        direction(bang::MemcpyDirection::GDRAM2NRAM)}),
      call("__bang_add", {address("a", c(0)), address("a", c(0)), address("b", c(0)), c(64)}),
      call("__bang_active_relu", {address("a", c(0)), address("a", c(0)), c(64)}),
      call("__memcpy", {address("C", base), address("a", c(0)), c(256),
                        direction(bang::MemcpyDirection::NRAM2GDRAM)}),
  });
  Stmt loop = serial("it", c(0), div(n, c(256)),
                     LetStmt::make("base", mul(add(mul(v("it"), c(4)), v("task")), c(64)), chunk));
  Stmt task = Allocate::make(buffer("a", {c(64)}, MemoryScope::Nram),
                             Allocate::make(buffer("b", {c(64)}, MemoryScope::Nram), loop));
  return Kernel::make("bang_add_relu",
                      {scalar("n"), buffer("A", {n}, MemoryScope::Gdram),
                       buffer("B", {n}, MemoryScope::Gdram), buffer("C", {n}, MemoryScope::Gdram)},
                      bound(HardwareAxis::TaskId, "task", c(4), task));
}

Kernel saxpy_rows_kernel() {
  Expr rows = v("rows"), cols = v("cols"), r = v("r"), alpha = Var::make(Type::f32(), "alpha");
  Expr lanes = Ramp::make(mul(v("vi"), c(16)), c(1), 16);
  Stmt vector_part =
      serial("vi", c(0), div(cols, c(16)),
             store("Y", {r, lanes},
                   add(mul(Broadcast::make(alpha, 16), load("X", {r, lanes}, Type::f32(16))),
                       load("Y", {r, lanes}, Type::f32(16)))));
  Stmt tail = serial(
      "s", mul(div(cols, c(16)), c(16)), bin(BinaryOp::Mod, cols, c(16)),
      store("Y", {r, v("s")}, add(mul(alpha, load("X", {r, v("s")})), load("Y", {r, v("s")}))));
  Stmt per_thread =
      serial("r", mul(v("t"), div(rows, c(4))), div(rows, c(4)), seq({vector_part, tail}));
  return Kernel::make("saxpy_rows",
                      {scalar("rows"), scalar("cols"), scalar("alpha", Type::f32()),
                       buffer("X", {rows, cols}, MemoryScope::Host),
                       buffer("Y", {rows, cols}, MemoryScope::Host)},
                      bound(HardwareAxis::CpuThread, "t", c(4), per_thread));
}

Kernel racy_sum_kernel() {
  Expr tx = v("tx");
  return Kernel::make("racy_sum", {scalar("n"), buffer("A", {v("n")}), buffer("S", {c(1)})},
                      bound(HardwareAxis::ThreadIdxX, "tx", v("n"),
                            store("S", {c(0)}, add(load("S", {c(0)}), load("A", {tx})))));
}

Kernel atomic_sum_kernel() {
  Expr tx = v("tx");
  return Kernel::make("atomic_sum", {scalar("n"), buffer("A", {v("n")}), buffer("S", {c(1)})},
                      bound(HardwareAxis::ThreadIdxX, "tx", v("n"),
                            Atomic::make(BinaryOp::Add, "S", {c(0)}, load("A", {tx}))));
}

} // namespace xir::test
