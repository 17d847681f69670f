/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/0-preparation.nw; edit the chapter, not this file. */
/* lguest.h: the ABI shared by the guest, the Launcher and the Host. */
#ifndef LGUEST_H
#define LGUEST_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
typedef uint32_t __u32;
#endif

#define LGUEST_ABI_VERSION	3

/* chapters/0-preparation.nw, The ABI in one page: <<Hypercall numbers>> */
#define LGUEST_TRAP_HCALL	0x1f

#define LHCALL_NOP		0	/* nothing: measures a round trip */
#define LHCALL_INIT		1	/* (gpa of struct lguest_data, va of gpa 0) */
#define LHCALL_CONSOLE_WRITE	2	/* (gpa, length) */
#define LHCALL_SHUTDOWN		3	/* (status) */
#define LHCALL_LOAD_GDT_ENTRY	4	/* (index, low word, high word) */
#define LHCALL_LOAD_IDT_ENTRY	5	/* (vector, low word, high word) */
#define LHCALL_NEW_PGDIR	6	/* (gpa of the page directory) */
#define LHCALL_FLUSH_TLB	7	/* () */
#define LHCALL_INVLPG		8	/* (virtual address) */
#define LHCALL_SET_STACK	9	/* (ss, esp) for traps from ring 3 */
#define LHCALL_SET_PTE		10	/* (gpa of directory, virtual address) */
#define LHCALL_SET_PGD		11	/* (gpa of directory, entry index) */
#define LHCALL_SET_CLOCKEVENT	12	/* (nanoseconds from now; 0 = cancel) */
#define LHCALL_HALT		13	/* (): interrupts on, sleep until one is pending */
#define LHCALL_SEND_INTERRUPTS	14	/* (): deliver pending interrupts now */
#define LHCALL_MMIO_READ	15	/* (device address): its 32-bit value */
#define LHCALL_MMIO_WRITE	16	/* (device address, 32-bit value) */
#define LHCALL_COUNT		17

/* chapters/0-preparation.nw, The ABI in one page: <<The guest's entry state>> */
#define LGUEST_BOOT_CS		((2 << 3) | 1)	/* GDT entry 2, ring 1 */
#define LGUEST_BOOT_DS		((3 << 3) | 1)	/* GDT entry 3, ring 1 */

/* chapters/0-preparation.nw, The ABI in one page: <<The guest's entry state>> */
#define LGUEST_SYSCALL_VECTOR	0x80	/* the one direct vector above 31 */

/* chapters/0-preparation.nw, The ABI in one page: <<The guest's entry state>> */
#define LGUEST_IRQ_BASE		32	/* line n is vector 32 + n */
#define LGUEST_IRQS		32
#define LGUEST_IRQ_TIMER	0	/* the line of LHCALL_SET_CLOCKEVENT */
#define LGUEST_IRQ_POKE		31	/* the Launcher raises it on SIGUSR1 */

/* chapters/0-preparation.nw, The ABI in one page: <<The guest's entry state>> */
#define LGUEST_MMIO_BASE	0xfeb00000u	/* slot 0 of the virtio-mmio devices */
#define LGUEST_MMIO_SLOT	0x200		/* bytes of registers a device */
#define LGUEST_MMIO_SLOTS	8

/* chapters/0-preparation.nw, The ABI in one page: <<The guest's descriptor table entries>> */
#define LGUEST_GDT_ENTRIES	32
#define LGUEST_GDT_GUEST_FIRST	1
#define LGUEST_GDT_GUEST_LAST	11

/* chapters/0-preparation.nw, The ABI in one page:
 * <<The boot information the Launcher gives the guest>>
 */
#define LGUEST_BOOT_MAGIC	0x5453474c	/* "LGST" */
#define LGUEST_CMDLINE_MAX	256

struct lguest_boot {
	__u32 magic;		/* LGUEST_BOOT_MAGIC */
	__u32 version;		/* LGUEST_ABI_VERSION */
	__u32 mem_size;		/* bytes of guest-physical memory */
	__u32 mem_top;		/* the guest may use [0, mem_top) */
	char cmdline[LGUEST_CMDLINE_MAX]; /* NUL-terminated */
};

/* chapters/0-preparation.nw, The ABI in one page: <<The page the guest shares with the Host>> */
#define LGUEST_WHY_HCALL	0	/* + the hypercall's number */
#define LGUEST_WHY_PAGE_FAULT	32	/* a page fault the Host looked at */
#define LGUEST_WHY_TRAP		33	/* another trap, or a hypercall >= 32 */
#define LGUEST_WHY_INTERRUPT	34	/* an interrupt for the host */
#define LGUEST_EXIT_REASONS	35

struct lguest_data {
	__u32 reserved_start;	/* Host: the Switcher's 4 MiB slot */
	__u32 reserved_end;	/* Host: end of that slot (0 = 4 GiB) */
	__u32 cr2;		/* Host: address of the last page fault */
	__u32 irq_enabled;	/* guest; the Host clears it on an interrupt gate */
	__u32 exits;		/* Host: times the guest has stopped for the Host */
	__u32 irq_pending;	/* Host: an interrupt waits for irq_enabled */
	__u32 blocked_irqs;	/* guest: bit n set blocks line n */
	__u32 tsc_khz;		/* Host: time-stamp counter ticks a millisecond */
	__u32 exits_by_reason[LGUEST_EXIT_REASONS]; /* Host: exits, by LGUEST_WHY_* */
};

/* chapters/0-preparation.nw, The ABI in one page: <<Requests and replies of /dev/lguest>> */
#define LHREQ_INIT		0	/* struct lguest_init */
#define LHREQ_IRQ		1	/* struct lguest_irq */
#define LHREQ_MMIO_REPLY	2	/* struct lguest_mmio_reply */

struct lguest_init {
	__u32 request;		/* LHREQ_INIT */
	__u32 version;		/* LGUEST_ABI_VERSION */
	__u32 mem_base;		/* Launcher address of guest-physical 0 */
	__u32 mem_size;		/* bytes, a multiple of the page size */
	__u32 eip;		/* first instruction */
	__u32 cr3;		/* gpa of the boot page directory */
	__u32 esi;		/* gpa of struct lguest_boot */
};

struct lguest_irq {
	__u32 request;		/* LHREQ_IRQ */
	__u32 line;		/* 1 to LGUEST_IRQS - 1 */
};

struct lguest_mmio_reply {
	__u32 request;		/* LHREQ_MMIO_REPLY */
	__u32 value;		/* what the guest's LHCALL_MMIO_READ returns */
};

#define LGUEST_EXIT_CONSOLE	1	/* arg[0] = gpa, arg[1] = length */
#define LGUEST_EXIT_SHUTDOWN	2	/* arg[0] = status */
#define LGUEST_EXIT_KILLED	3	/* message says why */
#define LGUEST_EXIT_MMIO_READ	4	/* arg[0] = device address */
#define LGUEST_EXIT_MMIO_WRITE	5	/* arg[0] = device address, arg[1] = value */
#define LGUEST_MESSAGE_MAX	128

struct lguest_exit {
	__u32 reason;		/* LGUEST_EXIT_* */
	__u32 arg[2];
	char message[LGUEST_MESSAGE_MAX]; /* NUL-terminated */
};

#endif /* LGUEST_H */
