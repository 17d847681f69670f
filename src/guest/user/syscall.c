// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* syscall.c: benchmark: a system call that does nothing. */
#include "measure.h"

int main(uint32_t n)
{
	struct mark start;
	uint32_t i;

	start_clock(&start);
	for (i = 0; i < n; i++)
		getpid();
	report("syscall", n, &start);
	return 0;
}
