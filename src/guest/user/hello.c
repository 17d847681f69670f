// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* hello.c: a process says who and where it is. */
#include "ulib.h"

int main(uint32_t arg)
{
	uint16_t cs;

	(void)arg;
	asm("mov %%cs, %0" : "=rm" (cs));
	uprintf("hello from process %u in ring %u\n", getpid(), cs & 3u);
	return 0;
}
