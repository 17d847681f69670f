// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* pingpong.c: switching processes, and nothing else. */
#include "ulib.h"

int main(uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		yield();
	return 0;
}
