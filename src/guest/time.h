/* SPDX-License-Identifier: GPL-2.0 */
/* Tangled from chapters/1-guest.nw; edit the chapter, not this file. */
/* time.h: the guest's clock, and its timer. */
#ifndef GUEST_TIME_H
#define GUEST_TIME_H

#include <stdint.h>
#include "traps.h"

uint64_t read_tsc(void);
uint32_t ms_since(uint64_t tsc);
void start_ticks(uint32_t hz, irq_handler_t on_tick);
void stop_ticks(void);
uint32_t ticks(void);

#endif /* GUEST_TIME_H */
