// BANG C / CNRT header as kernels include it: everything comes from the xir BANG prelude.
#pragma once
#include "../bang/include/xir_bang_prelude.hpp"
