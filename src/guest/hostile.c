// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* hostile.c: a guest kernel that attacks the Host; see the Host chapter. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "console.h"
#include "hcall.h"
#include "hostile.h"
#include "lguest.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"
#include "segments.h"
#include "syscall.h"
#include "tests.h"
#include "traps.h"
#include "drivers/virtio.h"

/* chapters/5-host.nw, A guest that attacks:
 * <<Spoil a descriptor in one of the ways a processor minds>>
 */
#define HOSTILE_CS	(6 << 3 | 1)
#define HOSTILE_SS	(7 << 3 | 1)
#define SEG_CODE	0xb	/* execute/read, accessed */
#define SEG_DATA	0x3	/* read/write, accessed */

enum spoil {
	SPOIL_NOT_PRESENT, SPOIL_DPL3, SPOIL_LIMIT, SPOIL_16BIT,
	SPOIL_TYPE, SPOIL_EXPAND_DOWN, SPOILS
};

static void load_flat(uint32_t sel, unsigned int type, unsigned int spoil)
{
	uint32_t low = 0x0000ffff;
	uint32_t high = DESC_G | DESC_DB | DESC_LIMIT_HIGH | DESC_P |
			DESC_DPL(1) | DESC_S | DESC_TYPE(type);

	switch (spoil) {
	case SPOIL_NOT_PRESENT: high &= ~DESC_P; break;
	case SPOIL_DPL3: high |= DESC_DPL(3); break;
	case SPOIL_LIMIT: low = 0xff; high &= ~(DESC_G | DESC_LIMIT_HIGH); break;
	case SPOIL_16BIT: high &= ~DESC_DB; break;
	case SPOIL_TYPE: high ^= DESC_TYPE(type == SEG_CODE ? 0x4 : 0x2); break;
	case SPOIL_EXPAND_DOWN: high |= DESC_TYPE(0x4); break;
	}
	pv_load_gdt_entry(sel >> 3, low, high);
}

/* chapters/4-launcher.nw, A driver that lies: <<Hostile acts>> */
static struct virtio_dev evil;
static char evil_buf[16];

static struct virtq *hijack_console(void)
{
	if (!virtio_find(VIRTIO_ID_CONSOLE, &evil) || !virtio_start(&evil, 0)) {
		kprintf("Guest: no console\n");
		shut_down(STATUS_NO_DEVICE);
	}
	virtq_setup(&evil, 0);
	virtq_setup(&evil, 1);
	virtio_ready(&evil);
	return &evil.queues[1];
}

static void offer(struct virtq *q, uint16_t head)
{
	q->avail->ring[q->avail->idx % VIRTQ_SIZE] = head;
	q->avail->idx++;
}

static void set_desc(struct virtq *q, uint16_t i, uint32_t addr,
		     uint32_t len, uint16_t flags, uint16_t next)
{
	q->desc[i] = (struct virtq_desc){ addr, len, flags, next };
}

/* chapters/4-launcher.nw, A driver that lies: <<Hostile acts>> */
void hostile_queue(uint32_t how)
{
	struct virtq *q = hijack_console();
	uint32_t buf = __pa(evil_buf);

	switch (how) {
	case 0:
		set_desc(q, 0, buf, 8, VIRTQ_DESC_F_NEXT, 1);
		set_desc(q, 1, buf, 8, VIRTQ_DESC_F_NEXT, 0);
		offer(q, 0);
		break;
	case 1: set_desc(q, 0, 0xfff00000, 16, 0, 0); offer(q, 0); break;
	case 2: set_desc(q, 0, 0x1000, 0xffffffff, 0, 0); offer(q, 0); break;
	case 3: set_desc(q, 0, buf, 8, 0, 0); offer(q, 0); offer(q, 0); break;
	case 4: offer(q, 200); break;
	case 5: q->avail->idx += 100; break;
	}
	virtq_kick(&evil, 1);
	report_survival("a hostile virtqueue");
}

/* chapters/5-host.nw, Hypercalls that lie: <<Hostile acts>> */
void make_bad_hcall(void)
{
	hcall(0x1234, 0, 0, 0);
	report_survival("a bad hypercall");
}

