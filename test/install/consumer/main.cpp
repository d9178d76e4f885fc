// Builds `y = 2 x + 1` with the template API, prints it, runs it on the interpreter, checks it.
#include <cstdio>
#include <map>

#include "xir/builder.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/target/target.hpp"
#include "xir/text/printer.hpp"

int main() {
  using namespace xir::builder;
  KernelBuilder k("affine");
  auto n = k.scalar<i32>("n");
  auto x = k.buffer<f32>("x", {n});
  auto y = k.buffer<f32>("y", {n});
  k.serial("i", 0, n, [&](Expr<i32> i) { y(i) = x(i) * 2.0f + 1.0f; });
  xir::Kernel kernel = k.build();
  std::printf("%s", xir::print(kernel).c_str());

  const int count = 37;
  std::map<std::string, xir::interp::HostBuffer> buffers{{"x", xir::interp::HostBuffer(xir::Type::f32(), {count})},
                                                         {"y", xir::interp::HostBuffer(xir::Type::f32(), {count})}};
  for (int i = 0; i < count; ++i) buffers["x"].set(i, i * 0.5);
  auto result = xir::interp::run(kernel, xir::target_by_name("cuda"), buffers, {{"n", xir::interp::ScalarValue::i32(count)}});
  if (!result) {
    std::printf("run failed: %s\n", result.error().message.c_str());
    return 1;
  }
  for (int i = 0; i < count; ++i)
    if (buffers["y"].get(i) != i * 0.5 * 2 + 1) {
      std::printf("y[%d] = %g, want %g\n", i, buffers["y"].get(i), i * 0.5 * 2 + 1);
      return 1;
    }
  std::printf("consumer: %d elements correct\n", count);
  return 0;
}
