// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/6-paging.nw; edit the chapter, not this file. */
/* page_tables.c: the shadow page tables the guest really runs on. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "lg.h"

/* chapters/6-paging.nw, Pages the Host takes for a guest:
 * <<Take and give back a page for a guest>>
 */
static void *take_table_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	atomic_inc(&lg_pages_in_use);
	return page_address(page);
}

static void give_back_table_page(void *table)
{
	free_page((unsigned long)table);
	atomic_dec(&lg_pages_in_use);
}

/* chapters/6-paging.nw, The guest's frames:
 * <<Pin the Launcher's page behind a guest frame, once>>
 */
static struct page *guest_frame(struct lguest *lg, u32 gpa)
{
	struct page **frame = &lg->frames[gpa >> PAGE_SHIFT];

	if (*frame)
		return *frame;
	if (pin_user_pages_fast(lg->mem_base + gpa, 1,
				FOLL_WRITE | FOLL_LONGTERM, frame) != 1) {
		*frame = NULL;
		kill_guest(lg, "cannot pin guest page 0x%08x", gpa);
		return NULL;
	}
	atomic_inc(&lg_pages_in_use);
	return *frame;
}

/* chapters/6-paging.nw, The guest's frames: <<Let go of every guest frame>> */
static void release_guest_frames(struct lguest *lg)
{
	u32 i;

	for (i = 0; lg->frames && i < lg->mem_size >> PAGE_SHIFT; i++) {
		if (!lg->frames[i])
			continue;
		unpin_user_pages_dirty_lock(&lg->frames[i], 1, true);
		atomic_dec(&lg_pages_in_use);
	}
	kvfree(lg->frames);
	lg->frames = NULL;
}

/* chapters/6-paging.nw, Walking the guest's tables:
 * <<Read one entry of the guest's page tables>>
 */
static u32 guest_pgd_entry(struct lguest *lg, u32 cr3, u32 va)
{
	u32 pgd;

	read_guest(lg, &pgd, cr3 + PGD_INDEX(va) * 4, 4);
	if ((pgd & _PAGE_PRESENT) && (pgd & _PAGE_PSE)) {
		kill_guest(lg, "4 MiB page at 0x%08x is not supported", va);
		return 0;
	}
	return pgd;
}

static u32 guest_pte_gpa(u32 pgd, u32 va)
{
	return (pgd & PAGE_MASK) + PTE_INDEX(va) * 4;
}

/* chapters/6-paging.nw, Walking the guest's tables:
 * <<Translate a guest virtual address through the guest's tables>>
 */
bool guest_virt_to_phys(struct lguest *lg, u32 va, bool write, u32 *gpa)
{
	u32 pgd = guest_pgd_entry(lg, lg->shadow->guest_cr3, va), pte;
	u32 need = _PAGE_PRESENT | (write ? _PAGE_RW : 0);

	if ((pgd & need) != need || PGD_INDEX(va) == SLOT_OF(switcher_addr))
		return false;
	read_guest(lg, &pte, guest_pte_gpa(pgd, va), 4);
	if ((pte & need) != need)
		return false;
	*gpa = (pte & PAGE_MASK) | (va & ~PAGE_MASK);
	return guest_range_ok(lg, *gpa, 4);
}

/* chapters/6-paging.nw, Two levels or three:
 * <<Find the shadow's directory entry for an address>>
 */
static shadow_t *shadow_dir_entry(struct shadow_dir *sd, u32 va)
{
#ifdef CONFIG_X86_PAE
	shadow_t *dir = __va(sd->pgd[va >> 30] & PTE_PFN_MASK);

	return &dir[(va >> SHADOW_TABLE_SHIFT) & (SHADOW_PER_TABLE - 1)];
#else
	return &sd->pgd[va >> SHADOW_TABLE_SHIFT];
#endif
}

/* chapters/6-paging.nw, The fault: <<Find or make the shadow entry for an address>> */
static shadow_t *shadow_entry(struct lguest *lg, struct shadow_dir *sd,
			      u32 va, bool make)
{
	shadow_t *pde = shadow_dir_entry(sd, va), *table;

	if (!(*pde & _PAGE_PRESENT)) {
		if (!make)
			return NULL;
		table = take_table_page();
		if (!table) {
			kill_guest(lg, "out of memory for shadow page tables");
			return NULL;
		}
		*pde = __pa(table) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
		       _PAGE_ACCESSED;
	}
	table = __va(*pde & PTE_PFN_MASK);
	return &table[(va >> PAGE_SHIFT) & (SHADOW_PER_TABLE - 1)];
}

