// The BANG C intrinsic names: each macro forwards to the runtime with the call site's location,
// so a violated constraint is reported at the user's file and line.
#pragma once

#define XIR_BANG_CALL(function, ...) function(XIR_BANG_HERE, __VA_ARGS__)

#define __bang_write_zero(...) XIR_BANG_CALL(::xir::bang::bang_write_zero, __VA_ARGS__)
#define __bang_write_value(...) XIR_BANG_CALL(::xir::bang::WriteValue::run, __VA_ARGS__)
#define __memset_nram(...) XIR_BANG_CALL(::xir::bang::MemsetNram::run, __VA_ARGS__)
#define __bang_move(...) XIR_BANG_CALL(::xir::bang::BangMove::run, __VA_ARGS__)

#define __bang_add(...) XIR_BANG_CALL(::xir::bang::bang_add, __VA_ARGS__)
#define __bang_sub(...) XIR_BANG_CALL(::xir::bang::bang_sub, __VA_ARGS__)
#define __bang_mul(...) XIR_BANG_CALL(::xir::bang::bang_mul, __VA_ARGS__)
#define __bang_add_scalar(...) XIR_BANG_CALL(::xir::bang::bang_add_scalar, __VA_ARGS__)
#define __bang_sub_scalar(...) XIR_BANG_CALL(::xir::bang::bang_sub_scalar, __VA_ARGS__)
#define __bang_mul_scalar(...) XIR_BANG_CALL(::xir::bang::bang_mul_scalar, __VA_ARGS__)
#define __bang_add_const(...) XIR_BANG_CALL(::xir::bang::bang_add_const, __VA_ARGS__)
#define __bang_sub_const(...) XIR_BANG_CALL(::xir::bang::bang_sub_const, __VA_ARGS__)
#define __bang_mul_const(...) XIR_BANG_CALL(::xir::bang::bang_mul_const, __VA_ARGS__)
#define __bang_div(...) XIR_BANG_CALL(::xir::bang::bang_div, __VA_ARGS__)
#define __bang_recip(...) XIR_BANG_CALL(::xir::bang::bang_recip, __VA_ARGS__)
#define __bang_sqrt(...) XIR_BANG_CALL(::xir::bang::bang_sqrt, __VA_ARGS__)
#define __bang_sin(...) XIR_BANG_CALL(::xir::bang::bang_sin, __VA_ARGS__)
#define __bang_sigmoid(...) XIR_BANG_CALL(::xir::bang::bang_sigmoid, __VA_ARGS__)
#define __bang_transpose(...) XIR_BANG_CALL(::xir::bang::bang_transpose, __VA_ARGS__)
#define __bang_half2float(...) XIR_BANG_CALL(::xir::bang::bang_half2float, __VA_ARGS__)
#define __bang_float2half_rn(...) XIR_BANG_CALL(::xir::bang::bang_float2half_rn, __VA_ARGS__)
#define __bang_float2half_tz(...) XIR_BANG_CALL(::xir::bang::bang_float2half_tz, __VA_ARGS__)

#define __bang_reduce_sum(...) XIR_BANG_CALL(::xir::bang::bang_reduce_sum, __VA_ARGS__)
#define __bang_argmax(...) XIR_BANG_CALL(::xir::bang::bang_argmax, __VA_ARGS__)
#define __bang_argmin(...) XIR_BANG_CALL(::xir::bang::bang_argmin, __VA_ARGS__)
#define __bang_max(...) XIR_BANG_CALL(::xir::bang::bang_max, __VA_ARGS__)
#define __bang_min(...) XIR_BANG_CALL(::xir::bang::bang_min, __VA_ARGS__)

#define __bang_active_exp(...) XIR_BANG_CALL(::xir::bang::bang_active_exp, __VA_ARGS__)
#define __bang_active_sigmoid(...) XIR_BANG_CALL(::xir::bang::bang_active_sigmoid, __VA_ARGS__)
#define __bang_active_relu(...) XIR_BANG_CALL(::xir::bang::bang_active_relu, __VA_ARGS__)
#define __bang_active_sign(...) XIR_BANG_CALL(::xir::bang::bang_active_sign, __VA_ARGS__)
#define __bang_active_recip(...) XIR_BANG_CALL(::xir::bang::bang_active_recip, __VA_ARGS__)
#define __bang_active_gelu(...) XIR_BANG_CALL(::xir::bang::bang_active_gelu, __VA_ARGS__)
#define __bang_active_gelup(...) XIR_BANG_CALL(::xir::bang::bang_active_gelup, __VA_ARGS__)

#define __bang_sumpool(...)                                                                        \
  XIR_BANG_CALL(::xir::bang::PoolCall<::xir::bang::PoolKind::sum>::run, __VA_ARGS__)
#define __bang_maxpool(...)                                                                        \
  XIR_BANG_CALL(::xir::bang::PoolCall<::xir::bang::PoolKind::max>::run, __VA_ARGS__)
#define __bang_minpool(...)                                                                        \
  XIR_BANG_CALL(::xir::bang::PoolCall<::xir::bang::PoolKind::min>::run, __VA_ARGS__)
#define __bang_avgpool(...)                                                                        \
  XIR_BANG_CALL(::xir::bang::PoolCall<::xir::bang::PoolKind::avg>::run, __VA_ARGS__)

#define __bang_conv(...) XIR_BANG_CALL(::xir::bang::ConvCall::run, __VA_ARGS__)
#define __bang_mlp(...) XIR_BANG_CALL(::xir::bang::MlpCall::run, __VA_ARGS__)
#define __bang_matmul(...) XIR_BANG_CALL(::xir::bang::MatmulCall::run, __VA_ARGS__)
#define __bang_reshape_filter(...) XIR_BANG_CALL(::xir::bang::bang_reshape_filter, __VA_ARGS__)
