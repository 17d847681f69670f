/* SPDX-License-Identifier: GPL-2.0 */
/* boot.S: the native kernel's PVH entry, from QEMU's boot code to start. */
#include "native.h"
#include "segments.h"

#define XEN_ELFNOTE_PHYS32_ENTRY	18

	.section .note.Xen, "a", @note
	.balign	4
	.long	4		/* name size: "Xen" and its NUL */
	.long	4		/* description size: one address */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
	.asciz	"Xen"
	.long	pvh_start

	.section .rodata
	.balign	4
gdt_pointer:
	.word	NATIVE_GDT_ENTRIES * 8 - 1
	.long	native_gdt

	.bss
	.balign	16
	.skip	1024
boot_stack_top:

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

	.section .note.GNU-stack, "", @progbits
