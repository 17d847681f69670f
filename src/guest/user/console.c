// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* console.c: benchmark: virtio console output, a line at a time. */
#include "measure.h"

int main(uint32_t n)
{
	struct mark start;

	start_clock(&start);
	if (bench_op(BENCH_CONSOLE, n, 0) != 0)
		return 1;
	report("console", n, &start);
	return 0;
}
