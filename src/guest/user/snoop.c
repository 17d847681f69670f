// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* snoop.c: a process that tries what it must not. */
#include "ulib.h"

#define KERNEL_ADDRESS	0x00100000u	/* the guest kernel's first page */

int main(uint32_t how)
{
	volatile uint32_t *kernel = (volatile uint32_t *)KERNEL_ADDRESS;
	uint32_t zero = how - 5;

	switch (how) {
	case 0: (void)*kernel; break;
	case 1: *kernel = 0; break;
	case 2: asm volatile("cli"); break;
	case 3: asm volatile("int $0x1f" : : "a" (0)); break;
	case 4: asm volatile("pushfl; orl $0x100, (%%esp); popfl; int $0x80"
			     : : "a" (SYS_GETPID) : "memory"); break;
	case 5: asm volatile("divl %1" : : "a" (1), "r" (zero), "d" (0)); break;
	case 6: asm volatile("sysenter"); break;
	}
	uprintf("snoop: still alive after trick %u\n", how);
	return 1;
}
