#include "host_entry_lifter.hpp"

#include "stmt_building.hpp"

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>

#include <map>

namespace xir::frontend {
namespace {

const clang::VarDecl* referenced_var(const clang::Expr* e) {
  e = e->IgnoreParenImpCasts();
  if (const auto* cast = llvm::dyn_cast<clang::ExplicitCastExpr>(e)) e = cast->getSubExpr()->IgnoreParenImpCasts();
  if (const auto* addr = llvm::dyn_cast<clang::UnaryOperator>(e); addr && addr->getOpcode() == clang::UO_AddrOf)
    e = addr->getSubExpr()->IgnoreParenImpCasts();
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e);
  return ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

std::string enumerator_name(const clang::Expr* e) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  return ref ? ref->getDecl()->getNameAsString() : std::string();
}

void collect_functions(const clang::DeclContext* context, const clang::SourceManager& sm,
                       std::vector<const clang::FunctionDecl*>& out) {
  // noload_decls: the main file's declarations are all in the lexical chain; decls() would also
  // deserialize every declaration of a precompiled prelude, to be skipped as not in the main file.
  for (const clang::Decl* decl : context->noload_decls()) {
    if (const auto* inner = llvm::dyn_cast<clang::LinkageSpecDecl>(decl)) {
      collect_functions(inner, sm, out);
    } else if (const auto* ns = llvm::dyn_cast<clang::NamespaceDecl>(decl)) {
      collect_functions(ns, sm, out);
    } else if (const auto* f = llvm::dyn_cast<clang::FunctionDecl>(decl);
               f && f->hasBody() && f->isThisDeclarationADefinition() && sm.isInMainFile(f->getLocation())) {
      out.push_back(f);
    }
  }
}

class HostEntryLifter {
public:
  HostEntryLifter(clang::ASTContext& context, const DialectHooks& hooks, const HostApi& api,
                  const LaunchLifter& lift_launch, const clang::FunctionDecl* entry)
      : api_(api), lift_launch_(lift_launch), entry_(entry), device_hooks_(hooks), host_hooks_(hooks),
        host_(context, host_hooks_) {
    // A runtime call used as a value (an error code) is success: 0.
    host_hooks_.lift_builtin_call = [this](FunctionLifter& lifter, const clang::CallExpr* call) {
      return lift_host_call(lifter, call);
    };
    host_hooks_.lift_builtin_expr = [this](FunctionLifter& lifter, const clang::CallExpr* call) -> std::optional<Expr> {
      if (auto s = lift_host_call(lifter, call)) {
        lifter.pending_statements().push_back(*s);
        return make_int(0);
      }
      return device_hooks_.lift_builtin_expr ? device_hooks_.lift_builtin_expr(lifter, call) : std::nullopt;
    };
  }

