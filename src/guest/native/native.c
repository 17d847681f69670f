// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/10-bare-metal.nw; edit the chapter, not this file. */
/* native.c: the paravirtual operations, done by the processor itself. */
#include "lguest.h"
#include "native.h"
#include "paging.h"
#include "paravirt.h"
#include "segments.h"
#include "traps.h"

/* chapters/10-bare-metal.nw, Descriptor tables and the task state segment:
 * <<The native GDT, IDT and task state segment>>
 */
struct descriptor {
	uint32_t low, high;
};

/* In .data: boot.S loads this table before start clears .bss. */
struct descriptor native_gdt[NATIVE_GDT_ENTRIES] = {
	[GDT_KERNEL_CS] = { 0x0000ffff, 0x00cf9b00 },	/* ring-0 code */
	[GDT_KERNEL_DS] = { 0x0000ffff, 0x00cf9300 },	/* ring-0 data */
};

static struct descriptor idt[256];

struct tss {
	uint32_t link, esp0, ss0, unused[22];
	uint16_t trap, iomap_base;
};

static struct tss tss;

/* chapters/10-bare-metal.nw, Descriptor tables and the task state segment:
 * <<Load the IDT and the task register>>
 */
static void load_idt(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) pointer = { sizeof(idt) - 1, (uint32_t)idt };

	asm volatile("lidt %0" : : "m" (pointer));
}

#define TSS_TYPE	0x9	/* 32-bit TSS, not busy */

static void load_tss(void)
{
	uint32_t base = (uint32_t)&tss, limit = sizeof(tss) - 1;

	tss.iomap_base = sizeof(tss);
	native_gdt[NATIVE_GDT_TSS].low = base << 16 | limit;
	native_gdt[NATIVE_GDT_TSS].high = (base & 0xff000000) |
					  (base >> 16 & 0xff) | DESC_P |
					  DESC_TYPE(TSS_TYPE);
	asm volatile("ltr %w0" : : "r" (NATIVE_GDT_TSS << 3));
}

/* chapters/10-bare-metal.nw, Gates:
 * <<Give the local APIC's spurious interrupts a gate that returns at once>>
 */
extern const char native_spurious[];	/* irq.S */

#define GATE_INTERRUPT_32	0xe

static void load_spurious_gate(void)
{
	uint32_t handler = (uint32_t)native_spurious;

	idt[SPURIOUS_VECTOR].low = KERNEL_CS << 16 | (handler & 0xffff);
	idt[SPURIOUS_VECTOR].high = (handler & 0xffff0000) | DESC_P |
				    DESC_TYPE(GATE_INTERRUPT_32);
}

/* chapters/10-bare-metal.nw, Descriptor tables and the task state segment:
 * <<Make the FPU and SSE instructions usable>>
 */
#define CR0_MP		(1u << 1)	/* wait checks TS */
#define CR0_EM		(1u << 2)	/* no FPU: emulate it */
#define CR0_TS		(1u << 3)	/* task switched: FPU traps */
#define CR0_NE		(1u << 5)	/* FPU errors as exceptions */
#define CR0_WP		(1u << 16)	/* ring 0 obeys read-only */
#define CR0_PG		(1u << 31)	/* paging */
#define CR4_OSFXSR	(1u << 9)	/* fxsave, and SSE instructions */
#define CR4_OSXMMEXCPT	(1u << 10)	/* SSE errors as exceptions */

static void setup_fpu(void)
{
	uint32_t cr0, cr4;

	asm volatile("mov %%cr0, %0" : "=r" (cr0));
	cr0 = (cr0 & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE;
	asm volatile("mov %0, %%cr0" : : "r" (cr0));
	asm volatile("mov %%cr4, %0" : "=r" (cr4));
	cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
	asm volatile("mov %0, %%cr4" : : "r" (cr4));
	asm volatile("fninit");
}

/* chapters/10-bare-metal.nw, Descriptor tables and the task state segment:
 * <<Bring up the bare machine>>
 */
void pv_init(void)
{
	load_idt();
	load_spurious_gate();
	load_tss();
	setup_fpu();
	setup_interrupt_controllers();
	calibrate_clocks();
}

/* chapters/10-bare-metal.nw, Descriptor tables and the task state segment:
 * <<Name the devices' window as the Switcher's slot>>
 */
void pv_get_switcher_slot(uint32_t *start, uint32_t *end)
{
	*start = DEVICE_WINDOW_START;
	*end = DEVICE_WINDOW_END;
}

/* chapters/10-bare-metal.nw, Printing and stopping: <<Write to the serial port>> */
#define COM1		0x3f8
#define COM1_LSR	(COM1 + 5)	/* line status */
#define LSR_THRE	0x20		/* room to transmit */

static void put_serial(char c)
{
	while (!(inb(COM1_LSR) & LSR_THRE))
		;
	outb(COM1, c);
}

void pv_write_console(const char *buf, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			put_serial('\r');
		put_serial(buf[i]);
	}
}

/* chapters/10-bare-metal.nw, Printing and stopping:
 * <<Shut down through QEMU's exit device, or else ACPI>>
 */
#define DEBUG_EXIT_PORT	0xf4		/* isa-debug-exit,iobase=0xf4 */
#define GED_SLEEP_CTL	(GED_BASE + 0x200)
#define GED_SLEEP_S5	(5 << 2 | 1 << 5)	/* SLP_TYP 5, SLP_EN */

