// The __memcpy direction enum, declared outside the prelude's hidden region (see cnrt_types.hpp).
#pragma once

// XRAM2YRAM for X, Y in {GDRAM, LDRAM, SRAM, NRAM, WRAM}; the value encodes (source, destination).
enum mluMemcpyDirection_t {
  GDRAM2GDRAM = 0,
  GDRAM2LDRAM,
  GDRAM2SRAM,
  GDRAM2NRAM,
  GDRAM2WRAM,
  LDRAM2GDRAM = 5,
  LDRAM2LDRAM,
  LDRAM2SRAM,
  LDRAM2NRAM,
  LDRAM2WRAM,
  SRAM2GDRAM = 10,
  SRAM2LDRAM,
  SRAM2SRAM,
  SRAM2NRAM,
  SRAM2WRAM,
  NRAM2GDRAM = 15,
  NRAM2LDRAM,
  NRAM2SRAM,
  NRAM2NRAM,
  NRAM2WRAM,
  WRAM2GDRAM = 20,
  WRAM2LDRAM,
  WRAM2SRAM,
  WRAM2NRAM,
  WRAM2WRAM,
};
