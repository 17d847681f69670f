// SPDX-License-Identifier: GPL-2.0
/* fpucheck.c: a host process whose FPU registers must survive the guests
 * running beside it.  It keeps a pattern in %xmm6 and pi on the x87 stack,
 * yields the processor ROUNDS times, and checks both are still there.
 * Built with -mno-sse, and calling nothing but sched_yield() in the loop,
 * so that nothing of ours touches those registers in between. */
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static const uint32_t pattern[4] = {
	0xdeadbeef, 0x0badf00d, 0xfeedface, 0xc0ffee00
};

int main(int argc, char *argv[])
{
	long rounds = argc > 1 ? atol(argv[1]) : 1000, i;
	uint32_t seen[4], differ = 0;
	uint64_t pi;

	asm volatile("fninit; fldpi; movdqu %0, %%xmm6" : : "m" (pattern));
	for (i = 0; i < rounds; i++)
		sched_yield();
	asm volatile("movdqu %%xmm6, %0; fstpl %1" : "=m" (seen), "=m" (pi));
	for (i = 0; i < 4; i++)
		differ |= seen[i] ^ pattern[i];
	if (differ || pi != 0x400921fb54442d18ULL) {
		printf("fpucheck: FPU state lost after %ld rounds\n", rounds);
		return 1;
	}
	printf("fpucheck: FPU state kept across %ld rounds\n", rounds);
	return 0;
}
