#pragma once
// CPU flags that decide whether VNNI kernels run natively or through the intrinsic emulation.
#include <set>
#include <string>

namespace xir::verify {

// The "flags" of /proc/cpuinfo (empty if unreadable).
std::set<std::string> cpu_flags();
bool cpu_has_vnni_and_bf16();

} // namespace xir::verify
