// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/9-mastery.nw; edit the chapter, not this file. */
/* fault_zero.c: benchmark: demand-zero faults on fresh heap pages. */
#include "measure.h"

int main(uint32_t n)
{
	return fault_in_heap("fault-zero", n);
}
