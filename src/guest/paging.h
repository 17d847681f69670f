/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* paging.h: the guest's own page tables. */
#ifndef GUEST_PAGING_H
#define GUEST_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_SIZE	4096u
#define PAGE_MASK	(~(PAGE_SIZE - 1))

void setup_paging(uint32_t mem_top);
void map_fresh_page(uint32_t va);
void map_any_page(uint32_t va, uint32_t pa);
void *alloc_page(void);
void free_page(void *page);

/* chapters/2-processes.nw, Address spaces: <<Address spaces for processes>> */
uint32_t *new_address_space(void);
void map_user_page(uint32_t *dir, uint32_t va, uint32_t pa);
bool is_user_page_mapped(const uint32_t *dir, uint32_t va);
void switch_address_space(uint32_t *dir);
void free_address_space(uint32_t *dir);

/* chapters/9-mastery.nw, The kernel's half: <<Address spaces for processes>> */
bool protect_user_page(uint32_t *dir, uint32_t va, bool writable);

#endif /* GUEST_PAGING_H */
