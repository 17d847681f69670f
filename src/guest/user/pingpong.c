// SPDX-License-Identifier: GPL-2.0
/* pingpong.c: switching processes, and nothing else. */
#include "ulib.h"

int main(uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++)
		yield();
	return 0;
}
