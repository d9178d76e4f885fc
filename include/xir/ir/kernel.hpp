#pragma once
// Kernels and modules: the units the tools read, transform and write.

#include <boost/hana/define_struct.hpp>

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "xir/ir/stmt.hpp"

namespace xir {

/// A kernel parameter: a buffer (a pointer in the C ABI) or a scalar.
using Param = std::variant<Buffer, ScalarParam>;

const std::string& param_name(const Param& p);

/// A function over its parameters. Its launch configuration is the extents of its bound loops.
struct Kernel {
  BOOST_HANA_DEFINE_STRUCT(Kernel, (std::string, name), (std::vector<Param>, params), (Stmt, body));
  static Kernel make(std::string name, std::vector<Param> params, Stmt body);
};

/// Kernels for one target (`cuda`, `hip`, `bang`, `vnni`, or `generic`).
struct Module {
  BOOST_HANA_DEFINE_STRUCT(Module, (std::string, target), (std::vector<Kernel>, kernels));
};

/// The extent of every hardware axis a kernel binds (blockIdx.x -> 128, threadIdx.x -> 256, ...).
/// Extents are expressions over the kernel's scalar parameters. Throws IRError when one axis is
/// bound by loops of different extents.
std::map<HardwareAxis, Expr> launch_config(const Kernel& kernel);

} // namespace xir
