/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* programs.h: the user programs built into the guest's image. */
#ifndef GUEST_PROGRAMS_H
#define GUEST_PROGRAMS_H

#define FOR_EACH_PROGRAM(X) \
	X(hello) X(pages) X(syscalls) X(private) X(pingpong) X(snoop) \
	X(spinner) X(fpu)

#endif /* GUEST_PROGRAMS_H */
