// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* paging.c: the guest's page tables, shadowed by the Host. */
#include <stdbool.h>
#include "console.h"
#include "lib.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"
#include "syscall.h"

/* chapters/1-guest.nw, Page tables: <<The parts of a virtual address, and the bits of an entry>> */
#define PGD_INDEX(va)	((va) >> 22)
#define PTE_INDEX(va)	(((va) >> 12) & 1023)

#define PTE_P		0x001	/* present */
#define PTE_RW		0x002	/* writable */
#define PTE_A		0x020	/* accessed */
#define PTE_D		0x040	/* dirty */
#define PDE_KERNEL	(PTE_P | PTE_RW)
#define PTE_KERNEL	(PTE_P | PTE_RW | PTE_A | PTE_D)

/* chapters/2-processes.nw, Address spaces:
 * <<The parts of a virtual address, and the bits of an entry>>
 */
#define PTE_U		0x004	/* ring 3 may use it */
#define PDE_USER	(PTE_P | PTE_RW | PTE_U)
#define PTE_USER	(PTE_P | PTE_RW | PTE_U | PTE_A | PTE_D)

/* chapters/1-guest.nw, A page allocator: <<The guest's page allocator>> */
extern char image_end[];	/* from guest.lds, page aligned */

static uint32_t next_free_page;
static uint32_t free_limit;
static uint32_t *free_list;

void *alloc_page(void)
{
	void *page = free_list;

	if (page) {
		free_list = (uint32_t *)*free_list;
	} else if (next_free_page < free_limit) {
		page = __va(next_free_page);
		next_free_page += PAGE_SIZE;
	} else {
		kprintf("Guest: out of memory\n");
		shut_down(STATUS_NO_MEMORY);
	}
	memset(page, 0, PAGE_SIZE);
	return page;
}

void free_page(void *page)
{
	*(uint32_t **)page = free_list;
	free_list = page;
}

/* chapters/1-guest.nw, Building the tables: <<Map one page in a page directory>> */
static void map_page(uint32_t *pgdir, uint32_t va, uint32_t pa)
{
	uint32_t *pde = &pgdir[PGD_INDEX(va)];
	uint32_t *table;

	if (!(*pde & PTE_P))
		*pde = __pa(alloc_page()) | PDE_KERNEL;
	table = __va(*pde & PAGE_MASK);
	table[PTE_INDEX(va)] = pa | PTE_KERNEL;
}

/* chapters/1-guest.nw, Building the tables:
 * <<Tell whether an address is in the Switcher's slot>>
 */
static bool is_switcher_slot(uint32_t va)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	return PGD_INDEX(va) >= PGD_INDEX(start) &&
	       PGD_INDEX(va) <= PGD_INDEX(end - 1);
}

/* chapters/1-guest.nw, Building the tables:
 * <<Set up the guest's page tables and switch to them>>
 */
static uint32_t *pgdir;

void setup_paging(uint32_t mem_top)
{
	uint32_t va;

	next_free_page = __pa(image_end);
	free_limit = mem_top & PAGE_MASK;
	pgdir = alloc_page();
	for (va = PAGE_SIZE; va < free_limit; va += PAGE_SIZE)
		if (!is_switcher_slot(va))
			map_page(pgdir, va, va);
	pv_load_pgdir(__pa(pgdir));
}

/* chapters/9-mastery.nw, A guest that tries to mislead the walker:
 * <<Set up the guest's page tables and switch to them>>
 */

uint32_t *kernel_page_directory(void)
{
	return pgdir;
}

/* chapters/1-guest.nw, Changing a live table: <<Map a fresh page into the live page tables>> */
void map_fresh_page(uint32_t va)
{
	map_page(pgdir, va, __pa(alloc_page()));
	pv_invlpg(va);
}

/* chapters/1-guest.nw, Changing a live table: <<Map a fresh page into the live page tables>> */
void map_any_page(uint32_t va, uint32_t pa)
{
	map_page(pgdir, va, pa);
	pv_invlpg(va);
}

/* chapters/2-processes.nw, Address spaces:
 * <<Make, fill, switch and free a process's address space>>
 */
uint32_t *new_address_space(void)
{
	uint32_t *dir = alloc_page();
	unsigned int i;

	for (i = 0; i < PGD_INDEX(USER_BASE); i++)
		dir[i] = pgdir[i];
	return dir;
}

/* chapters/2-processes.nw, Address spaces:
 * <<Make, fill, switch and free a process's address space>>
 */
void map_user_page(uint32_t *dir, uint32_t va, uint32_t pa)
{
	uint32_t *pde = &dir[PGD_INDEX(va)];
	uint32_t *table;

	if (!(*pde & PTE_P))
		*pde = __pa(alloc_page()) | PDE_USER;
	table = __va(*pde & PAGE_MASK);
	table[PTE_INDEX(va)] = pa | PTE_USER;
	pv_set_pte(__pa(dir), va);
}

/* chapters/2-processes.nw, Address spaces:
 * <<Make, fill, switch and free a process's address space>>
 */
bool is_user_page_mapped(const uint32_t *dir, uint32_t va)
{
	uint32_t pde = dir[PGD_INDEX(va)];

	return (pde & PTE_P) &&
	       (((uint32_t *)__va(pde & PAGE_MASK))[PTE_INDEX(va)] & PTE_P);
}

/* chapters/2-processes.nw, Address spaces:
 * <<Make, fill, switch and free a process's address space>>
 */
static uint32_t *loaded_dir;

void switch_address_space(uint32_t *dir)
{
	if (dir == loaded_dir)
		return;
	pv_load_pgdir(__pa(dir));
	loaded_dir = dir;
}

/* chapters/2-processes.nw, Address spaces:
 * <<Make, fill, switch and free a process's address space>>
 */
static void free_user_table(uint32_t *dir, unsigned int index)
{
	uint32_t *table = __va(dir[index] & PAGE_MASK);
	unsigned int i;

	for (i = 0; i < 1024; i++)
		if (table[i] & PTE_P)
			free_page(__va(table[i] & PAGE_MASK));
	free_page(table);
	dir[index] = 0;
	pv_set_pgd(__pa(dir), index);
}

void free_address_space(uint32_t *dir)
{
	unsigned int i;

	switch_address_space(pgdir);
	for (i = PGD_INDEX(USER_BASE); i < PGD_INDEX(USER_STACK_TOP); i++)
		if (dir[i] & PTE_P)
			free_user_table(dir, i);
	free_page(dir);
}

/* chapters/9-mastery.nw, The kernel's half:
 * <<Make, fill, switch and free a process's address space>>
 */
bool protect_user_page(uint32_t *dir, uint32_t va, bool writable)
{
	uint32_t *table;

	if (va < USER_BASE || va >= USER_STACK_TOP ||
	    !is_user_page_mapped(dir, va))
		return false;
	table = __va(dir[PGD_INDEX(va)] & PAGE_MASK);
	if (writable)
		table[PTE_INDEX(va)] |= PTE_RW;
	else
		table[PTE_INDEX(va)] &= ~PTE_RW;
	pv_set_pte(__pa(dir), va);
	return true;
}
