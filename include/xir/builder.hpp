#pragma once
// The typed C++ template API for building IR (research prototypes, tests): expression templates
// over element types checked at compile time, lowered to the plain IR nodes.
//
//   KernelBuilder k("scale");
//   auto n = k.scalar<i32>("n");
//   auto x = k.buffer<f32>("x", {n});
//   k.serial("i", 0, n, [&](Expr<i32> i) { x(i) = x(i) * 2.0f; });
//   Kernel kernel = k.build();

#include "xir/builder/element.hpp"
#include "xir/builder/expr.hpp"
#include "xir/builder/kernel_builder.hpp"
