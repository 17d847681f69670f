/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/10-bare-metal.nw; edit the chapter, not this file. */
/* boot.S: the native kernel's PVH entry, from QEMU's boot code to start. */
#include "native.h"
#include "segments.h"

/* chapters/10-bare-metal.nw, Booting bare: the PVH entry:
 * <<The PVH note that names the native entry point>>
 */
#define XEN_ELFNOTE_PHYS32_ENTRY	18

	.section .note.Xen, "a", @note
	.balign	4
	.long	4		/* name size: "Xen" and its NUL */
	.long	4		/* description size: one address */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.long	pvh_start

/* chapters/10-bare-metal.nw, Booting bare: the PVH entry:
 * <<The native GDT's pointer, and a stack for the boot>>
 */
	.section .rodata
	.balign	4
gdt_pointer:
	.word	NATIVE_GDT_ENTRIES * 8 - 1
	.long	native_gdt

	.bss
	.balign	16
	.skip	1024
boot_stack_top:

/* chapters/10-bare-metal.nw, Booting bare: the PVH entry:
 * <<Enter from QEMU: our GDT, a stack, the boot information, then start>>
 */
	.text
	.globl	pvh_start
pvh_start:
	lgdt	gdt_pointer
	ljmp	$KERNEL_CS, $1f
1:	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$boot_stack_top, %esp
	pushl	%ebx		/* where struct hvm_start_info is */
	call	native_boot
	movl	$native_boot_info, %esi
	jmp	start

/* chapters/1-guest.nw, The first instruction: <<Mark this file's stack as not executable>> */
	.section .note.GNU-stack, "", @progbits
