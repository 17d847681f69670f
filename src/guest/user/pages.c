// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* pages.c: demand paging, page by page. */
#include "ulib.h"

int main(uint32_t n)
{
	uint32_t exits = count(COUNT_HOST_EXITS), i, bad = 0;
	uint32_t faults = count(COUNT_PAGE_FAULTS);
	volatile uint32_t *mem = sbrk(n * 4096);

	if (mem == (void *)-1)
		return 1;
	for (i = 0; i < n; i++)
		mem[i * 1024] = i ^ 0x5a5a5a5a;
	for (i = 0; i < n; i++)
		bad += mem[i * 1024] != (i ^ 0x5a5a5a5a) || mem[i * 1024 + 1];
	faults = count(COUNT_PAGE_FAULTS) - faults;
	exits = count(COUNT_HOST_EXITS) - exits;
	uprintf("pages: %u pages, %u bad, %u page faults, %u exits\n",
		n, bad, faults, exits);
	return bad != 0;
}
