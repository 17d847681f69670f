/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* traps.h: the guest's IDT, and what its trap handlers see. */
#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include <stdbool.h>
#include <stdint.h>
#include "lguest.h"

/* chapters/1-guest.nw, Traps: <<The exception vectors the guest names>> */
#define TRAP_INVALID_OPCODE	6
#define TRAP_DOUBLE_FAULT	8
#define TRAP_NOT_PRESENT	11
#define TRAP_GENERAL_PROTECTION	13
#define TRAP_PAGE_FAULT		14
#define TRAP_VECTORS		20	/* 0-19: the exceptions */
#define TRAP_SYSCALL		LGUEST_SYSCALL_VECTOR	/* user programs' calls */

/* chapters/1-guest.nw, The way back: <<The exception vectors the guest names>> */
#define EFLAGS_IF		0x200	/* the interrupt flag, bit 9 */

/* chapters/1-guest.nw, Traps: <<The trap frame>> */
struct trap_frame {
	/* pushed by trap_common */
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;
	uint32_t gs, fs, es, ds;
	/* pushed by the stub; error is 0 where the processor pushes none */
	uint32_t vector, error;
	/* pushed by the Host, as the processor would */
	uint32_t eip, cs, eflags;
	/* pushed only for a trap from ring 3 */
	uint32_t esp, ss;
};

typedef bool (*trap_hook_t)(struct trap_frame *tf);

/* chapters/1-guest.nw, The virtual interrupt flag:
 * <<Interrupt handlers, as traps.c offers them>>
 */
void halt_until(bool (*done)(void));

/* chapters/1-guest.nw, Interrupt handlers: <<Interrupt handlers, as traps.c offers them>> */
typedef void (*irq_handler_t)(struct trap_frame *tf);

void set_irq_handler(unsigned int line, irq_handler_t handler);

void setup_idt(void);
struct trap_frame *trap_stack_top(void);
void remove_gate(unsigned int vector);
void expect_trap(trap_hook_t hook);
void guest_trap(struct trap_frame *tf);	/* called from traps.S */

#endif /* GUEST_TRAPS_H */
