/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/5-host.nw; edit the chapter, not this file. */
/* lg.h: what the Host's C files share with each other (not an ABI). */
#ifndef LG_H
#define LG_H

#include <linux/types.h>
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <asm/desc.h>
#include <asm/fpu/types.h>
#include <asm/irq_vectors.h>
#include <asm/processor.h>
#include <asm/trapnr.h>
#include "lguest.h"

struct lguest;
struct lguest_pages;
struct lguest_ro_state;

/* chapters/6-paging.nw, Paging: <<Host types that struct lguest holds>> */
#define SHADOW_DIRS	4

#ifdef CONFIG_X86_PAE
typedef u64 shadow_t;
#define SHADOW_TABLE_SHIFT	21	/* one shadow page table maps 2 MiB */
#else
typedef u32 shadow_t;
#define SHADOW_TABLE_SHIFT	22	/* one shadow page table maps 4 MiB */
#endif
#define SHADOW_PER_TABLE	(PAGE_SIZE / sizeof(shadow_t))
#define SHADOW_TABLES_PER_GUEST_TABLE	(1U << (22 - SHADOW_TABLE_SHIFT))

struct shadow_dir {
	shadow_t *pgd;			/* the top of the shadow: what %cr3 names */
	u32 guest_cr3;			/* gpa of the guest directory it shadows */
};

/* chapters/5-host.nw, The guest, as the Host sees it:
 * <<The guest's registers and state, as the Host keeps them>>
 */
struct lguest_regs {
	/* Pushed by the Switcher, last first. */
	u32 eax, ebx, ecx, edx, esi, edi, ebp;
	u32 gs, fs, ds, es;
	u32 trapnum, errcode;
	/* Pushed by the processor on a trap from ring 1 or 3. */
	u32 eip, cs, eflags, esp, ss;
};

/* chapters/5-host.nw, The guest, as the Host sees it:
 * <<The guest's registers and state, as the Host keeps them>>
 */
struct lguest {
	struct lguest_regs regs;
	struct xregs_state *fpu;	/* xsave image, or fxsave in its i387 */
	unsigned long mem_base;		/* Launcher address of guest-physical 0 */
	u32 mem_size;			/* bytes */
	struct mm_struct *mm;		/* the Launcher's address space */
	u32 data_gpa;			/* its struct lguest_data, or 0 */
	struct mutex run_lock;		/* one reader runs the guest at a time */
	u32 phys_va;			/* where the guest maps gpa 0 (its word) */
	bool fast_pf_ok;		/* the Switcher may reflect page faults */
	struct desc_struct gdt[LGUEST_GDT_ENTRIES];
	u32 idt[IDT_ENTRIES][2];	/* the guest's gates, checked */
	u32 ss1, esp1;			/* stack for traps from ring 3 */
	u32 direct;			/* bit i: direct_vectors[i] goes direct */
	struct shadow_dir shadows[SHADOW_DIRS];
	struct shadow_dir *shadow;	/* the one in use */
	unsigned int next_victim;	/* the shadow to reuse next */
	struct page **frames;		/* the Launcher's page behind each frame */
	u32 cr2;			/* address of the last page fault */
	struct lguest_exit exit;	/* reason 0: nothing to say yet */
	bool dead;			/* killed or shut down: never runs again */
	u32 exits;			/* returns from the guest, of any kind */
	u32 exits_by_reason[LGUEST_EXIT_REASONS];	/* the same, by LGUEST_WHY_* */
	unsigned long irqs_pending;	/* bit n: line n raised, not yet delivered */
	bool irq_hint;			/* what the shared page's irq_pending says */
	bool halted;			/* waiting in LHCALL_HALT */
	struct hrtimer timer;		/* the guest's clock event: line 0 */
	spinlock_t task_lock;		/* protects task */
	struct task_struct *task;	/* running the guest, or NULL */
	u64 id;				/* no other guest has had it */
};

/* chapters/8-switcher.nw, The Switcher's pages: <<The Switcher's pages, as C sees them>> */
struct lguest_ro_state {
	/*
	 * Saved by the Switcher on the way in, read before the host's
	 * page tables are back.
	 */
	u32 host_cr3;
	/* Set by the Host before every entry. */
	u32 guest_cr3;
	u16 pad_gdt;
	struct desc_ptr guest_gdt;
	u16 pad_idt;
	struct desc_ptr guest_idt;
	struct x86_hw_tss guest_tss;
	struct desc_struct guest_gdt_table[LGUEST_GDT_ENTRIES];
	gate_desc guest_idt_table[IDT_ENTRIES];
	u32 pf_on, pf_pgdir, pf_phys, pf_mem_size, pf_data;
	u32 pf_handler_eip, pf_handler_cs;
	u32 nmi_noted;			/* NMIs the Switcher caught in ring 0 */
};

