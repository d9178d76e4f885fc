#include "openmp_lifting.hpp"

#include <clang/AST/OpenMPClause.h>
#include <llvm/Frontend/OpenMP/OMPConstants.h>

namespace xir::frontend {
namespace {

void check_clauses(FunctionLifter& lifter, const clang::OMPExecutableDirective* directive) {
  for (const clang::OMPClause* clause : directive->clauses()) {
    switch (clause->getClauseKind()) {
    case llvm::omp::OMPC_schedule:
    case llvm::omp::OMPC_collapse:
    case llvm::omp::OMPC_num_threads:
    case llvm::omp::OMPC_default:
    case llvm::omp::OMPC_shared:
    case llvm::omp::OMPC_proc_bind:
    case llvm::omp::OMPC_nowait:
      break;
    default:
      lifter.unsupported(directive, "the OpenMP clause `" +
                                        std::string(llvm::omp::getOpenMPClauseName(clause->getClauseKind())) + "`");
    }
  }
}

// Allocations made while lifting a parallel loop's body (scratch of inlined calls and horizontal
// operations) belong to each iteration: they move inside the loop.
// So does the `skip` flag of a loop body that continues, which the lifter allocates around the loop.
Stmt own_scratch(FunctionLifter& lifter, std::size_t first, const clang::ForStmt* source, Stmt loop) {
  auto& buffers = lifter.per_thread_buffers();
  std::vector<Buffer> mine(buffers.begin() + static_cast<long>(first), buffers.end());
  buffers.resize(first);
  while (const auto* flag = loop.as<Allocate>()) {
    mine.push_back(flag->buffer);
    loop = flag->body;
  }
  const auto* f = loop.as<For>();
  if (!f) lifter.unsupported(source, "break or return in an OpenMP parallel loop");
  if (mine.empty()) return loop;
  return For::make(f->var, f->min, f->extent, f->kind, f->axis, wrap_in_allocations(mine, f->body));
}

Stmt parallel_loop(FunctionLifter& lifter, const clang::Stmt* s, const clang::OMPLoopDirective* directive,
                   int& collapsed) {
  const auto* loop = llvm::dyn_cast<clang::ForStmt>(s);
  if (!loop) lifter.unsupported(s, "an OpenMP loop that is not a for loop");
  const std::size_t first = lifter.per_thread_buffers().size();
  collapsed = directive ? static_cast<int>(directive->getLoopsNumber()) - 1 : collapsed - 1;
  Stmt lifted = lifter.lift_loop(loop, ForKind::Parallel);
  if (collapsed > 0) lifter.unsupported(s, "a collapse clause over loops that are not perfectly nested");
  return own_scratch(lifter, first, loop, lifted);
}

// Storage declared in a parallel region is private to each thread: the region's allocations and
// the statements that initialize them move into each iteration of its (collapsed) parallel loop.
Stmt privatize(FunctionLifter& lifter, const clang::Stmt* region, Stmt lifted) {
  std::vector<Buffer> buffers;
  std::vector<Stmt> inits;
  std::vector<std::pair<std::string, Expr>> lets;
  Stmt s = lifted;
  for (;;) {
    if (const auto* allocate = s.as<Allocate>()) {
      buffers.push_back(allocate->buffer);
      s = allocate->body;
    } else if (const auto* let = s.as<LetStmt>()) {
      lets.emplace_back(let->name, let->value);
      s = let->body;
    } else if (const auto* block = s.as<Block>(); block && !block->stmts.empty()) {
      inits.insert(inits.end(), block->stmts.begin(), block->stmts.end() - 1);
      s = block->stmts.back();
    } else {
      break;
    }
  }
  if (buffers.empty() && inits.empty()) return lifted;
  const auto* loop = s.as<For>();
  if (!loop || loop->kind != ForKind::Parallel)
    lifter.unsupported(region, "an OpenMP parallel region whose storage is not used by one `omp for` loop at its end");
  std::function<Stmt(const For*)> privatized = [&](const For* f) -> Stmt {
    Stmt body;
    if (const auto* inner = f->body.as<For>(); inner && inner->kind == ForKind::Parallel) {
      body = privatized(inner);
    } else {
      std::vector<Stmt> stmts = inits;
      stmts.push_back(f->body);
      body = wrap_in_allocations(buffers, Block::make(std::move(stmts)));
    }
    return For::make(f->var, f->min, f->extent, f->kind, f->axis, body);
  };
  Stmt out = privatized(loop);
  for (auto it = lets.rbegin(); it != lets.rend(); ++it) out = LetStmt::make(it->first, it->second, out);
  return out;
}

} // namespace

std::optional<Stmt> lift_openmp(FunctionLifter& lifter, const clang::Stmt* s, int& collapsed) {
  if (collapsed > 0) {
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return parallel_loop(lifter, loop, nullptr, collapsed);
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s); block && block->size() == 1)
      return lift_openmp(lifter, block->body_front(), collapsed);
    lifter.unsupported(s, "a collapse clause over loops that are not perfectly nested");
  }
  const auto* directive = llvm::dyn_cast<clang::OMPExecutableDirective>(s);
  if (!directive) return std::nullopt;
  check_clauses(lifter, directive);
  if (llvm::isa<clang::OMPParallelForDirective>(directive) || llvm::isa<clang::OMPForDirective>(directive)) {
    const auto* loop_directive = llvm::cast<clang::OMPLoopDirective>(directive);
    const clang::Stmt* body = directive->getInnermostCapturedStmt()->getCapturedStmt();
    return parallel_loop(lifter, body->IgnoreContainers(), loop_directive, collapsed);
  }
  if (llvm::isa<clang::OMPParallelDirective>(directive)) {
    // The region runs once; its work-sharing loops are the parallel part. Code outside them would
    // run on every thread: only declarations are accepted there.
    const clang::Stmt* body = directive->getInnermostCapturedStmt()->getCapturedStmt();
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(body))
      for (const clang::Stmt* child : block->body())
        if (!llvm::isa<clang::DeclStmt>(child) && !llvm::isa<clang::OMPForDirective>(child) &&
            !llvm::isa<clang::NullStmt>(child))
          lifter.unsupported(child, "a statement in an OpenMP parallel region outside its `omp for` loops");
    return privatize(lifter, directive, lifter.lift_stmt(body));
  }
  lifter.unsupported(s, "the OpenMP directive `" +
                            std::string(llvm::omp::getOpenMPDirectiveName(directive->getDirectiveKind())) + "`");
}

} // namespace xir::frontend
