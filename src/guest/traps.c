// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* traps.c: the guest's IDT, and the C half of every trap handler. */
#include "console.h"
#include "main.h"
#include "paravirt.h"
#include "process.h"
#include "segments.h"
#include "traps.h"

/* chapters/1-guest.nw, The gates: <<The table of trap stubs in traps.S>> */
extern const uint32_t trap_stubs[TRAP_VECTORS];
extern const char syscall_stub[];

/* chapters/1-guest.nw, Interrupt handlers: <<The table of trap stubs in traps.S>> */
extern const uint32_t irq_stubs[LGUEST_IRQS];

/* chapters/1-guest.nw, The gates: <<Load a gate into the IDT>> */
#define GATE_TRAP	0xf	/* 32-bit trap gate */

static void load_gate(unsigned int vector, uint32_t handler,
		      unsigned int dpl, bool present)
{
	uint32_t low = KERNEL_CS << 16 | (handler & 0xffff);
	uint32_t high = (handler & 0xffff0000) | DESC_DPL(dpl) |
			DESC_TYPE(GATE_TRAP) | (present ? DESC_P : 0);

	pv_load_idt_entry(vector, low, high);
}

/* chapters/1-guest.nw, Interrupt handlers: <<Load the interrupt gates>> */
#define GATE_INTERRUPT	0xe	/* 32-bit interrupt gate */

static void load_irq_gates(void)
{
	unsigned int line;

	for (line = 0; line < LGUEST_IRQS; line++)
		pv_load_idt_entry(LGUEST_IRQ_BASE + line,
				  KERNEL_CS << 16 | (irq_stubs[line] & 0xffff),
				  (irq_stubs[line] & 0xffff0000) | DESC_DPL(1) |
				  DESC_TYPE(GATE_INTERRUPT) | DESC_P);
}

/* chapters/1-guest.nw, The gates: <<Set up the guest's IDT>> */
static uint8_t trap_stack[8192] __attribute__((aligned(16)));

struct trap_frame *trap_stack_top(void)
{
	return (struct trap_frame *)(trap_stack + sizeof(trap_stack));
}

void setup_idt(void)
{
	unsigned int vector;

	for (vector = 0; vector < TRAP_VECTORS; vector++)
		load_gate(vector, trap_stubs[vector], 1, true);
	load_irq_gates();
	load_gate(TRAP_SYSCALL, (uint32_t)syscall_stub, 3, true);
	pv_set_stack(KERNEL_DS, __pa(trap_stack + sizeof(trap_stack)));
}

/* chapters/1-guest.nw, The gates: <<Remove a gate from the IDT>> */
void remove_gate(unsigned int vector)
{
	load_gate(vector, 0, 1, false);
}

/* chapters/1-guest.nw, Handling a trap: <<The trap hook the guest currently expects>> */
static trap_hook_t trap_hook;

void expect_trap(trap_hook_t hook)
{
	trap_hook = hook;
}

/* chapters/1-guest.nw, Interrupt handlers: <<Handle an interrupt>> */
static irq_handler_t irq_handlers[LGUEST_IRQS];

void set_irq_handler(unsigned int line, irq_handler_t handler)
{
	irq_handlers[line] = handler;
}

static void handle_interrupt(struct trap_frame *tf)
{
	irq_handler_t handler = irq_handlers[tf->vector - LGUEST_IRQ_BASE];

	if (handler)
		handler(tf);
}

/* chapters/1-guest.nw, The virtual interrupt flag:
 * <<Wait, with interrupts off, until a condition holds>>
 */
void halt_until(bool (*done)(void))
{
	for (;;) {
		pv_irq_disable();
		if (done())
			break;
		pv_halt();
	}
	pv_irq_enable();
}

/* chapters/1-guest.nw, The way back:
 * <<Put the interrupt flag back before returning from a trap>>
 */
static void prepare_return(const struct trap_frame *tf)
{
	bool was_on = tf->eflags & EFLAGS_IF;

	if ((tf->cs & 3) == 3 ||
	    (tf->vector >= LGUEST_IRQ_BASE &&
	     tf->vector < LGUEST_IRQ_BASE + LGUEST_IRQS && was_on))
		pv_irq_enable();
}

/* chapters/1-guest.nw, Handling a trap: <<Handle a trap in C>> */
static void handle_trap(struct trap_frame *tf)
{
	if (tf->vector == TRAP_SYSCALL) {
		do_syscall(tf);
		return;
	}
	if (tf->vector >= LGUEST_IRQ_BASE &&
	    tf->vector < LGUEST_IRQ_BASE + LGUEST_IRQS) {
		handle_interrupt(tf);
		return;
	}
	if (trap_hook && trap_hook(tf))
		return;
	if (process_trap(tf))
		return;
	kprintf("Guest: unexpected trap %u at eip 0x%08x error 0x%x\n",
		tf->vector, tf->eip, tf->error);
	shut_down(STATUS_BAD_TRAP);
}

/* chapters/1-guest.nw, Handling a trap: <<Handle a trap in C>> */
void guest_trap(struct trap_frame *tf)
{
	handle_trap(tf);
	prepare_return(tf);
}
