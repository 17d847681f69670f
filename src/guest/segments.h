/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* segments.h: the guest's segment selectors and descriptor bits. */
#ifndef GUEST_SEGMENTS_H
#define GUEST_SEGMENTS_H

/* chapters/1-guest.nw, Segments: <<The guest's GDT entries and selectors>> */
#define GDT_KERNEL_CS	2
#define GDT_KERNEL_DS	3
#define GDT_USER_CS	4
#define GDT_USER_DS	5

#ifdef GUEST_NATIVE
#define KERNEL_RING	0	/* the native back end: a bare processor */
#else
#define KERNEL_RING	1	/* under the Host */
#endif
#define KERNEL_CS	(GDT_KERNEL_CS << 3 | KERNEL_RING)
#define KERNEL_DS	(GDT_KERNEL_DS << 3 | KERNEL_RING)
#define USER_CS		(GDT_USER_CS << 3 | 3)	/* RPL 3: ring 3 */
#define USER_DS		(GDT_USER_DS << 3 | 3)

#ifndef __ASSEMBLER__

/* chapters/1-guest.nw, A descriptor, bit by bit: <<The bits of a descriptor's high word>> */
#define DESC_TYPE(type)	((type) << 8)
#define DESC_S		(1u << 12)	/* code or data, not system */
#define DESC_DPL(dpl)	((dpl) << 13)
#define DESC_P		(1u << 15)	/* present */
#define DESC_LIMIT_HIGH	(0xfu << 16)	/* limit bits 19-16, all ones */
#define DESC_DB		(1u << 22)	/* 32-bit */
#define DESC_G		(1u << 23)	/* limit in 4 KiB pages */

void setup_gdt(void);
unsigned int current_ring(void);
#endif

#endif /* GUEST_SEGMENTS_H */
