/* SPDX-License-Identifier: GPL-2.0 */
/* paging.h: the guest's own page tables. */
#ifndef GUEST_PAGING_H
#define GUEST_PAGING_H

#include <stdint.h>

#define PAGE_SIZE	4096u
#define PAGE_MASK	(~(PAGE_SIZE - 1))

void setup_paging(uint32_t mem_top);
void map_fresh_page(uint32_t va);
void map_any_page(uint32_t va, uint32_t pa);

#endif /* GUEST_PAGING_H */
