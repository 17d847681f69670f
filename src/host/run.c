// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* run.c: the run loop, and running the guest once through the Switcher. */
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/freezer.h>
#include <asm/fpu/api.h>
#include <asm/msr.h>
#include <asm/nospec-branch.h>
#include <asm/special_insns.h>
#include <asm/desc.h>
#include "lg.h"

/* chapters/5-host.nw, Interrupts that arrive while the guest runs:
 * <<Hand an interrupt that arrived in the guest to the host>>
 */
static void forward_interrupt(unsigned int vector)
{
	gate_desc *gate = (gate_desc *)host_idt.address + (vector & 0xff);
	unsigned long handler = gate_offset(gate);

	asm volatile("pushfl\n\t"
		     "pushl %[cs]\n\t"
		     CALL_NOSPEC
		     : ASM_CALL_CONSTRAINT
		     : [thunk_target] "r" (handler), [cs] "i" (__KERNEL_CS)
		     : "memory", "cc");
}

/* chapters/5-host.nw, The sysenter hole:
 * <<Keep sysenter away from the host while the guest runs>>
 */
static void disable_sysenter(void)
{
	if (boot_cpu_has(X86_FEATURE_SEP))
		wrmsr(MSR_IA32_SYSENTER_CS, 0, 0);
}

static void restore_sysenter(void)
{
	if (boot_cpu_has(X86_FEATURE_SEP))
		wrmsr(MSR_IA32_SYSENTER_CS,
		      this_cpu_read(cpu_tss_rw.x86_tss.ss1), 0);
}

/* chapters/8-switcher.nw, Before and after:
 * <<Copy the guest's state in and out of the Switcher's pages>>
 */
static atomic64_t next_guest_id = ATOMIC64_INIT(0);
static DEFINE_PER_CPU(u64, last_guest_id);

void number_guest(struct lguest *lg)
{
	lg->id = atomic64_inc_return(&next_guest_id);
}

void copy_in_guest_state(struct lguest *lg, struct lguest_pages *pages)
{
	struct lguest_ro_state *st = &pages->state;

	if (__this_cpu_read(last_guest_id) != lg->id) {
		memset(pages->spare, 0, sizeof(pages->spare));
		__this_cpu_write(last_guest_id, lg->id);
	}
	pages->regs = lg->regs;
	memcpy(&st->guest_gdt_table[LGUEST_GDT_GUEST_FIRST],
	       &lg->gdt[LGUEST_GDT_GUEST_FIRST],
	       (LGUEST_GDT_GUEST_LAST - LGUEST_GDT_GUEST_FIRST + 1) *
	       sizeof(lg->gdt[0]));
	st->guest_tss.sp1 = lg->esp1;
	st->guest_tss.ss1 = lg->ss1;
	copy_direct_gates(lg, st);
	map_switcher_in_guest(lg, smp_processor_id());
	tell_switcher_fast_faults(lg, st);
	st->guest_cr3 = __pa(lg->shadow->pgd);
}

void copy_out_guest_state(struct lguest *lg, struct lguest_pages *pages)
{
	lg->regs = pages->regs;
}

/* chapters/8-switcher.nw, Before and after: <<Switch to the guest and back>> */
static void switch_to_guest(struct lguest_pages *pages)
{
	unsigned long entry = switcher_code_addr(lguest_switch_to_guest);

	asm volatile(CALL_NOSPEC
		     : "+a" (pages), [thunk_target] "+d" (entry)
		     : : "ebx", "ecx", "esi", "edi", "memory", "cc");
}

/* chapters/5-host.nw, Running the guest once: <<Run the guest once>> */
static bool run_guest_once(struct lguest *lg)
{
	struct lguest_pages *pages;
	bool ran = false;

	kernel_fpu_begin();
	local_irq_disable();
	if (!need_resched() && !signal_pending(current) && guest_state_ok(lg)) {
		pages = lguest_pages(smp_processor_id());
		copy_in_guest_state(lg, pages);
		load_guest_fpu(lg);
		disable_sysenter();
		switch_to_guest(pages);
		restore_sysenter();
		save_guest_fpu(lg);
		copy_out_guest_state(lg, pages);
		if (lg->regs.trapnum == X86_TRAP_PF)
			lg->cr2 = read_cr2();
		if (lg->regs.trapnum == X86_TRAP_NMI)
			forward_interrupt(X86_TRAP_NMI);
		for (; pages->state.nmi_noted; pages->state.nmi_noted--)
			forward_interrupt(X86_TRAP_NMI);
		if (lg->regs.trapnum >= FIRST_EXTERNAL_VECTOR &&
		    lg->regs.trapnum < NR_VECTORS)
			forward_interrupt(lg->regs.trapnum);
		ran = true;
	}
	local_irq_enable();
	kernel_fpu_end();
	return ran;
}

/* chapters/5-host.nw, The run loop: <<Report what the guest has to say>> */
static int report_exit(struct lguest *lg, struct lguest_exit *exit)
{
	*exit = lg->exit;
	return 0;
}

/* chapters/5-host.nw, The run loop: <<Report what the guest has to say>> */
void forget_exit(struct lguest *lg)
{
	if (!lg->dead)
		memset(&lg->exit, 0, sizeof(lg->exit));
}

/* chapters/5-host.nw, The run loop: <<Tell the guest how often it has stopped>> */
static void tell_exit_count(struct lguest *lg)
{
	if (lg->data_gpa)
		write_guest(lg, &lg->exits,
			    lg->data_gpa + offsetof(struct lguest_data, exits), 4);
}

/* chapters/5-host.nw, The run loop: <<Count an exit, and tell the guest why it stopped>> */
static unsigned int exit_reason(const struct lguest_regs *regs)
{
	if (regs->trapnum == LGUEST_TRAP_HCALL)
		return regs->eax < LGUEST_WHY_PAGE_FAULT ?
		       LGUEST_WHY_HCALL + regs->eax : LGUEST_WHY_TRAP;
	if (regs->trapnum == X86_TRAP_PF)
		return LGUEST_WHY_PAGE_FAULT;
	if (regs->trapnum < FIRST_EXTERNAL_VECTOR ||
	    regs->trapnum == LGUEST_TRAP_SWITCHER)
		return LGUEST_WHY_TRAP;
	return LGUEST_WHY_INTERRUPT;
}

static void count_exit(struct lguest *lg)
{
	unsigned int why = exit_reason(&lg->regs);

	lg->exits++;
	lg->exits_by_reason[why]++;
	if (lg->data_gpa)
		write_guest(lg, &lg->exits_by_reason[why], lg->data_gpa +
			    offsetof(struct lguest_data, exits_by_reason) +
			    why * 4, 4);
}

/* chapters/5-host.nw, The run loop: <<Run the guest until it has something to say>> */
static int run_until_exit(struct lguest *lg, struct lguest_exit *exit)
{
	for (;;) {
		if (lg->exit.reason)
			return report_exit(lg, exit);
		if (signal_pending(current))
			return -EINTR;
		cond_resched();
		try_to_freeze();
		if (lg->halted) {
			wait_for_interrupt(lg);
			continue;
		}
		inject_interrupts(lg);
		if (lg->exit.reason)
			continue;
		tell_exit_count(lg);
		if (run_guest_once(lg)) {
			count_exit(lg);
			handle_trap(lg);
		}
	}
}

/* chapters/5-host.nw, The run loop: <<Run the guest until it has something to say>> */
int run_guest(struct lguest *lg, struct lguest_exit *exit)
{
	int err;

	set_guest_task(lg, current);
	err = run_until_exit(lg, exit);
	set_guest_task(lg, NULL);
	return err;
}
