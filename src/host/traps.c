// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/7-interrupts.nw; edit the chapter, not this file. */
/* traps.c: what the Host does with the guest's traps. */
#include <linux/kernel.h>
#include <asm/traps.h>
#include <asm/trapnr.h>
#include "lg.h"

/* chapters/7-interrupts.nw, Delivering a trap to the guest:
 * <<Decide whether the processor pushed an error code>>
 */
static bool has_error_code(u32 vector)
{
	switch (vector) {
	case X86_TRAP_DF: case X86_TRAP_TS: case X86_TRAP_NP:
	case X86_TRAP_SS: case X86_TRAP_GP: case X86_TRAP_PF:
	case X86_TRAP_AC:
		return true;
	}
	return false;
}

/* chapters/7-interrupts.nw, Delivering a trap to the guest:
 * <<Push a word onto the guest's stack>>
 */
static bool push_guest(struct lguest *lg, u32 *esp, u32 value)
{
	u32 gpa;

	*esp -= 4;
	if (!guest_virt_to_phys(lg, *esp, true, &gpa))
		return false;
	write_guest(lg, &value, gpa, 4);
	return !lg->dead;
}

/* chapters/7-interrupts.nw, Delivering a trap to the guest:
 * <<Make the flags a trap frame holds>>
 */
static u32 virtual_eflags(struct lguest *lg)
{
	u32 eflags = lg->regs.eflags & ~X86_EFLAGS_IF;

	return guest_irqs_enabled(lg) ? eflags | X86_EFLAGS_IF : eflags;
}

/* chapters/7-interrupts.nw, Delivering a trap to the guest:
 * <<Deliver a trap to the guest's own handler>>
 */
static void deliver_trap(struct lguest *lg, u32 vector)
{
	struct lguest_regs *regs = &lg->regs;

	if (!(lg->idt[vector][1] & GATE_PRESENT)) {
		if (vector == X86_TRAP_DF || !(lg->idt[X86_TRAP_DF][1] & GATE_PRESENT)) {
			kill_guest(lg, "triple fault: trap %u at eip 0x%08x has no handler",
				   regs->trapnum, regs->eip);
			return;
		}
		vector = X86_TRAP_DF;
		regs->errcode = 0;
	}
	if (vector == X86_TRAP_PF && lg->data_gpa)
		write_guest(lg, &lg->cr2,
			    lg->data_gpa + offsetof(struct lguest_data, cr2), 4);
	{
		u32 esp = regs->esp, ss = regs->ss;
		bool ok = true;

		if ((regs->cs & 3) != 1) {
			if (!ring1_stack_ok(lg)) {
				kill_guest(lg, "bad ring-1 stack 0x%x:0x%08x for trap %u",
					   lg->ss1 & 0xffff, lg->esp1, vector);
				return;
			}
			esp = lg->esp1;
			ss = lg->ss1;
			ok = push_guest(lg, &esp, regs->ss) && push_guest(lg, &esp, regs->esp);
		}
		ok = ok && push_guest(lg, &esp, virtual_eflags(lg)) &&
		     push_guest(lg, &esp, regs->cs) && push_guest(lg, &esp, regs->eip);
		if (ok && has_error_code(vector))
			ok = push_guest(lg, &esp, regs->errcode);
		if (!ok) {
			kill_guest(lg, "triple fault: cannot push trap %u frame at 0x%08x",
				   vector, esp);
			return;
		}
		regs->esp = esp;
		regs->ss = ss;
		regs->cs = lg->idt[vector][0] >> 16;
		regs->eip = (lg->idt[vector][0] & 0xffff) | (lg->idt[vector][1] & 0xffff0000);
		regs->eflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF);
		if (((lg->idt[vector][1] >> 8) & 0x1f) == GATE_INTERRUPT && lg->data_gpa) {
			u32 off = 0;

			write_guest(lg, &off,
				    lg->data_gpa + offsetof(struct lguest_data, irq_enabled), 4);
		}
	}
}

/* chapters/7-interrupts.nw, Injecting an interrupt:
 * <<Deliver an interrupt to the guest's own handler>>
 */
void deliver_interrupt(struct lguest *lg, u32 vector)
{
	if (lg->idt[vector][1] & GATE_PRESENT)
		deliver_trap(lg, vector);
}

/* chapters/7-interrupts.nw, Delivering a trap to the guest:
 * <<Load one entry of the guest's interrupt table>>
 */
void load_guest_idt_entry(struct lguest *lg, u32 vector, u32 lo, u32 hi)
{
	u32 type = (hi >> 8) & 0x1f, sel = lo >> 16;

	if (vector >= IDT_ENTRIES) {
		kill_guest(lg, "IDT entry 0x%x does not exist", vector);
		return;
	}
	if (!(hi & GATE_PRESENT)) {
		lg->idt[vector][0] = 0;
		lg->idt[vector][1] = 0;
		check_direct_gates(lg);
		check_fast_faults(lg);
		return;
	}
	if ((type != GATE_INTERRUPT && type != GATE_TRAP) ||
	    !guest_code_selector_ok(lg, sel, 1)) {
		kill_guest(lg, "bad IDT entry 0x%x: 0x%08x%08x", vector, hi, lo);
		return;
	}
	lg->idt[vector][0] = lo;
	lg->idt[vector][1] = hi;
	check_direct_gates(lg);
	check_fast_faults(lg);
}

