// SPDX-License-Identifier: GPL-2.0
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* time.c: the guest's clock, and the timer that ticks it. */
#include <stddef.h>
#include "paravirt.h"
#include "time.h"

/* chapters/1-guest.nw, Time: <<Read the time-stamp counter, and measure milliseconds>> */
uint64_t read_tsc(void)
{
	uint64_t tsc;

	asm volatile("rdtsc" : "=A" (tsc));
	return tsc;
}

uint32_t ms_since(uint64_t start)
{
	uint64_t counts = read_tsc() - start;
	uint32_t ms, rest;

	asm("divl %4" : "=a" (ms), "=d" (rest)
	    : "a" ((uint32_t)counts), "d" ((uint32_t)(counts >> 32)),
	      "rm" (pv_tsc_khz()));
	return ms;
}

/* chapters/1-guest.nw, Time: <<Tick at a rate, or stop ticking>> */
static uint32_t tick_ns, tick_count;
static irq_handler_t tick_hook;

static void tick(struct trap_frame *tf)
{
	tick_count++;
	if (tick_ns)
		pv_set_timer(tick_ns);
	if (tick_hook)
		tick_hook(tf);
}

void start_ticks(uint32_t hz, irq_handler_t on_tick)
{
	tick_ns = 1000000000u / hz;
	tick_hook = on_tick;
	set_irq_handler(LGUEST_IRQ_TIMER, tick);
	pv_set_timer(tick_ns);
}

/* chapters/1-guest.nw, Time: <<Tick at a rate, or stop ticking>> */
void stop_ticks(void)
{
	tick_ns = 0;
	tick_hook = NULL;
	pv_set_timer(0);
}

uint32_t ticks(void)
{
	return tick_count;
}
