// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* segments.c: the guest's global descriptor table, checked. */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include "lg.h"

/* chapters/5-host.nw, Segments: <<Make a descriptor safe for the guest>> */
static bool fix_guest_descriptor(struct lguest *lg, u32 index,
				 struct desc_struct *desc)
{
	if (!desc->p)
		return true;
	if (!desc->s) {
		kill_guest(lg, "GDT entry %u is a system descriptor (type 0x%x)",
			   index, desc->type);
		return false;
	}
	if (desc->dpl == 0)
		desc->dpl = 1;
	desc->type |= 1;	/* accessed */
	return true;
}

/* chapters/5-host.nw, Segments: <<Give a new guest its boot descriptors>> */
struct desc_struct flat_segment(u16 flags)
{
	struct desc_struct desc = GDT_ENTRY_INIT(flags, 0, 0xffff);

	desc.limit1 = 0xf;
	return desc;
}

void setup_guest_gdt(struct lguest *lg)
{
	lg->gdt[LGUEST_BOOT_CS >> 3] = flat_segment(0xc0bb);
	lg->gdt[LGUEST_BOOT_DS >> 3] = flat_segment(0xc0b3);
}

/* chapters/5-host.nw, Segments: <<Load one entry of the guest's descriptor table>> */
void load_guest_gdt_entry(struct lguest *lg, u32 index, u32 lo, u32 hi)
{
	u32 raw[2] = { lo, hi };
	struct desc_struct desc;

	if (index < LGUEST_GDT_GUEST_FIRST || index > LGUEST_GDT_GUEST_LAST) {
		kill_guest(lg, "GDT entry %u is not the guest's", index);
		return;
	}
	memcpy(&desc, raw, sizeof(desc));
	if (fix_guest_descriptor(lg, index, &desc)) {
		lg->gdt[index] = desc;
		check_direct_gates(lg);
		check_fast_faults(lg);
	}
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Check the guest's selectors>> */
static const struct desc_struct *guest_descriptor(const struct lguest *lg,
						  u32 sel)
{
	u32 index = (sel & 0xffff) >> 3;

	if ((sel & 4) || index < LGUEST_GDT_GUEST_FIRST ||
	    index > LGUEST_GDT_GUEST_LAST || !lg->gdt[index].p ||
	    !lg->gdt[index].s)
		return NULL;
	return &lg->gdt[index];
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Check the guest's selectors>> */
bool guest_code_selector_ok(const struct lguest *lg, u32 sel, u32 rpl)
{
	const struct desc_struct *d = guest_descriptor(lg, sel);

	return d && (sel & 3) == rpl && d->dpl == rpl && d->d &&
	       (d->type & 0xc) == 0x8;
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Check the guest's selectors>> */
static u32 segment_limit(const struct desc_struct *d)
{
	u32 limit = d->limit0 | (d->limit1 << 16);

	return d->g ? (limit << 12) | 0xfff : limit;
}

bool guest_eip_ok(const struct lguest *lg, u32 sel, u32 eip)
{
	const struct desc_struct *d = guest_descriptor(lg, sel);

	return d && eip <= segment_limit(d);
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Check the guest's selectors>> */
static bool stack_selector_ok(const struct lguest *lg, u32 sel, u32 rpl)
{
	const struct desc_struct *d = guest_descriptor(lg, sel);

	return d && (sel & 3) == rpl && d->dpl == rpl && d->d &&
	       (d->type & 0xe) == 0x2;
}

static bool data_selector_ok(const struct lguest *lg, u32 sel)
{
	const struct desc_struct *d = guest_descriptor(lg, sel);

	if ((sel & 0xfffc) == 0)
		return true;
	return d && (sel & 3) <= d->dpl && (d->type & 0xa) != 0x8;
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Check the guest's selectors>> */
bool ring1_stack_ok(const struct lguest *lg)
{
	const struct desc_struct *d = guest_descriptor(lg, lg->ss1);

	return stack_selector_ok(lg, lg->ss1, 1) && lg->esp1 >= 24 &&
	       lg->esp1 - 1 <= segment_limit(d) &&
	       PGD_INDEX(lg->esp1 - 24) != SLOT_OF(switcher_addr) &&
	       PGD_INDEX(lg->esp1 - 1) != SLOT_OF(switcher_addr);
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Check the guest's selectors>> */
#define GUEST_EFLAGS	(X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
			 X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_TF | \
			 X86_EFLAGS_DF | X86_EFLAGS_OF | X86_EFLAGS_NT | \
			 X86_EFLAGS_AC | X86_EFLAGS_ID)

bool guest_state_ok(struct lguest *lg)
{
	struct lguest_regs *r = &lg->regs;
	u32 rpl = r->cs & 3;

	r->eflags = (r->eflags & GUEST_EFLAGS) | X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	if (!((rpl == 1 || rpl == 3) && guest_code_selector_ok(lg, r->cs, rpl) &&
	      stack_selector_ok(lg, r->ss, rpl) && data_selector_ok(lg, r->ds) &&
	      data_selector_ok(lg, r->es) && data_selector_ok(lg, r->fs) &&
	      data_selector_ok(lg, r->gs))) {
		kill_guest(lg, "bad segments: cs 0x%x ss 0x%x ds 0x%x es 0x%x fs 0x%x gs 0x%x",
			   r->cs & 0xffff, r->ss & 0xffff, r->ds & 0xffff,
			   r->es & 0xffff, r->fs & 0xffff, r->gs & 0xffff);
		return false;
	}
	if (!guest_eip_ok(lg, r->cs, r->eip)) {
		kill_guest(lg, "eip 0x%08x beyond the limit of cs 0x%x", r->eip,
			   r->cs & 0xffff);
		return false;
	}
	return true;
}

/* chapters/5-host.nw, Checking the guest's selectors:
 * <<Set the guest's stack for traps from ring 3>>
 */
void set_guest_stack(struct lguest *lg, u32 ss, u32 esp)
{
	if (!stack_selector_ok(lg, ss, 1)) {
		kill_guest(lg, "bad ring-1 stack segment 0x%x", ss);
		return;
	}
	lg->ss1 = ss;
	lg->esp1 = esp;
	check_direct_gates(lg);
	check_fast_faults(lg);
}

/* chapters/8-switcher.nw, Filling the pages when the module loads:
 * <<Fill a processor's GDT and task state for the Switcher>>
 */
void setup_switcher_gdt(struct lguest_pages *pages, unsigned int cpu)
{
	struct lguest_ro_state *st = &pages->state;
	struct desc_struct *gdt = st->guest_gdt_table;
	unsigned long tss = (unsigned long)&st->guest_tss;

	gdt[GDT_ENTRY_KERNEL_CS] = flat_segment(0xc09b);
	gdt[GDT_ENTRY_KERNEL_DS] = flat_segment(0xc093);
	gdt[GDT_ENTRY_TSS] = (struct desc_struct)GDT_ENTRY_INIT(0x0089, tss,
				sizeof(st->guest_tss) - 1);
	gdt[GDT_ENTRY_DOUBLEFAULT_TSS] =
		get_cpu_gdt_rw(cpu)[GDT_ENTRY_DOUBLEFAULT_TSS];
	st->guest_gdt.size = sizeof(st->guest_gdt_table) - 1;
	st->guest_gdt.address = (unsigned long)gdt;
	st->guest_tss.ss0 = __KERNEL_DS;
	st->guest_tss.sp0 = (unsigned long)(&pages->regs + 1);
	st->guest_tss.io_bitmap_base = sizeof(st->guest_tss);
}
