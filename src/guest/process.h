/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/2-processes.nw; edit the chapter, not this file. */
/* process.h: starting processes, and what traps ask of them. */
#ifndef GUEST_PROCESS_H
#define GUEST_PROCESS_H

#include <stdbool.h>
#include <stdint.h>
#include "traps.h"

bool start_process(const char *name, uint32_t arg);
unsigned int run_processes(void);
void do_syscall(struct trap_frame *tf);
bool process_trap(struct trap_frame *tf);

#endif /* GUEST_PROCESS_H */
