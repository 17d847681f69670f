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
static u32 *take_table_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	atomic_inc(&lg_pages_in_use);
	return page_address(page);
}

static void give_back_table_page(u32 *table)
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

/* chapters/6-paging.nw, Forgetting: <<Drop one shadow entry>> */
static void drop_shadow_entry(u32 *pte)
{
	*pte = 0;
}

/* chapters/6-paging.nw, Forgetting: <<Drop one shadow page table>> */
static void drop_shadow_table(u32 *pgd)
{
	u32 *table = __va(*pgd & PAGE_MASK);
	unsigned int i;

	if (!(*pgd & _PAGE_PRESENT))
		return;
	for (i = 0; i < PTRS_PER_PTE; i++)
		drop_shadow_entry(&table[i]);
	give_back_table_page(table);
	*pgd = 0;
}

/* chapters/6-paging.nw, Forgetting: <<Empty a shadow directory>> */
static void empty_shadow_dir(struct shadow_dir *sd)
{
	unsigned int i;

	for (i = 0; i < PTRS_PER_PGD; i++)
		if (i != SLOT_OF(switcher_addr))
			drop_shadow_table(&sd->pgd[i]);
}

/* chapters/6-paging.nw, The fault: <<Find or make the shadow page table for an address>> */
static u32 *shadow_table(struct lguest *lg, struct shadow_dir *sd, u32 va)
{
	u32 *pgd = &sd->pgd[PGD_INDEX(va)], *table;

	if (*pgd & _PAGE_PRESENT)
		return __va(*pgd & PAGE_MASK);
	table = take_table_page();
	if (!table) {
		kill_guest(lg, "out of memory for shadow page tables");
		return NULL;
	}
	*pgd = __pa(table) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
	       _PAGE_ACCESSED;
	return table;
}

/* chapters/6-paging.nw, The fault: <<Copy one guest entry into the shadow>> */
static bool shadow_page(struct lguest *lg, struct shadow_dir *sd, u32 va,
			u32 pgd, u32 pte)
{
	u32 gpa = pte & PAGE_MASK, flags = _PAGE_PRESENT | _PAGE_ACCESSED;
	u32 *table;
	struct page *page;

	if (!guest_range_ok(lg, gpa, PAGE_SIZE)) {
		kill_guest(lg, "page at 0x%08x maps 0x%08x outside memory", va, gpa);
		return false;
	}
	table = shadow_table(lg, sd, va);
	page = guest_frame(lg, gpa);
	if (!table || !page)
		return false;
	flags |= pgd & pte & _PAGE_USER;
	if ((pgd & pte & _PAGE_RW) && (pte & _PAGE_DIRTY))
		flags |= _PAGE_RW | _PAGE_DIRTY;
	drop_shadow_entry(&table[PTE_INDEX(va)]);
	table[PTE_INDEX(va)] = (page_to_pfn(page) << PAGE_SHIFT) | flags;
	return true;
}

/* chapters/9-mastery.nw, The kernel's first touch:
 * <<Copy the kernel's entries around a fault into the shadow>>
 */
#define SHADOW_AROUND	64	/* entries copied around a kernel fault */

static void shadow_around(struct lguest *lg, u32 va, u32 pgd)
{
	u32 *table = shadow_table(lg, lg->shadow, va), pte, i;
	u32 first = PTE_INDEX(va) & ~(SHADOW_AROUND - 1);
	u32 base = va & ~((1U << 22) - 1);

	for (i = first; table && i < first + SHADOW_AROUND && !lg->dead; i++) {
		if (table[i] & _PAGE_PRESENT)
			continue;
		read_guest(lg, &pte, (pgd & PAGE_MASK) + i * 4, 4);
		if ((pte & (_PAGE_PRESENT | _PAGE_ACCESSED)) ==
		    (_PAGE_PRESENT | _PAGE_ACCESSED))
			shadow_page(lg, lg->shadow, base + i * PAGE_SIZE, pgd, pte);
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
	u32 pgd;

	if (PGD_INDEX(va) == SLOT_OF(switcher_addr))
		return;
	for (i = 0; i < SHADOW_DIRS; i++) {
		pgd = lg->shadows[i].pgd[PGD_INDEX(va)];
		if (pgd & _PAGE_PRESENT)
			drop_shadow_entry((u32 *)__va(pgd & PAGE_MASK) +
					  PTE_INDEX(va));
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

	if (index >= PTRS_PER_PGD || index == SLOT_OF(switcher_addr)) {
		kill_guest(lg, "directory entry 0x%x is not the guest's", index);
		return;
	}
	if (sd)
		drop_shadow_table(&sd->pgd[index]);
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
		give_back_table_page(lg->shadows[i].pgd);
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
		lg->shadows[i].pgd = take_table_page();
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
static u32 *switcher_pte_page[NR_CPUS];

static void map_switcher_page(u32 *table, unsigned int index, u32 flags)
{
	unsigned long va = (unsigned long)switcher_addr + index * PAGE_SIZE;

	table[PTE_INDEX(va)] = (vmalloc_to_pfn((void *)va) << PAGE_SHIFT) |
			       flags | _PAGE_PRESENT | _PAGE_ACCESSED;
}

/* chapters/8-switcher.nw, The Switcher in the guest's address space:
 * <<Build each processor's page table for the Switcher>>
 */
int alloc_switcher_page_tables(void)
{
	unsigned int cpu, i, first;

	for_each_possible_cpu(cpu) {
		u32 *table = (u32 *)get_zeroed_page(GFP_KERNEL);

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
	lg->shadow->pgd[SLOT_OF(switcher_addr)] = __pa(switcher_pte_page[cpu]) |
		_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;
}
