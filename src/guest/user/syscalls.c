// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* syscalls.c: system calls, and what they cost the Host. */
#include "ulib.h"

int main(uint32_t n)
{
	uint32_t exits = count(COUNT_HOST_EXITS), i;

	for (i = 0; i < n; i++)
		getpid();
	exits = count(COUNT_HOST_EXITS) - exits;
	uprintf("syscalls: %u system calls, %u exits\n", n, exits);
	return 0;
}