struct lguest_host_state {
	/* Saved by the Switcher on the way in, read on the way out. */
	u32 cr4, sp, ldt;
	u16 pad_gdt;
	struct desc_ptr gdt;
	u16 pad_idt;
	struct desc_ptr idt;
};

struct lguest_pages {
	/* Writable in the guest: its registers, and its traps' stack. */
	u8 spare[PAGE_SIZE - sizeof(struct lguest_regs)];
	struct lguest_regs regs;
	/* Read-only in the guest. */
	struct lguest_ro_state state;
	u8 spare2[PAGE_SIZE - sizeof(struct lguest_ro_state)];
	/* Not mapped in the guest. */
	struct lguest_host_state host;
	u8 spare3[PAGE_SIZE - sizeof(struct lguest_host_state)];
};

/* core.c */

/* chapters/5-host.nw, Guest memory: <<Declarations of core.c>> */
bool guest_range_ok(const struct lguest *lg, u32 gpa, u32 len);
void read_guest(struct lguest *lg, void *buf, u32 gpa, u32 len);
void write_guest(struct lguest *lg, const void *buf, u32 gpa, u32 len);

static inline void __user *guest_ptr(const struct lguest *lg, u32 gpa)
{
	return (void __user *)(lg->mem_base + gpa);
}

/* chapters/5-host.nw, Killing a guest: <<Declarations of core.c>> */
__printf(2, 3) void kill_guest(struct lguest *lg, const char *fmt, ...);

/* chapters/5-host.nw, Leaks: <<Declarations of core.c>> */
extern atomic_t lg_pages_in_use;

/* chapters/5-host.nw, Interrupts that arrive while the guest runs: <<Declarations of core.c>> */
extern struct desc_ptr host_idt;

/* chapters/8-switcher.nw, A place for the Switcher: <<Declarations of core.c>> */
/* The Switcher: two code pages, then three pages for each possible CPU. */
#define SWITCHER_CODE_PAGES	2
#define SWITCHER_PAGES_PER_CPU	3

extern void *switcher_addr;
extern unsigned int switcher_page_count;

/* chapters/8-switcher.nw, A place for the Switcher: <<Declarations of core.c>> */
#define SLOT_SHIFT		22	/* one page-directory entry: 4 MiB */
#define SLOT_OF(addr)		((unsigned long)(addr) >> SLOT_SHIFT)

/* chapters/8-switcher.nw, The Switcher's pages: <<Declarations of core.c>> */
struct lguest_pages *lguest_pages(unsigned int cpu);
/* user.c */

/* chapters/5-host.nw, The device /dev/lguest: <<Declarations of user.c>> */
int lg_register_device(void);
void lg_unregister_device(void);

/* chapters/5-host.nw, Running a guest: <<Declarations of user.c>> */
void free_guest(struct lguest *lg);
/* run.c */

/* chapters/5-host.nw, The run loop: <<Declarations of run.c>> */
int run_guest(struct lguest *lg, struct lguest_exit *exit);
void forget_exit(struct lguest *lg);

/* chapters/8-switcher.nw, Before and after: <<Declarations of run.c>> */
void number_guest(struct lguest *lg);
void copy_in_guest_state(struct lguest *lg, struct lguest_pages *pages);
void copy_out_guest_state(struct lguest *lg, struct lguest_pages *pages);
/* fpu.c */

/* chapters/5-host.nw, What it costs: <<Declarations of fpu.c>> */
int choose_fpu_format(void);
int init_guest_fpu(struct lguest *lg);
void free_guest_fpu(struct lguest *lg);
void load_guest_fpu(struct lguest *lg);
void save_guest_fpu(struct lguest *lg);
/* hypercalls.c */

/* chapters/5-host.nw, Hypercalls: <<Declarations of hypercalls.c>> */
void do_hypercall(struct lguest *lg);
/* traps.c */

/* chapters/7-interrupts.nw, Traps: <<Declarations of traps.c>> */
#define LGUEST_TRAP_SWITCHER	0x100	/* the Switcher's own fault */
void handle_trap(struct lguest *lg);

/* chapters/7-interrupts.nw, Delivering a trap to the guest: <<Declarations of traps.c>> */
#define GATE_PRESENT	0x8000
void load_guest_idt_entry(struct lguest *lg, u32 vector, u32 lo, u32 hi);

/* chapters/7-interrupts.nw, Traps that need no Host: <<Declarations of traps.c>> */
void check_direct_gates(struct lguest *lg);

/* chapters/7-interrupts.nw, Traps that need no Host: <<Declarations of traps.c>> */
void copy_direct_gates(struct lguest *lg, struct lguest_ro_state *st);

/* chapters/7-interrupts.nw, Injecting an interrupt: <<Declarations of traps.c>> */
void deliver_interrupt(struct lguest *lg, u32 vector);

/* chapters/8-switcher.nw, Filling the pages when the module loads: <<Declarations of traps.c>> */
void setup_switcher_idt(struct lguest_pages *pages);
/* segments.c */