/* chapters/5-host.nw, Hypercalls that lie: <<Hostile acts>> */
void write_console_outside(void)
{
	pv_write_console((const char *)0xfffffff0, 0x100);
	report_survival("console output from outside memory");
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Hostile acts>> */
void swap_stack_segment(uint32_t spoil)
{
	if (spoil >= SPOILS) {
		kprintf("Guest: no stack attack %u\n", spoil);
		shut_down(STATUS_BAD_OPTION);
	}
	load_flat(HOSTILE_SS, SEG_DATA, SPOILS);
	pv_set_stack(HOSTILE_SS, __pa(trap_stack_top()));
	load_flat(HOSTILE_SS, SEG_DATA, spoil);
}

/* chapters/5-host.nw, Checking the guest's selectors: <<Hostile acts>> */
void shrink_code_under_eip(void)
{
	load_flat(HOSTILE_CS, SEG_CODE, SPOILS);
	asm volatile("ljmp %0, $1f\n1:" : : "i" (HOSTILE_CS));
	load_flat(HOSTILE_CS, SEG_CODE, SPOIL_LIMIT);
	report_survival("running beyond its code segment's limit");
}

/* chapters/5-host.nw, Descriptors that lie: <<Hostile acts>> */
void load_system_descriptor(void)
{
	pv_load_gdt_entry(6, 0x0000ffff, 0x00008900);	/* a TSS */
	report_survival("loading a system descriptor");
}

void load_host_gdt_entry(void)
{
	pv_load_gdt_entry(12, 0x0000ffff, 0x00cf9b00);	/* the Switcher's CS */
	report_survival("loading GDT entry 12");
}

/* chapters/5-host.nw, Descriptors that lie: <<Hostile acts>> */
void pull_segment_away(void)
{
	pv_load_gdt_entry(6, 0x0000ffff, 0x00cfb300);	/* flat ring-1 data */
	asm volatile("movl %0, %%fs" : : "r" ((6 << 3) | 1));
	pv_load_gdt_entry(6, 0, 0);
	pv_nop();
	report_survival("losing the descriptor behind %fs");
}

/* chapters/6-paging.nw, A guest that lies about its tables: <<Hostile acts>> */
void load_pgdir_outside(void)
{
	pv_load_pgdir(0xfffff000);
	report_survival("a page directory outside memory");
}

void load_pgdir_unaligned(void)
{
	pv_load_pgdir(0x00100004);	/* inside memory, off a page */
	report_survival("a page directory off a page boundary");
}

/* chapters/6-paging.nw, A guest that lies about its tables: <<Hostile acts>> */
#define HOSTILE_VA	0x40000000u

void map_outside(void)
{
	map_any_page(HOSTILE_VA, 0x7ffff000);
	(void)*(volatile uint32_t *)HOSTILE_VA;
	report_survival("mapping memory it does not have");
}

/* chapters/6-paging.nw, A guest that lies about its tables: <<Hostile acts>> */
void write_switcher(void)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idt;

	asm volatile("sidt %0" : "=m" (idt));
	*(volatile uint32_t *)idt.base = 0;
	report_survival("writing the Switcher's page");
}

/* chapters/6-paging.nw, A guest that lies about its tables: <<Hostile acts>> */
static uint32_t *switch_to_fresh_address_space(void)
{
	uint32_t *dir = new_address_space();

	switch_address_space(dir);
	return dir;
}

void set_pte_in_switcher_slot(void)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	map_user_page(switch_to_fresh_address_space(), start,
		      __pa(alloc_page()));
	report_survival("mapping a page in the Switcher's slot");
}

void set_pgd_in_switcher_slot(void)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	pv_set_pgd(__pa(switch_to_fresh_address_space()), start >> 22);
	report_survival("changing the Switcher's directory entry");
}

void set_pte_outside(void)
{
	map_user_page(switch_to_fresh_address_space(), USER_BASE, 0x7ffff000);
	report_survival("an entry for memory it does not have");
}

/* chapters/7-interrupts.nw, Traps: <<Hostile acts>> */
static uint32_t priv_number;

static bool report_priv_trap(struct trap_frame *tf)
{
	kprintf("Guest: instruction %u raised trap %u\n", priv_number,
		tf->vector);
	shut_down(STATUS_OK);
}

