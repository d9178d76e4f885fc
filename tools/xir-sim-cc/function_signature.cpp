#include "function_signature.h"

#include <cctype>

#include "kernel_wrappers.h"
#include "source_scan.h"

namespace xir::sim_cc {
namespace {

std::size_t skip_space(std::string_view text, std::size_t offset) {
  while (offset < text.size() && std::isspace(static_cast<unsigned char>(text[offset])))
    ++offset;
  return offset;
}

} // namespace

std::optional<std::vector<std::string>> written_parameter_names(std::string_view source,
                                                                std::string_view name) {
  const SourceScan scan(source);
  for (std::size_t at = source.find(name); at != std::string_view::npos;
       at = source.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if (!scan.is_code(at) || (at > 0 && is_identifier_char(source[at - 1])) ||
        (end < source.size() && is_identifier_char(source[end])))
      continue;
    if (!scan.at_namespace_scope(at))
      continue;
    const std::size_t open = skip_space(source, end);
    if (open >= source.size() || source[open] != '(')
      continue;
    const std::size_t close = scan.matching_close(open);
    if (close == std::string_view::npos)
      continue;
    const std::size_t body = skip_space(source, close + 1);
    if (body >= source.size() || source[body] != '{')
      continue; // a declaration or a call
    std::vector<std::string> names;
    const std::string list = trim(source.substr(open + 1, close - open - 1));
    if (!list.empty() && list != "void")
      for (const std::string& parameter : split_top_level(list))
        names.push_back(parameter_name(parameter));
    return names;
  }
  return std::nullopt;
}

} // namespace xir::sim_cc
