// atomicAdd & co. Blocks run on several host threads, so these are real CPU atomics (relaxed,
// returning the old value); floating-point forms use a compare-and-swap loop.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace xir::runtime::gpu {

template <class T, class Op> T atomic_update(T *address, Op op) {
  using Bits = std::conditional_t<sizeof(T) == 2, std::uint16_t,
                                  std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;
  static_assert(sizeof(T) == sizeof(Bits), "unsupported atomic operand size");
  auto *word = reinterpret_cast<Bits *>(address);
  Bits expected = __atomic_load_n(word, __ATOMIC_RELAXED);
  for (;;) {
    T old;
    std::memcpy(&old, &expected, sizeof old);
    const T updated = op(old);
    Bits desired;
    std::memcpy(&desired, &updated, sizeof desired);
    if (__atomic_compare_exchange_n(word, &expected, desired, true, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) return old;
  }
}

} // namespace xir::runtime::gpu

#define XIR_INTEGER_ATOMICS(T)                                                                                 \
  inline T atomicAdd(T *a, T v) { return __atomic_fetch_add(a, v, __ATOMIC_RELAXED); }                         \
  inline T atomicSub(T *a, T v) { return __atomic_fetch_sub(a, v, __ATOMIC_RELAXED); }                         \
  inline T atomicAnd(T *a, T v) { return __atomic_fetch_and(a, v, __ATOMIC_RELAXED); }                         \
  inline T atomicOr(T *a, T v) { return __atomic_fetch_or(a, v, __ATOMIC_RELAXED); }                           \
  inline T atomicXor(T *a, T v) { return __atomic_fetch_xor(a, v, __ATOMIC_RELAXED); }                         \
  inline T atomicExch(T *a, T v) { return __atomic_exchange_n(a, v, __ATOMIC_RELAXED); }                       \
  inline T atomicMin(T *a, T v) {                                                                              \
    return xir::runtime::gpu::atomic_update(a, [v](T old) { return v < old ? v : old; });                      \
  }                                                                                                            \
  inline T atomicMax(T *a, T v) {                                                                              \
    return xir::runtime::gpu::atomic_update(a, [v](T old) { return v > old ? v : old; });                      \
  }                                                                                                            \
  inline T atomicCAS(T *a, T compare, T v) {                                                                   \
    __atomic_compare_exchange_n(a, &compare, v, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);                    \
    return compare;                                                                                            \
  }

XIR_INTEGER_ATOMICS(int)
XIR_INTEGER_ATOMICS(unsigned int)
XIR_INTEGER_ATOMICS(unsigned long long)
XIR_INTEGER_ATOMICS(long long)
#undef XIR_INTEGER_ATOMICS

inline unsigned short atomicCAS(unsigned short *a, unsigned short compare, unsigned short v) {
  __atomic_compare_exchange_n(a, &compare, v, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
  return compare;
}

inline float atomicAdd(float *a, float v) {
  return xir::runtime::gpu::atomic_update(a, [v](float old) { return old + v; });
}
inline double atomicAdd(double *a, double v) {
  return xir::runtime::gpu::atomic_update(a, [v](double old) { return old + v; });
}
inline float atomicExch(float *a, float v) {
  return xir::runtime::gpu::atomic_update(a, [v](float) { return v; });
}
#if XIR_DIALECT_HIP // HIP has float atomicMax/Min; CUDA only from sm_90, which the model is not
inline float atomicMax(float *a, float v) {
  return xir::runtime::gpu::atomic_update(a, [v](float old) { return v > old ? v : old; });
}
inline float atomicMin(float *a, float v) {
  return xir::runtime::gpu::atomic_update(a, [v](float old) { return v < old ? v : old; });
}
#endif
// Wrapping increment / decrement as defined by CUDA.
inline unsigned atomicInc(unsigned *a, unsigned limit) {
  return xir::runtime::gpu::atomic_update(a, [limit](unsigned old) { return old >= limit ? 0u : old + 1; });
}
inline unsigned atomicDec(unsigned *a, unsigned limit) {
  return xir::runtime::gpu::atomic_update(a, [limit](unsigned old) { return (old == 0 || old > limit) ? limit : old - 1; });
}

// Scope-qualified variants behave alike on the CPU.
template <class T, class U> T atomicAdd_block(T *a, U v) { return atomicAdd(a, static_cast<T>(v)); }
template <class T, class U> T atomicAdd_system(T *a, U v) { return atomicAdd(a, static_cast<T>(v)); }
template <class T, class U> T unsafeAtomicAdd(T *a, U v) { return atomicAdd(a, static_cast<T>(v)); }
