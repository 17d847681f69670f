// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* hypercalls.c: what the guest asks of the Host, and the answers. */
#include <linux/kernel.h>
#include <asm/tsc.h>
#include "lg.h"

/* chapters/5-host.nw, Hypercalls: <<Accept the guest's shared page>> */
static void accept_guest_data(struct lguest *lg, u32 gpa, u32 phys_va)
{
	struct lguest_data data = { };

	if (!guest_range_ok(lg, gpa, sizeof(data)) ||
	    (gpa & ~PAGE_MASK) + sizeof(data) > PAGE_SIZE) {
		kill_guest(lg, "bad lguest_data address 0x%08x", gpa);
		return;
	}
	data.reserved_start = SLOT_OF(switcher_addr) << SLOT_SHIFT;
	data.reserved_end = data.reserved_start + (1U << SLOT_SHIFT);
	data.tsc_khz = tsc_khz;
	write_guest(lg, &data, gpa, sizeof(data));
	lg->data_gpa = gpa;
	lg->phys_va = phys_va;
	check_fast_faults(lg);
}

/* chapters/5-host.nw, Hypercalls: <<Carry out one hypercall>> */
void do_hypercall(struct lguest *lg)
{
	struct lguest_regs *regs = &lg->regs;
	u32 nr = regs->eax;

	regs->eax = 0;
	switch (nr) {
	case LHCALL_NOP:
		break;
	case LHCALL_INIT:
		accept_guest_data(lg, regs->ebx, regs->ecx);
		break;
	case LHCALL_CONSOLE_WRITE:
		if (!guest_range_ok(lg, regs->ebx, regs->ecx)) {
			kill_guest(lg, "console write of 0x%x bytes at 0x%08x",
				   regs->ecx, regs->ebx);
			break;
		}
		lg->exit.reason = LGUEST_EXIT_CONSOLE;
		lg->exit.arg[0] = regs->ebx;
		lg->exit.arg[1] = regs->ecx;
		break;
	case LHCALL_SHUTDOWN:
		lg->exit.reason = LGUEST_EXIT_SHUTDOWN;
		lg->exit.arg[0] = regs->ebx;
		lg->dead = true;
		break;
	case LHCALL_LOAD_GDT_ENTRY:
		load_guest_gdt_entry(lg, regs->ebx, regs->ecx, regs->edx);
		break;
	case LHCALL_LOAD_IDT_ENTRY:
		load_guest_idt_entry(lg, regs->ebx, regs->ecx, regs->edx);
		break;
	case LHCALL_SET_STACK:
		set_guest_stack(lg, regs->ebx, regs->ecx);
		break;
	case LHCALL_NEW_PGDIR:
		load_guest_page_directory(lg, regs->ebx);
		break;
	case LHCALL_FLUSH_TLB:
		flush_shadow_page_tables(lg);
		break;
	case LHCALL_INVLPG:
		invalidate_shadow_page(lg, regs->ebx);
		break;
	case LHCALL_SET_PTE:
		set_guest_pte(lg, regs->ebx, regs->ecx);
		break;
	case LHCALL_SET_PGD:
		set_guest_pgd(lg, regs->ebx, regs->ecx);
		break;
	case LHCALL_SET_CLOCKEVENT:
		set_guest_clockevent(lg, regs->ebx);
		break;
	case LHCALL_HALT:
		set_guest_irqs_enabled(lg);
		lg->halted = true;
		break;
	case LHCALL_SEND_INTERRUPTS:
		break;
	case LHCALL_MMIO_READ:
		lg->exit.reason = LGUEST_EXIT_MMIO_READ;
		lg->exit.arg[0] = regs->ebx;
		break;
	case LHCALL_MMIO_WRITE:
		lg->exit.reason = LGUEST_EXIT_MMIO_WRITE;
		lg->exit.arg[0] = regs->ebx;
		lg->exit.arg[1] = regs->ecx;
		break;
	default:
		kill_guest(lg, "bad hypercall 0x%x", nr);
	}
}
