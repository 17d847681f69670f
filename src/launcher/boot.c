// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/4-launcher.nw; edit the chapter, not this file. */
/* boot.c: the guest's boot page tables and its boot information. */
#include <string.h>
#include "lguest.h"
#include "launcher.h"

/* chapters/4-launcher.nw, The boot page tables: <<The x86 page table format>> */
#define PAGE_SHIFT	12
#define PAGE_SIZE	(1u << PAGE_SHIFT)
#define PGDIR_SHIFT	22			/* a directory entry maps 4 MiB */
#define PGDIR_SPAN	(1u << PGDIR_SHIFT)

#define PTE_PRESENT	0x001	/* the entry is valid */
#define PTE_RW		0x002	/* writes are allowed */
#define PTE_USER	0x004	/* ring 3 may use it, not just rings 0-2 */
#define PTE_ACCESSED	0x020	/* set by the processor on any use */
#define PTE_DIRTY	0x040	/* set by the processor on a write */

/* chapters/4-launcher.nw, The boot page tables: <<The x86 page table format>> */
#define BOOT_PAGE_FLAGS	(PTE_PRESENT | PTE_RW)

/* chapters/4-launcher.nw, The boot page tables: <<Plan where the boot pages go>> */
void plan_boot_layout(struct guest *g)
{
	uint32_t tables = (g->mem_size + PGDIR_SPAN - 1) >> PGDIR_SHIFT;

	g->pgdir = g->mem_size - PAGE_SIZE;
	g->mem_top = g->pgdir - tables * PAGE_SIZE - PAGE_SIZE;
}

static uint32_t first_page_table(const struct guest *g)
{
	return g->mem_top + PAGE_SIZE;
}

/* chapters/4-launcher.nw, The boot page tables: <<Build the boot page tables>> */
void build_boot_page_tables(const struct guest *g)
{
	uint32_t *ptes, *pgd;
	uint32_t pa;

	ptes = guest_ptr(g, first_page_table(g));
	for (pa = 0; pa < g->mem_size; pa += PAGE_SIZE)
		ptes[pa >> PAGE_SHIFT] = pa | BOOT_PAGE_FLAGS;
	pgd = guest_ptr(g, g->pgdir);
	for (pa = 0; pa < g->mem_size; pa += PGDIR_SPAN)
		pgd[pa >> PGDIR_SHIFT] = (first_page_table(g) +
					  (pa >> PGDIR_SHIFT) * PAGE_SIZE) |
					 BOOT_PAGE_FLAGS;
}

/* chapters/4-launcher.nw, The boot page tables: <<Write the boot information>> */
_Static_assert(sizeof(struct lguest_boot) <= PAGE_SIZE,
	       "the boot information must fit in its page");

void write_boot_info(const struct guest *g, const char *cmdline)
{
	struct lguest_boot *boot = guest_ptr(g, g->mem_top);

	boot->magic = LGUEST_BOOT_MAGIC;
	boot->version = LGUEST_ABI_VERSION;
	boot->mem_size = g->mem_size;
	boot->mem_top = g->mem_top;
	memcpy(boot->cmdline, cmdline, LGUEST_CMDLINE_MAX);
}