void execute_privileged(uint32_t n)
{
	static uint8_t table[8];
	uint32_t eax = 0x80, ecx = 0x174, edx = 0;

	priv_number = n;
	expect_trap(report_priv_trap);
	switch (n) {
	case 0: asm volatile("hlt"); break;
	case 1: asm volatile("cli"); break;
	case 2: asm volatile("sti"); break;
	case 3: asm volatile("inb $0x80, %%al" : "+a" (eax)); break;
	case 4: asm volatile("outb %%al, $0x80" : : "a" (eax)); break;
	case 5: asm volatile("insb" : : "D" (table), "d" (0x80) : "memory"); break;
	case 6: asm volatile("lgdt %0" : : "m" (table)); break;
	case 7: asm volatile("lidt %0" : : "m" (table)); break;
	case 8: asm volatile("ltr %w0" : : "r" (eax)); break;
	case 9: asm volatile("lldt %w0" : : "r" (edx)); break;
	case 10: asm volatile("mov %%cr0, %0" : "=r" (eax)); break;
	case 11: asm volatile("mov %0, %%cr0" : : "r" (eax)); break;
	case 12: asm volatile("mov %%cr2, %0" : "=r" (eax)); break;
	case 13: asm volatile("mov %%cr3, %0" : "=r" (eax)); break;
	case 14: asm volatile("mov %0, %%cr3" : : "r" (eax)); break;
	case 15: asm volatile("mov %%cr4, %0" : "=r" (eax)); break;
	case 16: asm volatile("mov %0, %%cr4" : : "r" (eax)); break;
	case 17: asm volatile("mov %%dr7, %0" : "=r" (eax)); break;
	case 18: asm volatile("mov %0, %%dr7" : : "r" (eax)); break;
	case 19: asm volatile("rdmsr" : "+a" (eax), "+c" (ecx), "+d" (edx)); break;
	case 20: asm volatile("wrmsr" : : "a" (eax), "c" (ecx), "d" (edx)); break;
	case 21: asm volatile("invd"); break;
	case 22: asm volatile("wbinvd"); break;
	case 23: asm volatile("clts"); break;
	case 24: asm volatile("lmsw %w0" : : "r" (eax)); break;
	case 25: asm volatile("invlpg %0" : : "m" (table)); break;
	case 26: asm volatile("sysenter"); break;
	case 27: asm volatile("sysexit"); break;
	case 28: asm volatile("syscall"); break;
	case 29: asm volatile("rdpmc" : "=a" (eax), "=d" (edx) : "c" (0)); break;
	case 30: asm volatile("xsetbv" : : "a" (7), "c" (0), "d" (0)); break;
	case 31: asm volatile("int $2"); break;
	case 32: asm volatile("int $8"); break;
	case 33: asm volatile("int $0xec"); break;
	case 34: asm volatile("ljmp $0x60, $0"); break;
	case 35: asm volatile("mov %0, %%ds" : : "r" (0x68)); break;
	case 36: asm volatile("pushfl; pushl $0x60; pushl $1f; iret; 1:"); break;
	case 37: asm volatile("pushfl; orl $0x3000, (%esp); popfl; cli"); break;
	case 38: asm volatile("pushfl; pushl %%cs; pushl $1f; pushfl;"
			      "orl $0x4000, (%%esp); popfl; iret; 1:" : : : "memory"); break;
	case 39: asm volatile("pushfl; orl $0x100, (%esp); popfl; nop"); break;
	case 40: asm volatile("pushfl; orl $0x20000, (%%esp); pushl %%cs;"
			      "pushl $1f; iret; 1:" : : : "memory"); break;
	case 41: asm volatile("pushfl; orl $0x40000, (%%esp); popfl;"
			      "movl 1(%0), %%eax; pushfl; andl $~0x40000, (%%esp); popfl"
			      : : "r" (table) : "eax", "memory"); break;
	default:
		kprintf("Guest: no instruction %u\n", n);
		shut_down(STATUS_BAD_OPTION);
	}
	expect_trap(NULL);
	kprintf("Guest: instruction %u had no effect\n", n);
}

/* chapters/7-interrupts.nw, Delivering a trap to the guest: <<Hostile acts>> */
void test_triple_fault(void)
{
	static const unsigned int vectors[] = {
		TRAP_INVALID_OPCODE, TRAP_DOUBLE_FAULT, TRAP_NOT_PRESENT,
		TRAP_GENERAL_PROTECTION, TRAP_PAGE_FAULT,
	};
	unsigned int i;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++)
		remove_gate(vectors[i]);
	asm volatile("ud2" : : : "memory");
	report_survival("a triple fault");
}

