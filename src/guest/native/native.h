/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/10-bare-metal.nw; edit the chapter, not this file. */
/* native.h: what the native back end's files share. */
#ifndef GUEST_NATIVE_H
#define GUEST_NATIVE_H

/* chapters/10-bare-metal.nw, What the native files share:
 * <<The native GDT's size and its task state entry>>
 */
#define NATIVE_GDT_ENTRIES	32	/* as many as the Host's GDT */
#define NATIVE_GDT_TSS		12	/* the Host would refuse it */

/* chapters/10-bare-metal.nw, What the native files share:
 * <<The devices' addresses on QEMU's microvm machine>>
 */
#define DEVICE_WINDOW_START	0xfe800000u	/* directory entry 0x3fa */
#define DEVICE_WINDOW_END	0xff000000u	/* and 0x3fb */
#define GED_BASE		0xfea00000u	/* ACPI event device */
#define IOAPIC_BASE		0xfec00000u	/* GSIs 0-23 */
#define IOAPIC2_BASE		0xfec10000u	/* GSIs 24-47, if any */
#define LAPIC_BASE		0xfee00000u
#define LAPIC_EOI		(LAPIC_BASE + 0xb0)
#define SPURIOUS_VECTOR		0xff	/* for nothing at all */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* chapters/10-bare-metal.nw, What the native files share: <<Read and write the PC's I/O ports>> */
static inline void outb(uint16_t port, uint8_t value)
{
	asm volatile("outb %0, %1" : : "a" (value), "Nd" (port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;

	asm volatile("inb %1, %0" : "=a" (value) : "Nd" (port));
	return value;
}

static inline void outl(uint16_t port, uint32_t value)
{
	asm volatile("outl %0, %1" : : "a" (value), "Nd" (port));
}

/* chapters/10-bare-metal.nw, What the native files share:
 * <<The calls between the native back end's files>>
 */
void setup_interrupt_controllers(void);
void calibrate_clocks(void);
void map_device_page(uint32_t pa);
#endif

#endif /* GUEST_NATIVE_H */
