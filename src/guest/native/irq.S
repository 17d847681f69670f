/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/10-bare-metal.nw; edit the chapter, not this file. */
/* irq.S: acknowledge the local APIC, then go on to the guest's stub. */
#include "native.h"

/* chapters/10-bare-metal.nw, Gates:
 * <<Make an acknowledging stub for each interrupt line, and a table of them>>
 */
	.macro	eoi_stub line
eoi_\line:
	movl	$0, LAPIC_EOI
	jmp	*native_irq_targets + 4 * \line
	.pushsection .rodata
	.long	eoi_\line
	.popsection
	.endm

	.section .rodata
	.balign	4
	.globl	native_eoi_stubs
native_eoi_stubs:
	.text
	.irp	line, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	eoi_stub \line
	.endr

/* chapters/10-bare-metal.nw, Gates: <<Return at once from a spurious interrupt>> */
	.text
	.globl	native_spurious
native_spurious:
	iret

/* chapters/1-guest.nw, The first instruction: <<Mark this file's stack as not executable>> */
	.section .note.GNU-stack, "", @progbits