/* chapters/7-interrupts.nw, Traps that need no Host: <<Hostile acts>> */
extern const uint32_t trap_stubs[];
extern const char syscall_stub[];

static void raise_vector(uint32_t vector)
{
	static const int32_t bounds[2] = { 0, 0 };
	volatile uint32_t zero = 0;

	switch (vector) {
	case 0: asm volatile("divl %0" : : "r" (zero), "a" (1), "d" (0)); break;
	case 3: asm volatile("int3"); break;
	case 4: asm volatile("movl $0x7fffffff, %%eax; incl %%eax; into"
			     : : : "eax", "cc"); break;
	case 5: asm volatile("boundl %0, %1" : : "r" (1), "m" (bounds)); break;
	case 6: asm volatile("ud2"); break;
	case 16: asm volatile("int $16"); break;
	case 17: asm volatile("int $17"); break;
	case 19: asm volatile("int $19"); break;
	case 128: asm volatile("int $0x80"); break;
	}
}

void swap_gate_segment(uint32_t n)
{
	uint32_t vector = n / 10, spoil = n % 10, handler;

	if ((vector >= TRAP_VECTORS && vector != TRAP_SYSCALL) ||
	    spoil == SPOIL_EXPAND_DOWN || spoil >= SPOILS) {
		kprintf("Guest: no gate attack %u\n", n);
		shut_down(STATUS_BAD_OPTION);
	}
	handler = vector == TRAP_SYSCALL ? (uint32_t)syscall_stub :
					   trap_stubs[vector];
	load_flat(HOSTILE_CS, SEG_CODE, SPOILS);
	pv_load_idt_entry(vector, HOSTILE_CS << 16 | (handler & 0xffff),
			  (handler & 0xffff0000) | DESC_P | DESC_DPL(3) |
			  DESC_TYPE(0xf));
	load_flat(HOSTILE_CS, SEG_CODE, spoil);
	raise_vector(vector);
	report_survival("a trap through a spoiled code segment");
}

