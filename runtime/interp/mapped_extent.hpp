#pragma once
// How many bytes from a host pointer on are mapped memory: the sound bound for a pointer whose
// extent the lifted IR does not know (a device kernel called through `<kernel>_launch`).

#include <cstddef>
#include <optional>

namespace xir::interp_engine {

/// Bytes from `pointer` to the end of the mapping that holds it (from /proc/self/maps), or
/// nullopt when no readable mapping holds it.
std::optional<std::size_t> mapped_bytes_from(const void* pointer);

} // namespace xir::interp_engine
