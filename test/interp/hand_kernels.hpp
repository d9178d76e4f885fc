#pragma once
// Kernels written node by node with the plain IR factories. The interpreter tests run them; the
// builder tests build the same kernels with the template API and compare them structurally.

#include "xir/ir/kernel.hpp"

namespace xir::test {

/// C[i] = A[i] + B[i], i = bx * 64 + tx, guarded by i < n (CUDA style).
Kernel add_kernel();
/// The same without the guard: the last block reads and writes past n.
Kernel add_unguarded_kernel();
/// S[row] = sum of A[row, :]: 64 threads stage partial sums in shared memory and reduce them as a
/// tree, with a barrier after each step; `with_first_barrier` = false drops the barrier between
/// the partial sums and the tree.
Kernel row_sum_kernel(bool with_first_barrier = true);
/// C = A B, 8 x 8 tiles of A and B staged through shared memory (M, N, K multiples of 8).
Kernel gemm_tiled_kernel();
/// C[row, :] = softmax(A[row, :]): one block of 32 threads per row, max and sum through shared
/// memory.
Kernel softmax_kernel();
/// BANG: C = relu(A + B) by 4 tasks, 64-element chunks staged through NRAM with __memcpy,
/// __bang_add and __bang_active_relu (n a multiple of 256).
Kernel bang_add_relu_kernel();
/// CPU: Y = alpha X + Y row by row on 4 threads, 16-lane vectors plus a scalar tail (rows a
/// multiple of 4).
Kernel saxpy_rows_kernel();
/// S[0] += A[tx] by n threads of one block without atomics: a data race.
Kernel racy_sum_kernel();
/// The same with an atomic add: no race.
Kernel atomic_sum_kernel();

} // namespace xir::test
