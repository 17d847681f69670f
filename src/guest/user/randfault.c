// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* randfault.c: demand-zero faults in random order, reads and writes. */
#include "ulib.h"

#define PAGES	3000
#define TOUCHES	12000

static uint32_t seed;

static uint32_t next_random(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

int main(uint32_t arg)
{
	static uint8_t written[PAGES];
	uint32_t faults = count(COUNT_PAGE_FAULTS), i, page, bad = 0;
	volatile uint32_t *mem = sbrk(PAGES * 4096);

	if (mem == (void *)-1)
		return 1;
	for (seed = arg, i = 0; i < TOUCHES; i++) {
		page = next_random() % PAGES;
		if (next_random() & 1) {
			mem[page * 1024 + 7] = page ^ arg;
			written[page] = 1;
		} else if (mem[page * 1024 + 7] != (written[page] ? page ^ arg : 0)) {
			bad++;
		}
	}
	faults = count(COUNT_PAGE_FAULTS) - faults;
	uprintf("randfault: %u touches, %u bad, %u page faults\n", TOUCHES, bad, faults);
	return bad != 0;
}
