// The MLU target a kernel is compiled for: selected with -D__BANG_ARCH__=270|290|372|592
// (default 372, MLU370), giving on-chip capacities and which alignment rules apply.
#pragma once

#include <cstddef>

#ifndef __BANG_ARCH__
#define __BANG_ARCH__ 372
#endif

#if __BANG_ARCH__ == 270
#define __MLU_NRAM_SIZE__ 512
#define __MLU_WRAM_SIZE__ 1024
#define __MLU_SRAM_SIZE__ 2048
#elif __BANG_ARCH__ == 290
#define __MLU_NRAM_SIZE__ 512
#define __MLU_WRAM_SIZE__ 512
#define __MLU_SRAM_SIZE__ 2048
#elif __BANG_ARCH__ == 372
#define __MLU_NRAM_SIZE__ 768
#define __MLU_WRAM_SIZE__ 1024
#define __MLU_SRAM_SIZE__ 4096
#elif __BANG_ARCH__ == 592
#define __MLU_NRAM_SIZE__ 512
#define __MLU_WRAM_SIZE__ 512
#define __MLU_SRAM_SIZE__ 2048
#else
#error "xir BANG runtime: __BANG_ARCH__ must be 270, 290, 372 or 592"
#endif

#define __BANG__ 1

namespace xir::bang {

inline constexpr int arch = __BANG_ARCH__;
inline constexpr bool is_2xx = arch < 300;
inline constexpr std::size_t nram_capacity_bytes = std::size_t{__MLU_NRAM_SIZE__} * 1024;
inline constexpr std::size_t wram_capacity_bytes = std::size_t{__MLU_WRAM_SIZE__} * 1024;
inline constexpr std::size_t sram_capacity_bytes = std::size_t{__MLU_SRAM_SIZE__} * 1024;
inline constexpr unsigned cores_per_cluster = 4;
// Clusters per chip bound UNION<N> jobs: MLU270 has 4 (DIALECTS 1.1); the other parts are assumed
// to have 16 so that every UNION type of the CNRT enum can run.
inline constexpr unsigned cluster_count = arch == 270 ? 4 : 16;

constexpr const char* arch_name() {
  return arch == 270 ? "mtp_270" : arch == 290 ? "mtp_290" : arch == 372 ? "mtp_372" : "mtp_592";
}

} // namespace xir::bang
