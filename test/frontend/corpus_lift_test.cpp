// Corpus kernels lifted to IR and run by the reference interpreter on the golden inputs of every
// case in the dialect's manifest, compared with the Halide golden outputs (OPS.md tolerance).

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "xir/frontend/frontend.hpp"
#include "xir/interp/interpreter.hpp"
#include "xir/reference/reference.hpp"
#include "xir/spec/spec.hpp"
#include "xir/target/target.hpp"

namespace xir::frontend {
namespace {

// The CUDA corpus files the frontend lifts today; the others use constructs it does not lift
// yet (struct parameters, wmma, float4 loads, dynamic shared memory, continue).
const std::vector<std::string> lifted_cuda_files = {
    "batchnorm.cu", "concat.cu", "gather.cu", "gelu.cu",  "gemv.cu",    "instancenorm.cu", "layernorm.cu",
    "max.cu",       "mean.cu",   "min.cu",    "relu.cu",  "rmsnorm.cu", "scatter.cu",      "sigmoid.cu",
    "sign.cu",      "sin.cu",    "softmax.cu", "sum.cu",  "transpose.cu"};

struct CorpusCase {
  std::string file;
  std::string case_name;
};

void PrintTo(const CorpusCase& c, std::ostream* os) { *os << c.file << " on " << c.case_name; }

std::vector<CorpusCase> cuda_cases() {
  std::ifstream in(std::string(XIR_SOURCE_DIR) + "/bench/kernels/cuda/manifest.json");
  nlohmann::json manifest = nlohmann::json::parse(in);
  std::vector<CorpusCase> cases;
  for (const std::string& file : lifted_cuda_files)
    for (const auto& c : manifest.at(file)) cases.push_back({file, c.get<std::string>()});
  return cases;
}

Type ir_type(spec::DType d) {
  static const std::map<spec::DType, Type> types = {
      {spec::DType::boolean, Type::boolean()}, {spec::DType::i8, Type::i8()},   {spec::DType::u8, Type::u8()},
      {spec::DType::i16, Type::i16()},         {spec::DType::u16, Type::u16()}, {spec::DType::i32, Type::i32()},
      {spec::DType::u32, Type::u32()},         {spec::DType::i64, Type::i64()}, {spec::DType::f16, Type::f16()},
      {spec::DType::bf16, Type::bf16()},       {spec::DType::f32, Type::f32()}, {spec::DType::f64, Type::f64()}};
  return types.at(d);
}

class CudaCorpusLift : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(CudaCorpusLift, InterpreterMatchesGolden) {
  const CorpusCase& c = GetParam();
  const std::string root = XIR_SOURCE_DIR;
  spec::Spec spec = spec::load_spec(root + "/bench/specs/" + c.case_name + ".json");
  LiftResult lifted = lift_file(root + "/bench/kernels/cuda/" + c.file, Dialect::Cuda);
  ASSERT_TRUE(lifted.ok()) << lifted.diagnostics.back().message;
  const Kernel* entry = nullptr;
  for (const Kernel& k : lifted.module->kernels)
    if (k.name == spec.entry) entry = &k;
  ASSERT_NE(entry, nullptr) << "no entry " << spec.entry;
  ASSERT_EQ(entry->params.size(), spec.args.size());

  std::vector<spec::HostTensor> inputs = reference::make_inputs(spec, spec.seed);
  std::vector<spec::HostTensor> golden = reference::compute(spec, inputs);
  std::map<std::string, spec::HostTensor> tensors;
  for (std::size_t i = 0; i < spec.inputs.size(); ++i) tensors[spec.inputs[i].name] = inputs[i];
  for (const spec::TensorDesc& out : spec.outputs)
    if (!spec.find_input(out.name)) tensors[out.name] = spec::HostTensor::zeros(out.dtype, out.shape);

  // Parameters by position: the entry's names for the spec's tensors and scalars.
  std::map<std::string, interp::HostBuffer> buffers;
  std::map<std::string, interp::ScalarValue> scalars;
  std::map<std::string, std::string> param_of_tensor;
  for (std::size_t i = 0; i < spec.args.size(); ++i) {
    const spec::Arg& arg = spec.args[i];
    const std::string& name = param_name(entry->params[i]);
    switch (arg.kind) {
    case spec::Arg::Kind::buffer: {
      const spec::HostTensor& t = tensors.at(arg.buffer);
      interp::HostBuffer b(ir_type(t.dtype), {t.element_count()});
      std::copy(t.bytes.begin(), t.bytes.end(), b.data());
      buffers.emplace(name, std::move(b));
      param_of_tensor[arg.buffer] = name;
      break;
    }
    case spec::Arg::Kind::i32: scalars[name] = interp::ScalarValue::i32(static_cast<std::int32_t>(arg.integer)); break;
    case spec::Arg::Kind::i64: scalars[name] = interp::ScalarValue::i64(arg.integer); break;
    case spec::Arg::Kind::f32: scalars[name] = interp::ScalarValue::f32(static_cast<float>(arg.real)); break;
    }
  }
  auto result = interp::run(*entry, target_by_name("cuda"), buffers, scalars);
  ASSERT_TRUE(result) << result.error().message;

  for (std::size_t o = 0; o < spec.outputs.size(); ++o) {
    const interp::HostBuffer& got = buffers.at(param_of_tensor.at(spec.outputs[o].name));
    const spec::HostTensor& want = golden[o];
    ASSERT_EQ(got.element_count(), want.element_count());
    for (std::int64_t i = 0; i < want.element_count(); ++i) {
      const double w = want.get(i), g = got.get(i);
      ASSERT_LE(std::abs(g - w), spec.tolerance.abs + spec.tolerance.rel * std::abs(w))
          << spec.outputs[o].name << spec::index_to_string(want.shape, i) << ": got " << g << ", want " << w;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CudaCorpusLift, ::testing::ValuesIn(cuda_cases()),
                         [](const ::testing::TestParamInfo<CorpusCase>& info) {
                           std::string name = info.param.case_name;
                           for (char& ch : name)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

} // namespace
} // namespace xir::frontend
