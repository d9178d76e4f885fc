#pragma once
// Buffers: named, typed, shaped storage in one memory scope.

#include <boost/hana/define_struct.hpp>

#include <string>
#include <vector>

#include "xir/ir/expr.hpp"

namespace xir {

/// A row-major tensor of `dtype` elements with `shape` extents, living in `scope`.
struct Buffer {
  BOOST_HANA_DEFINE_STRUCT(Buffer, (std::string, name), (Type, dtype), (std::vector<Expr>, shape),
                           (MemoryScope, scope));
  static Buffer make(std::string name, Type dtype, std::vector<Expr> shape, MemoryScope scope);
};

/// A scalar parameter of a kernel.
struct ScalarParam {
  BOOST_HANA_DEFINE_STRUCT(ScalarParam, (std::string, name), (Type, type));
};

} // namespace xir
