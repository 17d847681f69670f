/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* start.S: a user program's header and first instructions. */
#include "syscall.h"

	.section .header, "a"
	.long	PROGRAM_MAGIC, _start, bss_end

	.text
	.globl	_start
_start:
	pushl	%eax
	call	main
	movl	%eax, %ebx
	movl	$SYS_EXIT, %eax
	int	$SYSCALL_VECTOR

	.section .note.GNU-stack, "", @progbits
