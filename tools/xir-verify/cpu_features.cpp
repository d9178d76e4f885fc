#include "cpu_features.hpp"

#include <fstream>
#include <sstream>

namespace xir::verify {

std::set<std::string> cpu_flags() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0)
      continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::set<std::string> flags;
    for (std::string word; words >> word;)
      flags.insert(word);
    return flags;
  }
  return {};
}

bool cpu_has_vnni_and_bf16() {
  const std::set<std::string> flags = cpu_flags();
  return flags.count("avx512_vnni") && flags.count("avx512_bf16");
}

} // namespace xir::verify
