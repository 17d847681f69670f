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
	OFFSET(LP_PF_ON, lguest_pages, state.pf_on);
	OFFSET(LP_PF_PGDIR, lguest_pages, state.pf_pgdir);
	OFFSET(LP_PF_PHYS, lguest_pages, state.pf_phys);
	OFFSET(LP_PF_MEM_SIZE, lguest_pages, state.pf_mem_size);
	OFFSET(LP_PF_DATA, lguest_pages, state.pf_data);
	OFFSET(LP_PF_HANDLER_EIP, lguest_pages, state.pf_handler_eip);
	OFFSET(LP_PF_HANDLER_CS, lguest_pages, state.pf_handler_cs);
	OFFSET(LP_TSS_SP1, lguest_pages, state.guest_tss.sp1);
	OFFSET(LP_TSS_SS1, lguest_pages, state.guest_tss.ss1);
	OFFSET(LR_EIP, lguest_regs, eip);
	OFFSET(LR_CS, lguest_regs, cs);
	OFFSET(LR_EFLAGS, lguest_regs, eflags);
	OFFSET(LR_ESP, lguest_regs, esp);
	OFFSET(LR_SS, lguest_regs, ss);
	OFFSET(LD_CR2, lguest_data, cr2);
	OFFSET(LD_IRQ_ENABLED, lguest_data, irq_enabled);
	DEFINE(LG_PAGE_PRESENT, _PAGE_PRESENT);
	DEFINE(LG_PAGE_PSE, _PAGE_PSE);
	OFFSET(LS_NMI_NOTED, lguest_ro_state, nmi_noted);
}
