#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "xir/spec/spec.hpp"
#include "xir/spec/validate.hpp"

namespace xir::spec {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& origin, const std::string& message) {
  throw SpecError(origin + ": error: " + message);
}

// nlohmann reports a byte offset; diagnostics want line:col.
std::string location_of_offset(const std::string& text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

bool is_identifier(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

class FieldReader {
public:
  explicit FieldReader(const std::string& origin) : origin_(origin) {}

  const json& require(const json& object, const char* key, const std::string& where) const {
    if (!object.contains(key))
      fail(origin_, where + "missing required field '" + key + "'");
    return object.at(key);
  }

  std::string string_field(const json& object, const char* key, const std::string& where) const {
    const json& value = require(object, key, where);
    if (!value.is_string())
      fail(origin_, where + "field '" + key + "' must be a string");
    return value.get<std::string>();
  }

  std::int64_t integer(const json& value, const std::string& what) const {
    if (!value.is_number_integer())
      fail(origin_, what + " must be an integer");
    return value.get<std::int64_t>();
  }

  double number(const json& value, const std::string& what) const {
    if (!value.is_number())
      fail(origin_, what + " must be a number");
    return value.get<double>();
  }

  TensorDesc tensor(const json& value, const std::string& where) const {
    if (!value.is_object())
      fail(origin_, where + " must be an object with name, dtype and shape");
    TensorDesc desc;
    desc.name = string_field(value, "name", where + ": ");
    if (!is_identifier(desc.name))
      fail(origin_, where + ": tensor name '" + desc.name + "' is not an identifier");
    const std::string dtype = string_field(value, "dtype", where + " '" + desc.name + "': ");
    const auto parsed = parse_dtype(dtype);
    if (!parsed)
      fail(origin_, "tensor '" + desc.name + "': unknown dtype '" + dtype + "'");
    desc.dtype = *parsed;
    const json& shape = require(value, "shape", where + " '" + desc.name + "': ");
    if (!shape.is_array())
      fail(origin_, "tensor '" + desc.name + "': shape must be an array of integers");
    for (std::size_t axis = 0; axis < shape.size(); ++axis) {
      const std::int64_t size =
          integer(shape[axis], "tensor '" + desc.name + "': shape[" + std::to_string(axis) + "]");
      if (size <= 0)
        fail(origin_, "tensor '" + desc.name + "': shape[" + std::to_string(axis) + "] is " +
                          std::to_string(size) + "; sizes must be positive");
      desc.shape.push_back(size);
    }
    // Buffers (and Halide's extents) are indexed with 32-bit integers.
    std::int64_t elements = 1;
    for (std::int64_t size : desc.shape)
      if ((elements *= size) > INT32_MAX)
        fail(origin_, "tensor '" + desc.name + "' has more than 2^31 - 1 elements");
    return desc;
  }

  std::vector<TensorDesc> tensor_list(const json& root, const char* key) const {
    const json& list = require(root, key, "");
    if (!list.is_array())
      fail(origin_, std::string("field '") + key + "' must be an array");
    std::vector<TensorDesc> tensors;
    for (std::size_t i = 0; i < list.size(); ++i) {
      TensorDesc desc = tensor(list[i], std::string(key) + "[" + std::to_string(i) + "]");
      for (const TensorDesc& earlier : tensors)
        if (earlier.name == desc.name)
          fail(origin_, std::string(key) + ": tensor '" + desc.name + "' appears twice");
      tensors.push_back(std::move(desc));
    }
    return tensors;
  }

  Arg argument(const json& value, std::size_t position) const {
    const std::string where = "args[" + std::to_string(position) + "]";
    if (!value.is_object() || value.size() != 1)
      fail(origin_, where + " must be an object with exactly one of 'buffer', 'i32', 'i64', 'f32'");
    const auto& [key, payload] = *value.items().begin();
    Arg arg;
    if (key == "buffer") {
      if (!payload.is_string())
        fail(origin_, where + ": 'buffer' must name a tensor");
      arg.buffer = payload.get<std::string>();
    } else if (key == "i32" || key == "i64") {
      arg.kind = key == "i32" ? Arg::Kind::i32 : Arg::Kind::i64;
      arg.integer = integer(payload, where + ": '" + key + "'");
      if (arg.kind == Arg::Kind::i32 && (arg.integer < INT32_MIN || arg.integer > INT32_MAX))
        fail(origin_, where + ": " + std::to_string(arg.integer) + " does not fit in i32");
    } else if (key == "f32") {
      arg.kind = Arg::Kind::f32;
      arg.real = number(payload, where + ": 'f32'");
    } else {
      fail(origin_,
           where + ": unknown argument kind '" + key + "' (expected buffer, i32, i64 or f32)");
    }
    return arg;
  }

  std::array<std::int64_t, 3> dim3(const json& value, const std::string& what) const {
    if (!value.is_array() || value.empty() || value.size() > 3)
      fail(origin_, what + " must be an array of 1 to 3 positive integers");
    std::array<std::int64_t, 3> dims{1, 1, 1};
    for (std::size_t i = 0; i < value.size(); ++i) {
      dims[i] = integer(value[i], what + "[" + std::to_string(i) + "]");
      if (dims[i] <= 0)
        fail(origin_, what + "[" + std::to_string(i) + "] must be positive");
    }
    return dims;
  }

private:
  const std::string& origin_;
};

} // namespace

Spec parse_spec_fields(const std::string& json_text, const std::string& origin) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& error) {
    const std::string message = error.what();
    // Keep nlohmann's explanation, drop its "[json.exception.parse_error.101] parse error at ..."
    // prefix.
    const auto explanation = message.find(": ", message.find("parse error"));
    throw SpecError(origin + ":" +
                    location_of_offset(json_text, error.byte == 0 ? 0 : error.byte - 1) +
                    ": error: malformed JSON: " +
                    (explanation == std::string::npos ? message : message.substr(explanation + 2)));
  }
  if (!root.is_object())
    fail(origin, "a spec must be a JSON object");
  const FieldReader reader(origin);
  Spec spec;
  spec.family = reader.string_field(root, "family", "");
  spec.entry = reader.string_field(root, "entry", "");
  if (!is_identifier(spec.entry))
    fail(origin, "entry point '" + spec.entry + "' is not a C identifier");
  spec.inputs = reader.tensor_list(root, "inputs");
  spec.outputs = reader.tensor_list(root, "outputs");
  if (root.contains("params")) {
    if (!root["params"].is_object())
      fail(origin, "field 'params' must be an object");
    spec.params = root["params"];
  }
  const json& args = reader.require(root, "args", "");
  if (!args.is_array())
    fail(origin, "field 'args' must be an array");
  for (std::size_t i = 0; i < args.size(); ++i)
    spec.args.push_back(reader.argument(args[i], i));
  if (root.contains("seed")) {
    const std::int64_t seed = reader.integer(root["seed"], "field 'seed'");
    if (seed < 0)
      fail(origin, "field 'seed' must not be negative");
    spec.seed = static_cast<std::uint64_t>(seed);
  }
  if (root.contains("tolerance")) {
    const json& tolerance = root["tolerance"];
    if (!tolerance.is_object())
      fail(origin, "field 'tolerance' must be an object with 'abs' and/or 'rel'");
    if (tolerance.contains("abs"))
      spec.tolerance.abs = reader.number(tolerance["abs"], "tolerance.abs");
    if (tolerance.contains("rel"))
      spec.tolerance.rel = reader.number(tolerance["rel"], "tolerance.rel");
    if (spec.tolerance.abs < 0 || spec.tolerance.rel < 0)
      fail(origin, "tolerances must not be negative");
  }
  if (root.contains("launch")) {
    const json& launch = root["launch"];
    if (!launch.is_object())
      fail(origin, "field 'launch' must be an object with 'grid' and 'block'");
    spec.launch = Launch{reader.dim3(reader.require(launch, "grid", "launch: "), "launch.grid"),
                         reader.dim3(reader.require(launch, "block", "launch: "), "launch.block")};
    if (launch.contains("shared_bytes")) {
      spec.launch->shared_bytes = reader.integer(launch["shared_bytes"], "launch.shared_bytes");
      if (spec.launch->shared_bytes < 0)
        fail(origin, "launch.shared_bytes must not be negative");
    }
  }
  return spec;
}

