// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* hypercall.c: benchmark: the kernel's no-op hypercall, round trip. */
#include "measure.h"

int main(uint32_t n)
{
	struct mark start;

	start_clock(&start);
	bench_op(BENCH_HCALLS, n, 0);
	report("hypercall", n, &start);
	return 0;
}
