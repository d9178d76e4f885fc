// Corpus kernels (of every dialect) lifted to IR and run by the reference interpreter on the golden inputs of every
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
#include "xir/text/parser.hpp"
#include "xir/text/printer.hpp"

namespace xir::frontend {
namespace {

struct CorpusCase {
  Dialect dialect;
  std::string file;
  std::string case_name;
};

void PrintTo(const CorpusCase& c, std::ostream* os) { *os << to_string(c.dialect) << "/" << c.file << " on " << c.case_name; }

// test/frontend/lifted/<dialect>.txt lists the corpus files of the dialect that the frontend lifts
// (one per line); every case of each listed file in the dialect's manifest is a test.
std::vector<CorpusCase> corpus_cases(Dialect dialect) {
  const std::string root = XIR_SOURCE_DIR;
  const std::string name(to_string(dialect));
  std::ifstream manifest_file(root + "/bench/kernels/" + name + "/manifest.json");
  nlohmann::json manifest = nlohmann::json::parse(manifest_file);
  std::ifstream list(root + "/test/frontend/lifted/" + name + ".txt");
  std::vector<CorpusCase> cases;
  for (std::string file; std::getline(list, file);) {
    if (file.empty() || file[0] == '#') continue;
    for (const auto& c : manifest.at(file)) cases.push_back({dialect, file, c.get<std::string>()});
  }
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

class CorpusLift : public ::testing::TestWithParam<CorpusCase> {};

TEST_P(CorpusLift, InterpreterMatchesGolden) {
  const CorpusCase& c = GetParam();
  const std::string root = XIR_SOURCE_DIR;
  spec::Spec spec = spec::load_spec(root + "/bench/specs/" + c.case_name + ".json");
  LiftResult lifted = lift_file(root + "/bench/kernels/" + std::string(to_string(c.dialect)) + "/" + c.file, c.dialect);
  ASSERT_TRUE(lifted.ok()) << lifted.diagnostics.back().message;
  // The lifted module round-trips through the textual IR (xir-opt's output is valid input).
  const std::string printed = print(*lifted.module);
  ModuleParseResult reparsed = parse_module(printed, "lifted.xir");
  ASSERT_TRUE(reparsed) << format_diagnostic(*reparsed.error, printed);
  EXPECT_EQ(print(*reparsed.module), printed);
  const Kernel* entry = nullptr;
  for (const Kernel& k : lifted.module->kernels)
    if (k.name == spec.entry) entry = &k;
  ASSERT_NE(entry, nullptr) << "no entry " << spec.entry;
  // Entries over raw pointers (VNNI) take each buffer's element count as a trailing
  // `<buffer>_extent` parameter; the others take exactly the spec's arguments.
  ASSERT_GE(entry->params.size(), spec.args.size());

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
      // A VNNI entry takes f16/bf16 tensors as uint16_t bit patterns (the C ABI): same bytes, u16.
      const Buffer* param = std::get_if<Buffer>(&entry->params[i]);
      Type dtype = ir_type(t.dtype);
      if (param && param->dtype == Type::u16() && (dtype == Type::f16() || dtype == Type::bf16())) dtype = Type::u16();
      interp::HostBuffer b(dtype, {t.element_count()});
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
  for (std::size_t i = spec.args.size(); i < entry->params.size(); ++i) {
    const std::string& name = param_name(entry->params[i]);
    const std::string suffix = "_extent";
    ASSERT_TRUE(name.size() > suffix.size() && name.ends_with(suffix)) << "unexpected parameter " << name;
    auto buffer = buffers.find(name.substr(0, name.size() - suffix.size()));
    ASSERT_NE(buffer, buffers.end()) << "no buffer for " << name;
    scalars[name] = interp::ScalarValue::i64(buffer->second.element_count());
  }
  auto result = interp::run(*entry, target_by_name(to_string(c.dialect)), buffers, scalars);
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

std::string case_test_name(const ::testing::TestParamInfo<CorpusCase>& info) {
  std::string name = info.param.case_name;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cuda, CorpusLift, ::testing::ValuesIn(corpus_cases(Dialect::Cuda)), case_test_name);
INSTANTIATE_TEST_SUITE_P(Hip, CorpusLift, ::testing::ValuesIn(corpus_cases(Dialect::Hip)), case_test_name);
INSTANTIATE_TEST_SUITE_P(Bang, CorpusLift, ::testing::ValuesIn(corpus_cases(Dialect::Bang)), case_test_name);
INSTANTIATE_TEST_SUITE_P(Vnni, CorpusLift, ::testing::ValuesIn(corpus_cases(Dialect::Vnni)), case_test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CorpusLift);

} // namespace
} // namespace xir::frontend
