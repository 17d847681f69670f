// SPDX-License-Identifier: GPL-2.0
/* disk_read.c: benchmark: virtio block bandwidth, 32 KiB a request. */
#include "measure.h"

#define NAME	"disk-read"
#define SECTORS	64
int main(uint32_t n)
{
	struct mark start;

	start_clock(&start);
	if (bench_op(BENCH_DISK, n, SECTORS) != 0)
		return 1;
	report(NAME, n, &start);
	return 0;
}
