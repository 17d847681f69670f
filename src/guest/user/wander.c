// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* wander.c: a process that reads a word wherever its argument says. */
#include "ulib.h"

int main(uint32_t index)
{
	volatile uint32_t *where = (volatile uint32_t *)(index << 22);

	uprintf("wander: read 0x%x at 0x%x\n", *where, index << 22);
	return 1;
}