  Kernel lift() {
    find_host_aliases(entry_->getBody());
    for (const clang::ParmVarDecl* p : entry_->parameters()) {
      const std::string name = ir_name(p->getNameAsString());
      if (p->getType()->isPointerType()) {
        if (!host_extents_.count(p))
          host_.unsupported(p, "a host pointer parameter that is never copied to or from the device");
        Type element = host_.scalar_type(p->getType()->getPointeeType(), p->getLocation());
        host_.bind(p, PointerBinding{name, element, make_int(0)});
      } else {
        Type t = host_.scalar_type(p->getType(), p->getLocation());
        host_.bind(p, ValueBinding{Var::make(t, name)});
      }
    }
    for (const auto& [device, param] : device_alias_) host_.bind(device, *host_.binding_of(param));
    Stmt body = host_.lift_function_body(entry_);
    body = wrap_in_allocations(host_.per_thread_buffers(), body);
    body = wrap_in_allocations(host_.hoisted_buffers(), body);

    std::vector<Param> params;
    for (const clang::ParmVarDecl* p : entry_->parameters()) {
      if (!p->getType()->isPointerType()) {
        params.push_back(ScalarParam{ir_name(p->getNameAsString()), host_.scalar_type(p->getType(), p->getLocation())});
        continue;
      }
      // The extent is the copy's size in elements, over the entry's parameters.
      Type element = host_.scalar_type(p->getType()->getPointeeType(), p->getLocation());
      Expr bytes = substitute_lets(host_.lift_expr_as(host_extents_.at(p), Type::i64()));
      Expr extent = Binary::make(BinaryOp::Div, bytes, make_int(element.bytes(), Type::i64()));
      params.push_back(Buffer::make(ir_name(p->getNameAsString()), element, {extent}, MemoryScope::Host));
    }
    return Kernel::make(entry_->getNameAsString(), params, body);
  }

private:
  void find_host_aliases(const clang::Stmt* s) {
    if (!s) return;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s);
        call && api_.memcpy_names.count(callee_name(call)) && call->getNumArgs() == 4) {
      const std::string direction = enumerator_name(call->getArg(3));
      const bool to_device = api_.to_device.count(direction) > 0, to_host = api_.to_host.count(direction) > 0;
      const clang::VarDecl* dst = referenced_var(call->getArg(0));
      const clang::VarDecl* src = referenced_var(call->getArg(1));
      const clang::VarDecl* device = to_device ? dst : to_host ? src : nullptr;
      const clang::VarDecl* host = to_device ? src : to_host ? dst : nullptr;
      const auto* host_param = llvm::dyn_cast_or_null<clang::ParmVarDecl>(host);
      if (!device || !host_param || !llvm::is_contained(entry_->parameters(), host_param))
        host_.unsupported(call, "a copy between the device and anything but a pointer parameter of the entry");
      auto [it, inserted] = device_alias_.emplace(device, host_param);
      if (!inserted && it->second != host_param)
        host_.unsupported(call, "a device buffer copied to or from two host buffers");
      host_extents_.emplace(host_param, call->getArg(2));
    }
    for (const clang::Stmt* child : s->children()) find_host_aliases(child);
  }

  Expr substitute_lets(const Expr& e) {
    struct Substitute : IRMutator {
      const std::map<std::string, Expr>& lets;
      explicit Substitute(const std::map<std::string, Expr>& l) : lets(l) {}
      using IRMutator::visit;
      Expr visit(const Var& v, const Expr& self) override {
        auto it = lets.find(v.name);
        return it == lets.end() ? self : mutate(it->second);
      }
    } substitute(host_.let_values());
    return substitute.mutate(e);
  }

  std::optional<Stmt> lift_host_call(FunctionLifter& host, const clang::CallExpr* call) {
    if (const auto* launch = llvm::dyn_cast<clang::CUDAKernelCallExpr>(call)) return lift_launch_(host, launch);
    const std::string name = callee_name(call);
    if (api_.malloc_names.count(name) || api_.memcpy_names.count(name) || api_.ignored.count(name))
      return Block::make({});
    return std::nullopt;
  }

  const HostApi& api_;
  const LaunchLifter& lift_launch_;
  const clang::FunctionDecl* entry_;
  DialectHooks device_hooks_;
  DialectHooks host_hooks_;
  FunctionLifter host_;
  std::map<const clang::VarDecl*, const clang::ParmVarDecl*> device_alias_;
  std::map<const clang::ParmVarDecl*, const clang::Expr*> host_extents_;
};

} // namespace

std::string callee_name(const clang::CallExpr* call) {
  const clang::FunctionDecl* f = call->getDirectCallee();
  return f ? f->getNameAsString() : std::string();
}

bool contains_launch(const clang::Stmt* s) {
  if (!s) return false;
  if (llvm::isa<clang::CUDAKernelCallExpr>(s)) return true;
  for (const clang::Stmt* child : s->children())
    if (contains_launch(child)) return true;
  return false;
}

