#include "xir/transform/pass.hpp"

#include <charconv>

#include "xir/text/printer.hpp"

namespace xir {

int integer_parameter(const PassParameters& parameters, std::string_view name, int fallback,
                      int min, int max) {
  auto it = parameters.find(name);
  if (it == parameters.end())
    return fallback;
  const std::string& text = it->second;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
    throw PassParameterError("parameter '" + std::string(name) + "' must be an integer in [" +
                             std::to_string(min) + ", " + std::to_string(max) + "], not '" + text +
                             "'");
  return value;
}

void PassRegistry::add(PassInfo pass) {
  std::string name = pass.name;
  passes_.insert_or_assign(std::move(name), std::move(pass));
}

const PassInfo* PassRegistry::find(std::string_view name) const {
  auto it = passes_.find(name);
  return it == passes_.end() ? nullptr : &it->second;
}

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
}

} // namespace

PipelineParseResult parse_pipeline(std::string_view text) {
  PipelineParseResult result;
  std::size_t i = 0;
  auto fail = [&](std::string message) {
    result.passes.clear();
    result.error =
        std::move(message) + " at offset " + std::to_string(i) + " of '" + std::string(text) + "'";
    return result;
  };
  auto read_name = [&] {
    std::size_t start = i;
    while (i < text.size() && is_name_char(text[i]))
      ++i;
    return std::string(text.substr(start, i - start));
  };
  while (true) {
    PassInvocation pass;
    pass.name = read_name();
    if (pass.name.empty())
      return fail("expected a pass name");
    if (i < text.size() && text[i] == '{') {
      ++i;
      while (true) {
        std::string key = read_name();
        if (key.empty())
          return fail("expected a parameter name");
        if (i >= text.size() || text[i] != '=')
          return fail("expected '=' after parameter '" + key + "'");
        ++i;
        std::string value = read_name();
        if (value.empty())
          return fail("expected a value for parameter '" + key + "'");
        if (!pass.parameters.emplace(key, value).second)
          return fail("parameter '" + key + "' given twice");
        if (i < text.size() && text[i] == ',') {
          ++i;
          continue;
        }
        if (i < text.size() && text[i] == '}') {
          ++i;
          break;
        }
        return fail("expected ',' or '}' in the parameters of '" + pass.name + "'");
      }
    }
    result.passes.push_back(std::move(pass));
    if (i == text.size())
      return result;
    if (text[i] != ',')
      return fail("expected ',' between passes");
    ++i;
  }
}

std::string PassManager::add(const PassInvocation& invocation) {
  const PassInfo* pass = registry_.find(invocation.name);
  if (!pass)
    return "unknown pass '" + invocation.name + "'";
  for (const auto& [key, value] : invocation.parameters)
    if (!pass->parameters.count(key))
      return "pass '" + invocation.name + "' takes no parameter '" + key + "'";
  pipeline_.emplace_back(pass, invocation.parameters);
  return {};
}

Module PassManager::run(const Module& module, std::ostream* dump_after_each) const {
  Module current = module;
  for (const auto& [pass, parameters] : pipeline_) {
    for (Kernel& kernel : current.kernels)
      kernel = pass->run(kernel, parameters);
    if (dump_after_each)
      *dump_after_each << "// ----- IR after " << pass->name << " -----\n" << print(current);
  }
  return current;
}

} // namespace xir
