// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* memburn_linear.c: benchmark: 16 MiB of mapped memory, in order. */
#include "measure.h"

/* chapters/9-mastery.nw, The benchmark programs: <<The memory the memburns touch>> */
#define BURN_WORDS	(4u << 20)	/* 16 MiB of 32-bit words */

static volatile uint32_t *burn_area(void)
{
	volatile uint32_t *mem = sbrk(BURN_WORDS * 4);
	uint32_t i;

	if (mem != (void *)-1)
		for (i = 0; i < BURN_WORDS; i += 1024)
			mem[i] = i;
	return mem;
}

int main(uint32_t n)
{
	volatile uint32_t *mem = burn_area();
	struct mark start;
	uint32_t i;

	if (mem == (void *)-1)
		return 1;
	start_clock(&start);
	for (i = 0; i < n; i++)
		mem[i & (BURN_WORDS - 1)] += i;
	report("memburn-linear", n, &start);
	return 0;
}
