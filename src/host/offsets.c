// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/8-switcher.nw; edit the chapter, not this file. */
/* offsets.c: compiled only to tell the Switcher where things are. */
#include <linux/kbuild.h>
#include <linux/stddef.h>
#include "lg.h"

void lguest_offsets(void);

void lguest_offsets(void)
{
	OFFSET(LP_REGS, lguest_pages, regs);
	OFFSET(LP_HOST_CR3, lguest_pages, state.host_cr3);
	OFFSET(LP_HOST_CR4, lguest_pages, host.cr4);
	OFFSET(LP_HOST_SP, lguest_pages, host.sp);
	OFFSET(LP_HOST_LDT, lguest_pages, host.ldt);
	OFFSET(LP_HOST_GDT, lguest_pages, host.gdt);
	OFFSET(LP_HOST_IDT, lguest_pages, host.idt);
	OFFSET(LP_GUEST_CR3, lguest_pages, state.guest_cr3);
	OFFSET(LP_GUEST_GDT, lguest_pages, state.guest_gdt);
	OFFSET(LP_GUEST_IDT, lguest_pages, state.guest_idt);
	OFFSET(LP_GUEST_GDT_TABLE, lguest_pages, state.guest_gdt_table);
	OFFSET(LR_TRAPNUM, lguest_regs, trapnum);
	OFFSET(LR_ERRCODE, lguest_regs, errcode);
	DEFINE(LG_TRAP_SWITCHER, LGUEST_TRAP_SWITCHER);
}
