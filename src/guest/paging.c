// SPDX-License-Identifier: GPL-2.0
/* paging.c: the guest's page tables, shadowed by the Host. */
#include <stdbool.h>
#include "console.h"
#include "lib.h"
#include "main.h"
#include "paging.h"
#include "paravirt.h"

#define PGD_INDEX(va)	((va) >> 22)
#define PTE_INDEX(va)	(((va) >> 12) & 1023)

#define PTE_P		0x001	/* present */
#define PTE_RW		0x002	/* writable */
#define PTE_A		0x020	/* accessed */
#define PTE_D		0x040	/* dirty */
#define PDE_KERNEL	(PTE_P | PTE_RW)
#define PTE_KERNEL	(PTE_P | PTE_RW | PTE_A | PTE_D)

extern char image_end[];	/* from guest.lds, page aligned */

static uint32_t next_free_page;
static uint32_t free_limit;

static void *alloc_page(void)
{
	void *page = __va(next_free_page);

	if (next_free_page >= free_limit) {
		kprintf("Guest: out of memory\n");
		shut_down(STATUS_NO_MEMORY);
	}
	next_free_page += PAGE_SIZE;
	memset(page, 0, PAGE_SIZE);
	return page;
}

static void map_page(uint32_t *pgdir, uint32_t va, uint32_t pa)
{
	uint32_t *pde = &pgdir[PGD_INDEX(va)];
	uint32_t *table;

	if (!(*pde & PTE_P))
		*pde = __pa(alloc_page()) | PDE_KERNEL;
	table = __va(*pde & PAGE_MASK);
	table[PTE_INDEX(va)] = pa | PTE_KERNEL;
}

static bool is_switcher_slot(uint32_t va)
{
	uint32_t start, end;

	pv_get_switcher_slot(&start, &end);
	return PGD_INDEX(va) >= PGD_INDEX(start) &&
	       PGD_INDEX(va) <= PGD_INDEX(end - 1);
}

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

void map_fresh_page(uint32_t va)
{
	map_page(pgdir, va, __pa(alloc_page()));
	pv_invlpg(va);
}
void map_any_page(uint32_t va, uint32_t pa)
{
	map_page(pgdir, va, pa);
	pv_invlpg(va);
}
