// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* fast_faults.c: what the Switcher needs to reflect page faults itself. */
#include <linux/moduleparam.h>
#include <asm/desc.h>
#include "lg.h"

/* chapters/9-mastery.nw, A page fault that never leaves the guest:
 * <<Let the reader turn fast faults off>>
 */
bool fast_faults = true;
module_param(fast_faults, bool, 0644);
MODULE_PARM_DESC(fast_faults, "reflect guest page faults in the Switcher (default 1)");

/* chapters/9-mastery.nw, Reading the guest's tables from the Switcher:
 * <<Decide whether the Switcher may reflect page faults>>
 */
static bool clear_of_switcher(u32 va, u32 len)
{
	u64 start = SLOT_OF(switcher_addr) << SLOT_SHIFT;
	u64 end = start + (1U << SLOT_SHIFT);

	return (u64)va + len <= 1ULL << 32 &&
	       ((u64)va + len <= start || va >= end);
}

/* chapters/9-mastery.nw, Reading the guest's tables from the Switcher:
 * <<Decide whether the Switcher may reflect page faults>>
 */
void check_fast_faults(struct lguest *lg)
{
	const u32 *gate = lg->idt[X86_TRAP_PF];
	u32 sel = gate[0] >> 16;
	u32 offset = (gate[0] & 0xffff) | (gate[1] & 0xffff0000);

	lg->fast_pf_ok = lg->data_gpa && (gate[1] & GATE_PRESENT) &&
		((gate[1] >> 8) & 0x1f) == GATE_TRAP &&
		guest_code_selector_ok(lg, sel, 1) &&
		guest_eip_ok(lg, sel, offset) && ring1_stack_ok(lg) &&
		get_desc_base(&lg->gdt[(lg->ss1 & 0xffff) >> 3]) == 0 &&
		clear_of_switcher(lg->phys_va, lg->mem_size);
}

/* chapters/9-mastery.nw, Reading the guest's tables from the Switcher:
 * <<Decide whether the Switcher may reflect page faults>>
 */
void tell_switcher_fast_faults(struct lguest *lg, struct lguest_ro_state *st)
{
	const u32 *gate = lg->idt[X86_TRAP_PF];

	st->pf_on = lg->fast_pf_ok && READ_ONCE(fast_faults);
	st->pf_pgdir = lg->phys_va + lg->shadow->guest_cr3;
	st->pf_phys = lg->phys_va;
	st->pf_mem_size = lg->mem_size;
	st->pf_data = lg->phys_va + lg->data_gpa;
	st->pf_handler_eip = (gate[0] & 0xffff) | (gate[1] & 0xffff0000);
	st->pf_handler_cs = gate[0] >> 16;
}
