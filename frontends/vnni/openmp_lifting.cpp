#include "openmp_lifting.hpp"

#include <clang/AST/OpenMPClause.h>
#include <llvm/Frontend/OpenMP/OMPConstants.h>

#include "openmp_private_copies.hpp"
#include "openmp_region_copies.hpp"
#include "openmp_shared_storage.hpp"

namespace xir::frontend {
namespace {

bool is_loop_directive(const clang::OMPExecutableDirective* d) {
  return llvm::isa<clang::OMPParallelForDirective>(d) || llvm::isa<clang::OMPForDirective>(d) ||
         llvm::isa<clang::OMPParallelForSimdDirective>(d) || llvm::isa<clang::OMPForSimdDirective>(d) ||
         llvm::isa<clang::OMPSimdDirective>(d);
}

void check_clauses(FunctionLifter& lifter, const clang::OMPExecutableDirective* directive) {
  const bool loop = is_loop_directive(directive);
  for (const clang::OMPClause* clause : directive->clauses()) {
    switch (clause->getClauseKind()) {
    case llvm::omp::OMPC_schedule:
    case llvm::omp::OMPC_collapse:
    case llvm::omp::OMPC_num_threads:
    case llvm::omp::OMPC_default:
    case llvm::omp::OMPC_shared:
    case llvm::omp::OMPC_proc_bind:
    case llvm::omp::OMPC_nowait:
    case llvm::omp::OMPC_private:
    case llvm::omp::OMPC_firstprivate:
      break;
    case llvm::omp::OMPC_lastprivate:
    case llvm::omp::OMPC_reduction:
    case llvm::omp::OMPC_simdlen:  // simd clauses that only give hints or promise alignment
    case llvm::omp::OMPC_safelen:
    case llvm::omp::OMPC_aligned:
      if (loop) break;
      [[fallthrough]];
    default:
      lifter.unsupported(directive, "the OpenMP clause `" +
                                        std::string(llvm::omp::getOpenMPClauseName(clause->getClauseKind())) + "`" +
                                        (loop ? "" : " on a `parallel` region"));
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
                   OpenMpState& state) {
  const auto* loop = llvm::dyn_cast<clang::ForStmt>(s);
  if (!loop) lifter.unsupported(s, "an OpenMP loop that is not a for loop");
  const std::size_t first = lifter.per_thread_buffers().size();
  state.collapsed = directive ? static_cast<int>(directive->getLoopsNumber()) - 1 : state.collapsed - 1;
  Stmt lifted = lifter.lift_loop(loop, state.collapsed_kind);
  if (state.collapsed > 0) lifter.unsupported(s, "a collapse clause over loops that are not perfectly nested");
  return own_scratch(lifter, first, loop, lifted);
}

// A loop directive: its (collapsed) loops, with private copies of its data-sharing variables.
Stmt loop_directive(FunctionLifter& lifter, const clang::OMPLoopDirective* directive, OpenMpState& state) {
  const ForKind kind = llvm::isa<clang::OMPSimdDirective>(directive) ? ForKind::Serial : ForKind::Parallel;
  const clang::Stmt* body = directive->getInnermostCapturedStmt()->getCapturedStmt()->IgnoreContainers();
  std::vector<DataSharingVar> vars = read_data_sharing(lifter, directive);
  state.collapsed_kind = kind;
  // Variables with their own storage in the loop: the clauses', the loops' counters, the region's.
  std::set<const clang::VarDecl*> not_shared = state.region_decls;
  for (const DataSharingVar& v : vars) not_shared.insert(v.var);
  for (const clang::Expr* counter : directive->counters())
    if (const auto* ref = llvm::dyn_cast_or_null<clang::DeclRefExpr>(counter ? counter->IgnoreParenImpCasts() : nullptr))
      if (const auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl())) not_shared.insert(var);
  std::optional<SharedStorage> shared;
  if (kind == ForKind::Parallel) shared.emplace(lifter, body, not_shared, state.shared_slots);
  Stmt lifted;
  if (vars.empty()) {
    lifted = parallel_loop(lifter, body, directive, state);
  } else {
    PrivateCopies copies(lifter, directive, std::move(vars));
    Stmt nest = parallel_loop(lifter, body, directive, state);
    lifted = copies.finish(nest, static_cast<int>(directive->getLoopsNumber()), kind, state.shared_slots);
  }
  return shared ? shared->finish(lifted) : lifted;
}

// Applies `privatized` to each parallel loop reached from `s` through allocations, lets and blocks.
Stmt privatize_loops(Stmt s, const std::function<Stmt(const For*)>& privatized, int& count) {
  if (const auto* f = s.as<For>(); f && f->kind == ForKind::Parallel) {
    ++count;
    return privatized(f);
  }
  if (const auto* allocate = s.as<Allocate>())
    return Allocate::make(allocate->buffer, privatize_loops(allocate->body, privatized, count));
  if (const auto* let = s.as<LetStmt>()) return LetStmt::make(let->name, let->value, privatize_loops(let->body, privatized, count));
  if (const auto* block = s.as<Block>()) {
    std::vector<Stmt> stmts;
    for (const Stmt& x : block->stmts) stmts.push_back(privatize_loops(x, privatized, count));
    return Block::make(std::move(stmts));
  }
  return s;
}

// Storage declared in a parallel region is private to each thread: the region's allocations and
// the statements that initialize them move into each iteration of its (collapsed) parallel loop.
Stmt privatize(FunctionLifter& lifter, const clang::Stmt* region, Stmt lifted, const OpenMpState& state) {
  std::vector<Buffer> buffers;
  std::vector<Stmt> inits;
  std::vector<std::pair<std::string, Expr>> lets;
  Stmt s = lifted;
  for (;;) {
    if (const auto* allocate = s.as<Allocate>(); allocate && !state.shared_slots.count(allocate->buffer.name)) {
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
  // The loop, or the chunked loop of one with data-sharing clauses (inside its host slots).
  int loops = 0;
  Stmt out = privatize_loops(s, privatized, loops);
  if (loops != 1)
    lifter.unsupported(region, "an OpenMP parallel region whose storage is not used by one `omp for` loop at its end");
  for (auto it = lets.rbegin(); it != lets.rend(); ++it) out = LetStmt::make(it->first, it->second, out);
  return out;
}

} // namespace

std::optional<Stmt> lift_openmp(FunctionLifter& lifter, const clang::Stmt* s, OpenMpState& state) {
  if (state.collapsed > 0) {
    if (const auto* loop = llvm::dyn_cast<clang::ForStmt>(s)) return parallel_loop(lifter, loop, nullptr, state);
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(s); block && block->size() == 1)
      return lift_openmp(lifter, block->body_front(), state);
    lifter.unsupported(s, "a collapse clause over loops that are not perfectly nested");
  }
  const auto* directive = llvm::dyn_cast<clang::OMPExecutableDirective>(s);
  if (!directive) return std::nullopt;
  check_clauses(lifter, directive);
  if (is_loop_directive(directive)) return loop_directive(lifter, llvm::cast<clang::OMPLoopDirective>(directive), state);
  if (llvm::isa<clang::OMPParallelDirective>(directive)) {
    // The region runs once; its work-sharing loops are the parallel part. Code outside them would
    // run on every thread: only declarations are accepted there.
    // (Clang lets only `private` clauses of its loops name the region's variables.) Its private
    // and firstprivate variables are the region's own too.
    const clang::Stmt* body = directive->getInnermostCapturedStmt()->getCapturedStmt();
    std::set<const clang::VarDecl*> declared;
    if (const auto* block = llvm::dyn_cast<clang::CompoundStmt>(body))
      for (const clang::Stmt* child : block->body()) {
        if (!llvm::isa<clang::DeclStmt>(child) && !llvm::isa<clang::OMPForDirective>(child) &&
            !llvm::isa<clang::OMPForSimdDirective>(child) && !llvm::isa<clang::NullStmt>(child))
          lifter.unsupported(child, "a statement in an OpenMP parallel region outside its `omp for` loops");
        if (const auto* decls = llvm::dyn_cast<clang::DeclStmt>(child))
          for (const clang::Decl* d : decls->decls())
            if (const auto* var = llvm::dyn_cast<clang::VarDecl>(d)) declared.insert(var);
      }
    RegionCopies copies(lifter, read_data_sharing(lifter, directive), declared);
    std::swap(state.region_decls, declared);  // per thread already: not shared with the region's loops
    Stmt lifted = copies.finish(lifter, lifter.lift_stmt(body));
    std::swap(state.region_decls, declared);
    return privatize(lifter, directive, lifted, state);
  }
  lifter.unsupported(s, "the OpenMP directive `" +
                            std::string(llvm::omp::getOpenMPDirectiveName(directive->getDirectiveKind())) + "`");
}

} // namespace xir::frontend
