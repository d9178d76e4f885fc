#include "naive_reference.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numbers>
#include <stdexcept>

namespace xir::reference::testing {
namespace {

using spec::HostTensor;
using Shape = std::vector<std::int64_t>;
using Tensors = std::map<std::string, const HostTensor*>;

// Visits every multi-index of `shape` in row-major order.
void for_each_index(const Shape& shape, const std::function<void(const Shape&)>& body) {
  Shape index(shape.size(), 0);
  const std::int64_t total = spec::element_count(shape);
  for (std::int64_t flat = 0; flat < total; ++flat) {
    body(index);
    for (std::size_t axis = shape.size(); axis-- > 0;) {
      if (++index[axis] < shape[axis])
        break;
      index[axis] = 0;
    }
  }
}

std::int64_t offset(const Shape& shape, const Shape& index) {
  std::int64_t flat = 0;
  for (std::size_t axis = 0; axis < shape.size(); ++axis)
    flat = flat * shape[axis] + index[axis];
  return flat;
}

double at(const HostTensor& t, const Shape& index) {
  return t.get(offset(t.shape, index));
}

struct Output {
  HostTensor tensor;
  void set(const Shape& index, double value) { tensor.set(offset(tensor.shape, index), value); }
};

void elementwise(const spec::Spec& s, const Tensors& in, Output& out) {
  const HostTensor& a = *in.at("A");
  const bool floating = spec::is_float(a.dtype);
  for (std::int64_t i = 0; i < a.element_count(); ++i) {
    const double x = a.get(i);
    double v = 0;
    if (s.family == "add")
      v = x + in.at("B")->get(i);
    if (s.family == "sub")
      v = x - in.at("B")->get(i);
    if (s.family == "sign")
      v = x > 0 ? 1 : (x < 0 ? -1 : 0);
    if (s.family == "relu")
      v = x > 0 ? x : 0;
    if (s.family == "sin")
      v = std::sin(x);
    if (s.family == "sigmoid")
      v = 1 / (1 + std::exp(-x));
    if (s.family == "gelu")
      v = 0.5 * x * (1 + std::tanh(std::sqrt(2 / std::numbers::pi) * (x + 0.044715 * x * x * x)));
    if (floating) {
      out.tensor.set(i, v);
    } else {
      out.tensor.set_integer(i, static_cast<std::int64_t>(v));
    }
  }
}

void reduction(const spec::Spec& s, const Tensors& in, Output& out) {
  const HostTensor& a = *in.at("A");
  const auto rank = static_cast<std::int64_t>(a.shape.size());
  std::int64_t axis = s.params.value("axis", -1);
  if (axis < 0)
    axis += rank;
  const std::int64_t n = a.shape[axis];
  Shape rows = a.shape;
  rows[axis] = 1;
  for_each_index(rows, [&](const Shape& row) {
    Shape index = row;
    std::vector<double> values;
    for (std::int64_t k = 0; k < n; ++k) {
      index[axis] = k;
      values.push_back(at(a, index));
    }
    const double biggest = *std::max_element(values.begin(), values.end());
    if (s.family == "softmax") {
      double total = 0;
      for (double v : values)
        total += std::exp(v - biggest);
      for (std::int64_t k = 0; k < n; ++k) {
        index[axis] = k;
        out.set(index, std::exp(values[k] - biggest) / total);
      }
      return;
    }
    double result = 0;
    if (s.family == "sum" || s.family == "mean") {
      for (double v : values)
        result += v;
      if (s.family == "mean")
        result /= static_cast<double>(n);
    }
    if (s.family == "max")
      result = biggest;
    if (s.family == "min")
      result = *std::min_element(values.begin(), values.end());
    Shape out_index = row;
    out_index.erase(out_index.begin() + axis);
    out.set(out_index, result);
  });
}

void linear_algebra(const spec::Spec& s, const Tensors& in, Output& out) {
  const std::string& f = s.family;
  if (f == "gemm" || f == "bmm") {
    const HostTensor &a = *in.at("A"), &b = *in.at("B");
    const bool batched = f == "bmm";
    const std::int64_t batches = batched ? a.shape[0] : 1, m = a.shape[batched],
                       k = a.shape[batched + 1], n = b.shape[batched + 1];
    for (std::int64_t bb = 0; bb < batches; ++bb)
      for (std::int64_t i = 0; i < m; ++i)
        for (std::int64_t j = 0; j < n; ++j) {
          double acc = 0;
          for (std::int64_t t = 0; t < k; ++t)
            acc += a.get((bb * m + i) * k + t) * b.get((bb * k + t) * n + j);
          out.tensor.set((bb * m + i) * n + j, acc);
        }
  } else if (f == "gemv") {
    const HostTensor &a = *in.at("A"), &x = *in.at("x");
    for (std::int64_t i = 0; i < a.shape[0]; ++i) {
      double acc = 0;
      for (std::int64_t t = 0; t < a.shape[1]; ++t)
        acc += a.get(i * a.shape[1] + t) * x.get(t);
      out.tensor.set(i, acc);
    }
  } else if (f == "dense") {
    const HostTensor &x = *in.at("X"), &w = *in.at("W"), &bias = *in.at("bias");
    const std::int64_t m = x.shape[0], k = x.shape[1], n = w.shape[0];
    for (std::int64_t i = 0; i < m; ++i)
      for (std::int64_t j = 0; j < n; ++j) {
        double acc = bias.get(j);
        for (std::int64_t t = 0; t < k; ++t)
          acc += x.get(i * k + t) * w.get(j * k + t);
        out.tensor.set(i * n + j, acc);
      }
  } else { // gatemlp
    const HostTensor &x = *in.at("X"), &wg = *in.at("Wg"), &wu = *in.at("Wu");
    const std::int64_t m = x.shape[0], k = x.shape[1], n = wg.shape[1];
    for (std::int64_t i = 0; i < m; ++i)
      for (std::int64_t j = 0; j < n; ++j) {
        double gate = 0, up = 0;
        for (std::int64_t t = 0; t < k; ++t) {
          gate += x.get(i * k + t) * wg.get(t * n + j);
          up += x.get(i * k + t) * wu.get(t * n + j);
        }
        out.tensor.set(i * n + j, gate / (1 + std::exp(-gate)) * up);
      }
  }
}

void convolution(const spec::Spec& s, const Tensors& in, Output& out) {
  const std::int64_t stride = s.params.value("stride", 1), pad = s.params.value("padding", 0);
  if (s.family == "conv1d") {
    const HostTensor &x = *in.at("x"), &w = *in.at("w");
    for (std::int64_t i = 0; i + w.shape[0] <= x.shape[0]; ++i) {
      double acc = 0;
      for (std::int64_t j = 0; j < w.shape[0]; ++j)
        acc += x.get(i + j) * w.get(j);
      out.tensor.set(i, acc);
    }
    return;
  }
  const HostTensor &x = *in.at("X"), &w = *in.at("W");
  // Zero outside the input.
  auto input = [&](const Shape& index) {
    for (std::size_t axis = 0; axis < index.size(); ++axis)
      if (index[axis] < 0 || index[axis] >= x.shape[axis])
        return 0.0;
    return at(x, index);
  };
  for_each_index(out.tensor.shape, [&](const Shape& o) {
    double acc = 0;
    if (s.family == "conv2d") { // o = n, oh, ow, f
      for (std::int64_t kh = 0; kh < w.shape[0]; ++kh)
        for (std::int64_t kw = 0; kw < w.shape[1]; ++kw)
          for (std::int64_t c = 0; c < w.shape[2]; ++c)
            acc += input({o[0], o[1] * stride + kh - pad, o[2] * stride + kw - pad, c}) *
                   at(w, {kh, kw, c, o[3]});
    } else if (s.family == "conv2dnchw") { // o = n, f, oh, ow
      for (std::int64_t c = 0; c < w.shape[1]; ++c)
        for (std::int64_t kh = 0; kh < w.shape[2]; ++kh)
          for (std::int64_t kw = 0; kw < w.shape[3]; ++kw)
            acc += input({o[0], c, o[2] * stride + kh - pad, o[3] * stride + kw - pad}) *
                   at(w, {o[1], c, kh, kw});
    } else { // depthwiseconv, o = oh, ow, c
      for (std::int64_t kh = 0; kh < w.shape[0]; ++kh)
        for (std::int64_t kw = 0; kw < w.shape[1]; ++kw)
          acc += input({o[0] * stride + kh - pad, o[1] * stride + kw - pad, o[2]}) *
                 at(w, {kh, kw, o[2]});
    }
    out.set(o, acc);
  });
}

void normalization(const spec::Spec& s, const Tensors& in, Output& out) {
  const double eps = s.params.value("eps", 1e-5);
  const HostTensor& x = *in.at("X");
  if (s.family == "batchnorm") {
    for_each_index(x.shape, [&](const Shape& i) {
      const Shape c{i[1]};
      out.set(i, (at(x, i) - at(*in.at("mean"), c)) / std::sqrt(at(*in.at("var"), c) + eps) *
                         at(*in.at("gamma"), c) +
                     at(*in.at("beta"), c));
    });
    return;
  }
  // Groups of elements normalized together: the last axis, or H x W per (n, c).
  const bool instance = s.family == "instancenorm";
  const std::int64_t group = instance ? x.shape[2] * x.shape[3] : x.shape.back();
  for (std::int64_t g = 0; g < x.element_count() / group; ++g) {
    double mean = 0, square = 0;
    for (std::int64_t i = 0; i < group; ++i)
      mean += x.get(g * group + i) / static_cast<double>(group);
    for (std::int64_t i = 0; i < group; ++i) {
      const double v = x.get(g * group + i);
      square +=
          (s.family == "rmsnorm" ? v * v : (v - mean) * (v - mean)) / static_cast<double>(group);
    }
    for (std::int64_t i = 0; i < group; ++i) {
      const std::int64_t param = instance ? g % x.shape[1] : i;
      const double v = x.get(g * group + i);
      const double scale = in.at("gamma")->get(param) / std::sqrt(square + eps);
      out.tensor.set(g * group + i, s.family == "rmsnorm"
                                        ? v * scale
                                        : (v - mean) * scale + in.at("beta")->get(param));
    }
  }
}

void pooling(const spec::Spec& s, const Tensors& in, Output& out) {
  const HostTensor& x = *in.at("X");
  const std::int64_t k = s.params.value("kernel", 2), stride = s.params.value("stride", k);
  for_each_index(out.tensor.shape, [&](const Shape& o) {
    double sum = 0, low = std::numeric_limits<double>::infinity(), high = -low;
    for (std::int64_t dy = 0; dy < k; ++dy)
      for (std::int64_t dx = 0; dx < k; ++dx) {
        const double v = at(x, {o[0], o[1] * stride + dy, o[2] * stride + dx, o[3]});
        sum += v;
        low = std::min(low, v);
        high = std::max(high, v);
      }
    const std::string& f = s.family;
    out.set(o, f == "maxpool"   ? high
               : f == "minpool" ? low
               : f == "sumpool" ? sum
                                : sum / static_cast<double>(k * k));
  });
}

// Data movement copies elements through the integer/float view that is exact for the dtype.
void copy_element(const HostTensor& from, std::int64_t from_flat, HostTensor& to,
                  std::int64_t to_flat) {
  const std::size_t size = spec::dtype_size_bytes(from.dtype);
  std::copy_n(from.bytes.begin() + from_flat * static_cast<std::int64_t>(size), size,
              to.bytes.begin() + to_flat * static_cast<std::int64_t>(size));
}

void data_movement(const spec::Spec& s, const Tensors& in, Output& out) {
  const HostTensor& a = *in.at("A");
  HostTensor& c = out.tensor;
  if (s.family == "transpose") {
    const auto rank = static_cast<std::int64_t>(a.shape.size());
    std::vector<std::int64_t> perm = s.params.value("perm", std::vector<std::int64_t>{});
    if (perm.empty())
      for (std::int64_t j = rank - 1; j >= 0; --j)
        perm.push_back(j);
    for_each_index(c.shape, [&](const Shape& j) {
      Shape i(a.shape.size());
      for (std::size_t d = 0; d < perm.size(); ++d)
        i[perm[d]] = j[d];
      copy_element(a, offset(a.shape, i), c, offset(c.shape, j));
    });
  } else if (s.family == "concat") {
    const HostTensor& b = *in.at("B");
    std::int64_t axis = s.params.value("axis", 0);
    if (axis < 0)
      axis += static_cast<std::int64_t>(a.shape.size());
    for_each_index(c.shape, [&](const Shape& j) {
      Shape i = j;
      if (j[axis] < a.shape[axis])
        return copy_element(a, offset(a.shape, i), c, offset(c.shape, j));
      i[axis] -= a.shape[axis];
      copy_element(b, offset(b.shape, i), c, offset(c.shape, j));
    });
  } else {
    const HostTensor& idx = *in.at("idx");
    const std::int64_t row = a.element_count() / a.shape[0];
    if (s.family == "gather") {
      for (std::int64_t i = 0; i < idx.element_count(); ++i)
        for (std::int64_t e = 0; e < row; ++e)
          copy_element(a, idx.get_integer(i) * row + e, c, i * row + e);
    } else {
      c.bytes = a.bytes;
      for (std::int64_t i = 0; i < idx.element_count(); ++i)
        for (std::int64_t e = 0; e < row; ++e)
          copy_element(*in.at("U"), i * row + e, c, idx.get_integer(i) * row + e);
    }
  }
}

void attention(const spec::Spec& s, const Tensors& in, Output& out) {
  const HostTensor &q = *in.at("Q"), &k = *in.at("K"), &v = *in.at("V");
  const bool grouped = s.family == "gqa";
  const std::int64_t batches = q.shape[0], heads = grouped ? q.shape[1] : q.shape[2],
                     kv_heads = grouped ? k.shape[1] : heads,
                     length = grouped ? q.shape[2] : q.shape[1], d = q.shape[3];
  // Element (b, head, position, channel) in either layout.
  auto element = [&](const HostTensor& t, std::int64_t b, std::int64_t h, std::int64_t p,
                     std::int64_t c) {
    return grouped ? at(t, {b, h, p, c}) : at(t, {b, p, h, c});
  };
  for (std::int64_t b = 0; b < batches; ++b)
    for (std::int64_t h = 0; h < heads; ++h) {
      const std::int64_t kvh = h / (heads / kv_heads);
      for (std::int64_t i = 0; i < length; ++i) {
        std::vector<double> scores(length);
        for (std::int64_t j = 0; j < length; ++j) {
          for (std::int64_t c = 0; c < d; ++c)
            scores[j] += element(q, b, h, i, c) * element(k, b, kvh, j, c);
          scores[j] /= std::sqrt(static_cast<double>(d));
        }
        const double biggest = *std::max_element(scores.begin(), scores.end());
        double total = 0;
        for (double& score : scores)
          total += (score = std::exp(score - biggest));
        for (std::int64_t c = 0; c < d; ++c) {
          double acc = 0;
          for (std::int64_t j = 0; j < length; ++j)
            acc += scores[j] * element(v, b, kvh, j, c);
          out.set(grouped ? Shape{b, h, i, c} : Shape{b, i, h, c}, acc / total);
        }
      }
    }
}

void deformable(const spec::Spec&, const Tensors& in, Output& out) {
  const HostTensor &value = *in.at("value"), &shapes = *in.at("shapes"), &starts = *in.at("starts"),
                   &loc = *in.at("loc"), &attn = *in.at("attn");
  const std::int64_t heads = value.shape[2], d = value.shape[3], levels = shapes.shape[0],
                     points = loc.shape[4];
  for_each_index(out.tensor.shape, [&](const Shape& o) {
    const std::int64_t b = o[0], q = o[1], h = o[2] / d, c = o[2] % d;
    double acc = 0;
    for (std::int64_t l = 0; l < levels; ++l) {
      const std::int64_t height = shapes.get_integer(2 * l), width = shapes.get_integer(2 * l + 1);
      auto sample = [&](std::int64_t x, std::int64_t y) {
        if (x < 0 || y < 0 || x >= width || y >= height)
          return 0.0;
        return at(value, {b, starts.get_integer(l) + y * width + x, h, c});
      };
      for (std::int64_t p = 0; p < points; ++p) {
        const double x = at(loc, {b, q, h, l, p, 0}) * static_cast<double>(width) - 0.5;
        const double y = at(loc, {b, q, h, l, p, 1}) * static_cast<double>(height) - 0.5;
        const auto x0 = static_cast<std::int64_t>(std::floor(x)),
                   y0 = static_cast<std::int64_t>(std::floor(y));
        const double fx = x - static_cast<double>(x0), fy = y - static_cast<double>(y0);
        const double bilinear =
            (1 - fx) * (1 - fy) * sample(x0, y0) + fx * (1 - fy) * sample(x0 + 1, y0) +
            (1 - fx) * fy * sample(x0, y0 + 1) + fx * fy * sample(x0 + 1, y0 + 1);
        acc += at(attn, {b, q, h, l, p}) * bilinear;
      }
    }
    out.set(o, acc);
  });
  (void)heads;
}

} // namespace

std::vector<std::int64_t> strides_of(const std::vector<std::int64_t>& shape) {
  std::vector<std::int64_t> strides(shape.size(), 1);
  for (std::size_t axis = shape.size(); axis-- > 1;)
    strides[axis - 1] = strides[axis] * shape[axis];
  return strides;
}

HostTensor naive_compute(const spec::Spec& s, const std::vector<HostTensor>& inputs) {
  Tensors in;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    in[s.inputs[i].name] = &inputs[i];
  Output out{HostTensor::zeros(s.outputs.front().dtype, s.outputs.front().shape)};
  const std::string& f = s.family;
  if (f == "add" || f == "sub" || f == "sign" || f == "sin" || f == "relu" || f == "sigmoid" ||
      f == "gelu") {
    elementwise(s, in, out);
  } else if (f == "sum" || f == "mean" || f == "max" || f == "min" || f == "softmax") {
    reduction(s, in, out);
  } else if (f == "gemm" || f == "gemv" || f == "bmm" || f == "dense" || f == "gatemlp") {
    linear_algebra(s, in, out);
  } else if (f == "conv1d" || f == "conv2d" || f == "conv2dnchw" || f == "depthwiseconv") {
    convolution(s, in, out);
  } else if (f == "batchnorm" || f == "layernorm" || f == "rmsnorm" || f == "instancenorm") {
    normalization(s, in, out);
  } else if (f == "maxpool" || f == "minpool" || f == "avgpool" || f == "sumpool") {
    pooling(s, in, out);
  } else if (f == "transpose" || f == "concat" || f == "gather" || f == "scatter") {
    data_movement(s, in, out);
  } else if (f == "mha" || f == "gqa") {
    attention(s, in, out);
  } else if (f == "deformable") {
    deformable(s, in, out);
  } else {
    throw std::invalid_argument("naive_compute: no loop implementation of '" + f + "'");
  }
  return std::move(out.tensor);
}

} // namespace xir::reference::testing
