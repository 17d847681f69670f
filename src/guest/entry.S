/* SPDX-License-Identifier: GPL-2.0 */
/* entry.S: the guest's first instructions, before there is a stack. */

#define STACK_SIZE	16384

	.section .bss
	.balign	16
stack:
	.skip	STACK_SIZE
stack_top:

	.section .text.entry, "ax"
	.globl	start
start:
	movl	$stack_top, %esp
	cld
	movl	$bss_start, %edi
	movl	$bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	xorl	%ebp, %ebp
	subl	$12, %esp
	pushl	%esi		/* gpa of struct lguest_boot */
	call	guest_main
1:	jmp	1b

	.section .note.GNU-stack, "", @progbits
