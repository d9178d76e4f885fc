// The parameter names of a function as written in a source file, for comparing a lifted entry's
// parameters with the C signature its callers use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xir::sim_cc {

// The parameter names of the definition of `name` at namespace scope (an identifier followed by a
// parenthesized list and a body), or nullopt when the source spells no such definition (one made
// by a macro, say).
std::optional<std::vector<std::string>> written_parameter_names(std::string_view source,
                                                                std::string_view name);

} // namespace xir::sim_cc
