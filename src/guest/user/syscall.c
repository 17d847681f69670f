// SPDX-License-Identifier: GPL-2.0
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