void pv_shutdown(unsigned int status)
{
	outl(DEBUG_EXIT_PORT, status);
	*(volatile uint8_t *)__va(GED_SLEEP_CTL) = GED_SLEEP_S5;
	for (;;)
		asm volatile("cli; hlt");
}

/* chapters/10-bare-metal.nw, Printing and stopping: <<Do nothing, for the price of a call>> */
void pv_nop(void)
{
}

/* chapters/10-bare-metal.nw, Gates: <<Load a GDT entry into the native table>> */
void pv_load_gdt_entry(unsigned int index, uint32_t low, uint32_t high)
{
	native_gdt[index].low = low;
	native_gdt[index].high = high;
}

/* chapters/10-bare-metal.nw, Gates:
 * <<Load an IDT entry, through an acknowledging stub for an interrupt line>>
 */
extern const uint32_t native_eoi_stubs[LGUEST_IRQS];	/* irq.S */
uint32_t native_irq_targets[LGUEST_IRQS];		/* irq.S jumps there */

static bool is_irq_vector(unsigned int vector)
{
	return vector >= LGUEST_IRQ_BASE &&
	       vector < LGUEST_IRQ_BASE + LGUEST_IRQS;
}

void pv_load_idt_entry(unsigned int vector, uint32_t low, uint32_t high)
{
	unsigned int line = vector - LGUEST_IRQ_BASE;
	uint32_t stub;

	if (is_irq_vector(vector)) {
		native_irq_targets[line] = (high & 0xffff0000) | (low & 0xffff);
		stub = native_eoi_stubs[line];
		low = (low & 0xffff0000) | (stub & 0xffff);
		high = (high & 0xffff) | (stub & 0xffff0000);
	}
	idt[vector].low = low;
	idt[vector].high = high;
}

/* chapters/10-bare-metal.nw, Page tables:
 * <<Switch page directories natively, with the devices' window in each>>
 */
#define PDE_DEVICE	0x01b	/* present, writable, uncached */

static uint32_t device_tables[2][1024] __attribute__((aligned(PAGE_SIZE)));

void map_device_page(uint32_t pa)
{
	uint32_t *table = device_tables[(pa - DEVICE_WINDOW_START) >> 22];

	table[(pa >> 12) & 1023] = pa | PDE_DEVICE;
}

void pv_load_pgdir(uint32_t pgdir_pa)
{
	uint32_t *dir = __va(pgdir_pa), cr0;
	unsigned int i;

	for (i = 0; i < 2; i++)
		dir[(DEVICE_WINDOW_START >> 22) + i] =
			__pa(device_tables[i]) | PDE_DEVICE;
	asm volatile("mov %0, %%cr3" : : "r" (pgdir_pa) : "memory");
	asm volatile("mov %%cr0, %0" : "=r" (cr0));
	if (!(cr0 & CR0_PG))
		asm volatile("mov %0, %%cr0" : : "r" (cr0 | CR0_PG | CR0_WP)
			     : "memory");
}

/* chapters/10-bare-metal.nw, Page tables: <<Invalidate the processor's translations>> */
static uint32_t read_cr3(void)
{
	uint32_t cr3;

	asm volatile("mov %%cr3, %0" : "=r" (cr3));
	return cr3;
}

void pv_invlpg(uint32_t va)
{
	asm volatile("invlpg (%0)" : : "r" (va) : "memory");
}

void pv_flush_tlb(void)
{
	asm volatile("mov %0, %%cr3" : : "r" (read_cr3()) : "memory");
}

void pv_set_pte(uint32_t dir_pa, uint32_t va)
{
	if (dir_pa == read_cr3())
		pv_invlpg(va);
}

void pv_set_pgd(uint32_t dir_pa, unsigned int index)
{
	(void)index;
	if (dir_pa == read_cr3())
		pv_flush_tlb();
}

/* chapters/10-bare-metal.nw, Page tables:
 * <<Name the stack for traps from ring 3 in the task state segment>>
 */
void pv_set_stack(uint32_t ss, uint32_t esp)
{
	tss.ss0 = ss;
	tss.esp0 = esp;
}

/* chapters/10-bare-metal.nw, Page tables: <<Read the faulting address from %cr2>> */
uint32_t pv_read_cr2(void)
{
	uint32_t cr2;

	asm volatile("mov %%cr2, %0" : "=r" (cr2));
	return cr2;
}

/* chapters/9-mastery.nw, The kernel's half: <<Count no exits: there is no Host>> */

uint32_t pv_exits_for(unsigned int why)
{
	(void)why;
	return 0;
}

/* chapters/10-bare-metal.nw, Page tables: <<Count no exits: there is no Host>> */
uint32_t pv_exit_count(void)
{
	return 0;
}

/* chapters/10-bare-metal.nw, Interrupts: <<Turn the processor's interrupt flag off and on>> */
void pv_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

void pv_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

/* chapters/10-bare-metal.nw, Interrupts: <<Halt natively, with sti; hlt>> */
void pv_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

/* chapters/10-bare-metal.nw, Interrupts:
 * <<Read and write a device register with a load and a store>>
 */
uint32_t pv_mmio_read(uint32_t pa)
{
	return *(volatile uint32_t *)__va(pa);
}

void pv_mmio_write(uint32_t pa, uint32_t value)
{
	*(volatile uint32_t *)__va(pa) = value;
}
