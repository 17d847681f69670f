/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* hcall.h: the one instruction that calls the Host. */
#ifndef GUEST_HCALL_H
#define GUEST_HCALL_H

#include "lguest.h"

static inline unsigned long hcall(unsigned long nr, unsigned long a,
				  unsigned long b, unsigned long c)
{
	asm volatile("int %[gate]"
		     : "+a" (nr)
		     : [gate] "i" (LGUEST_TRAP_HCALL),
		       "b" (a), "c" (b), "d" (c)
		     : "memory");
	return nr;
}

#endif /* GUEST_HCALL_H */
