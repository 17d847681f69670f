/* SPDX-License-Identifier: GPL-2.0 */
/* traps.S: the first instructions of every exception handler. */
#include "segments.h"

	.section .rodata
	.balign	4
	.globl	trap_stubs
trap_stubs:
	.text
	.irp	vector, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19
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
	.endr

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
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp	/* the vector and error code */
	iret

	.section .note.GNU-stack, "", @progbits
