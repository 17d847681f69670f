// SPDX-License-Identifier: GPL-2.0
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