/* chapters/6-paging.nw, Forgetting: <<Drop one shadow page table>> */
static void drop_shadow_table(shadow_t *pde)
{
	if (!(*pde & _PAGE_PRESENT))
		return;
	give_back_table_page(__va(*pde & PTE_PFN_MASK));
	*pde = 0;
}

static void drop_guest_table(struct shadow_dir *sd, u32 index)
{
	u32 i, va = index << 22;

	for (i = 0; i < SHADOW_TABLES_PER_GUEST_TABLE; i++)
		drop_shadow_table(shadow_dir_entry(sd, va + (i << SHADOW_TABLE_SHIFT)));
}

/* chapters/6-paging.nw, Forgetting: <<Empty a shadow directory>> */
static void empty_shadow_dir(struct shadow_dir *sd)
{
	unsigned int i;

	for (i = 0; i < 1024; i++)
		if (i != SLOT_OF(switcher_addr))
			drop_guest_table(sd, i);
}

/* chapters/6-paging.nw, Two levels or three: <<Make and free the top of a shadow>> */
static void free_shadow_top(shadow_t *top)
{
#ifdef CONFIG_X86_PAE
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (top[i] & _PAGE_PRESENT)
			give_back_table_page(__va(top[i] & PTE_PFN_MASK));
#endif
	give_back_table_page(top);
}

static shadow_t *make_shadow_top(void)
{
	shadow_t *top = take_table_page();
#ifdef CONFIG_X86_PAE
	unsigned int i;
	void *dir;

	for (i = 0; top && i < 4; i++) {
		dir = take_table_page();
		if (!dir) {
			free_shadow_top(top);
			return NULL;
		}
		top[i] = __pa(dir) | _PAGE_PRESENT;
	}
#endif
	return top;
}

/* chapters/6-paging.nw, The fault: <<Copy one guest entry into the shadow>> */
static bool shadow_page(struct lguest *lg, struct shadow_dir *sd, u32 va,
			u32 pgd, u32 pte)
{
	u32 gpa = pte & PAGE_MASK, flags = _PAGE_PRESENT | _PAGE_ACCESSED;
	shadow_t *entry;
	struct page *page;

	if (!guest_range_ok(lg, gpa, PAGE_SIZE)) {
		kill_guest(lg, "page at 0x%08x maps 0x%08x outside memory", va, gpa);
		return false;
	}
	entry = shadow_entry(lg, sd, va, true);
	page = guest_frame(lg, gpa);
	if (!entry || !page)
		return false;
	flags |= pgd & pte & _PAGE_USER;
	if ((pgd & pte & _PAGE_RW) && (pte & _PAGE_DIRTY))
		flags |= _PAGE_RW | _PAGE_DIRTY;
	*entry = ((shadow_t)page_to_pfn(page) << PAGE_SHIFT) | flags;
	return true;
}

/* chapters/9-mastery.nw, The kernel's first touch:
 * <<Copy the kernel's entries around a fault into the shadow>>
 */
#define SHADOW_AROUND	64	/* entries copied around a kernel fault */

static void shadow_around(struct lguest *lg, u32 va, u32 pgd)
{
	u32 first = va & ~(SHADOW_AROUND * PAGE_SIZE - 1), at, pte;
	shadow_t *entry;

	for (at = first; at < first + SHADOW_AROUND * PAGE_SIZE; at += PAGE_SIZE) {
		entry = shadow_entry(lg, lg->shadow, at, true);
		if (!entry || lg->dead)
			return;
		if (*entry & _PAGE_PRESENT)
			continue;
		read_guest(lg, &pte, guest_pte_gpa(pgd, at), 4);
		if ((pte & (_PAGE_PRESENT | _PAGE_ACCESSED)) ==
		    (_PAGE_PRESENT | _PAGE_ACCESSED))
			shadow_page(lg, lg->shadow, at, pgd, pte);
	}
}

