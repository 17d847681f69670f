// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* spinner.c: a process that never yields. */
#include "ulib.h"

int main(uint32_t ms)
{
	uint64_t per_ms = count(COUNT_TSC_KHZ), start = rdtsc(), last = start;
	uint64_t now, end = start + per_ms * ms;
	uint32_t gaps = 0;

	while ((now = rdtsc()) < end) {
		if (now - last > 2 * per_ms)
			gaps++;
		last = now;
	}
	uprintf("spinner: process %u spun %u ms, preempted %u times\n",
		getpid(), ms, gaps);
	return 0;
}
