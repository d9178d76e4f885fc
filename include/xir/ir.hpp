#pragma once
// The typed tensor IR: types, expressions, statements, buffers, kernels, modules, and the generic
// reflection-based machinery (equality, hashing, visitors, mutators).

#include "xir/ir/buffer.hpp"
#include "xir/ir/enums.hpp"
#include "xir/ir/error.hpp"
#include "xir/ir/expr.hpp"
#include "xir/ir/kernel.hpp"
#include "xir/ir/mutator.hpp"
#include "xir/ir/reflect.hpp"
#include "xir/ir/stmt.hpp"
#include "xir/ir/type.hpp"
#include "xir/ir/visitor.hpp"