/* chapters/6-paging.nw, The fault: <<Handle a page fault from the guest's tables>> */
bool demand_page(struct lguest *lg, u32 va, u32 errcode)
{
	u32 need = _PAGE_PRESENT, pgd, pte, pte_gpa;
	bool ok;

	if (PGD_INDEX(va) == SLOT_OF(switcher_addr)) {
		kill_guest(lg, "touched the Switcher's slot at 0x%08x", va);
		return false;
	}
	if (errcode & 2)
		need |= _PAGE_RW;
	if (errcode & 4)
		need |= _PAGE_USER;
	pgd = guest_pgd_entry(lg, lg->shadow->guest_cr3, va);
	if ((pgd & need) != need)
		return false;
	pte_gpa = guest_pte_gpa(pgd, va);
	read_guest(lg, &pte, pte_gpa, 4);
	if ((pte & need) != need || lg->dead)
		return false;
	if ((errcode & 0x10) && !(errcode & 4) && (pgd & pte & _PAGE_USER))
		return false;
	pte |= _PAGE_ACCESSED | ((errcode & 2) ? _PAGE_DIRTY : 0);
	write_guest(lg, &pte, pte_gpa, 4);
	ok = shadow_page(lg, lg->shadow, va, pgd, pte);
	if (ok && READ_ONCE(fast_faults) && !(errcode & 4) && !(pgd & _PAGE_USER))
		shadow_around(lg, va, pgd);
	return ok;
}

/* chapters/6-paging.nw, The cache of page directories:
 * <<Find the shadow of a guest page directory>>
 */
static struct shadow_dir *find_shadow(struct lguest *lg, u32 cr3)
{
	unsigned int i;

	for (i = 0; i < SHADOW_DIRS; i++)
		if (lg->shadows[i].guest_cr3 == cr3)
			return &lg->shadows[i];
	return NULL;
}

static struct shadow_dir *reuse_shadow(struct lguest *lg, u32 cr3)
{
	struct shadow_dir *sd = &lg->shadows[lg->next_victim];

	if (sd == lg->shadow)
		sd = &lg->shadows[(lg->next_victim + 1) % SHADOW_DIRS];
	lg->next_victim = (sd - lg->shadows + 1) % SHADOW_DIRS;
	empty_shadow_dir(sd);
	sd->guest_cr3 = cr3;
	return sd;
}

/* chapters/6-paging.nw, The cache of page directories: <<Load a new guest page directory>> */
void load_guest_page_directory(struct lguest *lg, u32 gpa)
{
	struct shadow_dir *sd;

	if (!PAGE_ALIGNED(gpa) || !guest_range_ok(lg, gpa, PAGE_SIZE)) {
		kill_guest(lg, "bad page directory 0x%08x", gpa);
		return;
	}
	sd = find_shadow(lg, gpa);
	lg->shadow = sd ? sd : reuse_shadow(lg, gpa);
}

/* chapters/6-paging.nw, Hearing about changes: <<Hear about a changed guest entry>> */
void invalidate_shadow_page(struct lguest *lg, u32 va)
{
	unsigned int i;
	shadow_t *entry;

	if (PGD_INDEX(va) == SLOT_OF(switcher_addr))
		return;
	for (i = 0; i < SHADOW_DIRS; i++) {
		entry = shadow_entry(lg, &lg->shadows[i], va, false);
		if (entry)
			*entry = 0;
	}
}

/* chapters/6-paging.nw, Hearing about changes: <<Hear about a changed guest entry>> */
void set_guest_pte(struct lguest *lg, u32 cr3, u32 va)
{
	struct shadow_dir *sd = find_shadow(lg, cr3);
	u32 pgd, pte;

	if (PGD_INDEX(va) == SLOT_OF(switcher_addr)) {
		kill_guest(lg, "page table entry in the Switcher's slot at 0x%08x", va);
		return;
	}
	invalidate_shadow_page(lg, va);
	if (!sd)
		return;
	pgd = guest_pgd_entry(lg, cr3, va);
	if (!(pgd & _PAGE_PRESENT))
		return;
	read_guest(lg, &pte, guest_pte_gpa(pgd, va), 4);
	if ((pte & (_PAGE_PRESENT | _PAGE_ACCESSED)) ==
	    (_PAGE_PRESENT | _PAGE_ACCESSED) && !lg->dead)
		shadow_page(lg, sd, va, pgd, pte);
}

