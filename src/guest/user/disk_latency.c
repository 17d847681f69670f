// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* disk_latency.c: benchmark: virtio block latency, one sector a request. */
#include "measure.h"

#define NAME	"disk-latency"
#define SECTORS	1

/* chapters/9-mastery.nw, The benchmark programs:
 * <<Read the disk in requests of SECTORS sectors>>
 */
int main(uint32_t n)
{
	struct mark start;

	start_clock(&start);
	if (bench_op(BENCH_DISK, n, SECTORS) != 0)
		return 1;
	report(NAME, n, &start);
	return 0;
}
