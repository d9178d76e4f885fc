/* The fiber context switch for x86-64 (System V ABI, Linux and the BSDs).

   The ABI this relies on: across a call, rbx, rbp, r12-r15 and rsp are preserved (callee-saved);
   every other general register, every vector register and the flags may be clobbered, and the
   caller already assumes so. A switch that is an ordinary call therefore only has to keep those six
   registers and rsp, which is all it saves: they go on the suspended fiber's own stack, and the
   fiber is the resulting stack pointer. The return address pushed by the call is the resume point.
   MXCSR and the x87 control word are callee-saved too, but the fibers of a team share them:
   kernels never change rounding or exception modes, so they are neither saved nor restored.
   A third argument (edx) becomes the resumed side's return value (eax). */

        .text

/* int xir_fiber_switch(void **save (rdi), void *resume (rsi), int value (edx)) */
        .globl  xir_fiber_switch
        .hidden xir_fiber_switch
        .type   xir_fiber_switch, @function
        .p2align 4
xir_fiber_switch:
        .cfi_startproc
        pushq   %rbp
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset rbp, 0
        pushq   %rbx
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset rbx, 0
        pushq   %r12
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r12, 0
        pushq   %r13
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r13, 0
        pushq   %r14
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r14, 0
        pushq   %r15
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset r15, 0
        movq    %rsp, (%rdi)
        /* Both stacks hold the same seven words here, so the unwind rules stay true. */
        movq    %rsi, %rsp
        popq    %r15
        .cfi_adjust_cfa_offset -8
        popq    %r14
        .cfi_adjust_cfa_offset -8
        popq    %r13
        .cfi_adjust_cfa_offset -8
        popq    %r12
        .cfi_adjust_cfa_offset -8
        popq    %rbx
        .cfi_adjust_cfa_offset -8
        popq    %rbp
        .cfi_adjust_cfa_offset -8
        movq    %rdx, %rax
        ret
        .cfi_endproc
        .size   xir_fiber_switch, .-xir_fiber_switch
        .globl  xir_fiber_switch_address
        .hidden xir_fiber_switch_address
        .set    xir_fiber_switch_address, xir_fiber_switch

/* First code of a new fiber, reached by the `ret` of its first switch with the start function in
   r12 and its argument in r13 (fiber_prepare puts them in the saved register slots) and rsp
   16-byte aligned. The start function never returns. */
        .globl  xir_fiber_trampoline
        .hidden xir_fiber_trampoline
        .type   xir_fiber_trampoline, @function
        .p2align 4
xir_fiber_trampoline:
        .cfi_startproc
        .cfi_undefined rip /* the outermost frame of the fiber: unwinders stop here */
        movq    %r13, %rdi
        call    *%r12
        ud2
        .cfi_endproc
        .size   xir_fiber_trampoline, .-xir_fiber_trampoline

/* Put in place of a suspended fiber's return address by fiber_switch_unwinding, which passes the
   original return address as the switch value (rax). Pushing it back makes the stack look as if
   the suspended call had called xir_fiber_throw_unwind, whose exception then unwinds the fiber. */
        .globl  xir_fiber_unwind_entry
        .hidden xir_fiber_unwind_entry
        .type   xir_fiber_unwind_entry, @function
        .p2align 4
xir_fiber_unwind_entry:
        pushq   %rax
        jmp     xir_fiber_throw_unwind
        .size   xir_fiber_unwind_entry, .-xir_fiber_unwind_entry

        .section .note.GNU-stack,"",@progbits