/* chapters/6-paging.nw, Hearing about changes: <<Hear about a changed guest entry>> */
void set_guest_pgd(struct lguest *lg, u32 cr3, u32 index)
{
	struct shadow_dir *sd = find_shadow(lg, cr3);

	if (index >= 1024 || index == SLOT_OF(switcher_addr)) {
		kill_guest(lg, "directory entry 0x%x is not the guest's", index);
		return;
	}
	if (sd)
		drop_guest_table(sd, index);
}

void flush_shadow_page_tables(struct lguest *lg)
{
	unsigned int i;

	for (i = 0; i < SHADOW_DIRS; i++)
		empty_shadow_dir(&lg->shadows[i]);
}

/* chapters/6-paging.nw, Hearing about changes:
 * <<Create and free a guest's shadow page directories>>
 */
#define NO_GUEST_DIR	1

void free_guest_page_tables(struct lguest *lg)
{
	unsigned int i;

	for (i = 0; i < SHADOW_DIRS; i++) {
		if (!lg->shadows[i].pgd)
			continue;
		empty_shadow_dir(&lg->shadows[i]);
		free_shadow_top(lg->shadows[i].pgd);
		lg->shadows[i].pgd = NULL;
	}
	release_guest_frames(lg);
}

int init_guest_page_tables(struct lguest *lg, u32 cr3)
{
	unsigned int i;

	lg->frames = kvcalloc(lg->mem_size >> PAGE_SHIFT, sizeof(*lg->frames),
			      GFP_KERNEL_ACCOUNT);
	if (!lg->frames)
		return -ENOMEM;
	for (i = 0; i < SHADOW_DIRS; i++) {
		lg->shadows[i].pgd = make_shadow_top();
		if (!lg->shadows[i].pgd) {
			free_guest_page_tables(lg);
			return -ENOMEM;
		}
		lg->shadows[i].guest_cr3 = NO_GUEST_DIR;
	}
	lg->shadows[0].guest_cr3 = cr3;
	lg->shadow = &lg->shadows[0];
	lg->next_victim = 1 % SHADOW_DIRS;
	return 0;
}

/* chapters/8-switcher.nw, The Switcher in the guest's address space:
 * <<Build each processor's page table for the Switcher>>
 */
static shadow_t *switcher_pte_page[NR_CPUS];

static void map_switcher_page(shadow_t *table, unsigned int index, u32 flags)
{
	unsigned long va = (unsigned long)switcher_addr + index * PAGE_SIZE;

	table[(va >> PAGE_SHIFT) & (SHADOW_PER_TABLE - 1)] =
		((shadow_t)vmalloc_to_pfn((void *)va) << PAGE_SHIFT) |
		flags | _PAGE_PRESENT | _PAGE_ACCESSED;
}

/* chapters/8-switcher.nw, The Switcher in the guest's address space:
 * <<Build each processor's page table for the Switcher>>
 */
int alloc_switcher_page_tables(void)
{
	unsigned int cpu, i, first;

	for_each_possible_cpu(cpu) {
		shadow_t *table = (shadow_t *)get_zeroed_page(GFP_KERNEL);

		if (!table) {
			free_switcher_page_tables();
			return -ENOMEM;
		}
		switcher_pte_page[cpu] = table;
		for (i = 0; i < SWITCHER_CODE_PAGES; i++)
			map_switcher_page(table, i, 0);
		first = SWITCHER_CODE_PAGES + SWITCHER_PAGES_PER_CPU * cpu;
		map_switcher_page(table, first, _PAGE_RW | _PAGE_DIRTY);
		map_switcher_page(table, first + 1, 0);
	}
	return 0;
}

void free_switcher_page_tables(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		free_page((unsigned long)switcher_pte_page[cpu]);
		switcher_pte_page[cpu] = NULL;
	}
}

/* chapters/8-switcher.nw, The Switcher in the guest's address space:
 * <<Build each processor's page table for the Switcher>>
 */
void map_switcher_in_guest(struct lguest *lg, unsigned int cpu)
{
	*shadow_dir_entry(lg->shadow, (unsigned long)switcher_addr) =
		__pa(switcher_pte_page[cpu]) | _PAGE_PRESENT | _PAGE_RW |
		_PAGE_ACCESSED;
}
