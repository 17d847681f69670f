// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* irq.c: benchmark: a timer interrupt's round trip. */
#include "measure.h"

int main(uint32_t n)
{
	struct mark start;

	start_clock(&start);
	if (bench_op(BENCH_IRQS, n, 0) != 0)
		return 1;
	report("irq", n, &start);
	return 0;
}
