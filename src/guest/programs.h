/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* programs.h: the user programs built into the guest's image. */
#ifndef GUEST_PROGRAMS_H
#define GUEST_PROGRAMS_H

/* chapters/9-mastery.nw, The benchmark programs: <<The benchmark programs>> */
#define FOR_EACH_BENCHMARK(X) \
	X(syscall) X(hypercall) X(fault_first) X(fault_zero) X(pte_update) \
	X(switch) X(memburn_linear) X(memburn_random) X(irq) X(disk_read) \
	X(disk_latency) X(console)
#define FOR_EACH_PROGRAM(X) \
	X(hello) X(pages) X(syscalls) X(private) X(pingpong) X(snoop) \
	X(spinner) X(fpu) X(randfault) X(wander) FOR_EACH_BENCHMARK(X)

#endif /* GUEST_PROGRAMS_H */