/* chapters/5-host.nw, Segments: <<Declarations of segments.c>> */
void load_guest_gdt_entry(struct lguest *lg, u32 index, u32 lo, u32 hi);
struct desc_struct flat_segment(u16 flags);

/* chapters/5-host.nw, Segments: <<Declarations of segments.c>> */
void setup_guest_gdt(struct lguest *lg);

/* chapters/5-host.nw, Checking the guest's selectors: <<Declarations of segments.c>> */
bool guest_code_selector_ok(const struct lguest *lg, u32 sel, u32 rpl);
bool guest_eip_ok(const struct lguest *lg, u32 sel, u32 eip);
bool ring1_stack_ok(const struct lguest *lg);
bool guest_state_ok(struct lguest *lg);

/* chapters/5-host.nw, Checking the guest's selectors: <<Declarations of segments.c>> */
void set_guest_stack(struct lguest *lg, u32 ss, u32 esp);

/* chapters/8-switcher.nw, Filling the pages when the module loads:
 * <<Declarations of segments.c>>
 */
void setup_switcher_gdt(struct lguest_pages *pages, unsigned int cpu);
/* page_tables.c */

/* chapters/6-paging.nw, Paging: <<Declarations of page_tables.c>> */
#define PGD_INDEX(va)	((u32)(va) >> 22)
#define PTE_INDEX(va)	(((u32)(va) >> 12) & 1023)

/* chapters/6-paging.nw, Walking the guest's tables: <<Declarations of page_tables.c>> */
bool guest_virt_to_phys(struct lguest *lg, u32 va, bool write, u32 *gpa);

/* chapters/6-paging.nw, The fault: <<Declarations of page_tables.c>> */
bool demand_page(struct lguest *lg, u32 va, u32 errcode);

/* chapters/6-paging.nw, The cache of page directories: <<Declarations of page_tables.c>> */
void load_guest_page_directory(struct lguest *lg, u32 gpa);

/* chapters/6-paging.nw, Hearing about changes: <<Declarations of page_tables.c>> */
void invalidate_shadow_page(struct lguest *lg, u32 va);
void set_guest_pte(struct lguest *lg, u32 cr3, u32 va);
void set_guest_pgd(struct lguest *lg, u32 cr3, u32 index);
void flush_shadow_page_tables(struct lguest *lg);

/* chapters/6-paging.nw, Hearing about changes: <<Declarations of page_tables.c>> */
int init_guest_page_tables(struct lguest *lg, u32 cr3);
void free_guest_page_tables(struct lguest *lg);

/* chapters/8-switcher.nw, Filling the pages when the module loads:
 * <<Declarations of page_tables.c>>
 */
int alloc_switcher_page_tables(void);
void free_switcher_page_tables(void);

/* chapters/8-switcher.nw, The Switcher in the guest's address space:
 * <<Declarations of page_tables.c>>
 */
void map_switcher_in_guest(struct lguest *lg, unsigned int cpu);
/* interrupts.c */

/* chapters/7-interrupts.nw, Raising a line: <<Declarations of interrupts.c>> */
void raise_guest_irq(struct lguest *lg, unsigned int line);
void set_guest_task(struct lguest *lg, struct task_struct *task);

/* chapters/7-interrupts.nw, The timer: <<Declarations of interrupts.c>> */
void set_guest_clockevent(struct lguest *lg, u32 ns);

/* chapters/7-interrupts.nw, The timer: <<Declarations of interrupts.c>> */
void init_guest_interrupts(struct lguest *lg);
void stop_guest_interrupts(struct lguest *lg);

/* chapters/7-interrupts.nw, Injecting an interrupt: <<Declarations of interrupts.c>> */
bool guest_irqs_enabled(struct lguest *lg);
void set_guest_irqs_enabled(struct lguest *lg);

/* chapters/7-interrupts.nw, Injecting an interrupt: <<Declarations of interrupts.c>> */
void inject_interrupts(struct lguest *lg);

/* chapters/7-interrupts.nw, Halting: <<Declarations of interrupts.c>> */
void wait_for_interrupt(struct lguest *lg);
/* fast_faults.c */

/* chapters/9-mastery.nw, Reading the guest's tables from the Switcher:
 * <<Declarations of fast_faults.c>>
 */
extern bool fast_faults;
void check_fast_faults(struct lguest *lg);
void tell_switcher_fast_faults(struct lguest *lg, struct lguest_ro_state *st);
/* switcher.S */

/* chapters/8-switcher.nw, Filling the pages when the module loads:
 * <<Declarations of switcher.S>>
 */
extern const char start_switcher_text[], end_switcher_text[];
extern const char lguest_switch_to_guest[], lguest_trap_stubs[];

static inline unsigned long switcher_code_addr(const char *label)
{
	return (unsigned long)switcher_addr + (label - start_switcher_text);
}

#endif /* LG_H */