std::vector<const clang::FunctionDecl*> main_file_functions(clang::ASTContext& context) {
  std::vector<const clang::FunctionDecl*> out;
  collect_functions(context.getTranslationUnitDecl(), context.getSourceManager(), out);
  return out;
}

Kernel lift_host_entry(clang::ASTContext& context, const DialectHooks& hooks, const HostApi& api,
                       const LaunchLifter& lift_launch, const clang::FunctionDecl* entry) {
  return HostEntryLifter(context, hooks, api, lift_launch, entry).lift();
}

void bind_kernel_parameters(FunctionLifter& lifter, const clang::FunctionDecl* kernel, std::vector<Param>& params,
                            std::vector<Param>& extent_params, MemoryScope scope) {
  for (const clang::ParmVarDecl* p : kernel->parameters()) {
    const std::string name = ir_name(p->getNameAsString());
    if (name.empty()) lifter.unsupported(p, "an unnamed kernel parameter");
    if (const auto* record = p->getType()->getAsRecordDecl(); record && !lift_scalar_type(p->getType())) {
      // A struct of scalars by value: one scalar parameter per field, `<param>_<field>`.
      StructBinding fields;
      for (const clang::FieldDecl* field : record->fields()) {
        Type t = lifter.scalar_type(field->getType(), field->getLocation());
        const std::string field_name = lifter.fresh_name(name + "_" + field->getNameAsString());
        params.push_back(ScalarParam{field_name, t});
        fields.fields[field->getNameAsString()] = Var::make(t, field_name);
      }
      lifter.bind(p, fields);
    } else if (p->getType()->isPointerType()) {
      Type element = lifter.scalar_type(p->getType()->getPointeeType(), p->getLocation());
      const std::string extent = lifter.fresh_name(name + "_extent");
      params.push_back(Buffer::make(name, element, {Var::make(Type::i64(), extent)}, scope));
      extent_params.push_back(ScalarParam{extent, Type::i64()});
      lifter.bind(p, PointerBinding{name, element, make_int(0)});
    } else {
      Type t = lifter.scalar_type(p->getType(), p->getLocation());
      params.push_back(ScalarParam{name, t});
      lifter.bind(p, ValueBinding{Var::make(t, name)});
    }
  }
}

std::vector<std::pair<std::string, Expr>> bind_launch_arguments(FunctionLifter& host, FunctionLifter& device,
                                                                const clang::CUDAKernelCallExpr* launch) {
  const clang::FunctionDecl* kernel = launch->getDirectCallee();
  std::vector<std::pair<std::string, Expr>> lets;
  for (unsigned i = 0; i < launch->getNumArgs(); ++i) {
    const clang::ParmVarDecl* p = kernel->getParamDecl(i);
    if (p->getType()->isPointerType()) {
      device.bind(p, host.lift_pointer(launch->getArg(i)));
    } else if (p->getType()->isRecordType() && !lift_scalar_type(p->getType())) {
      // A struct is passed by value: the kernel reads what its fields held at the launch.
      StructBinding fields = host.lift_struct(launch->getArg(i));
      for (auto& [field, value] : fields.fields)
        value = snapshot_at_launch(host, value, p->getNameAsString() + "_" + field, lets);
      device.bind(p, fields);
    } else {
      Type t = host.scalar_type(p->getType(), p->getLocation());
      const std::string name = host.fresh_name(p->getNameAsString());
      lets.emplace_back(name, host.lift_expr_as(launch->getArg(i), t));
      device.bind(p, ValueBinding{Var::make(t, name)});
    }
  }
  return lets;
}

Expr snapshot_at_launch(FunctionLifter& host, Expr value, const std::string& base,
                        std::vector<std::pair<std::string, Expr>>& lets) {
  if (!reads_memory(value)) return value;
  const std::string name = host.fresh_name(base);
  lets.emplace_back(name, value);
  return Var::make(value.type(), name);
}

} // namespace xir::frontend