Spec parse_spec(const std::string& json_text, const std::string& origin) {
  Spec spec = parse_spec_fields(json_text, origin);
  validate_spec(spec, origin);
  return spec;
}

Spec load_spec(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw SpecError(path + ": error: cannot open the spec file");
  std::ostringstream text;
  text << file.rdbuf();
  return parse_spec(text.str(), path);
}

nlohmann::json spec_to_json(const Spec& spec) {
  auto tensors = [](const std::vector<TensorDesc>& list) {
    json array = json::array();
    for (const TensorDesc& desc : list)
      array.push_back(
          {{"name", desc.name}, {"dtype", dtype_name(desc.dtype)}, {"shape", desc.shape}});
    return array;
  };
  json args = json::array();
  for (const Arg& arg : spec.args) {
    switch (arg.kind) {
    case Arg::Kind::buffer:
      args.push_back({{"buffer", arg.buffer}});
      break;
    case Arg::Kind::i32:
      args.push_back({{"i32", arg.integer}});
      break;
    case Arg::Kind::i64:
      args.push_back({{"i64", arg.integer}});
      break;
    case Arg::Kind::f32:
      args.push_back({{"f32", arg.real}});
      break;
    }
  }
  json root = {{"family", spec.family},
               {"entry", spec.entry},
               {"inputs", tensors(spec.inputs)},
               {"outputs", tensors(spec.outputs)},
               {"params", spec.params},
               {"args", args},
               {"seed", spec.seed},
               {"tolerance", {{"abs", spec.tolerance.abs}, {"rel", spec.tolerance.rel}}}};
  if (spec.launch)
    root["launch"] = {{"grid", spec.launch->grid},
                      {"block", spec.launch->block},
                      {"shared_bytes", spec.launch->shared_bytes}};
  return root;
}

} // namespace xir::spec
