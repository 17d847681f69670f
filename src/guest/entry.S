/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* entry.S: the guest's first instructions, before there is a stack. */

/* chapters/1-guest.nw, The first instruction: <<The guest's boot stack>> */
#define STACK_SIZE	16384

	.section .bss
	.balign	16
stack:
	.skip	STACK_SIZE
stack_top:

/* chapters/1-guest.nw, The first instruction: <<Start the guest: a stack, zeroed data, then C>> */
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

/* chapters/1-guest.nw, The first instruction: <<Mark this file's stack as not executable>> */
	.section .note.GNU-stack, "", @progbits
