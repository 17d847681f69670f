// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* fault_zero.c: benchmark: demand-zero page faults on fresh heap pages. */
#include "measure.h"

int main(uint32_t n)
{
	volatile uint32_t *heap = sbrk(n * 4096);
	struct mark start;
	uint32_t i;

	if (heap == (void *)-1)
		return 1;
	start_clock(&start);
	for (i = 0; i < n; i++)
		heap[i * 1024] = i;
	report("fault-zero", n, &start);
	return 0;
}