/* chapters/8-switcher.nw, What a guest can see of the Switcher's pages: <<Hostile acts>> */
struct table_register {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

struct switcher_view {
	struct table_register gdt, idt;
	uint32_t tables, regs_end;	/* the read-only page; the end of
					   the registers in the writable page */
};

static bool host_has_umip(void)
{
	uint32_t a, b, c, d;

	asm volatile("cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d) : "a" (0));
	if (a < 7)
		return false;
	asm volatile("cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
		     : "a" (7), "c" (0));
	return c & (1u << 2);
}

/* chapters/8-switcher.nw, What a guest can see of the Switcher's pages: <<Hostile acts>> */
static bool find_switcher_pages(struct switcher_view *v)
{
	uint16_t tr;
	const uint32_t *desc;
	uint32_t tss;

	if (host_has_umip()) {
		kprintf("Guest: UMIP hides the Switcher's tables\n");
		return false;
	}
	asm volatile("sgdt %0; sidt %1; str %2"
		     : "=m" (v->gdt), "=m" (v->idt), "=r" (tr));
	desc = (const uint32_t *)(v->gdt.base + (tr & ~7));
	tss = (desc[0] >> 16) | (desc[1] & 0xff) << 16 | (desc[1] & 0xff000000);
	v->tables = v->idt.base & PAGE_MASK;
	v->regs_end = ((const uint32_t *)tss)[1];
	return true;
}

/* chapters/8-switcher.nw, What a guest can see of the Switcher's pages: <<Hostile acts>> */
#define LEFT_BEHIND	0x1eef1eefu

void leave_words_for_next_guest(void)
{
	struct switcher_view v;
	uint32_t *word;
	unsigned int n = 0;

	if (!find_switcher_pages(&v))
		return;
	for (word = (uint32_t *)((v.regs_end - 1) & PAGE_MASK);
	     word < (uint32_t *)(v.regs_end - 1024); word++, n++)
		*word = LEFT_BEHIND;
	kprintf("Guest: left %u words in the Switcher's page\n", n);
}

/* chapters/8-switcher.nw, What a guest can see of the Switcher's pages: <<Hostile acts>> */
static bool in_table(const struct table_register *t, uint32_t addr)
{
	return addr >= t->base && addr <= t->base + t->limit;
}

void peek_at_switcher(void)
{
	struct switcher_view v;
	uint32_t start, end, addr, word, host = 0, left = 0;

	if (!find_switcher_pages(&v))
		return;
	pv_get_switcher_slot(&start, &end);
	for (addr = v.tables - PAGE_SIZE; addr < v.tables + PAGE_SIZE; addr += 4) {
		if (in_table(&v.gdt, addr) || in_table(&v.idt, addr) ||
		    (addr >= v.regs_end - 18 * 4 && addr < v.regs_end))
			continue;
		word = *(const volatile uint32_t *)addr;
		left += word == LEFT_BEHIND;
		if (word >= 0xc0000000u && (word < start || word - start >= end - start)) {
			if (host++ < 4)
				kprintf("Guest: host word 0x%08x at 0x%08x\n", word, addr);
		}
	}
	kprintf("Guest: switcherpeek: %u host words, %u words left by another guest\n",
		host, left);
}

/* chapters/9-mastery.nw, A guest that tries to mislead the walker: <<Hostile acts>> */
void lie_about_memory(uint32_t how)
{
	uint32_t start, end, phys_va[] = { 0, 0x40000000u, 0xfffff000u };

	pv_get_switcher_slot(&start, &end);
	phys_va[0] = start;
	if (how >= 3) {
		kprintf("Guest: no such lie %u\n", how);
		shut_down(STATUS_BAD_OPTION);
	}
	announce_shared_page(phys_va[how]);
}

/* chapters/9-mastery.nw, A guest that tries to mislead the walker: <<Hostile acts>> */
#define UNMAPPED_STACK	0x50000000u
#define READ_ONLY_STACK	0x3f800000u	/* below USER_BASE, above memory */

static uint32_t read_only_stack(void)
{
	uint32_t *dir = kernel_page_directory(), *table;

	map_any_page(READ_ONLY_STACK, __pa(alloc_page()));
	table = __va(dir[READ_ONLY_STACK >> 22] & PAGE_MASK);
	table[(READ_ONLY_STACK >> 12) & 1023] &= ~2u;	/* not writable */
	pv_set_pte(__pa(dir), READ_ONLY_STACK);
	return READ_ONLY_STACK + PAGE_SIZE;
}

void spoil_fault_stack(uint32_t how)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	if (how == 2)
		pv_set_stack(KERNEL_DS, read_only_stack());
	else
		pv_set_stack(KERNEL_DS, how ? start + PAGE_SIZE : UNMAPPED_STACK);
}

/* chapters/9-mastery.nw, A guest that tries to mislead the walker: <<Hostile acts>> */
extern const uint32_t trap_stubs[];

void spoil_fault_gate(uint32_t how)
{
	uint32_t handler = trap_stubs[TRAP_PAGE_FAULT];
	uint32_t sel = how == 1 ? HOSTILE_CS : KERNEL_CS;
	uint32_t present = how == 2 ? 0 : DESC_P;

	load_flat(HOSTILE_CS, SEG_CODE, SPOILS);
	pv_load_idt_entry(TRAP_PAGE_FAULT, sel << 16 | (handler & 0xffff),
			  (handler & 0xffff0000) | present | DESC_DPL(1) |
			  DESC_TYPE(how ? 0xf : 0xe));
	if (how == 1)
		load_flat(HOSTILE_CS, SEG_CODE, SPOIL_NOT_PRESENT);
}

/* chapters/9-mastery.nw, A guest that tries to mislead the walker: <<Hostile acts>> */
#define LIE_INDEX	255		/* 0x3fc00000: no guest memory lies here */
#define LIE_TABLE	0xfffff000u	/* far beyond the end of guest memory */
#define LIE_FLAGS	0x7		/* present, writable, user */

void lie_about_tables(uint32_t how)
{
	uint32_t table = LIE_TABLE, start, end;

	pv_get_switcher_slot(&start, &end);
	if (how == 1)
		table = start;
	else if (how == 2)
		table = __pa(alloc_page());
	kernel_page_directory()[LIE_INDEX] = table | LIE_FLAGS;
}
