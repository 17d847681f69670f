/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* syscall.h: what the guest's kernel and its programs agree on. */
#ifndef GUEST_SYSCALL_H
#define GUEST_SYSCALL_H

/* chapters/2-processes.nw, Address spaces: <<The layout of a process's address space>> */
#define USER_BASE	0x40000000u	/* the program's first byte */
#define USER_STACK_TOP	0x80000000u	/* one past the stack's last byte */
#define USER_STACK_MAX	0x00100000u	/* how far the stack may grow */
#define USER_HEAP_LIMIT	(USER_STACK_TOP - USER_STACK_MAX)

/* chapters/2-processes.nw, Programs: <<The header at the start of every program>> */
#define PROGRAM_MAGIC	0x4d415250	/* "PRAM" */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct program_header {
	uint32_t magic;		/* PROGRAM_MAGIC */
	uint32_t entry;		/* first instruction */
	uint32_t bss_end;	/* one past the last byte of zeroed data */
};
#endif

/* chapters/2-processes.nw, System calls: <<The system call numbers>> */
#define SYSCALL_VECTOR	0x80	/* the ABI's LGUEST_SYSCALL_VECTOR */

#define SYS_EXIT	1	/* (status): never returns */
#define SYS_WRITE	2	/* (buffer, length): to the console */
#define SYS_GETPID	3	/* (): the process's number */
#define SYS_YIELD	4	/* (): let another process run */
#define SYS_SBRK	5	/* (bytes): grow the heap, old end back */
#define SYS_COUNT	6	/* (COUNT_*): read a counter */

#define COUNT_HOST_EXITS	0	/* the Host's exits, all processes */
#define COUNT_PAGE_FAULTS	1	/* faults the kernel mended for me */
#define COUNT_TSC_KHZ		2	/* time-stamp counts a millisecond */

/* chapters/9-mastery.nw, The kernel's half: <<The system call numbers>> */
#define SYS_BENCH	7	/* (BENCH_*, a, b): a benchmark's kernel half */

#define BENCH_HCALLS	0	/* (n): n hypercalls that do nothing */
#define BENCH_PROTECT	1	/* (va, writable): change one mapping */
#define BENCH_IRQS	2	/* (n): n one-shot timer interrupts */
#define BENCH_DISK	3	/* (n, sectors): n reads of that size */
#define BENCH_CONSOLE	4	/* (n): n lines to the virtio console */
#define BENCH_EXITS	5	/* (reason): the Host's exits for it */
#define BENCH_REASONS	35	/* the ABI's LGUEST_EXIT_REASONS */

#endif /* GUEST_SYSCALL_H */
