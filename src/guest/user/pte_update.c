// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* pte_update.c: benchmark: a system call that changes one mapping. */
#include "measure.h"

int main(uint32_t n)
{
	volatile uint32_t *page = sbrk(4096);
	struct mark start;
	uint32_t i;

	if (page == (void *)-1)
		return 1;
	page[0] = 1;
	start_clock(&start);
	for (i = 0; i < n; i++)
		bench_op(BENCH_PROTECT, (uint32_t)page, i & 1);
	report("pte-update", n, &start);
	bench_op(BENCH_PROTECT, (uint32_t)page, 1);
	page[0] = 2;
	return 0;
}
