// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* switch.c: benchmark: two processes handing the processor back and forth. */
#include "measure.h"

int main(uint32_t n)
{
	struct mark start;
	uint32_t i;

	start_clock(&start);
	for (i = 0; i < n; i++)
		yield();
	report("switch", 2 * n, &start);
	return 0;
}
