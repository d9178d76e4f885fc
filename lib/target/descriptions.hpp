#pragma once
// The per-platform description builders behind target_by_name(); one source file each.

#include "xir/ir/error.hpp"
#include "xir/target/target.hpp"

namespace xir::target_detail {

Target describe_cuda(std::string name, std::string arch, std::int64_t max_shared_bytes_per_block);
Target describe_hip(std::string name, std::string arch);
Target describe_bang_mlu370();
Target describe_bang_mlu590();
Target describe_vnni_avx512();

/// `for <call>.<suffix> in [0, extent) body(var)`: the loops semantics builders write.
Stmt serial_loop(const IntrinsicOperands& ops, const std::string& suffix, Expr extent,
                 const std::function<Stmt(const Expr&)>& body);

} // namespace xir::target_detail
