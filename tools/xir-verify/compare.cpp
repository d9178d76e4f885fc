#include "compare.hpp"

#include <cmath>

namespace xir::verify {

Comparison compare_tensor(const std::string& name, const spec::HostTensor& got,
                          const spec::HostTensor& want, const spec::Tolerance& tolerance) {
  Comparison result;
  result.tensor = name;
  result.elements = want.element_count();
  const bool floating = spec::is_float(want.dtype);
  for (std::int64_t i = 0; i < result.elements; ++i) {
    const double g = got.get(i), w = want.get(i);
    bool ok;
    if (floating) {
      const double error = std::abs(g - w);
      if (std::isnan(w) || std::isnan(g)) {
        ok = std::isnan(w) && std::isnan(g);
        if (!ok)
          result.max_abs_error = result.max_rel_error = INFINITY;
      } else {
        ok = error <= tolerance.abs + tolerance.rel * std::abs(w);
        result.max_abs_error = std::max(result.max_abs_error, error);
        if (w != 0)
          result.max_rel_error = std::max(result.max_rel_error, error / std::abs(w));
      }
    } else {
      const std::int64_t gi = got.get_integer(i), wi = want.get_integer(i);
      ok = gi == wi;
      const double error = std::abs(static_cast<double>(gi) - static_cast<double>(wi));
      result.max_abs_error = std::max(result.max_abs_error, error);
      if (wi != 0)
        result.max_rel_error =
            std::max(result.max_rel_error, error / std::abs(static_cast<double>(wi)));
    }
    if (ok)
      continue;
    if (!result.mismatches++)
      result.first_mismatch = Mismatch{i, spec::index_to_string(want.shape, i), g, w};
  }
  return result;
}

} // namespace xir::verify
