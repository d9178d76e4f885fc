#include <numeric>

#include "family_checker.hpp"

namespace xir::spec::detail {

void check_elementwise(const Checker& c, const Spec& spec) {
  c.allowed_params({});
  const TensorDesc& a = c.in("A");
  c.min_rank(a, 1);
  c.numeric_dtype(a);
  if (spec.family == "add" || spec.family == "sub") {
    c.shape_is(c.in("B"), a.shape, "same shape as A");
    c.same_dtype(a, c.in("B"));
  }
  c.shape_is(c.out(), a.shape, "same shape as A");
  if (spec.family == "sin" || spec.family == "sigmoid" || spec.family == "gelu") {
    c.float_dtype(a);
    c.float_dtype(c.out());
  } else {
    c.same_dtype(a, c.out());
  }
}

void check_reduction(const Checker& c, const Spec& spec) {
  c.allowed_params({"axis"});
  const TensorDesc& a = c.in("A");
  c.min_rank(a, 1);
  c.numeric_dtype(a);
  const std::int64_t axis = c.axis_param(static_cast<std::int64_t>(a.shape.size()), -1);
  if (spec.family == "softmax") {
    c.float_dtype(a);
    c.float_dtype(c.out());
    c.shape_is(c.out(), a.shape, "same shape as A");
    return;
  }
  if (spec.family == "mean")
    c.float_dtype(a);
  c.same_class(a, c.out());
  c.shape_is(c.out(), without_axis(a.shape, axis),
             "A without the reduced axis " + std::to_string(axis));
}

void check_linear_algebra(const Checker& c, const Spec& spec) {
  c.allowed_params({});
  const std::string& f = spec.family;
  if (f == "gemm") {
    const TensorDesc &a = c.in("A"), &b = c.in("B");
    c.rank(a, 2, "M, K");
    c.rank(b, 2, "K, N");
    c.equal(a.shape[1], b.shape[0], "A's K and B's K");
    c.gemm_dtypes({"A", "B"});
    c.shape_is(c.out(), {a.shape[0], b.shape[1]}, "M, N");
  } else if (f == "gemv") {
    const TensorDesc &a = c.in("A"), &x = c.in("x");
    c.rank(a, 2, "M, K");
    c.rank(x, 1, "K");
    c.equal(a.shape[1], x.shape[0], "A's K and x's K");
    c.gemm_dtypes({"A", "x"});
    c.shape_is(c.out(), {a.shape[0]}, "M");
  } else if (f == "bmm") {
    const TensorDesc &a = c.in("A"), &b = c.in("B");
    c.rank(a, 3, "batch, M, K");
    c.rank(b, 3, "batch, K, N");
    c.equal(a.shape[0], b.shape[0], "A's batch and B's batch");
    c.equal(a.shape[2], b.shape[1], "A's K and B's K");
    c.gemm_dtypes({"A", "B"});
    c.shape_is(c.out(), {a.shape[0], a.shape[1], b.shape[2]}, "batch, M, N");
  } else if (f == "dense") {
    const TensorDesc &x = c.in("X"), &w = c.in("W"), &bias = c.in("bias");
    c.rank(x, 2, "M, K");
    c.rank(w, 2, "N, K");
    c.rank(bias, 1, "N");
    c.equal(x.shape[1], w.shape[1], "X's K and W's K");
    c.equal(w.shape[0], bias.shape[0], "W's N and bias's N");
    c.gemm_dtypes({"X", "W", "bias"});
    c.shape_is(c.out(), {x.shape[0], w.shape[0]}, "M, N");
  } else { // gatemlp
    const TensorDesc &x = c.in("X"), &wg = c.in("Wg"), &wu = c.in("Wu");
    c.rank(x, 2, "M, K");
    c.rank(wg, 2, "K, N");
    c.shape_is(wu, wg.shape, "same shape as Wg");
    c.equal(x.shape[1], wg.shape[0], "X's K and Wg's K");
    for (const TensorDesc* t : {&x, &wg, &wu, &c.out()})
      c.float_dtype(*t);
    c.shape_is(c.out(), {x.shape[0], wg.shape[1]}, "M, N");
  }
}

void check_convolution(const Checker& c, const Spec& spec) {
  const std::string& f = spec.family;
  if (f == "conv1d") {
    c.allowed_params({});
    const TensorDesc &x = c.in("x"), &w = c.in("w");
    c.rank(x, 1, "L");
    c.rank(w, 1, "k");
    if (w.shape[0] > x.shape[0])
      c.fail("filter length " + std::to_string(w.shape[0]) + " exceeds input length " +
             std::to_string(x.shape[0]));
    c.gemm_dtypes({"x", "w"});
    c.shape_is(c.out(), {x.shape[0] - w.shape[0] + 1}, "L - k + 1");
    return;
  }
  c.allowed_params({"stride", "padding"});
  const std::int64_t stride = c.positive_param("stride", 1);
  const std::int64_t padding = c.int_param("padding", 0);
  if (padding < 0)
    c.fail("parameter 'padding' must not be negative");
  const TensorDesc &x = c.in("X"), &w = c.in("W");
  c.gemm_dtypes({"X", "W"});
  auto output_extent = [&](std::int64_t size, std::int64_t kernel, const char* axis) {
    if (size + 2 * padding < kernel)
      c.fail(std::string("filter is larger than the padded input along ") + axis);
    return conv_extent(size, kernel, stride, padding);
  };
  if (f == "conv2d") {
    c.rank(x, 4, "N, H, W, C");
    c.rank(w, 4, "KH, KW, C, F");
    c.equal(x.shape[3], w.shape[2], "X's C and W's C");
    c.shape_is(c.out(),
               {x.shape[0], output_extent(x.shape[1], w.shape[0], "H"),
                output_extent(x.shape[2], w.shape[1], "W"), w.shape[3]},
               "N, OH, OW, F");
  } else if (f == "conv2dnchw") {
    c.rank(x, 4, "N, C, H, W");
    c.rank(w, 4, "F, C, KH, KW");
    c.equal(x.shape[1], w.shape[1], "X's C and W's C");
    c.shape_is(c.out(),
               {x.shape[0], w.shape[0], output_extent(x.shape[2], w.shape[2], "H"),
                output_extent(x.shape[3], w.shape[3], "W")},
               "N, F, OH, OW");
  } else { // depthwiseconv
    c.rank(x, 3, "H, W, C");
    c.rank(w, 3, "k, k, C");
    c.equal(w.shape[0], w.shape[1], "the filter's two spatial sizes");
    c.equal(x.shape[2], w.shape[2], "X's C and W's C");
    c.shape_is(c.out(),
               {output_extent(x.shape[0], w.shape[0], "H"),
                output_extent(x.shape[1], w.shape[1], "W"), x.shape[2]},
               "OH, OW, C");
  }
}

void check_normalization(const Checker& c, const Spec& spec) {
  c.allowed_params({"eps"});
  if (spec.params.contains("eps") &&
      (!spec.params["eps"].is_number() || spec.params["eps"].get<double>() <= 0))
    c.fail("parameter 'eps' must be a positive number");
  for (const TensorDesc& t : spec.inputs)
    c.float_dtype(t);
  c.float_dtype(c.out());
  const TensorDesc& x = c.in("X");
  c.shape_is(c.out(), x.shape, "same shape as X");
  if (spec.family == "batchnorm" || spec.family == "instancenorm") {
    c.rank(x, 4, "N, C, H, W");
    for (const TensorDesc& t : spec.inputs)
      if (t.name != "X")
        c.shape_is(t, {x.shape[1]}, "C");
  } else {
    c.min_rank(x, 1);
    for (const TensorDesc& t : spec.inputs)
      if (t.name != "X")
        c.shape_is(t, {x.shape.back()}, "the last axis of X");
  }
}

void check_pooling(const Checker& c, const Spec& spec) {
  c.allowed_params({"kernel", "stride"});
  const PoolParams pool{c.positive_param("kernel", 2),
                        c.positive_param("stride", c.int_param("kernel", 2))};
  const TensorDesc& x = c.in("X");
  c.rank(x, 4, "N, H, W, C");
  c.numeric_dtype(x);
  if (spec.family == "avgpool")
    c.float_dtype(x);
  c.same_class(x, c.out());
  if (pool.kernel > x.shape[1] || pool.kernel > x.shape[2])
    c.fail("pooling window is larger than the input");
  c.shape_is(c.out(),
             {x.shape[0], (x.shape[1] - pool.kernel) / pool.stride + 1,
              (x.shape[2] - pool.kernel) / pool.stride + 1, x.shape[3]},
             "N, OH, OW, C");
}

void check_data_movement(const Checker& c, const Spec& spec) {
  const std::string& f = spec.family;
  if (f == "transpose") {
    c.allowed_params({"perm"});
    const TensorDesc& a = c.in("A");
    c.min_rank(a, 1);
    const auto rank = static_cast<std::int64_t>(a.shape.size());
    std::vector<std::int64_t> perm;
    try {
      perm = transpose_permutation(spec, rank);
    } catch (const SpecError&) {
      c.fail("parameter 'perm' must be an array of integers");
    }
    std::vector<std::int64_t> sorted = perm, identity(static_cast<std::size_t>(rank));
    std::sort(sorted.begin(), sorted.end());
    std::iota(identity.begin(), identity.end(), 0);
    if (sorted != identity)
      c.fail("parameter 'perm' must be a permutation of 0.." + std::to_string(rank - 1));
    Shape expected;
    for (std::int64_t axis : perm)
      expected.push_back(a.shape[static_cast<std::size_t>(axis)]);
    c.same_dtype(a, c.out());
    c.shape_is(c.out(), expected, "B.shape[j] = A.shape[perm[j]]");
  } else if (f == "concat") {
    c.allowed_params({"axis"});
    const TensorDesc &a = c.in("A"), &b = c.in("B");
    c.min_rank(a, 1);
    c.rank(b, a.shape.size(), "same rank as A");
    c.same_dtype(a, b);
    c.same_dtype(a, c.out());
    const std::int64_t axis = c.axis_param(static_cast<std::int64_t>(a.shape.size()), 0);
    Shape expected = a.shape;
    for (std::size_t i = 0; i < a.shape.size(); ++i)
      if (static_cast<std::int64_t>(i) != axis)
        c.equal(a.shape[i], b.shape[i], "A and B off the concatenation axis");
    expected[static_cast<std::size_t>(axis)] += b.shape[static_cast<std::size_t>(axis)];
    c.shape_is(c.out(), expected, "A and B joined along axis " + std::to_string(axis));
  } else { // gather, scatter
    c.allowed_params({});
    const TensorDesc &a = c.in("A"), &idx = c.in("idx");
    c.min_rank(a, 1);
    c.rank(idx, 1, "m");
    c.index_dtype(idx);
    Shape rows = a.shape;
    rows[0] = idx.shape[0];
    if (f == "gather") {
      c.same_dtype(a, c.out());
      c.shape_is(c.out(), rows, "m, A.shape[1:]");
    } else {
      if (idx.shape[0] > a.shape[0])
        c.fail("scatter needs distinct indices, so idx's length " + std::to_string(idx.shape[0]) +
               " cannot exceed A's first axis " + std::to_string(a.shape[0]));
      c.shape_is(c.in("U"), rows, "m, A.shape[1:]");
      c.same_dtype(a, c.in("U"));
      c.same_dtype(a, c.out());
      c.shape_is(c.out(), a.shape, "in place: the shape of A");
    }
  }
}

void check_deformable(const Checker& c, const Spec& spec) {
  c.allowed_params({"levels"});
  const TensorDesc &value = c.in("value"), &shapes = c.in("shapes"), &starts = c.in("starts"),
                   &loc = c.in("loc"), &attn = c.in("attn");
  c.rank(value, 4, "b, S, h, d");
  c.rank(shapes, 2, "L, 2");
  c.equal(shapes.shape[1], 2, "shapes' last axis and 2");
  const std::int64_t levels = shapes.shape[0];
  c.shape_is(starts, {levels}, "L");
  c.rank(loc, 6, "b, q, h, L, P, 2");
  const Shape& v = value.shape;
  const Shape& l = loc.shape;
  c.shape_is(loc, {v[0], l[1], v[2], levels, l[4], 2}, "b, q, h, L, P, 2");
  c.shape_is(attn, {v[0], l[1], v[2], levels, l[4]}, "b, q, h, L, P");
  c.index_dtype(shapes);
  c.index_dtype(starts);
  for (const TensorDesc* t : {&value, &loc, &attn, &c.out()})
    c.float_dtype(*t);
  c.shape_is(c.out(), {v[0], l[1], v[2] * v[3]}, "b, q, h*d");
  if (levels > v[1])
    c.fail("more levels (" + std::to_string(levels) + ") than value positions S");
  std::vector<std::array<std::int64_t, 2>> level_shapes;
  try {
    level_shapes = deformable_levels(spec);
  } catch (const SpecError& error) {
    c.fail(std::string("parameter 'levels': ") + error.what());
  }
  if (static_cast<std::int64_t>(level_shapes.size()) != levels)
    c.fail("parameter 'levels' lists " + std::to_string(level_shapes.size()) +
           " levels, shapes has " + std::to_string(levels));
  std::int64_t positions = 0;
  for (const auto& [h, w] : level_shapes) {
    if (h <= 0 || w <= 0)
      c.fail("parameter 'levels' has a non-positive size");
    positions += h * w;
  }
  c.equal(positions, v[1], "sum of H_l * W_l and value's S");
}

void check_attention(const Checker& check, const Spec& spec) {
  check.allowed_params({});
  const TensorDesc &q = check.in("Q"), &k = check.in("K"), &v = check.in("V");
  for (const TensorDesc* t : {&q, &k, &v, &check.out()})
    check.float_dtype(*t);
  check.rank(q, 4, spec.family == "mha" ? "b, s, h, d" : "b, hq, s, d");
  check.rank(k, 4, spec.family == "mha" ? "b, s, h, d" : "b, hkv, s, d");
  check.shape_is(v, k.shape, "same shape as K");
  if (spec.family == "mha") {
    check.shape_is(k, q.shape, "same shape as Q");
  } else {
    check.shape_is(k, {q.shape[0], k.shape[1], q.shape[2], q.shape[3]}, "b, hkv, s, d");
    if (q.shape[1] % k.shape[1] != 0)
      check.fail("query heads (" + std::to_string(q.shape[1]) +
                 ") must be a multiple of key/value heads (" + std::to_string(k.shape[1]) + ")");
  }
  check.shape_is(check.out(), q.shape, "same shape as Q");
}

} // namespace xir::spec::detail
