// SPDX-License-Identifier: GPL-2.0
/* traps.c: the guest's IDT, and the C half of every trap handler. */
#include "console.h"
#include "main.h"
#include "paravirt.h"
#include "segments.h"
#include "traps.h"

extern const uint32_t trap_stubs[TRAP_VECTORS];

#define GATE_TRAP	0xf	/* 32-bit trap gate */

static void load_gate(unsigned int vector, uint32_t handler, bool present)
{
	uint32_t low = KERNEL_CS << 16 | (handler & 0xffff);
	uint32_t high = (handler & 0xffff0000) | DESC_DPL(1) |
			DESC_TYPE(GATE_TRAP) | (present ? DESC_P : 0);

	pv_load_idt_entry(vector, low, high);
}

void setup_idt(void)
{
	unsigned int vector;

	for (vector = 0; vector < TRAP_VECTORS; vector++)
		load_gate(vector, trap_stubs[vector], true);
}

void remove_gate(unsigned int vector)
{
	load_gate(vector, 0, false);
}

static trap_hook_t trap_hook;

void expect_trap(trap_hook_t hook)
{
	trap_hook = hook;
}

void guest_trap(struct trap_frame *tf)
{
	if (trap_hook && trap_hook(tf))
		return;
	kprintf("Guest: unexpected trap %u at eip 0x%08x error 0x%x\n",
		tf->vector, tf->eip, tf->error);
	shut_down(STATUS_BAD_TRAP);
}