/* chapters/7-interrupts.nw, Traps: <<Handle the trap that stopped the guest>> */
void handle_trap(struct lguest *lg)
{
	struct lguest_regs *regs = &lg->regs;

	switch (regs->trapnum) {
	case LGUEST_TRAP_HCALL:
		do_hypercall(lg);
		return;
	case X86_TRAP_PF:
		if (demand_page(lg, lg->cr2, regs->errcode))
			return;
		break;
	case X86_TRAP_NMI:
		return;
	case LGUEST_TRAP_SWITCHER:
		kill_guest(lg, "the Switcher could not read trap 0x%x (its own fault, or vm86)",
			   regs->errcode);
		return;
	case X86_TRAP_GP:
		if ((regs->cs & 3) == 1) {
			kill_guest(lg, "privileged instruction at eip 0x%08x (#GP, error 0x%x)",
				   regs->eip, regs->errcode);
			return;
		}
		break;
	}
	if (regs->trapnum < FIRST_EXTERNAL_VECTOR)
		deliver_trap(lg, regs->trapnum);
}

/* chapters/8-switcher.nw, Filling the pages when the module loads:
 * <<Fill a processor's interrupt table with the Switcher's gates>>
 */
static void set_switcher_gate(gate_desc *gate, unsigned long addr, u32 dpl)
{
	u32 raw[2];

	raw[0] = (__KERNEL_CS << 16) | (addr & 0xffff);
	raw[1] = (addr & 0xffff0000) | GATE_PRESENT | (dpl << 13) |
		 (GATE_INTERRUPT << 8);
	memcpy(gate, raw, sizeof(raw));
}

void setup_switcher_idt(struct lguest_pages *pages)
{
	struct lguest_ro_state *st = &pages->state;
	unsigned long stubs = switcher_code_addr(lguest_trap_stubs);
	unsigned int v;

	for (v = 0; v < IDT_ENTRIES; v++)
		set_switcher_gate(&st->guest_idt_table[v], stubs + v * 16,
				  v == LGUEST_TRAP_HCALL ? 1 : 0);
	st->guest_idt_table[X86_TRAP_DF] =
		((gate_desc *)host_idt.address)[X86_TRAP_DF];
	st->guest_idt.size = sizeof(st->guest_idt_table) - 1;
	st->guest_idt.address = (unsigned long)st->guest_idt_table;
}

/* chapters/7-interrupts.nw, Traps that need no Host:
 * <<Copy the guest's direct gates into the Switcher's table>>
 */
static const u8 direct_vectors[] = {
	X86_TRAP_BP, X86_TRAP_OF, X86_TRAP_BR, X86_TRAP_UD,
	X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_XF, LGUEST_SYSCALL_VECTOR,
};

/* chapters/7-interrupts.nw, Traps that need no Host:
 * <<Copy the guest's direct gates into the Switcher's table>>
 */
static bool gate_can_be_direct(const struct lguest *lg, const u32 gate[2])
{
	u32 sel = gate[0] >> 16;
	u32 offset = (gate[0] & 0xffff) | (gate[1] & 0xffff0000);

	return (gate[1] & GATE_PRESENT) &&
	       ((gate[1] >> 8) & 0x1f) == GATE_TRAP &&
	       guest_code_selector_ok(lg, sel, 1) &&
	       guest_eip_ok(lg, sel, offset);
}

/* chapters/7-interrupts.nw, Traps that need no Host:
 * <<Copy the guest's direct gates into the Switcher's table>>
 */
void check_direct_gates(struct lguest *lg)
{
	unsigned int i;

	lg->direct = 0;
	if (!ring1_stack_ok(lg))
		return;
	for (i = 0; i < ARRAY_SIZE(direct_vectors); i++)
		if (gate_can_be_direct(lg, lg->idt[direct_vectors[i]]))
			lg->direct |= 1U << i;
}

/* chapters/7-interrupts.nw, Traps that need no Host:
 * <<Copy the guest's direct gates into the Switcher's table>>
 */
static u32 stub_dpl(const struct lguest *lg, unsigned int v)
{
	if (v == X86_TRAP_AC || v == LGUEST_SYSCALL_VECTOR ||
	    !(lg->idt[v][1] & GATE_PRESENT))
		return 0;
	return (lg->idt[v][1] >> 13) & 3;
}

void copy_direct_gates(struct lguest *lg, struct lguest_ro_state *st)
{
	unsigned long stubs = switcher_code_addr(lguest_trap_stubs);
	unsigned int i, v;

	for (i = 0; i < ARRAY_SIZE(direct_vectors); i++) {
		v = direct_vectors[i];
		if (lg->direct & (1U << i))
			memcpy(&st->guest_idt_table[v], lg->idt[v], 8);
		else
			set_switcher_gate(&st->guest_idt_table[v],
					  stubs + v * 16, stub_dpl(lg, v));
	}
}
