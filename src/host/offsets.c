// SPDX-License-Identifier: GPL-2.0
/* offsets.c: compiled only to tell the Switcher where things are. */
#include <linux/kbuild.h>
#include <linux/stddef.h>
#include "lg.h"

void lguest_offsets(void);

void lguest_offsets(void)
{
	OFFSET(LP_REGS, lguest_pages, regs);
	OFFSET(LP_HOST_CR3, lguest_pages, state.host_cr3);
	OFFSET(LP_HOST_CR4, lguest_pages, state.host_cr4);
	OFFSET(LP_HOST_SP, lguest_pages, state.host_sp);
	OFFSET(LP_HOST_LDT, lguest_pages, state.host_ldt);
	OFFSET(LP_HOST_GDT, lguest_pages, state.host_gdt);
	OFFSET(LP_HOST_IDT, lguest_pages, state.host_idt);
	OFFSET(LP_GUEST_CR3, lguest_pages, state.guest_cr3);
	OFFSET(LP_GUEST_GDT, lguest_pages, state.guest_gdt);
	OFFSET(LP_GUEST_IDT, lguest_pages, state.guest_idt);
	OFFSET(LP_GUEST_GDT_TABLE, lguest_pages, state.guest_gdt_table);
}
