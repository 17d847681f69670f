// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* lguest.c: the paravirtual operations, done by hypercalls to the Host. */
#include "lguest.h"
#include "hcall.h"
#include "paging.h"
#include "paravirt.h"

/* chapters/1-guest.nw, The shared page: <<The guest's half of the shared page>> */
/* Written by the Host: reserved_start, reserved_end, cr2; and
 * irq_enabled, cleared when it delivers through an interrupt gate. */
static volatile struct lguest_data lguest_data
	__attribute__((aligned(PAGE_SIZE)));

/* chapters/1-guest.nw, The shared page: <<Register the shared page with the Host>> */
void pv_init(void)
{
	announce_shared_page((uint32_t)__va(0));
}

void announce_shared_page(uint32_t phys_va)
{
	hcall(LHCALL_INIT, __pa(&lguest_data), phys_va, 0);
}

/* chapters/1-guest.nw, The shared page: <<Ask the shared page where the Switcher is>> */
void pv_get_switcher_slot(uint32_t *start, uint32_t *end)
{
	*start = lguest_data.reserved_start;
	*end = lguest_data.reserved_end;
}

/* chapters/1-guest.nw, Printing, stopping and doing nothing:
 * <<Write to the console by hypercall>>
 */
void pv_write_console(const char *buf, unsigned int len)
{
	hcall(LHCALL_CONSOLE_WRITE, __pa(buf), len, 0);
}

/* chapters/1-guest.nw, Printing, stopping and doing nothing:
 * <<Shut down by hypercall, for good>>
 */
void pv_shutdown(unsigned int status)
{
	for (;;)
		hcall(LHCALL_SHUTDOWN, status, 0, 0);
}

/* chapters/1-guest.nw, Printing, stopping and doing nothing:
 * <<Make a hypercall that does nothing>>
 */
void pv_nop(void)
{
	hcall(LHCALL_NOP, 0, 0, 0);
}

/* chapters/1-guest.nw, Segments: <<Load a GDT entry by hypercall>> */
void pv_load_gdt_entry(unsigned int index, uint32_t low, uint32_t high)
{
	hcall(LHCALL_LOAD_GDT_ENTRY, index, low, high);
}

/* chapters/1-guest.nw, Traps: <<Load an IDT entry by hypercall>> */
void pv_load_idt_entry(unsigned int vector, uint32_t low, uint32_t high)
{
	hcall(LHCALL_LOAD_IDT_ENTRY, vector, low, high);
}

/* chapters/1-guest.nw, Building the tables: <<Switch page directories by hypercall>> */
void pv_load_pgdir(uint32_t pgdir_pa)
{
	hcall(LHCALL_NEW_PGDIR, pgdir_pa, 0, 0);
}

/* chapters/1-guest.nw, Changing a live table:
 * <<Invalidate the Host's shadow translations by hypercall>>
 */
void pv_invlpg(uint32_t va)
{
	hcall(LHCALL_INVLPG, va, 0, 0);
}

void pv_flush_tlb(void)
{
	hcall(LHCALL_FLUSH_TLB, 0, 0, 0);
}

/* chapters/2-processes.nw, Address spaces: <<Report a changed page-table entry by hypercall>> */
void pv_set_pte(uint32_t dir_pa, uint32_t va)
{
	hcall(LHCALL_SET_PTE, dir_pa, va, 0);
}

void pv_set_pgd(uint32_t dir_pa, unsigned int index)
{
	hcall(LHCALL_SET_PGD, dir_pa, index, 0);
}

/* chapters/2-processes.nw, Address spaces: <<Name the stack for traps from ring 3 by hypercall>> */
void pv_set_stack(uint32_t ss, uint32_t esp)
{
	hcall(LHCALL_SET_STACK, ss, esp, 0);
}

/* chapters/11-test-modes.nw, Traps the guest handles:
 * <<Read the faulting address from the shared page>>
 */
uint32_t pv_read_cr2(void)
{
	return lguest_data.cr2;
}

/* chapters/2-processes.nw, System calls: <<Read the Host's count of exits from the shared page>> */
uint32_t pv_exit_count(void)
{
	return lguest_data.exits;
}

/* chapters/9-mastery.nw, The kernel's half:
 * <<Read the Host's count of exits from the shared page>>
 */

uint32_t pv_exits_for(unsigned int why)
{
	return lguest_data.exits_by_reason[why];
}

/* chapters/1-guest.nw, The virtual interrupt flag:
 * <<Turn the virtual interrupt flag off and on>>
 */
void pv_irq_disable(void)
{
	lguest_data.irq_enabled = 0;
}

void pv_irq_enable(void)
{
	lguest_data.irq_enabled = 1;
	if (lguest_data.irq_pending)
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0);
}

/* chapters/1-guest.nw, The virtual interrupt flag: <<Halt until an interrupt>> */
void pv_halt(void)
{
	hcall(LHCALL_HALT, 0, 0, 0);
}

/* chapters/1-guest.nw, The virtual interrupt flag: <<Block and unblock one interrupt line>> */
void pv_block_irq(unsigned int line, bool blocked)
{
	if (blocked)
		lguest_data.blocked_irqs |= 1u << line;
	else
		lguest_data.blocked_irqs &= ~(1u << line);
	if (!blocked && lguest_data.irq_enabled && lguest_data.irq_pending)
		hcall(LHCALL_SEND_INTERRUPTS, 0, 0, 0);
}

/* chapters/1-guest.nw, Time: <<Read the clock's rate and set the timer by hypercall>> */
uint32_t pv_tsc_khz(void)
{
	return lguest_data.tsc_khz;
}

void pv_set_timer(uint32_t ns)
{
	hcall(LHCALL_SET_CLOCKEVENT, ns, 0, 0);
}

/* chapters/1-guest.nw, Device registers: <<Read and write a device register by hypercall>> */
uint32_t pv_mmio_read(uint32_t pa)
{
	return hcall(LHCALL_MMIO_READ, pa, 0, 0);
}

void pv_mmio_write(uint32_t pa, uint32_t value)
{
	hcall(LHCALL_MMIO_WRITE, pa, value, 0);
}
