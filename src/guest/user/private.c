// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* private.c: the same addresses, different memory. */
#include "ulib.h"

static uint32_t buffer[4096];

static uint32_t differences(uint32_t pid)
{
	uint32_t i, bad = 0;

	for (i = 0; i < 4096; i++)
		bad += buffer[i] != (pid * 0x01010101u ^ i);
	return bad;
}

int main(uint32_t rounds)
{
	uint32_t pid = getpid(), i, bad = 0;

	for (i = 0; i < 4096; i++)
		buffer[i] = pid * 0x01010101u ^ i;
	for (i = 0; i < rounds; i++) {
		yield();
		bad += differences(pid);
	}
	uprintf("private: process %u, %u switches, %u words changed\n",
		pid, rounds, bad);
	return bad != 0;
}
