// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* segments.c: the guest's GDT, loaded entry by entry through the Host. */
#include <stdint.h>
#include "lguest.h"
#include "paravirt.h"
#include "segments.h"

/* chapters/1-guest.nw, Segments:
 * <<Check that the guest's kernel segments are the ones it boots on>>
 */
#ifndef GUEST_NATIVE
_Static_assert(KERNEL_CS == LGUEST_BOOT_CS, "kernel code selector");
_Static_assert(KERNEL_DS == LGUEST_BOOT_DS, "kernel data selector");
#endif

/* chapters/1-guest.nw, A descriptor, bit by bit: <<Load a flat segment descriptor into the GDT>> */
#define SEG_CODE	0xb	/* execute/read, accessed */
#define SEG_DATA	0x3	/* read/write, accessed */

static void load_flat_segment(unsigned int index, unsigned int type,
			      unsigned int dpl)
{
	uint32_t low = 0x0000ffff;	/* base 15-0 = 0, limit 15-0 all ones */
	uint32_t high = DESC_G | DESC_DB | DESC_LIMIT_HIGH | DESC_P |
			DESC_DPL(dpl) | DESC_S | DESC_TYPE(type);

	pv_load_gdt_entry(index, low, high);
}

/* chapters/1-guest.nw, Reloading the segment registers:
 * <<Reload the segment registers from the new GDT>>
 */
static void reload_segments(void)
{
	asm volatile("ljmp %[cs], $1f\n"
		     "1:\tmov %[ds], %%ds\n\t"
		     "mov %[ds], %%es\n\t"
		     "mov %[ds], %%ss"
		     : : [cs] "i" (KERNEL_CS), [ds] "r" (KERNEL_DS)
		     : "memory");
}

/* chapters/1-guest.nw, Segments: <<Set up the guest's GDT>> */
void setup_gdt(void)
{
	load_flat_segment(GDT_KERNEL_CS, SEG_CODE, KERNEL_RING);
	load_flat_segment(GDT_KERNEL_DS, SEG_DATA, KERNEL_RING);
	load_flat_segment(GDT_USER_CS, SEG_CODE, 3);
	load_flat_segment(GDT_USER_DS, SEG_DATA, 3);
	reload_segments();
}

/* chapters/1-guest.nw, Reloading the segment registers: <<Tell which ring the guest runs in>> */
unsigned int current_ring(void)
{
	uint16_t cs;

	asm volatile("mov %%cs, %0" : "=rm" (cs));
	return cs & 3;
}
