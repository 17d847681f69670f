/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* ulib.h: the user programs' library. */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdint.h>
#include "syscall.h"

static inline uint32_t syscall3(uint32_t nr, uint32_t a, uint32_t b,
				uint32_t c)
{
	asm volatile("int %[vector]" : "+a" (nr)
		     : [vector] "i" (SYSCALL_VECTOR), "b" (a), "c" (b), "d" (c)
		     : "memory");
	return nr;
}

static inline uint64_t rdtsc(void)
{
	uint64_t tsc;

	asm volatile("rdtsc" : "=A" (tsc));
	return tsc;
}

#define getpid()	syscall3(SYS_GETPID, 0, 0, 0)
#define yield()		syscall3(SYS_YIELD, 0, 0, 0)
#define sbrk(n)		((void *)syscall3(SYS_SBRK, (n), 0, 0))
#define count(which)	syscall3(SYS_COUNT, (which), 0, 0)

void uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int main(uint32_t arg);

#endif /* USER_ULIB_H */
