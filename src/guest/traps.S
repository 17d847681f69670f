/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* traps.S: the first instructions of every trap and interrupt handler. */
#include "segments.h"
#include "syscall.h"

/* chapters/1-guest.nw, The stubs:
 * <<Make a stub for each exception vector, and a table of the stubs>>
 */
	.macro	stub vector
trap_\vector:
	.if \vector == 8 || (\vector >= 10 && \vector <= 14) || \vector == 17
	.else
	pushl	$0
	.endif
	pushl	$\vector
	jmp	trap_common
	.pushsection .rodata
	.long	trap_\vector
	.popsection
	.endm

/* chapters/1-guest.nw, The stubs:
 * <<Make a stub for each exception vector, and a table of the stubs>>
 */
	.section .rodata
	.balign	4
	.globl	trap_stubs
trap_stubs:
	.text
	.irp	vector, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19
	stub	\vector
	.endr

/* chapters/1-guest.nw, Interrupt handlers:
 * <<Make a stub for each interrupt line, and a table of the stubs>>
 */
	.section .rodata
	.balign	4
	.globl	irq_stubs
irq_stubs:
	.text
	.irp	vector, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
	stub	\vector
	.endr

/* chapters/2-processes.nw, System calls: <<Make the system call's stub>> */
	.text
	.globl	syscall_stub
syscall_stub:
	pushl	$0
	pushl	$SYSCALL_VECTOR
	jmp	trap_common

/* chapters/1-guest.nw, The stubs:
 * <<Save the registers, call guest_trap, restore them and return>>
 */
trap_common:
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	pushl	%esp		/* struct trap_frame * */
	call	guest_trap
	addl	$4, %esp
	trap_return:
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp	/* the vector and error code */
	iret

/* chapters/2-processes.nw, The scheduler: <<Enter a process, and leave it for the scheduler>> */
	.bss
	.balign	4
scheduler_context:
	.skip	20		/* %ebx, %esi, %edi, %ebp, %esp */

	.text
	.globl	enter_process, leave_process
enter_process:
	movl	4(%esp), %edx	/* struct trap_frame * */
	movl	%ebx, scheduler_context
	movl	%esi, scheduler_context + 4
	movl	%edi, scheduler_context + 8
	movl	%ebp, scheduler_context + 12
	movl	%esp, scheduler_context + 16
	movl	%edx, %esp
	jmp	trap_return

leave_process:
	movl	scheduler_context, %ebx
	movl	scheduler_context + 4, %esi
	movl	scheduler_context + 8, %edi
	movl	scheduler_context + 12, %ebp
	movl	scheduler_context + 16, %esp
	ret

/* chapters/1-guest.nw, The first instruction: <<Mark this file's stack as not executable>> */
	.section .note.GNU-stack, "", @progbits
