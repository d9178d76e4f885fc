// Statement execution of one thread, resumable at barriers: the thread's frames are an explicit
// stack, so stopping is returning and resuming is calling run_thread again.
#include "describe.hpp"
#include "machine.hpp"

namespace xir::interp::detail {
namespace {

Frame frame(Frame::Kind kind, Stmt stmt = Stmt()) {
  Frame f;
  f.kind = kind;
  f.stmt = std::move(stmt);
  return f;
}

} // namespace

void Machine::run_thread(Thread& t) {
  while (t.state == Thread::State::Runnable) {
    if (t.frames.empty()) {
      finish(t);
      return;
    }
    Frame& f = t.frames.back();
    switch (f.kind) {
    case Frame::Kind::Run: {
      Stmt s = std::move(f.stmt);
      t.frames.pop_back();
      start(t, s);
      break;
    }
    case Frame::Kind::Sequence: {
      const Block* block = f.stmt.as<Block>();
      if (f.next < block->stmts.size()) {
        Stmt next = block->stmts[f.next++];
        t.frames.push_back(frame(Frame::Kind::Run, std::move(next)));
      } else {
        t.frames.pop_back();
      }
      break;
    }
    case Frame::Kind::Loop: {
      if (f.counter < f.end) {
        t.vars[f.var_slot].second.lanes.front().integer = f.counter++;
        Stmt body = f.stmt.as<For>()->body;
        t.frames.push_back(frame(Frame::Kind::Run, std::move(body)));
      } else {
        t.frames.pop_back();
        t.vars.pop_back();
      }
      break;
    }
    case Frame::Kind::PopVar:
      t.vars.pop_back();
      t.frames.pop_back();
      break;
    case Frame::Kind::PopBuffer:
      t.buffers.pop_back();
      t.storage_cache.clear();
      t.frames.pop_back();
      break;
    case Frame::Kind::EndIntrinsic:
      t.intrinsic = Stmt();
      t.frames.pop_back();
      break;
    }
  }
}

void Machine::start(Thread& t, const Stmt& s) {
  t.current = s;
  const StmtVariant& node = s.node().node;
  if (const Store* n = std::get_if<Store>(&node)) {
    Value value = eval(n->value, t);
    boost::container::small_vector<Value, 4> indices;
    bool any_vector = false;
    for (const Expr& i : n->indices) {
      indices.push_back(eval(i, t));
      if (indices.back().lanes.size() > 1) {
        any_vector = true;
        if (indices.back().lanes.size() != value.lanes.size())
          fail(t, "store index `" + describe(i) + "` has " +
                      std::to_string(indices.back().lanes.size()) + " lanes but the value has " +
                      std::to_string(value.lanes.size()));
      }
    }
    if (value.lanes.size() > 1 && !any_vector)
      fail(t, "store of a " + to_string(value.type) + " value with only scalar indices");
    Indices at(indices.size());
    for (std::size_t l = 0; l < value.lanes.size(); ++l) {
      for (std::size_t d = 0; d < indices.size(); ++d)
        at[d] = indices[d].lanes.size() == 1 ? indices[d].lanes[0].integer
                                             : indices[d].lanes[l].integer;
      access(t, n->buffer, value.type.element_of(), at, Access::Write, &value.lanes[l]);
    }
    return;
  }
  if (const Atomic* n = std::get_if<Atomic>(&node)) {
    Value value = eval(n->value, t);
    Indices at;
    for (const Expr& i : n->indices)
      at.push_back(eval_int(i, t));
    Type type = value.type;
    Lane old = access(t, n->buffer, type, at, Access::Read, nullptr);
    Lane updated;
    if (type.is_float()) {
      double a = old.real, b = value.lanes[0].real;
      double r = n->op == BinaryOp::Add   ? a + b
                 : n->op == BinaryOp::Sub ? a - b
                 : n->op == BinaryOp::Min ? std::min(a, b)
                                          : std::max(a, b);
      if (is_bitwise(n->op))
        fail(t, "bitwise atomic on " + to_string(type));
      updated = convert_lane(ScalarKind::F64, type.kind, Lane{0, r});
    } else {
      std::int64_t a = old.integer, b = value.lanes[0].integer, r = 0;
      switch (n->op) {
      case BinaryOp::Add:
        r = static_cast<std::int64_t>(static_cast<std::uint64_t>(a) +
                                      static_cast<std::uint64_t>(b));
        break;
      case BinaryOp::Sub:
        r = static_cast<std::int64_t>(static_cast<std::uint64_t>(a) -
                                      static_cast<std::uint64_t>(b));
        break;
      case BinaryOp::Min:
        r = std::min(a, b);
        break;
      case BinaryOp::Max:
        r = std::max(a, b);
        break;
      case BinaryOp::BitAnd:
        r = a & b;
        break;
      case BinaryOp::BitOr:
        r = a | b;
        break;
      default:
        r = a ^ b;
        break;
      }
      updated = convert_lane(ScalarKind::I64, type.kind, Lane{r, 0});
    }
    access(t, n->buffer, type, at, Access::Atomic, &updated);
    return;
  }
  if (const For* n = std::get_if<For>(&node)) {
    std::int64_t min = eval_int(n->min, t);
    std::int64_t extent = eval_int(n->extent, t);
    if (n->kind == ForKind::Bound || n->kind == ForKind::Parallel) {
      spawn(t, *n, min, extent);
      return;
    }
    t.vars.push_back({n->var, Value{n->min.type(), {Lane{min, 0}}}});
    Frame loop = frame(Frame::Kind::Loop, s);
    loop.counter = min;
    loop.end = min + std::max<std::int64_t>(extent, 0);
    loop.var_slot = t.vars.size() - 1;
    t.frames.push_back(std::move(loop));
    return;
  }
  if (const IfThenElse* n = std::get_if<IfThenElse>(&node)) {
    Value c = eval(n->condition, t);
    const Stmt& branch = c.lanes.front().integer ? n->then_case : n->else_case;
    if (branch.defined())
      t.frames.push_back(frame(Frame::Kind::Run, branch));
    return;
  }
  if (const LetStmt* n = std::get_if<LetStmt>(&node)) {
    t.vars.push_back({n->name, eval(n->value, t)});
    t.frames.push_back(frame(Frame::Kind::PopVar));
    t.frames.push_back(frame(Frame::Kind::Run, n->body));
    return;
  }
  if (std::get_if<Block>(&node)) {
    t.frames.push_back(frame(Frame::Kind::Sequence, s));
    return;
  }
  if (const Allocate* n = std::get_if<Allocate>(&node)) {
    t.buffers.push_back({n->buffer.name, allocate(t, *n)});
    t.frames.push_back(frame(Frame::Kind::PopBuffer));
    t.frames.push_back(frame(Frame::Kind::Run, n->body));
    return;
  }
  if (std::get_if<Barrier>(&node)) {
    arrive_at_barrier(t, s);
    return;
  }
  if (const IntrinsicCall* n = std::get_if<IntrinsicCall>(&node)) {
    Stmt body = expansion(t, *n, s);
    t.intrinsic = s;
    t.frames.push_back(frame(Frame::Kind::EndIntrinsic));
    t.frames.push_back(frame(Frame::Kind::Run, std::move(body)));
    return;
  }
}

Stmt Machine::expansion(Thread& t, const IntrinsicCall& call, const Stmt& self) {
  auto cached = expansions_.find(self.get());
  if (cached != expansions_.end())
    return cached->second;
  if (call.target != target_.dialect)
    fail(t, "intrinsic `" + call.name + "` belongs to " + call.target +
                ", but the kernel runs on " + target_.name);
  const Intrinsic* intrinsic = target_.intrinsic(call.name, call.args.size());
  if (!intrinsic) {
    if (target_.intrinsic(call.name))
      fail(t, "intrinsic `" + call.name + "` has no overload with " +
                  std::to_string(call.args.size()) + " operands in the intrinsic table of " +
                  target_.name);
    fail(t, "intrinsic `" + call.name + "` is not in the intrinsic table of " + target_.name);
  }
  if (!intrinsic->semantics)
    fail(t, "intrinsic `" + call.name + "` has no semantics in the intrinsic table of " +
                target_.name + " (" + intrinsic->constraints + ")");
  auto lookup = [&](const std::string& name) -> const Buffer* {
    for (auto it = t.buffers.rbegin(); it != t.buffers.rend(); ++it)
      if (it->first == name)
        return &it->second->buffer;
    return nullptr;
  };
  Stmt body;
  try {
    body = expand_intrinsic(*intrinsic, call, lookup);
  } catch (const IRError& e) {
    fail(t, e.what());
  }
  expansions_.emplace(self.get(), body);
  return body;
}

} // namespace xir::interp::detail
