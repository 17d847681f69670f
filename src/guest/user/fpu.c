// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* fpu.c: floating-point registers kept across preemption. */
#include "ulib.h"

int main(uint32_t ms)
{
	uint32_t pid = getpid(), mine[4], seen[4], i, bad = 0, x87;
	uint64_t end = rdtsc() + (uint64_t)count(COUNT_TSC_KHZ) * ms;

	for (i = 0; i < 4; i++)
		mine[i] = pid * 0x11111111u + i;
	asm volatile("fninit; fildl %1; movdqu %0, %%xmm5"
		     : : "m" (mine), "m" (pid));
	while (rdtsc() < end)
		;
	asm volatile("movdqu %%xmm5, %0; fistpl %1" : "=m" (seen), "=m" (x87));
	for (i = 0; i < 4; i++)
		bad |= seen[i] ^ mine[i];
	bad |= x87 ^ pid;
	uprintf("fpu: process %u %s its registers\n", pid,
		bad ? "lost" : "kept");
	return bad != 0;
}
