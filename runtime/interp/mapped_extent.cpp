#include "mapped_extent.hpp"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace xir::interp_engine {

std::optional<std::size_t> mapped_bytes_from(const void* pointer) {
  const auto address = reinterpret_cast<std::uintptr_t>(pointer);
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    // "start-end perms offset dev inode path"
    std::istringstream fields(line);
    std::string range, permissions;
    fields >> range >> permissions;
    const std::size_t dash = range.find('-');
    if (dash == std::string::npos || permissions.empty())
      continue;
    const std::uintptr_t start = std::stoull(range.substr(0, dash), nullptr, 16);
    const std::uintptr_t end = std::stoull(range.substr(dash + 1), nullptr, 16);
    if (address < start || address >= end)
      continue;
    if (permissions[0] != 'r')
      return std::nullopt;
    return static_cast<std::size_t>(end - address);
  }
  return std::nullopt;
}

} // namespace xir::interp_engine
